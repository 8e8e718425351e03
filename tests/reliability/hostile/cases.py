"""The shape of a hostile case and the folder it is written in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

IMPORTED = "imported"
REFUSED = "refused"
EITHER = "imported or refused"  # only for the huge cases, whose outcome depends on the machine
WRITTEN = "written"  # an export that must stay in its folder


@dataclass
class Context:
    """Where a run writes: ``imports`` is the folder the user imports from; ``outside``
    holds the secret no import may read; ``canary`` is the base URL nothing may fetch."""

    root: Path
    canary: str
    token: str
    imports: Path = field(init=False)
    outside: Path = field(init=False)
    secret: Path = field(init=False)

    def __post_init__(self) -> None:
        self.imports = self.root / "import"
        self.outside = self.root / "outside"
        self.secret = self.outside / "secret.txt"
        for folder in (self.imports, self.outside):
            folder.mkdir(parents=True, exist_ok=True)
        self.secret.write_text(f"{self.token}\n", encoding="utf-8")
        (self.outside / "secret.dtd").write_text(
            f'<!ENTITY leak "{self.token}">\n<!ENTITY % pleak "{self.token}">\n', encoding="utf-8"
        )
        (self.outside / "secret.css").write_text(f"/* {self.token} */", encoding="utf-8")

    @property
    def secret_url(self) -> str:
        return self.secret.as_uri()


@dataclass(frozen=True)
class Case:
    """One hostile input: ``build`` writes it and returns its path; the outcome must be
    ``expect`` — imported (the text holding every ``must_have`` and none of ``must_not`` nor
    the secret), or refused with a message holding one of the ``|``-separated ``message``
    parts (and, for sets, the database unchanged)."""

    name: str
    group: str  # "article", "set", "export", "csv"
    expect: str
    build: Callable[[Context], Path]
    message: str = ""
    must_have: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()
    huge: bool = False
    options: dict[str, object] = field(default_factory=dict)

    def refusal_ok(self, text: str) -> bool:
        return any(part in text for part in self.message.split("|")) if self.message else True
