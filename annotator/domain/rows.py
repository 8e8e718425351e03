"""Annotations as plain row tuples, made into :class:`Annotation` objects only when read.

Opening a long article reads tens of thousands of annotations. Painting its first
screen needs a handful of them as objects, and of the rest only the place, the tag
and the annotator: the article view and the list keep the rows the store read and
turn one into an ``Annotation`` the first time something asks for it (once: the
object then replaces the row).

A row holds the values of :data:`FIELDS` in that order, with no ``None`` where an
``Annotation`` has ``""`` (prefix, suffix, note), for a placed annotation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping
from typing import Any

from annotator.domain.model import Annotation

FIELDS = (
    "id",
    "article_id",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "tag",
    "actor",
    "note",
    "annotator",
    "created",
    "modified",
    "deleted",
)
#: positions in a row
ID, START, END, EXACT, TAG, ACTOR, NOTE, ANNOTATOR = (
    FIELDS.index(name)
    for name in ("id", "start", "end", "exact", "tag", "actor", "note", "annotator")
)

Row = tuple[Any, ...]
_MISSING: Any = object()


def from_row(row: Row) -> Annotation:
    """The :class:`Annotation` of a row, without ``__init__``.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``
    (~8 µs per annotation); filling ``__dict__`` makes the same object in ~1 µs.
    """
    annotation = object.__new__(Annotation)
    annotation.__dict__.update(zip(FIELDS, row, strict=True))
    return annotation


def field(item: Row | Annotation, position: int) -> Any:
    """One field of a row or of an annotation, by its position in :data:`FIELDS`."""
    return item[position] if type(item) is tuple else getattr(item, FIELDS[position])


class AnnotationMap(MutableMapping[str, Annotation]):
    """Annotations by id, kept as rows until each is first read.

    Reading a value (``[]``, ``get``, ``values``, ``pop``) returns an ``Annotation``;
    :meth:`column` reads one field of all of them without making any.
    """

    def __init__(self, rows: Iterable[Row] = ()) -> None:
        self._items: dict[str, Row | Annotation] = {row[ID]: row for row in rows}

    def __getitem__(self, key: str) -> Annotation:
        item = self._items[key]
        if type(item) is tuple:
            item = self._items[key] = from_row(item)
        return item  # type: ignore[return-value]

    def get(self, key: str, default: Any = None) -> Any:
        item = self._items.get(key, _MISSING)
        if item is _MISSING:
            return default
        if type(item) is tuple:
            item = self._items[key] = from_row(item)
        return item

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __setitem__(self, key: str, value: Annotation) -> None:
        self._items[key] = value

    def __delitem__(self, key: str) -> None:
        del self._items[key]

    def pop(self, key: str, default: Any = _MISSING) -> Any:
        item = self._items.pop(key, _MISSING)
        if item is _MISSING:
            if default is _MISSING:
                raise KeyError(key)
            return default
        return from_row(item) if type(item) is tuple else item

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def column(self, position: int) -> list[Any]:
        """The field at ``position`` (see :data:`FIELDS`) of every annotation, in the order
        of iteration (that of the ids); no ``Annotation`` is made."""
        name = FIELDS[position]
        return [
            item[position] if type(item) is tuple else getattr(item, name)
            for item in self._items.values()
        ]
