"""The layer rules of DESIGN.md §1, checked by walking the source with ``ast``.

- PySide6 / shiboken6 are imported only in ``annotator/qt/`` and ``annotator/app.py``;
- SQL is written only in ``annotator/store/`` (SQL-looking string constants, and
  ``.execute`` / ``.executemany`` / ``.executescript`` / ``.query`` calls), and
  only the store imports ``sqlite3`` / ``sqlite_utils``;
- ``annotator/domain`` imports nothing but the standard library and itself.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "annotator"

QT_MODULES = {"PySide6", "shiboken6"}
DB_MODULES = {"sqlite3", "sqlite_utils"}
SQL_CALLS = {"execute", "executemany", "executescript", "query"}

#: a statement, not a word: "Select an annotation", "update" or "end" are not SQL
#: (a bare BEGIN/COMMIT/ROLLBACK/END counts only in capitals)
SQL = re.compile(
    r"""^\s*(?:
        SELECT\b.*?\bFROM\b
      | INSERT\s+(?:OR\s+\w+\s+)?INTO\b
      | REPLACE\s+INTO\b
      | UPDATE\s+(?:OR\s+\w+\s+)?[\w."\[\]]+\s+SET\b
      | DELETE\s+FROM\b
      | (?:CREATE|DROP)\s+(?:TEMP(?:ORARY)?\s+|UNIQUE\s+|VIRTUAL\s+)?
            (?:TABLE|INDEX|TRIGGER|VIEW)\b
      | ALTER\s+TABLE\b
      | PRAGMA\s+\w+
      | (?-i:BEGIN|COMMIT|ROLLBACK|END)(?:\s+(?:DEFERRED|IMMEDIATE|EXCLUSIVE|TRANSACTION))?\s*;?\s*$
      | (?:BEGIN|COMMIT|ROLLBACK|END)\s+(?:DEFERRED|IMMEDIATE|EXCLUSIVE|TRANSACTION)\s*;?\s*$
      | WITH\s+(?:RECURSIVE\s+)?\w+(?:\s*\([^)]*\))?\s+AS\s*(?:NOT\s+)?(?:MATERIALIZED\s+)?\(
    )""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)

#: (file, module) pairs allowed to break a rule, each with the reason; keep it short
KNOWN_EXCEPTIONS: set[tuple[str, str]] = set()


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def imported_modules(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, absolute dotted name) of every import, including ``import_module("x")``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                yield node.lineno, node.module
            elif node.level:
                yield node.lineno, "." * node.level + (node.module or "")
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if (
                name in {"import_module", "__import__"}
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                yield node.lineno, first.value


def _docstring_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
        ):
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def sql_uses(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, what) for SQL-looking string constants and database-call sites."""
    docstrings = _docstring_nodes(tree)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and SQL.match(node.value)
        ):
            yield node.lineno, f"SQL string {node.value.strip()[:50]!r}"
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SQL_CALLS
        ):
            yield node.lineno, f".{node.func.attr}() call"


def _top(module: str) -> str:
    return module.split(".")[0]


def layer_violations(source: str, rel: str) -> list[str]:
    """Every broken layer rule in one file's ``source``, as ``file:line: message``."""
    tree = ast.parse(source, filename=rel)
    in_qt = rel.startswith("annotator/qt/") or rel == "annotator/app.py"
    in_store = rel.startswith("annotator/store/")
    in_domain = rel.startswith("annotator/domain/")
    out: list[str] = []
    for line, module in imported_modules(tree):
        top = _top(module)
        if (rel, top) in KNOWN_EXCEPTIONS:
            continue
        if top in QT_MODULES and not in_qt:
            out.append(f"{rel}:{line}: imports {module} outside annotator/qt and app.py")
        if top in DB_MODULES and not in_store:
            out.append(f"{rel}:{line}: imports {module} outside annotator/store")
        if in_domain:
            local = module.startswith(".") or module == "annotator.domain"
            local = local or module.startswith("annotator.domain.")
            if not local and top not in sys.stdlib_module_names:
                out.append(f"{rel}:{line}: the domain imports {module} (stdlib only)")
    if not in_store:
        for line, what in sql_uses(tree):
            out.append(f"{rel}:{line}: {what} outside annotator/store")
    return out


def test_the_package_is_walked() -> None:
    names = {_rel(p) for p in _sources()}
    assert {"annotator/cli.py", "annotator/app.py", "annotator/store/database.py"} <= names
    assert any(n.startswith("annotator/qt/") for n in names)
    assert any(n.startswith("annotator/domain/") for n in names)


def test_layers_are_kept() -> None:
    problems = []
    for path in _sources():
        problems += layer_violations(path.read_text(encoding="utf-8"), _rel(path))
    assert not problems, "layer rules broken:\n" + "\n".join(problems)


