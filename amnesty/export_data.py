"""The researcher's tidy file: one row per number, in CSV, XLSX, Parquet or JSON."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

from amnesty.neutralise import FORMULA_STARTS, neutralise

FORMATS = ("csv", "xlsx", "parquet", "json")
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
    "json": "application/json",
}
LIST_SEPARATOR = "; "


def figures_bytes(frame: pd.DataFrame, fmt: str, about: list[tuple[str, ...]] | None = None) -> bytes:
    """The tidy frame in one format. CSV and XLSX are neutralised against formulas (CSV with a
    leading apostrophe, XLSX with text cells in the quote-prefix style). `about` (rows of
    amnesty.bundle.about_rows: citation, caveats, column dictionary) becomes the XLSX's second
    sheet; the other formats carry it beside them (the zip's README, the datapackage.json)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "xlsx":
        return _xlsx(frame, about)
    return {"csv": _csv, "parquet": _parquet, "json": _json}[fmt](frame)


def write_figures(frame: pd.DataFrame, fmt: str, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(figures_bytes(frame, fmt))
    return path


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists become '; '-joined text for formats without a list type."""
    out = frame.copy()
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, (list, tuple)) or hasattr(v, "tolist")).any():
            out[column] = out[column].map(
                lambda v: LIST_SEPARATOR.join(map(str, list(v))) if v is not None and not _is_na(v) else None)
    return out


def _is_na(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _number_text(value) -> str:
    # Integers print without a trailing ".0"; other floats print with repr so they read back exactly.
    if _is_na(value):
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _csv(frame: pd.DataFrame) -> bytes:
    out = neutralise(_flat(frame))
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].map(_number_text)
        elif pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map({True: "true", False: "false"})
    # utf-8-sig: the byte-order mark is how Excel knows the file is UTF-8 (ə, ğ, ş, –).
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _xlsx(frame: pd.DataFrame, about: list[tuple[str, ...]] | None = None) -> bytes:
    buffer = io.BytesIO()
    flat = _flat(frame)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        flat.to_excel(writer, index=False, sheet_name="figures")
        formula_text_as_text(writer.sheets["figures"], flat)
        writer.sheets["figures"].freeze_panes = "A2"  # the header row stays in view on scrolling
        if about:
            _about_sheet(writer.book.create_sheet("About"), about)
    return buffer.getvalue()


ABOUT_WIDTHS = {"A": 34, "B": 100, "C": 100}


def _about_sheet(sheet, rows: list[tuple[str, ...]]) -> None:
    """Text rows, wrapped to the column; a row of one non-empty cell is a heading, in bold.

    Text that starts like a formula (a BibTeX entry starts with @) is kept as text the way the
    figures sheet keeps it (_keep_text), so it shows and copies as written but never runs.
    """
    from openpyxl.styles import Alignment, Font

    for number, row in enumerate(rows, start=1):
        for column, text in enumerate(row, start=1):
            cell = sheet.cell(row=number, column=column, value=text or None)
            if text and text.startswith(FORMULA_STARTS):
                _keep_text(cell, text)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if len(row) == 1:
                cell.font = Font(bold=True, size=13 if number == 1 else 11)
    for letter, width in ABOUT_WIDTHS.items():
        sheet.column_dimensions[letter].width = width


def formula_text_as_text(sheet, frame: pd.DataFrame, header_rows: int = 1) -> None:
    """Text that starts like a formula, written as a string cell with the quote-prefix style.

    openpyxl stores any text starting with = as a formula. A string cell with quotePrefix is what
    a spreadsheet makes of a typed '=1+1: it shows =1+1 (no apostrophe), and editing the cell
    keeps it text. Only the matching cells are visited, so a million-row sheet is not walked.
    """
    for column_number, column in enumerate(frame.columns, start=1):
        values = frame[column]
        if not (pd.api.types.is_string_dtype(values) or values.dtype == object):
            continue
        hits = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_STARTS))
        for row_index in hits.to_numpy().nonzero()[0]:
            _keep_text(sheet.cell(row=row_index + header_rows + 1, column=column_number),
                       values.iloc[row_index])


def _keep_text(cell, text: str) -> None:
    cell.value = text
    cell.data_type = "s"
    cell.quotePrefix = True


def _parquet(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    out = frame.copy()
    if "derived_from" in out:
        out["derived_from"] = out["derived_from"].map(lambda v: list(v) if v is not None and not _is_na(v) else None)
    out.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _json(frame: pd.DataFrame) -> bytes:
    # Built by hand rather than with DataFrame.to_json, which rounds floats to 10 digits.
    records = [{column: _json_value(value) for column, value in row.items()}
               for row in frame.to_dict(orient="records")]
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _json_value(value):
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        value = value.tolist()
    if isinstance(value, list):
        return value
    if _is_na(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
