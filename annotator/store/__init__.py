"""The only package that speaks SQL (sqlite-utils over the standard ``sqlite3``).

``sqlite_utils`` imports numpy whenever it is installed, only to map numpy's number
types to column types, which this package never uses. numpy is installed for the
agreement figures (``krippendorff``) and costs ~90 ms of every start of the app, so it
is kept out of that import; it still imports normally where it is used.

It also imports ``dateutil.parser`` (with dateutil's time zones, ``zoneinfo`` and
``ctypes``: ~10 ms of every start) for its command line's ``--convert`` recipes, which
annotator never calls: that module is put in place unexecuted and runs if it is ever
used (:class:`importlib.util.LazyLoader`).
"""

import importlib.util as _util
import sys as _sys


def _load_when_used(name: str) -> None:
    """Register module ``name`` without running it: its first attribute use runs it."""
    if name in _sys.modules:
        return
    spec = _util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    loader = _util.LazyLoader(spec.loader)
    spec.loader = loader
    module = _util.module_from_spec(spec)
    _sys.modules[name] = module
    loader.exec_module(module)
    # as an import does; ``from parent import child`` then finds it without touching it
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(_sys.modules[parent], child, module)


if "sqlite_utils" not in _sys.modules:
    _load_when_used("dateutil.parser")
    if "numpy" not in _sys.modules:
        _sys.modules["numpy"] = None  # type: ignore[assignment]  # import numpy: ImportError
        try:
            import sqlite_utils  # noqa: F401
        finally:
            del _sys.modules["numpy"]
