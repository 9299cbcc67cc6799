"""Kaleido's output kept on disk, one file per rendered figure, so a figure is drawn once.

A render is a pure function of the laid-out figure (its plotly JSON: words, data, the footer's
dataset version and date), Kaleido's options (format, size, scale) and the versions of Kaleido and
plotly. The cache key is a hash of all of them, so a new dataset version, a new day on the footer
or an editor's own title is a new key, never a stale file. The per-format finishing (metadata,
descriptions) is not cached: it is cheap and runs on every call.

The folder is ours alone: `build/render-cache/` by default, or $AMNESTY_RENDER_CACHE ("off" turns
the cache off). Files are written under a temporary name and renamed, so the replicas behind nginx
and a CLI batch can share it; the oldest files are dropped past MAX_FILES.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from amnesty.paths import ROOT

ENV = "AMNESTY_RENDER_CACHE"
DEFAULT_DIR = ROOT / "build" / "render-cache"
MAX_FILES = 2000  # about 100 MB at the largest presets; a figure's three formats are three files
SUFFIX = ".bin"


def cache_dir() -> Path | None:
    configured = os.environ.get(ENV, "").strip()
    if configured.lower() == "off":
        return None
    return Path(configured) if configured else DEFAULT_DIR


def key(figure_json: str, opts: dict) -> str:
    import kaleido
    import plotly

    versions = {"kaleido": getattr(kaleido, "__version__", "?"), "plotly": plotly.__version__}
    text = json.dumps([figure_json, opts, versions], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read(name: str) -> bytes | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return (folder / f"{name}{SUFFIX}").read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Best effort: a cache that cannot be written (a read-only disk, say) is simply not used."""
    folder = cache_dir()
    if folder is None or not data:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".tmp-", delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, folder / f"{name}{SUFFIX}")
        _prune(folder)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    files = list(folder.glob(f"*{SUFFIX}"))
    if len(files) <= MAX_FILES:
        return
    files.sort(key=lambda path: path.stat().st_mtime)
    for path in files[:len(files) - MAX_FILES]:
        path.unlink(missing_ok=True)
