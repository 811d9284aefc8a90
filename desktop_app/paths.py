"""Every file location Fieldbook uses, in one place.

`--home DIR` or `FIELDBOOK_HOME` puts everything under one folder (tests,
demos, a USB-stick install); otherwise platformdirs picks the per-user
folders the operating system expects. The folder name is neutral on purpose.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop_app import APP_NAME

HOME_ENV = "FIELDBOOK_HOME"


@dataclass(frozen=True)
class Paths:
    data: Path
    config: Path
    logs: Path

    @property
    def vault(self) -> Path:
        """Folder holding the encrypted database and its keyslots."""
        return self.data / "vault"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"


def resolve(home: str | os.PathLike | None = None) -> Paths:
    """Locations for this run: explicit `home`, then FIELDBOOK_HOME, then the OS defaults."""
    home = home or os.environ.get(HOME_ENV)
    if home:
        root = Path(home).expanduser().resolve()
        return Paths(data=root / "data", config=root / "config", logs=root / "logs")
    return Paths(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
