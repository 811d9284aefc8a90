"""Device settings: each declared once, with its default and what it is for.

Kept as JSON in the config folder; they hold preferences only, never
anything a respondent said. Unknown or malformed values fall back to the
default rather than stopping the app. A plain class rather than a
dataclass: the settings are read before the unlock window appears, and
`dataclasses` would cost more start-up time than the rest of this module.
"""

import json
from pathlib import Path

from desktop_app.core.vault.atomic_file import write_atomically


class Settings:
    idle_lock_minutes: int = 5  # lock after this long without a key press or click (0 = never)
    font_point_size: int = 0  # 0 follows the operating system
    high_contrast: bool = False  # black on white, thicker focus rings
    decoy_on_exit: bool = False  # quick exit shows a neutral page before the lock screen
    quick_exit_explained: bool = False  # the first-run screen about quick exit has been seen

    def __init__(self, **values) -> None:
        unknown = values.keys() - self.__annotations__.keys()
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
        for name in self.__annotations__:
            setattr(self, name, values.get(name, getattr(Settings, name)))

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__annotations__}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and self.as_dict() == other.as_dict()

    def __repr__(self) -> str:
        return f"Settings({', '.join(f'{name}={value!r}' for name, value in self.as_dict().items())})"

    @classmethod
    def load(cls, path: Path) -> "Settings":
        try:
            stored = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        settings = cls()
        for name, default in settings.as_dict().items():
            value = stored.get(name) if isinstance(stored, dict) else None
            if isinstance(value, type(default)):
                setattr(settings, name, value)
        return settings

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(self.as_dict(), indent=2).encode("utf-8"))
