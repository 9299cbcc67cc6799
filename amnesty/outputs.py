"""Writing export files without harming what is already on disk.

`amnesty export` may replace a file only if a previous export wrote it and nobody has changed it
since. Each folder an export writes into keeps a small manifest, `.amnesty-exports.json`, with the
SHA-256 of every file written there; an existing file that the manifest does not list with its
current bytes is someone's own, and is refused unless --force is given. Whatever the flags:
- a symbolic link is never written through (nor replaced): the export stops and names it;
- nothing is written inside the project's data/ folder (its datapackage.json is the schema);
- a folder in the way of a file name is refused.
Each file is written to a temporary name beside it and moved into place, so a reader never sees
half a file and a link that appears meanwhile is replaced, never followed.
"""
from __future__ import annotations

import hashlib
import json
import os
import uuid
from pathlib import Path

from amnesty.paths import DATA_DIR

MANIFEST = ".amnesty-exports.json"


class OverwriteRefused(Exception):
    """One or more target paths may not be written; .reasons lists one line per path."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("\n".join(reasons))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest_path(folder: Path) -> Path:
    return Path(folder) / MANIFEST


def _read_manifest(folder: Path) -> dict[str, str]:
    path = _manifest_path(folder)
    if path.is_symlink() or not path.is_file():
        return {}
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        return {}  # unreadable: nothing is known to be ours
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def _inside_data_dir(path: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(Path(os.path.realpath(DATA_DIR)))


def written_by_export(path: Path) -> bool:
    """True if `path` is a file a previous export wrote and its bytes are still the ones written."""
    path = Path(path)
    recorded = _read_manifest(path.parent).get(path.name)
    return recorded is not None and path.is_file() and sha256(path.read_bytes()) == recorded


def refusals(paths, force: bool = False) -> list[str]:
    """One line for each path that may not be written (empty if all may)."""
    reasons = []
    for path in map(Path, paths):
        manifest = _manifest_path(path.parent)
        if _inside_data_dir(path):
            reasons.append(f"{path}: inside the project's data folder ({DATA_DIR}), the source of "
                           "truth; export somewhere else")
        elif path.is_symlink():
            reasons.append(f"{path} is a symbolic link; exports never write through one (remove it "
                           "or choose another name)")
        elif manifest.is_symlink():
            reasons.append(f"{manifest} is a symbolic link; exports never write through one")
        elif path.exists() and not path.is_file():
            reasons.append(f"{path} exists and is not a file")
        elif path.exists() and not force and not written_by_export(path):
            reasons.append(f"{path} exists and was not written by a previous export (or has changed "
                           "since); pass --force to replace it")
    return reasons


def check_writable(paths, force: bool = False) -> None:
    reasons = refusals(paths, force)
    if reasons:
        raise OverwriteRefused(reasons)


def write_export(path: Path, data: bytes, force: bool = False) -> Path:
    """Write `data` to `path` if refusals() allows it, atomically, and record it in the manifest."""
    path = Path(path)
    check_writable([path], force)
    path.parent.mkdir(parents=True, exist_ok=True)
    _replace(path, data)
    files = _read_manifest(path.parent)
    files[path.name] = sha256(data)
    note = ("Written by `amnesty export`: the SHA-256 of each file it wrote here. An export "
            "replaces only a file listed here with these bytes (or any file with --force).")
    _replace(_manifest_path(path.parent), (json.dumps(
        {"note": note, "files": dict(sorted(files.items()))}, indent=1) + "\n").encode("utf-8"))
    return path


def _replace(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        # O_EXCL: the temporary name is new, so nothing (not even a planted link) is opened by it.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
