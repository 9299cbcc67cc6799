"""The one formula escape for every spreadsheet-bound export (CSV and XLSX).

A text cell that starts with = + - @, a tab or a carriage return would be run as a formula by
Excel, LibreOffice or Google Sheets (OWASP "CSV injection"). Prefixing a single quote makes the
spreadsheet show the text as typed. Numbers are left alone: they are typed cells, not text.
"""
from __future__ import annotations

import pandas as pd

from amnesty.i18n import N_

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
# The same list in words, for the README and the data dictionary (a message: translated where shown).
FORMULA_STARTS_TEXT = N_("= + - @, a tab or a carriage return")


def neutralise_text(text: str) -> str:
    return ESCAPE + text if text.startswith(FORMULA_STARTS) else text


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object:
            out[column] = out[column].map(lambda v: neutralise_text(v) if isinstance(v, str) else v)
    return out
