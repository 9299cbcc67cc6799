"""The README's CLI reference is generated; this fails when the CLI changed and it was not."""
from amnesty.cli_reference import README, readme_section, render


def test_the_cli_reference_in_the_readme_is_current():
    assert readme_section(README.read_text(encoding="utf-8")) == render(), (
        "README CLI reference is stale: run `.venv/bin/python -m amnesty.cli_reference`")


def test_the_readme_leads_with_the_two_setup_commands():
    text = README.read_text(encoding="utf-8")
    first_block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split()[0:2] for line in first_block.strip().splitlines()] == [["make", "run"], ["make", "test"]]
