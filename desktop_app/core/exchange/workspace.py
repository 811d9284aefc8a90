"""Setting a workspace up for its side of the exchange: the analysts' keys, a device's project and identity."""

import secrets
from pathlib import Path

from desktop_app.core.exchange import signing
from desktop_app.core.exchange.errors import ProjectError
from desktop_app.core.exchange.project import (
    Project,
    ProjectForm,
    from_json,
    new_project,
    write_project,
)
from desktop_app.core.forms.loader import load_form
from desktop_app.core.signposting import load_services
from desktop_app.core.vault.key_store import (
    ANALYST_AGE,
    ANALYST_SIGNING,
    DEVICE_SIGNING,
)
from desktop_app.core.vault.vault import Vault

WORKSPACE = "workspace"  # meta key: "analyst" or "device"


def init_analyst(vault: Vault) -> str:
    """Give an analyst workspace its age identity and signing key; returns the age recipient to share."""
    from pyrage import x25519

    vault.require_admin("set up the analysts' keys")
    if vault.meta(WORKSPACE):
        raise ProjectError("workspace_exists", f"This workspace is already set up as {vault.meta(WORKSPACE)} workspace.")
    identity = x25519.Identity.generate()
    signing_key = signing.new_signing_key()
    with vault.db.transaction():
        vault.keys.put(ANALYST_AGE, str(identity).encode("ascii"), str(identity.to_public()))
        vault.keys.put(ANALYST_SIGNING, signing_key, signing.public_key(signing_key))
        vault.db.execute("INSERT INTO meta (key, value) VALUES (?, 'analyst')", (WORKSPACE,))
        vault.audit.record(vault.user.name, "analyst.init", "")
    return str(identity.to_public())


def analyst_identity(vault: Vault) -> str:
    """The age secret key (AGE-SECRET-KEY-1...), for the reference `age` CLI and key escrow."""
    _require(vault, "analyst")
    vault.require_admin("export the analysts' secret key")
    with vault.db.transaction():
        vault.audit.record(vault.user.name, "analyst.identity_exported", "")
    return vault.keys.get(ANALYST_AGE).secret.decode("ascii")


def create_project_file(vault: Vault, form_paths: list[Path], out: Path, *, name: str = "", k: int = 5,
                        min_cell: int = 10, retention_days: int = 90, extra_recipients: tuple[str, ...] = (),
                        targets: dict[str, int] | None = None) -> Project:
    """Sign a project file holding the forms, this workspace's recipient (plus any others) and the settings.

    The analysts keep the project and its forms too: imports are checked
    against the project, and datasets are labelled from the forms."""
    _require(vault, "analyst")
    forms = []
    for path in form_paths:
        loaded = load_form(path)
        forms.append(ProjectForm(loaded.form.form_id, loaded.form.version, loaded.form.title, loaded.definition_json()))
    recipients = [vault.keys.get(ANALYST_AGE).public, *extra_recipients]
    _check_recipients(recipients)
    signer = vault.keys.get(ANALYST_SIGNING)
    project = new_project(name or out.stem, forms, recipients, signer.public, k, min_cell, retention_days, targets)
    with vault.db.transaction():
        for form in project.forms:
            vault.forms.add(form.form_id, form.version, form.title, form.definition, vault.user.name)
        vault.db.execute("INSERT INTO analyst_projects (project_id, body, created_at) VALUES (?, ?, ?)",
                         (project.project_id, project.to_json(), project.created))
        vault.audit.record(vault.user.name, "project.create", project.project_id)
        write_project(out, project, signer.secret)  # inside: a failed write leaves no half-recorded project
    return project


def import_project(vault: Vault, project: Project) -> None:
    """Install a verified project on a device: its forms, settings, and (first time) a device identity."""
    vault.require_admin("set this device up for a project")
    if vault.meta(WORKSPACE) == "analyst":
        raise ProjectError("wrong_workspace", "This is an analyst workspace; set a project up on a device vault.")
    current = vault.meta("project")
    if current and from_json(current).signer != project.signer:
        raise ProjectError(
            "different_signer",
            f"This device's project was signed by key {from_json(current).fingerprint}; the new file is signed by "
            f"{project.fingerprint}. Ask the analysts which is right before going on.",
        )
    _check_recipients(list(project.recipients))
    with vault.db.transaction():
        for form in project.forms:
            vault.forms.add(form.form_id, form.version, form.title, form.definition, vault.user.name)
        if vault.keys.find(DEVICE_SIGNING) is None:
            key = signing.new_signing_key()
            vault.keys.put(DEVICE_SIGNING, key, signing.public_key(key))
            vault.db.execute("INSERT INTO meta (key, value) VALUES ('device_id', ?)", (f"dev-{secrets.token_hex(4)}",))
        allow = vault.outgoing.allow_list()  # the shipped helplines until an export says otherwise
        vault.outgoing.configure(project.project_id, [service.phone for service in load_services()] if allow is None else allow)
        for key, value in ((WORKSPACE, "device"), ("project", project.to_json())):
            vault.db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
        vault.audit.record(vault.user.name, "project.import", project.project_id)


def device_identity(vault: Vault) -> tuple[str, str, str]:
    """(device id, public key, fingerprint) of a device set up for a project."""
    key = vault.keys.find(DEVICE_SIGNING)
    if key is None:
        raise ProjectError("no_project", "This device has no project yet: set it up with a project file (fieldbook setup --project FILE).")
    return vault.meta("device_id") or "", key.public, signing.fingerprint(key.public)


def current_project(vault: Vault) -> Project:
    text = vault.meta("project")
    if not text:
        raise ProjectError("no_project", "This device has no project yet, so there is nowhere to send data: import the analysts' project file first.")
    return from_json(text)


def _require(vault: Vault, kind: str) -> None:
    if vault.meta(WORKSPACE) != kind:
        raise ProjectError("wrong_workspace", f"This needs an {kind} workspace (fieldbook analyst init).")


def _check_recipients(recipients: list[str]) -> None:
    from pyrage import x25519

    for recipient in recipients:
        try:
            x25519.Recipient.from_str(recipient)
        except Exception:
            raise ProjectError("bad_recipient", f"'{recipient[:24]}' is not an age recipient (age1...).") from None
