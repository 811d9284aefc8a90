"""Commands for the exchange: analysts' keys and project files, the device's identity, export, withdrawal, status."""

import argparse
import sys
from pathlib import Path

from desktop_app.commands import unlock
from desktop_app.core.errors import FieldbookError
from desktop_app.core.vault.vault import Vault
from desktop_app.paths import Paths
from desktop_app.secret_input import PASSPHRASE_ENV, read_secret


def analyst(args: argparse.Namespace, where: Paths) -> int:
    from desktop_app.core.exchange.workspace import analyst_identity, init_analyst

    if args.action == "init":
        name = args.user or "analyst"
        secret = read_secret(file=args.passphrase_file, env=PASSPHRASE_ENV, prompt=f"Passphrase for {name}: ", confirm=True)
        vault, recovery_key = Vault.create(where.vault, name, secret)
        with vault:
            recipient = init_analyst(vault)
        print(f"Analyst workspace created in {where.vault} with admin '{name}'.")
        print(f"Recovery key (shown once; keep it apart from this computer): {recovery_key}")
        print(f"Age recipient (share it; it goes into project files): {recipient}")
        return 0
    with unlock(args, where) as vault:
        identity = analyst_identity(vault)
    out = Path(args.out)
    try:
        out.touch(mode=0o600, exist_ok=False)
        out.write_text(identity + "\n")
    except FileExistsError:
        raise FieldbookError("exists", f"{out} already exists; choose a new file for the secret key.") from None
    except OSError as exc:
        raise FieldbookError("write", f"Cannot write {out}: {exc.strerror}.") from None
    print(f"Wrote the analysts' secret age identity to {out}.", file=sys.stderr)
    print("Warning: anyone with this file can read every bundle. Keep it offline, encrypted, and never on a device.", file=sys.stderr)
    return 0


def project(args: argparse.Namespace, where: Paths) -> int:
    from desktop_app.core.exchange.workspace import create_project_file

    with unlock(args, where) as vault:
        created = create_project_file(
            vault, [Path(p) for p in args.forms], Path(args.out), name=args.name or "", k=args.k,
            min_cell=args.min_cell, retention_days=args.retention_days, extra_recipients=tuple(args.recipient or ()),
            targets=_targets(args.target or []),
        )
    print(f"Wrote {args.out}: project {created.project_id}, {len(created.forms)} forms, k={created.k}, "
          f"minimum cell {created.min_cell}, retention {created.retention_days} days.")
    print(f"Signing key fingerprint (devices will show it): {created.fingerprint}")
    return 0


def _targets(pairs: list[str]) -> dict[str, int]:
    targets: dict[str, int] = {}
    if not pairs:
        return targets
    from desktop_app.core.analysis.coverage import GROUPS

    for pair in pairs:
        group, _, wanted = pair.partition("=")
        if group not in GROUPS or not wanted.strip().isdigit():
            raise FieldbookError("bad_target", f"--target {pair}: expected GROUP=N with GROUP one of {', '.join(GROUPS)}.")
        targets[group] = int(wanted)
    return targets


def device(args: argparse.Namespace, where: Paths) -> int:
    from desktop_app.core.exchange.workspace import current_project, device_identity

    with unlock(args, where) as vault:
        device_id, public, fingerprint = device_identity(vault)
        current = current_project(vault)
    print(f"Device:      {device_id}")
    print(f"Public key:  {public}")
    print(f"Fingerprint: {fingerprint}")
    print(f"Project:     {current.name} ({current.project_id}), analysts' key {current.fingerprint}")
    return 0


def export(args: argparse.Namespace, where: Paths) -> int:
    from desktop_app.core.exchange.export import export as run_export
    from desktop_app.core.signposting import load_services

    folder = Path(args.to) if args.to else where.sync
    allow = [service.phone for service in load_services(where.support_services_file)]

    def progress(step: str, done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{step}: {done}/{total}", end="", file=sys.stderr, flush=True)

    with unlock(args, where) as vault:
        result = run_export(vault, folder, allow, progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for line in result.disclosure:
        print(f"disclosure control: {line}", file=sys.stderr)
    if result.acknowledged:
        print(f"Analysts confirmed bundles {', '.join(map(str, result.acknowledged))}.", file=sys.stderr)
    if result.purged:
        print(f"Removed {result.purged} acknowledged responses past the retention period.", file=sys.stderr)
    if result.path is None:
        print("Nothing new to export.", file=sys.stderr)
        return 0
    print(result.path)
    print(f"{result.responses} responses and {result.withdrawals} withdrawals, encrypted to the analysts.", file=sys.stderr)
    return 0


def withdraw(args: argparse.Namespace, where: Paths) -> int:
    with unlock(args, where) as vault:
        vault.responses.withdraw(args.code, vault.user.name)
    print("Withdrawn: the answers were erased from this device; the analysts' copy is removed at the next export.")
    return 0


def status(args: argparse.Namespace, where: Paths) -> int:
    with unlock(args, where) as vault:
        counts = vault.exports.status()
        unacknowledged = vault.exports.unacknowledged()
    print(f"Drafts in progress:           {counts['drafts']}")
    print(f"Waiting to be exported:       {counts['waiting']}")
    print(f"Sent, not yet acknowledged:   {counts['sent']}")
    print(f"Acknowledged by the analysts: {counts['acknowledged']}")
    if unacknowledged:
        print(f"Bundles awaiting acknowledgement: {', '.join(name for _, name in unacknowledged)}")
    return 0
