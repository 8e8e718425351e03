"""User settings (annotator name, theme, font, word snapping, organisation), kept as
JSON in the platform's config folder; the default database lives in the user data folder."""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

APP_NAME = "annotator"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """``$ANNOTATOR_DB``, else ``annotator.db`` in the user data folder."""
    env = os.environ.get("ANNOTATOR_DB")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "annotator.db"


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "annotator"


@dataclass
class Settings:
    annotator: str = ""
    theme: str = "light"
    font_family: str = ""
    font_size: int = 13
    snap_to_words: bool = True
    #: the fact-checking organisation that publishes verdicts (schema.org ClaimReview)
    organisation: str = ""
    organisation_url: str = ""

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        try:
            raw = json.loads(cls.path().read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name: f.type for f in fields(cls)}
        values = {}
        defaults = cls()
        for key, value in raw.items():
            if key in known and type(value) is type(getattr(defaults, key)):
                values[key] = value
        return cls(**values)

    def save(self) -> None:
        target = self.path()
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2), "utf-8")
        os.replace(tmp, target)


def resolve_annotator(explicit: str | None = None) -> str:
    """``--annotator``, else ``$ANNOTATOR_NAME``, else the settings, else the OS user."""
    for candidate in (explicit, os.environ.get("ANNOTATOR_NAME"), Settings.load().annotator):
        if candidate and candidate.strip():
            return candidate.strip()
    return os_user()


class Drafts:
    """Notes being typed, kept beside the settings until they are saved, so a crash in
    the second before a note is committed loses nothing: the app offers them back."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "drafts.json"

    def _load(self) -> dict:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        os.replace(tmp, self.path)

    def put(self, database: str, annotation_id: str, note: str) -> None:
        data = self._load()
        data[f"{database}|{annotation_id}"] = note
        self._save(data)

    def drop(self, database: str, annotation_id: str) -> None:
        data = self._load()
        if data.pop(f"{database}|{annotation_id}", None) is not None:
            self._save(data)

    def for_database(self, database: str) -> dict[str, str]:
        """Unsaved notes of one database, by annotation id."""
        prefix = f"{database}|"
        return {
            k[len(prefix) :]: v
            for k, v in self._load().items()
            if k.startswith(prefix) and isinstance(v, str)
        }
