"""The dataset version: a content hash of data/, so a citation pins the exact numbers."""
import hashlib
from pathlib import Path

from amnesty.paths import DATA_DIR


def dataset_version(data_dir: Path = DATA_DIR) -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(data_dir).rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(data_dir).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
