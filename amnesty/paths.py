"""Where things live. The default database path is documented in the README."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
QUERIES_DIR = ROOT / "queries"
VIEWS_DIR = QUERIES_DIR / "views"
# AMNESTY_DB lets tests and deployments point every entry point at another file.
DEFAULT_DB = Path(os.environ.get("AMNESTY_DB", ROOT / "build" / "amnesty.duckdb"))
