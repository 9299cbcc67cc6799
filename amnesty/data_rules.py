"""The rules a schema cannot say, each a SQL query over the typed tables and the words for what it finds.

They run once every cell is valid (amnesty/validate.py), over one view per resource, named as the
resource, with each field as its type, numbers also as typed (`value_text`), and `row` as a
spreadsheet counts it. A rule's query returns `row`, `column` and the values its message names.
"""
from __future__ import annotations

from dataclasses import dataclass

from amnesty.problems import Problem
from amnesty.schema_sql import identifier, typed

# How each qualifier bounds the printed value. "More than 5,000" gives a lower bound of 5,000
# (the bound is exclusive; the build treats it as inclusive, which is weaker and still true).
EXPECTED_BOUNDS = {
    "exact": ("value", "value"),
    "at_least": ("value", None),
    "more_than": ("value", None),
    "nearly": (None, "value"),
    "about": (None, None),
    "range": ("given", "given"),
}
# Units that count whole things: 148.5 persons is a typing slip, not a figure.
COUNT_UNITS = ["persons", "groups"]
# Every row that cites a source says where in it the fact stands. A seed source (one whose text we
# hold in data/snapshots/) is cited by a verbatim quote, checked against the snapshot by the tests;
# any other source by its URL and a locator in our own words, never by its text.
CITING_FILES = ("figures", "figure_sources", "act_events", "statements")
# Events that make an act law: an implementation count cannot be dated before the first of them.
ENACTING_EVENTS = ["adopted", "signed", "decree", "in_force"]
OUTCOME_STAGES = ["interim", "final"]


@dataclass(frozen=True)
class Rule:
    resource: str
    sql: str
    message: str  # str.format over the query's columns


def _bound(side: str) -> str:
    """The `side` bound ('low' or 'high') disagrees with what the qualifier says it should be."""
    return f"""
        select f.row, '{side}' as "column", f.qualifier, f.value_text,
               case when b.{side} = 'value' then f.value_text else 'empty' end as shown
        from figures as f join expected_bounds as b using (qualifier)
        where b.{side} is distinct from 'given' and f.value is not null
          and case when b.{side} = 'value' then f.{side} is distinct from f.value else f.{side} is not null end"""


def _whole(column: str) -> str:
    return f"""
        select f.row, '{column}' as "column", f.{column}_text as text, f.measure_id, m.unit
        from figures as f join measures as m using (measure_id)
        where list_contains($count_units, m.unit) and f.{column} <> floor(f.{column})"""


def _citing(name: str) -> list[Rule]:
    cites = f"from {identifier(name)} as c join sources as s using (source_id)"
    return [
        Rule(name, f"select c.row, 'quote' as \"column\", c.source_id, s.snapshot {cites} "
                   "where s.snapshot is not null and c.quote is null",
             "required: the verbatim words of {source_id!r}, whose text is in {snapshot}"),
        Rule(name, f"select c.row, 'quote' as \"column\", c.source_id {cites} "
                   "where s.snapshot is null and c.quote is not null",
             "must be empty: we hold no copy of {source_id!r} and never copy its text; use locator"),
        Rule(name, f"select c.row, 'locator' as \"column\", c.source_id {cites} "
                   "where s.snapshot is null and c.locator is null",
             "required: where in {source_id!r} this stands, in our own words"),
    ]


