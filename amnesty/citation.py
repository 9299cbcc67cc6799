"""How to cite the dataset: one wording for the app, the CLI, the zip's README and the data package.

The version is the content hash of data/ (amnesty.version), so a citation pins the exact numbers;
the date is the day the reader took them; the sources are the publishers the numbers rest on.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pandas as pd

from amnesty.paths import DATA_DIR
from components.text import markdown_code, readme_literal

LICENSE = "CC BY 4.0"
AUTHOR = "Azerbaijan amnesty dashboard maintainers"


@dataclass(frozen=True)
class Citation:
    title: str
    version: str
    accessed: date
    sources: tuple[str, ...]  # one line per source: who, what kind, and via whom

    def text(self) -> str:
        return (f"{AUTHOR}. {self.title}. Dataset version {self.version} (content hash of data/), "
                f"accessed {self.accessed.isoformat()}. Licence: {LICENSE}. "
                f"Compiled from: {'; '.join(self.sources)}.")

    def markdown(self) -> str:
        """The citation for a README: its words come from the data, so they are made literal."""
        lines = ["## How to cite", "", readme_literal(self.text()), "",
                 f"- Dataset version: {markdown_code(self.version, limit=None)}. The same version "
                 "always means the same numbers; quote it with any figure you use.",
                 f"- Accessed: {self.accessed.isoformat()}",
                 "- Sources:"]
        lines += [f"  - {readme_literal(source)}" for source in self.sources]
        return "\n".join(lines) + "\n"


def dataset_title() -> str:
    with open(DATA_DIR / "datapackage.json", encoding="utf-8") as handle:
        return json.load(handle)["title"]


def source_lines(sources: pd.DataFrame) -> tuple[str, ...]:
    """'IHR — monitor: Amnesty Has Not Solved …, 2026-01-01' from rows of queries/sources.sql."""
    lines = []
    for row in sources.itertuples(index=False):
        details = [part for part in (_text(row.title), _text(row.published)) if part]
        lines.append(row.credit_text + (": " + ", ".join(details) if details else ""))
    return tuple(lines)


def citation(version: str, sources: pd.DataFrame, accessed: date | None = None) -> Citation:
    return Citation(title=dataset_title(), version=version, accessed=accessed or date.today(),
                    sources=source_lines(sources))


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) or pd.isna(value) else str(value)
