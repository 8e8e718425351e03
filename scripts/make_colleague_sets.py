"""Write two colleagues' annotation sets of the sample article, for comparing them.

Usage: python scripts/make_colleague_sets.py FOLDER

Annotates the sample article in two temporary databases with
:func:`annotator.core.demo.colleague_sets` — "Dana" the whole demo set, "Min-jun" with
deliberate differences (a claim missing, a span with another tag, two spans with other
boundaries, one extra claim) — and writes each as a W3C Web Annotation collection:
``FOLDER/dana.annotations.jsonld`` and ``FOLDER/min-jun.annotations.jsonld``. Import both
into one database (``annotator import-annotations``) to see the differences side by side
and measure the agreement (``annotator agreement --a Dana --b Min-jun``).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.demo import COLLEAGUES, colleague_sets  # noqa: E402
from annotator.core.files import write_atomic  # noqa: E402
from annotator.core.project import Project  # noqa: E402
from annotator.formats import w3c  # noqa: E402


def build(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        projects = [Project.open(Path(tmp) / f"{name}.db", name) for name in COLLEAGUES]
        try:
            articles = [p.import_sample().article.id for p in projects]
            colleague_sets(projects[0], projects[1], articles[0], articles[1])
            for name, project in zip(COLLEAGUES, projects, strict=True):
                data = w3c.from_export(
                    project.export_data(label=f"{name}: annotations of the sample article")
                )
                path = folder / f"{name.lower()}.annotations.jsonld"
                text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
                write_atomic(path, text.encode("utf-8"))
                written.append(path)
        finally:
            for project in projects:
                project.close()
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    for path in build(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