def test_known_exceptions_are_still_needed() -> None:
    """Drop an entry of KNOWN_EXCEPTIONS as soon as the code no longer needs it."""
    for rel, module in KNOWN_EXCEPTIONS:
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
        assert any(_top(m) == module for _, m in imported_modules(tree)), (rel, module)


def test_the_store_does_speak_sql() -> None:
    """The detector finds the store's own SQL (so it is not blind)."""
    found = []
    for path in sorted((PACKAGE / "store").glob("*.py")):
        found += list(sql_uses(ast.parse(path.read_text(encoding="utf-8"))))
    assert len(found) > 10


BAD_SOURCES = [
    ("annotator/core/x.py", "from PySide6.QtCore import QObject\n", "imports PySide6.QtCore"),
    ("annotator/formats/x.py", "import shiboken6\n", "imports shiboken6"),
    (
        "annotator/core/x.py",
        "import importlib\nQt = importlib.import_module('PySide6.QtGui')\n",
        "PySide6.QtGui",
    ),
    ("annotator/cli.py", "import sqlite3\n", "imports sqlite3 outside annotator/store"),
    ("annotator/core/x.py", "from sqlite_utils import Database\n", "sqlite_utils"),
    ("annotator/core/x.py", "rows = 'SELECT id FROM articles'\n", "SQL string"),
    ("annotator/qt/x.py", "q = '''\n  select * from tags where x = ?'''\n", "SQL string"),
    ("annotator/core/x.py", "db.conn.execute(sql)\n", ".execute() call"),
    ("annotator/qt/x.py", "for r in project.store.db.query(q): pass\n", ".query() call"),
    ("annotator/core/x.py", "s.executescript(x)\n", ".executescript() call"),
    ("annotator/core/x.py", "S = 'INSERT INTO tags (name) VALUES (?)'\n", "SQL string"),
    ("annotator/core/x.py", "S = 'update annotations set note = ?'\n", "SQL string"),
    ("annotator/core/x.py", "S = 'DELETE FROM events'\n", "SQL string"),
    ("annotator/core/x.py", "S = 'CREATE UNIQUE INDEX i ON t (a)'\n", "SQL string"),
    ("annotator/core/x.py", "S = 'PRAGMA user_version'\n", "SQL string"),
    ("annotator/core/x.py", "S = 'BEGIN IMMEDIATE'\n", "SQL string"),
    ("annotator/core/x.py", "S = 'begin transaction'\n", "SQL string"),
    ("annotator/core/x.py", "S = 'COMMIT'\n", "SQL string"),
    ("annotator/core/x.py", "S = 'WITH t AS (SELECT 1) SELECT * FROM t'\n", "SQL string"),
    ("annotator/domain/x.py", "import click\n", "the domain imports click"),
    ("annotator/domain/x.py", "from annotator.store import tags\n", "annotator.store"),
    ("annotator/domain/x.py", "import PySide6\n", "imports PySide6"),
]


@pytest.mark.parametrize("rel, source, expected", BAD_SOURCES)
def test_the_checker_catches_violations(rel: str, source: str, expected: str) -> None:
    problems = layer_violations(source, rel)
    assert problems, f"not caught: {source!r} in {rel}"
    assert any(expected in p for p in problems), problems
    assert all(re.match(rf"^{re.escape(rel)}:\d+: ", p) for p in problems), problems


ALLOWED_SOURCES = [
    ("annotator/qt/x.py", "from PySide6.QtCore import Qt\nimport shiboken6\n"),
    ("annotator/app.py", "from PySide6.QtWidgets import QApplication\n"),
    ("annotator/store/x.py", "import sqlite3\ndb.execute('SELECT 1 FROM t')\n"),
    ("annotator/domain/x.py", "from __future__ import annotations\nimport re, unicodedata\n"),
    ("annotator/domain/x.py", "from annotator.domain.model import Tag\nfrom . import text\n"),
    ("annotator/qt/x.py", "label = 'Select an annotation in the text or the list.'\n"),
    ("annotator/qt/x.py", "a = ('create', 'update', 'delete', 'Delete selected annotation')\n"),
    ("annotator/core/x.py", "d = {'start': 1, 'end': 2, 'begin': 0, 'commit': 'abc'}\n"),
    ("annotator/core/x.py", "def f():\n    '''Delete from the index and update the view.'''\n"),
    ("annotator/formats/x.py", "'''Drop comment sections and consent banners.'''\n"),
]


@pytest.mark.parametrize("rel, source", ALLOWED_SOURCES)
def test_the_checker_allows_what_is_allowed(rel: str, source: str) -> None:
    assert layer_violations(source, rel) == []


def test_messages_name_file_and_line() -> None:
    source = "'''Doc.'''\n\nimport os\n\nx = 1\nfrom PySide6 import QtCore\n"
    assert layer_violations(source, "annotator/core/y.py") == [
        "annotator/core/y.py:6: imports PySide6 outside annotator/qt and app.py"
    ]
