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

from benchsuite.common import floor_table, median, row, run_child
from benchsuite.figures import Config, say, thousands


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
    target, insert = floor_table(work / "floor.db", names)
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


# --- the parent side -------------------------------------------------------------------


def figure6(cfg: Config, data: dict[str, Any]) -> list[dict[str, Any]]:
    """Figure 6; when the importer refuses the set of ``exchange_size`` annotations (its
    file is over the size limit), that is the figure, and ``exchange_fallback`` is
    measured beside it."""
    first = _exchange(cfg, data, cfg.exchange_size, "6")
    if first["ours"] is not None:
        return [first]
    return [first, _exchange(cfg, data, cfg.exchange_fallback, "6b")]


def _exchange(cfg: Config, data: dict[str, Any], size: int, figure: str) -> dict[str, Any]:
    params = {
        "db": data["dbs"][size],
        "empty_db": data["dbs"][0],
        "article_id": data["article_id"],
        "annotations": size,
    }
    ours, floor, parts = [], [], []
    refused = None
    for run in range(cfg.runs):
        say(f"export + import {thousands(size)} annotations (W3C), run {run + 1}/{cfg.runs}")
        work = cfg.work / f"exchange-{run}"
        work.mkdir(parents=True, exist_ok=True)
        f = run_child("exchange:floor", {**params, "work": str(work)})
        o = run_child("exchange:ours", {**params, "work": str(work)})
        shutil.rmtree(work)
        floor.append(f["seconds"])
        parts.append({"ours": o, "floor": f})
        if "import_error" in o:
            refused = o
            break
        ours.append(o["seconds"])
    name = f"export + import {thousands(size)} annotations (W3C)"
    floor_name = "json.dumps + json.loads + sqlite3.executemany of the same rows"
    raw = {"ours_s": ours, "floor_s": floor, "runs": parts}
    if refused is not None:
        return row(
            figure,
            name,
            ours=None,
            floor=median(floor) * 1000,
            unit="ms",
            goal="≤ 3× floor",
            met=False,
            floor_name=floor_name,
            raw=raw,
            note=f"import refused: the export is {refused['file_mb']:.0f} MB "
            f"(written in {refused['export_s']:.1f} s): {refused['import_error'].split(': ')[-1]}",
        )
    o_s, f_s = median(ours), median(floor)
    exp = median([p["ours"]["export_s"] for p in parts])
    imp = median([p["ours"]["import_s"] for p in parts])
    return row(
        figure,
        name,
        ours=o_s * 1000,
        floor=f_s * 1000,
        unit="ms",
        goal="≤ 3× floor",
        met=o_s <= 3 * f_s,
        floor_name=floor_name,
        raw=raw,
        note=f"export {exp * 1000:.0f} ms + import {imp * 1000:.0f} ms",
    )
