"""What each `fieldbook` command does, over the core; cli.py only parses."""

import argparse
import os
from pathlib import Path

from desktop_app.core.errors import FieldbookError
from desktop_app.core.vault.vault import Vault, require_vault
from desktop_app.paths import Paths
from desktop_app.secret_input import (
    NEW_PASSPHRASE_ENV,
    PASSPHRASE_ENV,
    RECOVERY_KEY_ENV,
    USER_ENV,
    read_secret,
)


def setup(args: argparse.Namespace, where: Paths) -> int:
    admin = _acting_user(args)
    if not admin:
        raise FieldbookError("user_required", "Name the first admin account: fieldbook setup --user NAME.")
    project = None
    if args.project:
        from desktop_app.core.exchange.project import read_project

        project = read_project(Path(args.project))  # verified before anything is created
    secret = read_secret(file=args.passphrase_file, env=PASSPHRASE_ENV, prompt=f"Passphrase for {admin}: ", confirm=True)
    vault, recovery_key = Vault.create(where.vault, admin, secret)
    with vault:
        if project is not None:
            from desktop_app.core.exchange.workspace import (
                device_identity,
                import_project,
            )

            import_project(vault, project)
            device_id, _, fingerprint = device_identity(vault)
    print(f"Vault created in {where.vault} with admin '{admin}'.")
    if project is not None:
        print(f"Project '{project.name}' installed: {len(project.forms)} forms, k={project.k}.")
        print(f"Analysts' signing key: {project.fingerprint} (check it with the analysts)")
        print(f"This device: {device_id}, key fingerprint {fingerprint}")
    print()
    print("Recovery key (shown once; write it down and keep it apart from this laptop):")
    print()
    print(f"    {recovery_key}")
    print()
    print("It resets a forgotten passphrase with: fieldbook recover --user NAME")
    return 0


def user(args: argparse.Namespace, where: Paths) -> int:
    with unlock(args, where) as vault:
        if args.action == "add":
            account = vault.add_user(args.name, args.role, _new_passphrase(args, args.name))
            print(f"Added {account.role} '{account.name}'.")
        elif args.action == "passwd":
            name = args.name or vault.user.name
            vault.set_passphrase(name, _new_passphrase(args, name))
            print(f"Passphrase changed for '{name}'.")
        else:
            for account in vault.list_users():
                print(f"{account.name}\t{account.role}\t{account.created_at}")
    return 0


def recover(args: argparse.Namespace, where: Paths) -> int:
    name = _acting_user(args)
    if not name:
        raise FieldbookError("user_required", "Name the account to recover: fieldbook recover --user NAME.")
    require_vault(where.vault)
    key = read_secret(file=args.recovery_key_file, env=RECOVERY_KEY_ENV, prompt="Recovery key: ", what="recovery key")
    Vault.recover(where.vault, name, key, _new_passphrase(args, name)).close()
    print(f"Passphrase reset for '{name}'.")
    return 0


def audit(args: argparse.Namespace, where: Paths) -> int:
    with unlock(args, where) as vault:
        if args.action == "show":
            vault.require_admin("read the activity log")
            for seq, at, actor, action, target in vault.audit.entries(args.n):
                print(f"{seq}\t{at}\t{actor}\t{action}\t{target}")
            return 0
        report = vault.audit.verify()
    if report.ok:
        print(f"Audit log intact: {report.rows} entries, chain verified.")
        return 0
    raise FieldbookError("audit_broken", f"Audit log tampered with: {'; '.join(report.problems)}.")


def check(args: argparse.Namespace, where: Paths) -> int:
    with unlock(args, where) as vault:
        vault.check_integrity()
        report = vault.audit.verify()
        responses = vault.responses.count()
    if not report.ok:
        raise FieldbookError("audit_broken", f"Audit log tampered with: {'; '.join(report.problems)}.")
    print(f"Vault intact: every page verified, {responses} responses, audit chain of {report.rows} entries.")
    return 0


def _acting_user(args: argparse.Namespace) -> str | None:
    return args.user or os.environ.get(USER_ENV) or None


def unlock(args: argparse.Namespace, where: Paths) -> Vault:
    require_vault(where.vault)
    name = _acting_user(args)
    secret = read_secret(file=args.passphrase_file, env=PASSPHRASE_ENV, prompt=f"Passphrase{' for ' + name if name else ''}: ")
    return Vault.unlock(where.vault, name, secret)


def _new_passphrase(args: argparse.Namespace, whose: str) -> str:
    return read_secret(
        file=args.new_passphrase_file, env=NEW_PASSPHRASE_ENV, prompt=f"New passphrase for {whose}: ", confirm=True
    )
