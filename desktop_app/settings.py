"""Device settings: each declared once, with its default and what it is for.

Kept as JSON in the config folder; they hold preferences only, never
anything a respondent said. Unknown or malformed values fall back to the
default rather than stopping the app.
"""

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from desktop_app.core.vault.atomic_file import write_atomically


@dataclass
class Settings:
    idle_lock_minutes: int = 5  # lock after this long without a key press or click (0 = never)
    font_point_size: int = 0  # 0 follows the operating system
    high_contrast: bool = False  # black on white, thicker focus rings
    decoy_on_exit: bool = False  # quick exit shows a neutral page before the lock screen
    quick_exit_explained: bool = False  # the first-run screen about quick exit has been seen

    @classmethod
    def load(cls, path: Path) -> "Settings":
        try:
            stored = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        settings = cls()
        for spec in fields(cls):
            value = stored.get(spec.name) if isinstance(stored, dict) else None
            if isinstance(value, type(getattr(settings, spec.name))):
                setattr(settings, spec.name, value)
        return settings

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(asdict(self), indent=2).encode("utf-8"))
