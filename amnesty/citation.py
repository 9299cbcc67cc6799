"""How to cite the dataset: one wording for the app, the CLI, the zip's README, the XLSX's About
sheet and the data package, in APA style and as BibTeX.

The version is the content hash of data/ the database was built from (amnesty.version), so a
citation pins the exact numbers; the URL is the view's stable data URL at that version; the date
is the day the reader took them; the sources are the ones the cited rows rest on, not all of them.
In Azerbaijani or Russian the citation's words, date and credits are in that language, and the
title is the dataset's English title followed by ours in brackets, as APA cites a translated title.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from amnesty.i18n import ENGLISH, Language
from amnesty.paths import DATA_DIR
from components.text import markdown_code, readme_literal

LICENSE = "CC BY 4.0"
AUTHOR = "Azerbaijan amnesty dashboard maintainers"


# The characters BibTeX and LaTeX read as markup, and how to write each as itself.
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                  "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                  "^": r"\textasciicircum{}"}


@dataclass(frozen=True)
class Citation:
    title: str
    version: str
    accessed: date
    sources: tuple[str, ...]  # one line per source behind the rows cited: who, what kind, via whom
    url: str | None = None  # the stable data URL of the view cited, pinned to its version
    lang: Language = ENGLISH

    def text(self) -> str:
        """APA style for a data set: author, (year), title (version) [Data set], retrieval date
        and URL; then the licence and the sources the rows rest on."""
        values = dict(author=AUTHOR, year=self.accessed.year, title=self.shown_title(),
                      version=self.version, date=_long_date(self.accessed, self.lang), url=self.url,
                      licence=LICENSE, sources="; ".join(self.sources))
        if self.url:
            return self.lang._("{author}. ({year}). {title} (Version {version}) [Data set]. Retrieved "
                               "{date}, from {url}. Licence: {licence}. Compiled from: {sources}.", **values)
        return self.lang._("{author}. ({year}). {title} (Version {version}) [Data set]. Retrieved "
                           "{date}. Licence: {licence}. Compiled from: {sources}.", **values)

    def shown_title(self) -> str:
        """The dataset's title; in another language, followed by ours in brackets."""
        ours = self.lang._(self.title)
        return self.title if ours == self.title else f"{self.title} [{ours}]"

    def bibtex(self) -> str:
        fields = {
            "author": "{" + _bibtex_text(AUTHOR) + "}",  # double braces: one corporate author
            "title": "{" + _bibtex_text(self.title) + "}",  # double braces keep its capitals
            "year": str(self.accessed.year),
            "version": _bibtex_text(self.version),
            "howpublished": "Data set",
            "url": self.url,
            "urldate": self.accessed.isoformat(),
            "note": _bibtex_text(self.lang._("Licence: {licence}. Compiled from: {sources}.",
                                             licence=LICENSE, sources="; ".join(self.sources))),
        }
        lines = [f"  {name:<12} = {{{value}}}," for name, value in fields.items() if value]
        return "\n".join([f"@misc{{azerbaijan_amnesties_{self.version},", *lines, "}"]) + "\n"

    def markdown(self) -> str:
        """The citation for a README: its words come from the data, so they are made literal (the
        BibTeX sits in a fence longer than any run of backticks inside it)."""
        bibtex = self.bibtex().rstrip("\n")
        fence = "`" * max(3, 1 + max((len(run) for run in re.findall("`+", bibtex)), default=0))
        _ = self.lang._
        lines = ["## " + _("How to cite"), "", readme_literal(self.text()), "", "BibTeX:", "",
                 f"{fence}bibtex", bibtex, fence, "",
                 "- " + _("Dataset version: {version}. The same version always means the same "
                          "numbers; quote it with any figure you use.",
                          version=markdown_code(self.version, limit=None)),
                 "- " + _("Accessed: {date}", date=self.accessed.isoformat())]
        if self.url:
            lines.append("- " + _("The rows of this file, at this version: {url}", url=f"<{self.url}>"))
        lines.append("- " + _("Sources of these rows:"))
        lines += [f"  - {readme_literal(source)}" for source in self.sources]
        return "\n".join(lines) + "\n"


def _long_date(day: date, lang: Language) -> str:
    # APA's English date ("December 7, 2026"); the locale's long date in the other languages.
    return f"{day:%B} {day.day}, {day.year}" if lang.code == "en" else lang.date(day.isoformat())


def _bibtex_text(text: str) -> str:
    return "".join(BIBTEX_ESCAPES.get(char, char) for char in text)


def dataset_title() -> str:
    with open(DATA_DIR / "datapackage.json", encoding="utf-8") as handle:
        return json.load(handle)["title"]


def source_lines(sources: pd.DataFrame) -> tuple[str, ...]:
    """'IHR — monitor: Amnesty Has Not Solved …, 2026-01-01' from rows of queries/sources.sql."""
    lines = []
    for row in sources.itertuples(index=False):
        details = [part for part in (_text(row.title), _text(row.published), _text(row.url)) if part]
        lines.append(row.credit_text + (": " + ", ".join(details) if details else ""))
    return tuple(lines)


def citation(version: str, sources: pd.DataFrame, accessed: date | None = None,
             url: str | None = None, lang: Language = ENGLISH) -> Citation:
    """`sources` are rows of queries/sources.sql, their credit_text already in `lang`
    (amnesty.wording.in_language)."""
    return Citation(title=dataset_title(), version=version, accessed=accessed or date.today(),
                    sources=source_lines(sources), url=url, lang=lang)


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) or pd.isna(value) else str(value)
