"""Child-side measurements of figure 6: exporting and importing a W3C annotation set.

- ``ours``: export the article's annotations with the real exporter (``export_to``, what
  ``annotator export --format w3c`` runs) to a file, then import that file with the real
  importer (``read_annotation_file`` + ``Project.import_annotations``, what ``annotator
  import-annotations`` runs) into a copy of a database that holds the article and no
  annotations (a refused import — a file over the importer's size limit — is returned
  as ``import_error``, with the export's time and size);
- ``floor``: the same annotation rows (every column, read beforehand) through
  ``json.dumps`` and ``json.loads``, then ``sqlite3.executemany`` into a table of the same
  columns in a new database (WAL, synchronous=FULL, one transaction, as the store).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any


def ours(p: dict[str, Any]) -> dict[str, Any]:
    from annotator.core.exporting import export_to
    from annotator.core.project import Project
    from annotator.domain.errors import BadInput
    from annotator.formats.exchange_io import read_annotation_file

    work = Path(p["work"])
    out = work / "set.jsonld"
    source = Project.open(p["db"], "bench")
    t = time.perf_counter()
    export_to(source, "w3c", out, article_refs=[p["article_id"]])
    exported = time.perf_counter() - t
    source.close()
    target_db = work / "import-target.db"
    shutil.copyfile(p["empty_db"], target_db)
    target = Project.open(target_db, "bench")
    size_mb = out.stat().st_size / 1e6
    t = time.perf_counter()
    try:
        reports = target.import_annotations(read_annotation_file(out))
    except BadInput as exc:  # e.g. a file over the importer's size limit
        target.close()
        return {"export_s": exported, "file_mb": size_mb, "import_error": str(exc)}
    imported = time.perf_counter() - t
    new = sum(r.new for r in reports)
    target.close()
    if new != p["annotations"]:
        raise RuntimeError(f"imported {new} of {p['annotations']} annotations")
    return {
        "export_s": exported,
        "import_s": imported,
        "seconds": exported + imported,
        "file_mb": size_mb,
    }


def floor(p: dict[str, Any]) -> dict[str, Any]:
    work = Path(p["work"])
    conn = sqlite3.connect(p["db"])
    conn.row_factory = sqlite3.Row
    rows = [
        dict(r)
        for r in conn.execute("SELECT * FROM annotations WHERE article_id = ?", [p["article_id"]])
    ]
    conn.close()
    names = list(rows[0])
    target = sqlite3.connect(work / "floor.db", isolation_level=None)
    target.execute("PRAGMA journal_mode=WAL")
    target.execute("PRAGMA synchronous=FULL")
    target.execute(f"CREATE TABLE annotations ({', '.join(f'[{n}]' for n in names)})")
    insert = f"INSERT INTO annotations VALUES ({', '.join('?' * len(names))})"
    t = time.perf_counter()
    text = json.dumps(rows)
    dumped = time.perf_counter() - t
    back = json.loads(text)
    loaded = time.perf_counter() - t - dumped
    target.execute("BEGIN IMMEDIATE")
    target.executemany(insert, ([r[n] for n in names] for r in back))
    target.execute("COMMIT")
    seconds = time.perf_counter() - t
    target.close()
    return {
        "dumps_s": dumped,
        "loads_s": loaded,
        "executemany_s": seconds - dumped - loaded,
        "seconds": seconds,
        "rows": len(rows),
    }
