"""The filtered tidy dataset, shared by the CLI export, the Data page and the tests."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from amnesty.filters import Filters
from amnesty.db import connect, run_query

# Rows the Data page shows (and fetches) at a time, in a table that wraps every value rather than
# cutting it off; downloads hold every filtered row.
TABLE_PAGE_ROWS = 100


def figures_frame(db_path: Path, con=None, **filters) -> pd.DataFrame:
    """Rows of all_figures matching every non-empty filter (keyword arguments of Filters.of);
    unknown act or measure ids are an error, not 0 rows."""
    chosen = Filters.of(**filters)
    own = con is None
    con = con or connect(db_path)
    try:
        _check_known(con, act=chosen.act_ids, measure=chosen.measure_ids, qualifier=chosen.qualifiers,
                     source=chosen.source_ids)
        return run_query(con, "all_figures", **chosen.query_params())
    finally:
        if own:
            con.close()


# How each filter's values are named in a refusal.
FACET_WORDS = {"act": "act id(s)", "measure": "measure id(s)", "qualifier": "qualifier(s)",
               "source": "source id(s)"}


def _check_known(con, **wanted_by_facet) -> None:
    """A filter value the data does not hold is a typo, not a request for 0 rows: name it, and
    list what is there."""
    facets = run_query(con, "filter_options", **Filters().option_params())
    for facet, wanted in wanted_by_facet.items():
        known = set(facets.loc[facets.facet == facet, "option_id"])
        unknown = sorted(set(wanted) - known)
        if unknown:
            raise ValueError(f"unknown {FACET_WORDS[facet]}: {', '.join(unknown)}; "
                             f"known: {', '.join(sorted(known))}")
