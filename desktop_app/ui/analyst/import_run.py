"""An import with trust on first use, in two passes, and its outcome added up as one.

A new device's bundles must not be merged before the analyst has compared
its fingerprint, and the comparison needs a person, so it cannot happen on
the worker thread mid-import. The first pass trusts no new device: their
bundles are refused and set aside, untouched. Once the analyst has answered,
the second pass imports exactly the set-aside bundles of the devices they
trusted. Bundles are imported one at a time (`import_bundles` over one path)
so that each refusal is known to be a wait for trust, or a real refusal.
Qt-free: the Import page runs these functions on its worker.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.exchange.importer import (
    Counts,
    ImportResult,
    NewDevice,
    bundle_paths,
    import_bundles,
)
from desktop_app.core.vault.vault import Vault

Progress = Callable[[str, int, int], None]
Stop = Callable[[], bool]  # asked between bundles: true once the window locks, so the vault can close


def _never() -> bool:
    return False


@dataclass
class ImportOutcome:
    folder: Path
    bundles: int = 0
    counts: Counts = field(default_factory=Counts)
    problems: list[str] = field(default_factory=list)  # one line per refused bundle
    ack_warnings: list[str] = field(default_factory=list)
    devices: dict[str, NewDevice] = field(default_factory=dict)  # new devices waiting for the analyst's word
    waiting: dict[str, list[Path]] = field(default_factory=dict)  # device id -> its bundles, not merged yet

    def add(self, result: ImportResult) -> None:
        self.counts.add(result.counts)
        self.problems += result.problems
        self.ack_warnings += result.ack_warnings


def first_pass(vault: Vault, folder: Path, progress: Progress, stop: Stop = _never) -> ImportOutcome:
    """Import every bundle in `folder` from known devices; set aside those of devices seen for the first time."""
    outcome = ImportOutcome(folder)
    paths = bundle_paths([folder])
    outcome.bundles = len(paths)
    for index, path in enumerate(paths):
        if stop():
            break
        progress(f"Importing {path.name}", index, len(paths))
        result, device = _trusting_no_new_device(vault, path)
        if device is not None and result.counts.rejected:
            outcome.devices.setdefault(device.device_id, device)
            outcome.waiting.setdefault(device.device_id, []).append(path)
        else:
            outcome.add(result)
    progress("Imported", len(paths), len(paths))
    return outcome


def _trusting_no_new_device(vault: Vault, path: Path) -> tuple[ImportResult, NewDevice | None]:
    """Import one bundle unless it comes from a new device; returns the new device it was refused for."""
    asked: list[NewDevice] = []

    def not_yet(device: NewDevice) -> bool:
        asked.append(device)
        return False

    result = import_bundles(vault, [path], not_yet)
    return result, asked[0] if asked else None


def second_pass(vault: Vault, outcome: ImportOutcome, trusted: Iterable[str], progress: Progress,
                stop: Stop = _never) -> ImportOutcome:
    """Import the set-aside bundles of the `trusted` device ids; the others are refused, and the outcome says why."""
    trusted = set(trusted)
    paths = [path for device_id, waiting in outcome.waiting.items() if device_id in trusted for path in waiting]
    for index, path in enumerate(paths):
        if stop():
            break
        progress(f"Importing {path.name}", index, len(paths))
        outcome.add(import_bundles(vault, [path], lambda device: device.device_id in trusted))
    for device_id, waiting in outcome.waiting.items():
        if device_id in trusted:
            continue
        outcome.counts.rejected += len(waiting)
        fingerprint = outcome.devices[device_id].fingerprint
        outcome.problems += [f"{path.name} comes from device {device_id} (fingerprint {fingerprint}), which you did not "
                             "trust: nothing in it was imported." for path in waiting]
    outcome.waiting, outcome.devices = {}, {}
    progress("Imported", len(paths), len(paths))
    return outcome
