"""Every file location Fieldbook uses, in one place.

`--home DIR` or `FIELDBOOK_HOME` puts everything under one folder (tests,
demos, a USB-stick install); otherwise platformdirs picks the per-user
folders the operating system expects. The folder name is neutral on purpose.
A NamedTuple rather than a dataclass: this module is on the way to the
unlock window, and `dataclasses` (with the code it generates) costs more
start-up time than everything else here.
"""

import os
import sys
from pathlib import Path
from typing import NamedTuple

from desktop_app import APP_NAME

HOME_ENV = "FIELDBOOK_HOME"


class Paths(NamedTuple):
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

    @property
    def sync(self) -> Path:
        """Where bundles go when `export` is not told a folder (a USB stick or shared folder is usual)."""
        return self.data / "sync"

    @property
    def support_services_file(self) -> Path:
        """A device's own list of support services, replacing the shipped one when present."""
        return self.config / "support_services.json"


def shipped_forms() -> Path:
    """The forms that come with Fieldbook: beside the code in a source checkout, or inside a bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "forms"
    return Path(__file__).resolve().parent.parent / "forms"


def resolve(home: str | os.PathLike | None = None) -> Paths:
    """Locations for this run: explicit `home`, then FIELDBOOK_HOME, then the OS defaults."""
    home = home or os.environ.get(HOME_ENV)
    if home:
        root = Path(home).expanduser().resolve()
        return Paths(data=root / "data", config=root / "config", logs=root / "logs")
    import platformdirs  # only when no home was given: tests and demos never need it

    return Paths(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
