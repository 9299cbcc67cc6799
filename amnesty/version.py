"""Content hashes: the dataset version a citation pins, and the fingerprint of a build's inputs."""
import hashlib
from pathlib import Path

from amnesty.paths import DATA_DIR, VIEWS_DIR


def _digest(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def dataset_version(data_dir: Path = DATA_DIR) -> str:
    """Changes when any number, quote or source in data/ changes."""
    return _digest(Path(data_dir))


def build_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """Changes when the data or the SQL views change: a database with another one is stale."""
    return _digest(Path(data_dir), VIEWS_DIR)


def built_version(con) -> str:
    """The dataset version a built database holds (its dataset_info): what it serves, whatever
    data/ holds now."""
    with con.cursor() as cursor:
        return cursor.execute("select dataset_version from dataset_info").fetchone()[0]