# In the order a row's problems are listed.
RULES = [
    Rule("figures", """select f.row, 'measure_id' as "column", f.measure_id
                       from figures as f join measures as m using (measure_id) where m.derived""",
         "{measure_id!r} is derived by the build; it must not be typed in"),
    *(Rule("figures", _whole(column), "{text} is not a whole number; {measure_id!r} counts {unit}")
      for column in ("value", "low", "high")),
    Rule("figures", """select row, 'low' as "column", low_text, high_text from figures where low > high""",
         "low {low_text} is greater than high {high_text}"),
    Rule("figures", """select f.row, case when f.low is null then 'low' else 'high' end as "column"
                       from figures as f join expected_bounds as b using (qualifier)
                       where b.low = 'given' and (f.low is null or f.high is null)""",
         "a range needs both low and high"),
    Rule("figures", """select f.row, 'value' as "column" from figures as f join expected_bounds as b using (qualifier)
                       where b.low = 'given' and f.value is not null""",
         "a range has no single value; leave value empty"),
    Rule("figures", """select f.row, 'value' as "column", f.qualifier
                       from figures as f join expected_bounds as b using (qualifier)
                       where b.low is distinct from 'given' and f.value is null""",
         "required for qualifier {qualifier!r}"),
    Rule("figures", _bound("low"), "should be {shown} for qualifier {qualifier!r} and value {value_text}"),
    Rule("figures", _bound("high"), "should be {shown} for qualifier {qualifier!r} and value {value_text}"),
    Rule("figures", """select row, 'measure_id' as "column", act_id, stage, as_of, previous_row from (
                           select f.row, f.act_id, f.stage, f.as_of,
                                  lag(f.row) over (partition by f.act_id, f.stage, f.as_of order by f.row) as previous_row
                           from figures as f join measures as m using (measure_id) where m.role = 'scope')
                       where previous_row is not null""",
         "a second scope figure for {act_id} ({stage}, as of {as_of}); row {previous_row} already gives one"),
    Rule("sources", """select row, 'url' as "column" from sources
                       where url is null and snapshot is null and reported_in is null""",
         "required: a source we read ourselves needs its address"),
    Rule("sources", """select row, 'url' as "column", url from sources
                       where url is not null and not starts_with(url, 'https://') and not starts_with(url, 'http://')""",
         "{url!r} is not a web address (http:// or https://)"),
    Rule("sources", """select row, 'accessed' as "column" from sources where url is not null and accessed is null""",
         "required with a url: the date we read the page"),
    Rule("sources", """select row, 'published' as "column" from sources where published is null and reported_in is null""",
         "required: the date the source was published"),
    *(rule for name in CITING_FILES for rule in _citing(name)),
    Rule("figures", """select f.row, 'disagreement' as "column" from figures as f
                       where f.disagreement is not null
                         and not exists (select 1 from figure_sources as s where s.figure_id = f.figure_id)""",
         "a disagreement needs a second source: add the other side to figure_sources.csv"),
    # A count of what an act delivered dated before the act was law, or a final count dated before
    # an interim one, is a typing slip or a misread source.
    Rule("figures", """with enacted as (
                           select act_id, min(date) as start from (
                               select act_id, act_date as date from acts where list_contains($enacting, act_date_event)
                               union all
                               select act_id, date from act_events where list_contains($enacting, event))
                           group by act_id)
                       select f.row, 'as_of' as "column", f.stage, f.as_of, f.act_id, e.start,
                              case when f.stage = 'interim' then 'an' else 'a' end as article
                       from figures as f join enacted as e using (act_id)
                       where list_contains($outcome, f.stage) and wholly_before(f.as_of, e.start)""",
         "{article} {stage} count dated {as_of}, before {act_id} became law ({start})"),
    Rule("figures", """with latest_interim as (
                           select act_id, measure_id, max(as_of) as interim from figures
                           where stage = 'interim' group by act_id, measure_id)
                       select f.row, 'stage' as "column", f.as_of, i.interim
                       from figures as f join latest_interim as i using (act_id, measure_id)
                       where f.stage = 'final' and wholly_before(f.as_of, i.interim)""",
         "a final count dated {as_of}, before an interim count of the same measure ({interim})"),
]


def create_typed_views(con, package) -> None:
    """One view per resource, named as it, over cells.<resource>: each field as its type, and a
    number also as the text the editor typed (a message repeats it as typed)."""
    for resource in package.resources:
        columns = ["row"]
        for field in resource.schema.fields:
            columns.append(f"{typed(field)} as {identifier(field.name)}")
            if field.type in ("number", "integer"):
                columns.append(f"{identifier(field.name)} as {identifier(field.name + '_text')}")
        con.execute(f"create view {identifier(resource.name)} as select {', '.join(columns)} "
                    f"from cells.{identifier(resource.name)}")
    con.execute("create table expected_bounds (qualifier varchar, low varchar, high varchar)")
    con.executemany("insert into expected_bounds values (?, ?, ?)",
                    [(qualifier, low, high) for qualifier, (low, high) in EXPECTED_BOUNDS.items()])
    # '2026-01' is not wholly before '2026-01-20': dates compare at the precision both give.
    con.execute("create macro wholly_before(a, b) as "
                "left(a, least(length(a), length(b))) < left(b, least(length(a), length(b)))")


def rule_problems(con, package) -> list[Problem]:
    paths = {r.name: r.path for r in package.resources}
    parameters = {"count_units": COUNT_UNITS, "enacting": ENACTING_EVENTS, "outcome": OUTCOME_STAGES}
    problems = []
    for rule in RULES:
        used = {k: v for k, v in parameters.items() if f"${k}" in rule.sql}
        result = con.execute(rule.sql, used)
        names = [d[0] for d in result.description]
        for values in map(dict, (zip(names, row) for row in result.fetchall())):
            problems.append(Problem(paths[rule.resource], values["row"], values["column"],
                                    rule.message.format(**values)))
    return problems
