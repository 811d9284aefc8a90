"""The support services shown at the end of every survey and on every way out.

The list is data, not code: a shipped default, replaced per project or
device by a file of the same shape in the config folder.
"""

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from desktop_app.core.errors import FieldbookError


@dataclass(frozen=True)
class Service:
    name: str
    phone: str
    hours: str = ""
    note: str = ""


def load_services(override: Path | None = None) -> list[Service]:
    """The device's list if it has one, else the shipped list."""
    if override is not None and override.exists():
        return _parse(override.read_text("utf-8"), str(override))
    text = resources.files("desktop_app.resources").joinpath("support_services.json").read_text("utf-8")
    return _parse(text, "the shipped support services")


def _parse(text: str, where: str) -> list[Service]:
    try:
        return [Service(**entry) for entry in json.loads(text)["services"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise FieldbookError("support_services", f"The support services in {where} cannot be read ({exc}).") from None
