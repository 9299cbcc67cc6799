"""The CLI reference in the README, generated from the typer app so that a test can keep it true.

Run `python -m amnesty.cli_reference` to rewrite the README section after changing the CLI.
"""
from __future__ import annotations

import re

import typer
from typer.testing import CliRunner

from amnesty.cli import app
from amnesty.paths import ROOT

README = ROOT / "README.md"
START, END = "<!-- cli-reference:start -->", "<!-- cli-reference:end -->"
# A fixed width keeps the text the same on every terminal and in CI.
ENV = {"COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1"}


def _command_paths(command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [path]
    if hasattr(command, "commands"):  # a group (typer's own click-compatible class)
        for name in sorted(command.commands):
            paths += _command_paths(command.commands[name], path + (name,))
    return paths


def render() -> str:
    runner = CliRunner()
    sections = []
    for path in _command_paths(typer.main.get_command(app)):
        result = runner.invoke(app, [*path, "--help"], env=ENV, prog_name="amnesty")
        text = "\n".join(line.rstrip() for line in result.output.strip().splitlines())
        sections.append(f"### `amnesty {' '.join(path)}`\n\n```text\n{text}\n```".replace("amnesty `", "amnesty`"))
    return "\n\n".join(sections)


SECTION = re.compile(re.escape(START) + r"\n?(.*?)\n?" + re.escape(END), re.S)


def readme_section(readme: str) -> str:
    match = SECTION.search(readme)
    return match.group(1) if match else ""


def write() -> None:
    readme = README.read_text(encoding="utf-8")
    block = f"{START}\n{render()}\n{END}"
    README.write_text(SECTION.sub(lambda _: block, readme, count=1), encoding="utf-8")


if __name__ == "__main__":
    write()
