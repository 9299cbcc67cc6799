"""The filters of the tidy dataset: which rows of all_figures a view, a file or a URL holds.

Light on imports (no pandas), because the chart registry and the URL code need it too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from amnesty.i18n import ENGLISH, N_, Language

# More ids than this in one filter are counted in the file name, not listed; the README lists them.
MAX_IDS_IN_NAME = 3


@dataclass(frozen=True)
class Facet:
    """One filter of the tidy dataset: a column of all_figures and the ids a reader may pick in it.

    `key` is the name in URLs (?act=...), the CLI (--act) and file names; `param` is the Filters
    field and the bound list parameter of queries/views/060_filtered_figures.sql; `column` is the
    column of all_figures it keeps rows by. A new filter is one line here and one in that macro.
    """
    key: str
    param: str
    column: str  # in the files; a `listed` column holds several ids, '; '-joined
    label: str  # what the Data page calls the filter (N_: translated there)
    listed: bool = False


FACETS = (
    Facet("act", "act_ids", "act_id", N_("Act")),
    Facet("measure", "measure_ids", "measure_id", N_("What was counted")),
    Facet("stage", "stages", "stage", N_("Stage")),
    Facet("qualifier", "qualifiers", "qualifier", N_("Qualifier")),
    # A source keeps every figure it gives, as the first source or a further one.
    Facet("source", "source_ids", "source_ids", N_("Source"), listed=True),
)
FACET_KEYS = tuple(facet.key for facet in FACETS)
# How many acts a page's list offers before a search finds the rest: at 10,000 acts a box of every
# act sends them all to the browser (issue 16: rows fetched against rows shown).
ACT_CHOICES = 30
# The yes/no filter beside the facets: whether rows the build derived are kept.
DERIVED_KEY = "derived"


@dataclass(frozen=True)
class Filters:
    act_ids: tuple[str, ...] = ()
    measure_ids: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()
    include_derived: bool = True
    stages: tuple[str, ...] = ()

    @classmethod
    def of(cls, act_ids=(), measure_ids=(), qualifiers=(), source_ids=(), include_derived=True,
           stages=()):
        return cls(tuple(act_ids or ()), tuple(measure_ids or ()), tuple(qualifiers or ()),
                   tuple(source_ids or ()), bool(include_derived), tuple(stages or ()))

    @classmethod
    def from_choices(cls, chosen: dict[str, list[str]], include_derived: bool = True) -> "Filters":
        """From {facet key: ids}, as a URL or the Data page gives them; missing keys are no filter."""
        return cls(**{facet.param: tuple(chosen.get(facet.key) or ()) for facet in FACETS},
                   include_derived=bool(include_derived))

    def choices(self) -> dict[str, tuple[str, ...]]:
        """{facet key: ids} for every facet that filters, in FACETS order."""
        return {facet.key: getattr(self, facet.param) for facet in FACETS if getattr(self, facet.param)}

    def facet_params(self) -> dict:
        """The list parameters alone, for a query that keeps its own rule on derived rows.

        Sorted and without repeats: the app caches a query per parameters, and ?act=a,b and
        ?act=b,a,a are one view, so they must be one cache entry, not three."""
        return {facet.param: sorted(set(getattr(self, facet.param))) for facet in FACETS}

    def query_params(self) -> dict:
        """Keyword arguments for amnesty.dataset.figures_frame / queries/all_figures.sql."""
        return self.facet_params() | {"include_derived": self.include_derived}

    def option_params(self, search: str = "", titles=(), keep=(), limit: int | None = None) -> dict:
        """Keyword arguments for queries/filter_options.sql: each facet's values in use under the
        other facets' choices. By default every value; the Data page gives a `limit` on the acts,
        the reader's `search` words (and `titles`, the English titles whose translation holds them),
        and the ids to `keep` offering whatever the search (the reader's own choices)."""
        return self.query_params() | {"option_search": search.strip(), "option_titles": sorted(set(titles)),
                                      "option_keep": sorted(set(keep)), "option_limit": limit}

    def slug(self) -> str:
        parts = []
        for facet, ids in self.choices().items():
            shown = "+".join(ids) if len(ids) <= MAX_IDS_IN_NAME else f"{len(ids)}-selected"
            parts.append(f"{facet}-{shown}")
        if not self.include_derived:
            parts.append("published-only")
        return _safe("_".join(parts) or "all")

    def text(self, lang: Language = ENGLISH) -> str:
        """Which rows, in words: 'rows with act in amnesty-2021', with the ids as the URL has them."""
        parts = [lang._("{facet} in {ids}", facet=facet, ids=", ".join(ids))
                 for facet, ids in self.choices().items()]
        if not parts:
            return (lang._("all rows") if self.include_derived else
                    lang._("all rows, published figures only (no derived rows)"))
        return (lang._("rows with {filters}", filters="; ".join(parts)) if self.include_derived else
                lang._("rows with {filters}, published figures only (no derived rows)",
                       filters="; ".join(parts)))


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._+-]+", "-", text)
