"""What a problem in data/ is, and how each one about a single cell is worded.

The validator's checks run in DuckDB; these are the words an editor reads, and the characters no
cell may hold, written once for Python's `re` and for DuckDB's RE2.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class DataError(Exception):
    """The data did not validate; .problems lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


# C0 and C1 control characters other than tab and newline: XLSX cannot hold them (openpyxl raises
# IllegalCharacterError; a carriage return comes back from the XML as a newline), and in a verbatim
# quote they are always a paste accident or text decoded in the wrong encoding.
CONTROL_CHARACTERS = ((0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F))
# Invisible format characters: bidirectional overrides and isolates reverse how a caption reads
# (U+202E turns "txt.exe" around), and zero-width ones make two different source names look the
# same. No source text needs them in a cell; a byte-order mark inside a cell is a paste accident.
INVISIBLE_CHARACTERS = ((0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2060), (0x2066, 0x2069),
                        (0xFEFF, 0xFEFF))
CARRIAGE_RETURN = 0x0D


def character_class(ranges, *, re2: bool = False, without: tuple[int, ...] = ()) -> str:
    """A regular-expression class of the code points in `ranges`, less `without`, for Python's
    `re` or (re2=True) DuckDB's RE2, which spells a code point \\x{hhhh}."""
    def char(code: int) -> str:
        return f"\\x{{{code:x}}}" if re2 else f"\\U{code:08x}"

    parts = []
    for low, high in ranges:
        cuts = sorted(c for c in without if low <= c <= high)
        for cut in cuts:
            if low < cut:
                parts.append((low, cut - 1))
            low = cut + 1
        if low <= high:
            parts.append((low, high))
    return "[" + "".join(char(a) if a == b else f"{char(a)}-{char(b)}" for a, b in parts) + "]"


CONTROL_CHARACTER = re.compile(character_class(CONTROL_CHARACTERS))
INVISIBLE_CHARACTER = re.compile(character_class(INVISIBLE_CHARACTERS))
# Numbers are typed as the source prints them: digits with an optional decimal point. Frictionless
# (and Python's float) would also take "inf", "NaN", "1e400", "1_000", " 148" and full-width digits,
# and the build would store inf or NaN as if a source had printed it. RE2 reads this pattern alike.
PLAIN_NUMBER = "-?[0-9]+(\\.[0-9]+)?"


def control_message(char: str) -> str:
    if char == "\r":
        return "contains a carriage return (U+000D), which XLSX cannot keep; use a plain line break"
    return (f"contains the invisible control character U+{ord(char):04X}, which no spreadsheet can hold "
            "(often a sign of text pasted from another program or decoded in the wrong encoding); delete it")


def invisible_message(char: str) -> str:
    return (f"contains the invisible character U+{ord(char):04X} ({unicodedata.name(char, 'unnamed')}), "
            "which can reverse how the text reads or make two different values look alike; delete it")


def number_message(text: str) -> str:
    try:
        finite = math.isfinite(float(text))
    except ValueError:
        return f"{text!r} is not a number"
    if not finite:
        return f"{text!r} is not a finite number"
    return f"{text!r} is not a plain number; write digits only, like 1234 or 12.5"


def shape_message(cells: int, width: int) -> str:
    if cells > width:
        return (f"the row has {cells} cells but the header has {width}; put double quotes around any "
                "text that contains a comma")
    return (f"the row has {cells} cells but the header has {width}; a comma or line break in an unquoted "
            "text, or a stray carriage return, can split a row")


BLANK_ROW = "blank row; delete it"


def duplicate_message(cells: list[str], previous_row: int) -> str:
    return f"duplicate {', '.join(map(repr, cells))}: the same as in the row at position {previous_row}"
