"""What datapackage.json says of each cell, checked in SQL over cells.<resource> (amnesty/csv_files.py).

Every check is written from the descriptor: a field's type and constraints become one CASE per
column, whose first broken rule is that cell's one problem (a cell is named once, in the order an
editor would mend it); unique fields, the primary key and the foreign keys become grouped queries.
Each returns the row, the column and the cell, and the message is worded in Python.
"""
from __future__ import annotations

from amnesty.problems import (BLANK_ROW, CONTROL_CHARACTER, CONTROL_CHARACTERS, INVISIBLE_CHARACTER, INVISIBLE_CHARACTERS,
                              PLAIN_NUMBER, Problem, character_class, control_message, duplicate_message,
                              invisible_message, number_message)
from amnesty.schema_sql import identifier, string_literal, text_list

# The constraints checked here; a descriptor asking for another is refused, not silently passed.
CONSTRAINTS = ("required", "unique", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength")
TYPES = ("string", "integer", "number", "boolean")
CONTROL = string_literal(character_class(CONTROL_CHARACTERS, re2=True))
INVISIBLE = string_literal(character_class(INVISIBLE_CHARACTERS, re2=True))


def descriptor_problems(package) -> list[Problem]:
    """Types and constraints this validator cannot check, so that none is passed over unread."""
    problems = []
    for resource in package.resources:
        for field in resource.schema.fields:
            where = f"resource {resource.name!r}, field {field.name!r}"
            if field.type not in TYPES:
                problems.append(Problem("datapackage.json", None, None,
                                        f"{where}: type {field.type!r} is not one of {', '.join(TYPES)}"))
            for constraint in field.constraints:
                if constraint not in CONSTRAINTS:
                    problems.append(Problem("datapackage.json", None, None,
                                            f"{where}: constraint {constraint!r} is not one of {', '.join(CONSTRAINTS)}"))
    return problems


def cell_problems(con, resource, marked: bool) -> list[Problem]:
    """Each cell's first broken rule: a character no cell may hold (looked for only if the file's
    text holds one), then emptiness, type and each constraint; and each row that holds nothing.
    One query, one pass over the table, returns only the rows with a problem."""
    fields = resource.schema.fields
    kinds, cells = [], []
    for number, field in enumerate(fields):
        rules = _rules(field, marked)
        if any(name for name, _ in rules):
            kinds.append("case " + " ".join(f"when {test} then {string_literal(name) if name else 'null'}"
                                            for name, test in rules) + f" end as kind_{number}")
            cells.append((number, identifier(field.name)))
    blank = " and ".join(f"{identifier(f.name)} is null" for f in fields)
    query = f"""
        with checked as (
            select row, {blank} as blank, {', '.join(kinds + [cell for _, cell in cells]) or 'null as nothing'}
            from cells.{identifier(resource.name)} where not misshapen
        )
        select * from checked where blank {''.join(f' or kind_{n} is not null' for n, _ in cells)}"""
    problems = []
    for row, blank, *found in con.execute(query).fetchall():
        if blank:
            problems.append(Problem(resource.path, row, None, BLANK_ROW))
            continue
        for (number, _), kind, cell in zip(cells, found[:len(cells)], found[len(cells):]):
            if kind is not None:
                problems.append(Problem(resource.path, row, fields[number].name, _message(kind, cell, fields[number])))
    return problems


def _rules(field, marked: bool) -> list[tuple[str | None, str]]:
    """(name, SQL test) for each rule of `field` a cell can break, in the order they are tried; the
    first test a cell meets decides, and a test named None passes the cell."""
    cell = identifier(field.name)
    rules = []
    if marked:
        rules += [("control", f"regexp_matches({cell}, {CONTROL})"),
                  ("invisible", f"regexp_matches({cell}, {INVISIBLE})")]
    constraints = field.constraints
    # An empty cell breaks "required" or nothing: no type or constraint applies to it.
    rules.append(("required" if constraints.get("required") else None, f"{cell} is null"))
    if field.type in ("number", "integer"):
        number = f"try_cast({cell} as double)"
        rules.append(("number", f"not (regexp_full_match({cell}, {string_literal(PLAIN_NUMBER)}) "
                                f"and coalesce(isfinite({number}), false))"))
        if field.type == "integer":
            rules.append(("type", f"(contains({cell}, '.') or try_cast({cell} as bigint) is null)"))
        if "enum" in constraints:
            rules.append(("enum", f"{number} not in ({', '.join(repr(float(v)) for v in constraints['enum'])})"))
        if "minimum" in constraints:
            rules.append(("minimum", f"{number} < {float(constraints['minimum'])!r}"))
        if "maximum" in constraints:
            rules.append(("maximum", f"{number} > {float(constraints['maximum'])!r}"))
    elif field.type == "boolean":
        rules.append(("type", f"{cell} not in {text_list(field.true_values + field.false_values)}"))
    else:
        if "enum" in constraints:
            rules.append(("enum", f"{cell} not in {text_list(constraints['enum'])}"))
        if "pattern" in constraints:
            rules.append(("pattern", f"not regexp_full_match({cell}, {string_literal(constraints['pattern'])})"))
    if "minLength" in constraints:
        rules.append(("minLength", f"length({cell}) < {int(constraints['minLength'])}"))
    if "maxLength" in constraints:
        rules.append(("maxLength", f"length({cell}) > {int(constraints['maxLength'])}"))
    return rules


def _message(kind: str, cell: str | None, field) -> str:
    limit = field.constraints.get(kind)
    if kind == "control":
        return control_message(CONTROL_CHARACTER.search(cell).group())
    if kind == "invisible":
        return invisible_message(INVISIBLE_CHARACTER.search(cell).group())
    if kind == "required":
        return "required, but empty"
    if kind == "number":
        return number_message(cell)
    if kind == "type":
        return f"{cell!r} is not a {field.type}"
    if kind == "enum":
        return f"{cell!r} is not one of: {', '.join(map(str, limit))}"
    if kind == "pattern":
        return f"{cell!r} does not match the pattern {limit}"
    if kind == "minimum":
        return f"{cell!r} is below the minimum {limit}"
    if kind == "maximum":
        return f"{cell!r} is above the maximum {limit}"
    if kind == "minLength":
        return f"{cell!r} is shorter than {limit} characters"
    return f"{cell!r} is longer than {limit} characters"


def key_problems(con, resource) -> list[Problem]:
    """Duplicates of a unique field or of the primary key, each named at its later row and pointing
    at the row before it that holds the same value."""
    schema = resource.schema
    keys = [[f.name] for f in schema.fields if f.constraints.get("unique")]
    # A one-field primary key that is also declared unique is already among them.
    if schema.primary_key and not (len(schema.primary_key) == 1 and [schema.primary_key[0]] in keys):
        keys.append(list(schema.primary_key))
    found = []
    for key in keys:
        for row, previous, *cells in _duplicates(con, resource.name, key):
            column = ", ".join(key)
            found.append(Problem(resource.path, row, column, duplicate_message(cells, previous)))
    return found


def _duplicates(con, name: str, key: list[str]) -> list[tuple]:
    table = f"cells.{identifier(name)}"
    columns = ", ".join(identifier(k) for k in key)
    any_given = " or ".join(f"{identifier(k)} is not null" for k in key)
    same = " and ".join(f"t.{identifier(k)} is not distinct from d.{identifier(k)}" for k in key)
    # Only values that occur twice are ordered: a million distinct ids cost one hash aggregate.
    # Rows DuckDB refused still hold their key (a later copy points at them); they are not named.
    return con.execute(f"""
        with doubled as (
            select {columns} from {table} where {any_given} group by all having count(*) > 1
        ),
        ordered as (
            select t.row, t.misshapen, {', '.join(f't.{identifier(k)}' for k in key)},
                   lag(t.row) over (partition by {', '.join(f't.{identifier(k)}' for k in key)} order by t.row) as previous
            from {table} as t join doubled as d on {same}
        )
        select row, previous, {columns} from ordered where previous is not null and not misshapen
    """).fetchall()


def foreign_key_problems(con, resource) -> list[Problem]:
    """Values that name no row of the table they refer to (a row of the same table if the
    reference names no resource)."""
    schema = resource.schema
    found = []
    for key in schema.foreign_keys:
        fields, target_fields = key["fields"], key["reference"]["fields"]
        target = key["reference"]["resource"] or resource.name
        columns = ", ".join(f"s.{identifier(f)}" for f in fields)
        any_given = " or ".join(f"s.{identifier(f)} is not null" for f in fields)
        same = " and ".join(f"t.{identifier(t)} is not distinct from s.{identifier(f)}"
                            for f, t in zip(fields, target_fields))
        rows = con.execute(f"""
            select s.row, {columns} from cells.{identifier(resource.name)} as s
            where not s.misshapen and ({any_given})
              and not exists (select 1 from cells.{identifier(target)} as t where {same})
        """).fetchall()
        for row, *cells in rows:
            message = f"{', '.join(map(repr, cells))} is not a known {target}.{', '.join(target_fields)}"
            found.append(Problem(resource.path, row, ", ".join(fields), message))
    return found
