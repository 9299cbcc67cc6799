"""app.py moves what its heavy imports made into Python's permanent generation (gc.freeze), so a
full garbage collection, which holds every session of the server, no longer walks pandas and
pyarrow (issue 16). Plotly makes its figure classes when a chart first needs them, after the freeze."""
import gc

import pandas as pd
import pyarrow as pa


def test_after_a_page_has_run_the_collector_no_longer_walks_the_imported_modules(run_page):
    app = run_page("app_pages/overview.py")
    assert not app.exception, [e.value for e in app.exception]
    assert gc.get_freeze_count() > 10_000
    # gc.get_objects() lists the objects a collection walks; the frozen ones are not among them.
    walked = {id(o) for o in gc.get_objects()}
    assert id(pd.DataFrame) not in walked and id(pa.Table) not in walked
    assert len(walked) < gc.get_freeze_count()
