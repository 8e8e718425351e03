"""The only package that speaks SQL (sqlite-utils over the standard ``sqlite3``).

``sqlite_utils`` imports numpy whenever it is installed, only to map numpy's number
types to column types, which this package never uses. numpy is installed for the
agreement figures (``krippendorff``) and costs ~90 ms of every start of the app, so it
is kept out of that import; it still imports normally where it is used.
"""

import sys as _sys

if "numpy" not in _sys.modules and "sqlite_utils" not in _sys.modules:
    _sys.modules["numpy"] = None  # type: ignore[assignment]  # import numpy: ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del _sys.modules["numpy"]
