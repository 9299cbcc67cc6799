"""A synthetic dataset in the schema of data/, large enough to find what does not scale.

    python bench/synthetic.py OUT_DIR [--acts 10000] [--figures 1000000]

Writes sources.csv, acts.csv and figures.csv with synthetic rows added, copies of the other tables
of data/ (measures, prisoner groups, act events, statements, figure sources) and of
data/datapackage.json into OUT_DIR, so `amnesty validate --data-dir OUT_DIR` and `amnesty build
--data-dir OUT_DIR` read it exactly as they read data/. DuckDB writes the CSVs with COPY, which
takes about a second for a million rows; the rows are deterministic (no random seed to carry).

The real acts, figures, measures, sources and prisoner groups are kept as they are, and the
synthetic ones are added beside them: pages that open on a real default (the 2025-26 act, say)
still find it, and every row obeys the same schema and cross-row rules as the real data:
- one scope figure per act and stage ("affected" announced, "covered by the pardon" reported);
- every other figure is a release or relief count, as the progress reports of a long act would be;
- one act in a hundred also carries the political-prisoner measures, each once, so the derived
  ratios join one row to one row as they do for the real 2025-26 act;
- qualifiers and bounds agree (exact: low = high = value; at least / more than: low = value;
  nearly: high = value; about: no bounds; range: low and high, no value);
- synthetic sources are web pages (a URL and the day it was read), so a figure citing one gives a
  locator in our words and no quote (the provenance rule of issue 12); acts keep a quote, which
  carries Azerbaijani letters, commas and quote marks, so the CSV writer and reader are exercised
  as well as the row count.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"

SYNTHETIC_SOURCES = 50
# Measures that a synthetic act reports many times (release and relief counts, by stage).
REPEATED_MEASURES = [
    "released", "released_from_correctional_institutions", "released_from_settlement_type_institutions",
    "released_from_imprisonment", "remainder_of_sentence_waived", "released_outright",
    "sentence_reduced", "released_from_restriction_of_liberty",
    "released_from_other_non_custodial", "freed_from_criminal_liability",
]
# Tables copied from data/ as they are.
COPIED = ("measures.csv", "prisoner_groups.csv", "act_events.csv", "statements.csv", "figure_sources.csv")
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


def write(out_dir: Path, acts: int = 10_000, figures: int = 1_000_000) -> dict:
    """Write the synthetic data package into out_dir; return counts and the time taken."""
    if figures < acts * 2:
        raise ValueError("need at least two figures per act (its two scope figures)")
    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA_DIR / "datapackage.json", out_dir / "datapackage.json")
    for name in COPIED:
        if (DATA_DIR / name).exists():
            shutil.copy(DATA_DIR / name, out_dir / name)
    con = duckdb.connect()
    try:
        _sources(con, out_dir)
        _acts(con, out_dir, acts)
        _figures(con, out_dir, acts, figures)
    finally:
        con.close()
    return {"acts": acts, "figures": figures, "real_acts_kept": _rows(DATA_DIR / "acts.csv"),
            "real_figures_kept": _rows(DATA_DIR / "figures.csv"),
            "bytes": sum(p.stat().st_size for p in out_dir.glob("*.csv")),
            "seconds": time.perf_counter() - started}


def _rows(path: Path) -> int:
    with open(path, encoding="utf-8") as f:
        return sum(1 for _ in f) - 1


def _csv(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _real(con, name: str) -> str:
    # all_varchar keeps the real rows byte for byte (no "148" -> "148.0", no date parsing).
    return f"read_csv({_csv(DATA_DIR / name)}, all_varchar = true, header = true)"


def _copy(con, select_sql: str, path: Path) -> None:
    # NULL is written as an empty field, which is the package's only missing value.
    con.execute(f"copy ({select_sql}) to {_csv(path)} (header, delimiter ',', quote '\"', nullstr '')")


def _sources(con, out_dir: Path) -> None:
    _copy(con, f"""
        select * from {_real(con, 'sources.csv')}
        union all
        select
            format('syn-source-{{:03d}}', i) as source_id,
            format('Synthetic source {{:03d}}', i) as short_name,
            'Synthetic publisher' as publisher,
            null as author,
            format('Synthetic report {{:03d}}', i) as title,
            '2024' as published,
            'false' as published_inferred,
            '2025-01-01' as accessed,
            format('https://example.org/synthetic/{{:03d}}', i) as url,
            'en' as language,
            ['official', 'monitor', 'press'][1 + i % 3] as kind,
            'false' as secondary,
            'false' as ai_written,
            null as reported_in,
            null as snapshot,
            'Synthetic row for the benchmark; not a real source.' as reliability_note
        from range({SYNTHETIC_SOURCES}) as t(i)
    """, out_dir / "sources.csv")


def _acts(con, out_dir: Path, acts: int) -> None:
    _copy(con, f"""
        select * from {_real(con, 'acts.csv')}
        union all
        select
            format('syn-act-{{:05d}}', i) as act_id,
            format('Synthetic {{:05d}}', i) as label,
            format('Synthetic act {{:05d}}', i) as title,
            ['amnesty_act', 'pardon_decree'][1 + i % 2] as kind,
            (1991 + i % 35)::varchar as year,
            'Synthetic occasion' as occasion,
            (1991 + i % 35)::varchar as act_date,
            'decree' as act_date_event,
            'implemented' as status,
            (1991 + i % 35)::varchar as status_as_of,
            format('syn-source-{{:03d}}', i % {SYNTHETIC_SOURCES}) as source_id,
            format('Synthetic act {{:05d}} freed "some" prisoners, ə ğ ş ç ö ü ı', i) as quote
        from range({acts}) as t(i)
    """, out_dir / "acts.csv")


def _figures(con, out_dir: Path, acts: int, figures: int) -> None:
    repeated = "[" + ", ".join(f"'{m}'" for m in REPEATED_MEASURES) + "]"
    per_act = figures // acts
    prisoner_rows = " union all ".join(
        f"select '{m}' as measure_id, '{q}' as qualifier, {lo} as low, {hi} as high, {k} as slot"
        for k, (m, q, lo, hi) in enumerate(PRISONER_MEASURES, start=2))
    _copy(con, f"""
        with slots as (
            -- figure n belongs to act n // per_act (the last act takes the remainder)
            select n, least(n // {per_act}, {acts - 1}) as act, n - least(n // {per_act}, {acts - 1}) * {per_act} as slot
            from range({figures}) as t(n)
        ),
        prisoner_measures as ({prisoner_rows}),
        shaped as (
            select
                s.n, s.act, s.slot,
                format('syn-act-{{:05d}}', s.act) as act_id,
                case
                    when s.slot = 0 then 'affected'
                    when s.slot = 1 then 'covered_by_pardon'
                    when p.measure_id is not null then p.measure_id
                    else {repeated}[1 + s.slot % {len(REPEATED_MEASURES)}]
                end as measure_id,
                case
                    when s.slot = 0 then 'announced'
                    when s.slot = 1 then 'reported'
                    when p.measure_id = 'political_prisoners_expected_release' then 'expected'
                    when p.measure_id is not null then 'reported'
                    else ['announced', 'reported', 'expected'][1 + s.slot % 3]
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
            left join prisoner_measures as p
                on s.act % {PRISONER_EVERY} = 0 and p.slot = s.slot
        )
        select * from (
            select * from {_real(con, 'figures.csv')}
            union all
            select
                format('syn-act-{{:05d}}.f{{:04d}}', act, slot) as figure_id,
                act_id,
                measure_id,
                stage,
                case when qualifier in ('range') then null else amount::varchar end as value,
                qualifier,
                case when qualifier = 'about' then 'true' else 'false' end as approximate,
                case when qualifier in ('exact', 'at_least', 'more_than') then amount::varchar
                     when qualifier = 'range' then amount::varchar end as low,
                case when qualifier in ('exact', 'nearly') then amount::varchar
                     when qualifier = 'range' then coalesce(prisoner_high, amount + 5)::varchar end as high,
                (1991 + act % 35)::varchar || '-' || lpad((1 + slot % 12)::varchar, 2, '0') as as_of,
                'false' as as_of_inferred,
                format('syn-source-{{:03d}}', (act + slot) % {SYNTHETIC_SOURCES}) as source_id,
                case when slot % 5 = 0 then format('syn-source-{{:03d}}', (act + slot + 1) % {SYNTHETIC_SOURCES}) end
                    as attributed_to,
                null as quote,  -- a web source we hold no copy of: cited by locator, never by its text
                case when qualifier = 'about' then 'about' end as qualifier_words,
                format('Table {{}}, "as stated", in Bakı; ə ğ ş', slot) as locator,
                null as disagreement,
                case when slot % 10 = 0 then 'Synthetic note, with a comma.' end as note
            from shaped
        )
    """, out_dir / "figures.csv")


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
