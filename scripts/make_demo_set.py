"""Write the demo annotation set of the sample article.

Usage: python scripts/make_demo_set.py [OUTPUT]

Imports the sample article into a temporary database, annotates it with
:func:`annotator.core.demo.annotate_sample` (as "annotator demo") and writes a
W3C Web Annotation collection with its links and verdicts, by default to
``annotator/resources/samples/kim-putin-alliance.annotations.jsonld``. Two runs
differ only in ids and times.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.demo import annotate_sample  # noqa: E402
from annotator.core.files import write_atomic  # noqa: E402
from annotator.core.project import Project  # noqa: E402
from annotator.formats import w3c  # noqa: E402

DEFAULT = ROOT / "annotator" / "resources" / "samples" / "kim-putin-alliance.annotations.jsonld"


def build(output: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        project = Project.open(Path(tmp) / "demo.db", "annotator demo")
        try:
            article = project.article(project.import_sample().article.id)
            annotate_sample(project, article.id)
            data = w3c.collection(
                [(article, project.annotations(article.id))],
                label=f"annotator demo set: {article.display_title}",
                relations=project.relations(article.id),
                verdicts=project.verdicts(article.id),
            )
        finally:
            project.close()
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_atomic(output, text.encode("utf-8"))
    return data


def main(argv: list[str]) -> int:
    output = Path(argv[0]) if argv else DEFAULT
    data = build(output)
    items = data["first"]["items"]
    links = sum(1 for i in items if i.get("motivation") == "linking")
    print(f"{len(items) - links} annotations and {links} links written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
