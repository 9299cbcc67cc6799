"""How datapackage.json's names and types become SQL, for the validator and the build alike.

Names are held to plain identifiers by the validator and quoted here all the same; values typed in
the descriptor (patterns, enum members, limits) become quoted literals.
"""
from __future__ import annotations

DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN"}


def identifier(name: str) -> str:
    """A SQL identifier that holds `name` whatever its characters: quoted, inner quotes doubled."""
    return '"' + name.replace('"', '""') + '"'


def string_literal(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def text_list(values) -> str:
    """A parenthesised list of string literals, for `in (...)`."""
    return "(" + ", ".join(map(string_literal, values)) + ")"


def typed(field, column: str | None = None) -> str:
    """The field's text cell as its type. Booleans take the field's own true values (Frictionless's
    defaults unless the descriptor lists others); the validator has checked every cell first."""
    cell = column or identifier(field.name)
    if field.type == "boolean":
        return f"({cell} in {text_list(field.true_values)})"
    return f"{cell}::{DUCKDB_TYPES[field.type]}"
