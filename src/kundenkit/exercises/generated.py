"""Write generated notebooks without ever destroying a learner's work.

Each generated notebook carries a fingerprint of its own content in its
metadata. When it is generated again, a file whose content still matches its
fingerprint is untouched and may be replaced; a file a learner has edited or run
is skipped – or, when forced, backed up first.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime
from pathlib import Path

import nbformat

META_KEY = "kundenkit"


def fingerprint(notebook: nbformat.NotebookNode) -> str:
    """A hash of the cells' types, sources and outputs (not of the metadata)."""
    cells = [(c.cell_type, c.source, c.get("outputs", [])) for c in notebook.cells]
    return hashlib.sha256(json.dumps(cells, sort_keys=True).encode()).hexdigest()[:16]


def _fingerprints(path: Path) -> tuple[str | None, str | None]:
    """(fingerprint stored when generated, fingerprint of the content now) of a notebook file."""
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception:  # unreadable means: somebody changed it, keep it
        return None, None
    return notebook.metadata.get(META_KEY, {}).get("fingerprint"), fingerprint(notebook)


def write_generated(notebook: nbformat.NotebookNode, path, *, force: bool = False) -> str:
    """Write ``notebook`` to ``path`` unless that would overwrite a learner's changes.

    Returns what happened: ``"neu"``, ``"aktualisiert"``, ``"unverändert"``,
    ``"übersprungen"`` (changed by a learner, kept) or ``"gesichert"`` (changed,
    backed up to ``<name>.ipynb.<timestamp>.bak``, then replaced because of ``force``).
    """
    path = Path(path)
    new = fingerprint(notebook)
    notebook.metadata[META_KEY] = {"fingerprint": new}
    status = "neu"
    if path.exists():
        stored, actual = _fingerprints(path)
        if stored is None or stored != actual:
            if not force:
                return "übersprungen"
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            shutil.copy2(path, path.with_name(f"{path.name}.{stamp}.bak"))
            status = "gesichert"
        elif stored == new:
            return "unverändert"
        else:
            status = "aktualisiert"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    return status
