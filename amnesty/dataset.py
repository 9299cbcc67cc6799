"""The filtered tidy dataset, shared by the CLI export, the Data page and the tests."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from amnesty.db import connect, run_query

# Rows the Data page shows (and fetches) at a time; downloads hold every filtered row.
TABLE_PAGE_ROWS = 500


def figures_frame(db_path: Path, act_ids=(), measure_ids=(), qualifiers=(), source_ids=(),
                  include_derived: bool = True, con=None) -> pd.DataFrame:
    """Rows of all_figures matching every non-empty filter; unknown ids are an error, not 0 rows."""
    own = con is None
    con = con or connect(db_path)
    try:
        _check_known(con, act=act_ids, measure=measure_ids, qualifier=qualifiers, source=source_ids)
        return run_query(con, "all_figures", act_ids=list(act_ids), measure_ids=list(measure_ids),
                         qualifiers=list(qualifiers), source_ids=list(source_ids),
                         include_derived=include_derived)
    finally:
        if own:
            con.close()


# How each filter's values are named in a refusal.
FACET_WORDS = {"act": "act id(s)", "measure": "measure id(s)", "qualifier": "qualifier(s)",
               "source": "source id(s)"}


def _check_known(con, **wanted_by_facet) -> None:
    """A filter value the data does not hold is a typo, not a request for 0 rows: name it, and
    list what is there."""
    facets = run_query(con, "filter_options")
    for facet, wanted in wanted_by_facet.items():
        known = set(facets.loc[facets.facet == facet, "option_id"])
        unknown = sorted(set(wanted) - known)
        if unknown:
            raise ValueError(f"unknown {FACET_WORDS[facet]}: {', '.join(unknown)}; "
                             f"known: {', '.join(sorted(known))}")
