"""A synthetic dataset in the schema of data/, large enough to find what does not scale.

    python bench/synthetic.py OUT_DIR [--acts 10000] [--figures 1000000]

Writes every file that data/datapackage.json names, and a copy of that descriptor, into OUT_DIR, so
`amnesty validate --data-dir OUT_DIR` and `amnesty build --data-dir OUT_DIR` read it exactly as they
read data/. DuckDB writes the CSVs with COPY, which takes about a second for a million rows; the
rows are deterministic (no random seed to carry).

The real rows of every file are kept as they are, and the synthetic ones are added beside them:
pages that open on a real default (the 2025-26 act, say) still find it, and every row obeys the
same schema and cross-row rules as the real data:
- one scope figure per act and stage ("affected" announced, "covered by the pardon" reported);
- every other figure is a release or relief count (a measure of that role in measures.csv), as the
  progress reports of a long act would be, some of them interim counts dated after the act;
- one act in a hundred also carries the political-prisoner measures, each once, so the derived
  ratios join one row to one row as they do for the real 2025-26 act;
- qualifiers and bounds agree (exact: low = high = value; at least / more than: low = value;
  nearly: high = value; about: no bounds; range: low and high, no value);
- every act has a dated "signed" event, and one figure in ten a second source in
  figure_sources.csv, so the composite keys and foreign keys are checked at scale too;
- synthetic sources are read on the web (an address, no copy held), so their rows cite them by a
  locator in our words, never a quote; locators carry Azerbaijani letters, commas and quote marks,
  so the CSV writer and reader are exercised as well as the row count.
A column the generator does not fill is written empty, so a column added to the schema later
keeps the files readable (the validator then says which rule the empty cells break).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"

SYNTHETIC_SOURCES = 50
# Political-prisoner measures, each once per act that has them: (measure, qualifier, low, high).
PRISONER_MEASURES = [
    ("political_prisoners_listed", "exact", 300, 300),
    ("political_prisoner_groups_listed", "exact", 12, 12),
    ("political_prisoner_groups_reached", "exact", 2, 2),
    ("religious_believers_listed", "exact", 150, 150),
    ("political_prisoners_released", "exact", 20, 20),
    ("political_prisoners_expected_release", "range", 10, 15),
]
PRISONER_EVERY = 100  # one act in a hundred
SECOND_SOURCE_EVERY = 10  # one figure in ten has a row in figure_sources.csv


def write(out_dir: Path, acts: int = 10_000, figures: int = 1_000_000) -> dict:
    """Write the synthetic data package into out_dir; return counts and the time taken."""
    if figures < acts * 2:
        raise ValueError("need at least two figures per act (its two scope figures)")
    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA_DIR / "datapackage.json", out_dir / "datapackage.json")
    columns = {r["name"]: [f["name"] for f in r["schema"]["fields"]]
               for r in json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    synthetic = {"sources": _sources(), "acts": _acts(acts), "act_events": _act_events(acts),
                 "figures": _figures(acts, figures),
                 "figure_sources": _figure_sources(acts, figures)}
    con = duckdb.connect()
    try:
        for name, names in columns.items():
            select = f"select * from {_real(name)}"
            if name in synthetic:
                rows, values = synthetic[name]
                # Unfilled columns are empty; the schema's column order is kept.
                select += " union all select " + ", ".join(
                    f"({values[c]})::varchar as {c}" if c in values else f"null::varchar as {c}"
                    for c in names) + f" from {rows}"
            _copy(con, select, out_dir / f"{name}.csv")
    finally:
        con.close()
    return {"acts": acts, "figures": figures, "real_acts_kept": _rows(DATA_DIR / "acts.csv"),
            "real_figures_kept": _rows(DATA_DIR / "figures.csv"),
            "rows": {p.stem: _rows(p) for p in out_dir.glob("*.csv")},
            "bytes": sum(p.stat().st_size for p in out_dir.glob("*.csv")),
            "seconds": time.perf_counter() - started}


def _rows(path: Path) -> int:
    """Records in a CSV file, header excluded (a quoted cell may hold a line break)."""
    with duckdb.connect() as con:
        return con.execute(f"select count(*) from {_real(path.stem, path.parent)}").fetchone()[0]


def _csv(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _real(name: str, folder: Path = DATA_DIR) -> str:
    # all_varchar keeps the real rows byte for byte (no "148" -> "148.0", no date parsing).
    return f"read_csv({_csv(folder / f'{name}.csv')}, all_varchar = true, header = true)"


def _copy(con, select_sql: str, path: Path) -> None:
    # NULL is written as an empty field, which is the package's only missing value.
    con.execute(f"copy ({select_sql}) to {_csv(path)} (header, delimiter ',', quote '\"', nullstr '')")


def _sources():
    return f"range({SYNTHETIC_SOURCES}) as t(i)", {
        "source_id": "format('syn-source-{:03d}', i)",
        "short_name": "format('Synthetic source {:03d}', i)",
        "publisher": "'Synthetic publisher'",
        "title": "format('Synthetic report {:03d}', i)",
        "published": "'2024'",
        "published_inferred": "'false'",
        "accessed": "'2024-06-01'",
        "url": "format('https://example.org/synthetic/{:03d}', i)",
        "language": "['en', 'az', 'ru'][1 + i % 3]",
        "kind": "['official', 'monitor', 'press'][1 + i % 3]",
        "secondary": "'false'",
        "ai_written": "'false'",
        "reliability_note": "'Synthetic row for the benchmark; not a real source.'",
    }


def _year(act: str) -> str:
    return f"(1991 + {act} % 35)::varchar"


def _acts(acts: int):
    return f"range({acts}) as t(i)", {
        "act_id": "format('syn-act-{:05d}', i)",
        "label": "format('Synthetic {:05d}', i)",
        "title": "format('Synthetic act {:05d}', i)",
        "kind": "['amnesty_act', 'pardon_decree'][1 + i % 2]",
        "year": _year("i"),
        "occasion": "'Synthetic occasion'",
        "act_date": _year("i"),
        "act_date_event": "'decree'",
        "status": "'implemented'",
        "status_as_of": _year("i"),
        "source_id": f"format('syn-source-{{:03d}}', i % {SYNTHETIC_SOURCES})",
        "quote": "format('Synthetic act {:05d} freed \"some\" prisoners, ə ğ ş ç ö ü ı', i)",
    }


def _act_events(acts: int):
    return f"range({acts}) as t(i)", {
        "act_id": "format('syn-act-{:05d}', i)",
        "event": "'signed'",
        "date": _year("i"),
        "date_inferred": "'false'",
        "source_id": f"format('syn-source-{{:03d}}', i % {SYNTHETIC_SOURCES})",
        "locator": "'the signing, second paragraph'",
    }


def _shaped_figures(acts: int, figures: int) -> str:
    """One row per synthetic figure: its act, slot, measure, stage, qualifier and amount."""
    per_act = figures // acts
    prisoner_rows = " union all ".join(
        f"select '{m}' as measure_id, '{q}' as qualifier, {lo} as low, {hi} as high, {k} as slot"
        for k, (m, q, lo, hi) in enumerate(PRISONER_MEASURES, start=2))
    # Release and relief counts, read from measures.csv so a renamed measure cannot break the set.
    repeated = (f"(select list(measure_id order by measure_id) from {_real('measures')} "
                "where role in ('release', 'relief') and derived = 'false')")
    return f"""(
        with slots as (
            -- figure n belongs to act n // per_act (the last act takes the remainder)
            select n, least(n // {per_act}, {acts - 1}) as act, n - least(n // {per_act}, {acts - 1}) * {per_act} as slot
            from range({figures}) as t(n)
        ),
        prisoner_measures as ({prisoner_rows}),
        repeated as (select {repeated} as measures)
        select
            s.n, s.act, s.slot,
            case
                when s.slot = 0 then 'affected'
                when s.slot = 1 then 'covered_by_pardon'
                when p.measure_id is not null then p.measure_id
                else r.measures[1 + s.slot % len(r.measures)]
            end as measure_id,
            case
                when s.slot = 0 then 'announced'
                when s.slot = 1 then 'reported'
                when p.measure_id = 'political_prisoners_expected_release' then 'expected'
                when p.measure_id is not null then 'reported'
                -- an interim count is dated in the act's year, never before the act (dated the year)
                else ['announced', 'reported', 'expected', 'interim'][1 + s.slot % 4]
            end as stage,
            case
                when s.slot < 2 then 'at_least'
                when p.measure_id is not null then p.qualifier
                else ['exact', 'exact', 'exact', 'at_least', 'more_than', 'nearly', 'about', 'range'][1 + (s.n * 7 + s.slot) % 8]
            end as qualifier,
            case when s.slot < 2 then 100000 + s.act % 1000 * 10
                 when p.measure_id is not null then p.low
                 else 10 + (s.n * 37) % 990 end as amount,
            p.high as prisoner_high
        from slots as s
        cross join repeated as r
        left join prisoner_measures as p
            on s.act % {PRISONER_EVERY} = 0 and p.slot = s.slot
    )"""


def _figures(acts: int, figures: int):
    return f"{_shaped_figures(acts, figures)} as shaped", {
        "figure_id": "format('syn-act-{:05d}.f{:04d}', act, slot)",
        "act_id": "format('syn-act-{:05d}', act)",
        "measure_id": "measure_id",
        "stage": "stage",
        "value": "case when qualifier = 'range' then null else amount end",
        "qualifier": "qualifier",
        "approximate": "case when qualifier in ('about', 'nearly') then 'true' else 'false' end",
        "low": "case when qualifier in ('exact', 'at_least', 'more_than', 'range') then amount end",
        "high": "case when qualifier in ('exact', 'nearly') then amount "
                "when qualifier = 'range' then coalesce(prisoner_high, amount + 5) end",
        "as_of": f"{_year('act')} || '-' || lpad((1 + slot % 12)::varchar, 2, '0')",
        "as_of_inferred": "'false'",
        "source_id": f"format('syn-source-{{:03d}}', (act + slot) % {SYNTHETIC_SOURCES})",
        "attributed_to": f"case when slot % 5 = 0 then format('syn-source-{{:03d}}', (act + slot + 1) % {SYNTHETIC_SOURCES}) end",
        "locator": "format('Report {}: {:,} people, \"as stated\", in Bakı; ə ğ ş', slot, amount)",
        "note": "case when slot % 10 = 0 then 'Synthetic note, with a comma.' end",
    }


def _figure_sources(acts: int, figures: int):
    return f"{_shaped_figures(acts, figures)} as shaped where n % {SECOND_SOURCE_EVERY} = 0", {
        "figure_id": "format('syn-act-{:05d}.f{:04d}', act, slot)",
        # Never the figure's own source: (act + slot) is its first.
        "source_id": f"format('syn-source-{{:03d}}', (act + slot + 7) % {SYNTHETIC_SOURCES})",
        "locator": "'the same count, restated in a later report'",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--acts", type=int, default=10_000)
    parser.add_argument("--figures", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    info = write(args.out_dir, args.acts, args.figures)
    print(f"wrote {info['acts']:,} acts and {info['figures']:,} figures (+ the real rows) "
          f"to {args.out_dir} in {info['seconds']:.2f} s ({info['bytes'] / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
