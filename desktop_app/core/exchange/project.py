"""Project files: what the analysts send to every device, signed so that no one else can.

A project file is JSON: a `body` (forms, the analysts' age recipients, the
disclosure settings, retention) and an Ed25519 `signature` over the body's
canonical bytes by the analysts' signing key, whose public half travels in
the body. A device trusts that key on first import (its fingerprint is
shown, to compare with the analysts by phone) and refuses any later project
signed by another key.
"""

import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.exchange import signing
from desktop_app.core.exchange.errors import ProjectError
from desktop_app.core.vault.atomic_file import write_atomically
from desktop_app.core.vault.clock import utc_now

FORMAT = 1


@dataclass(frozen=True)
class ProjectForm:
    form_id: str
    version: str
    title: str
    definition: str  # pyxform's dict, as JSON


@dataclass(frozen=True)
class Project:
    project_id: str
    name: str
    created: str
    forms: tuple[ProjectForm, ...]
    recipients: tuple[str, ...]
    signer: str
    k: int = 5
    min_cell: int = 10
    retention_days: int = 90
    targets: dict[str, int] = field(default_factory=dict)  # coverage group -> responses wanted

    @property
    def fingerprint(self) -> str:
        return signing.fingerprint(self.signer)

    def to_json(self) -> str:
        return json.dumps(_body(self), sort_keys=True, separators=(",", ":"))


def new_project(name: str, forms: list[ProjectForm], recipients: list[str], signer: str,
                k: int = 5, min_cell: int = 10, retention_days: int = 90, targets: dict[str, int] | None = None) -> Project:
    _check_settings(k, min_cell, retention_days)
    for group, wanted in (targets or {}).items():
        if wanted < 1:
            raise ProjectError("bad_target", f"The coverage target for {group} must be at least 1 (it is {wanted}).")
    if not recipients:
        raise ProjectError("no_recipients", "A project needs at least one analyst recipient.")
    return Project(secrets.token_hex(8), name, utc_now(), tuple(forms), tuple(recipients), signer, k, min_cell, retention_days,
                   dict(targets or {}))


def write_project(path: Path, project: Project, signing_key: bytes) -> None:
    body = _body(project)
    document = {"format": FORMAT, "body": body, "signature": signing.sign(signing_key, _canonical(body))}
    try:
        write_atomically(path, json.dumps(document, indent=1, sort_keys=True).encode("utf-8"))
    except OSError as exc:
        raise ProjectError("write", f"Cannot write the project file {path}: {exc.strerror}.") from None


def read_project(path: Path) -> Project:
    """Read and verify a project file; every refusal names the file and the reason."""
    try:
        document = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ProjectError("missing", f"There is no project file {path}.") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ProjectError("unreadable", f"The project file {path} is not readable JSON ({exc}).") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ProjectError("format", f"{path} is not a Fieldbook project file of a format this version knows.")
    body, signature = document.get("body"), document.get("signature")
    if not isinstance(body, dict) or not isinstance(signature, str):
        raise ProjectError("unreadable", f"The project file {path} lacks its body or signature.")
    signer = body.get("signer", "")
    if not signing.verify(signer, signature, _canonical(body)):
        raise ProjectError("bad_signature", f"The project file {path} is not signed by the key it names: it was altered or damaged.")
    try:
        project = Project(
            project_id=str(body["project_id"]),
            name=str(body["name"]),
            created=str(body["created"]),
            forms=tuple(ProjectForm(**form) for form in body["forms"]),
            recipients=tuple(str(r) for r in body["recipients"]),
            signer=signer,
            k=int(body["k"]),
            min_cell=int(body["min_cell"]),
            retention_days=int(body["retention_days"]),
            targets={str(group): int(wanted) for group, wanted in body.get("targets", {}).items()},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ProjectError("unreadable", f"The project file {path} is missing a field ({exc}).") from None
    _check_settings(project.k, project.min_cell, project.retention_days)
    return project


def _body(project: Project) -> dict:
    return {
        "project_id": project.project_id,
        "name": project.name,
        "created": project.created,
        "forms": [vars(form) for form in project.forms],
        "recipients": list(project.recipients),
        "signer": project.signer,
        "k": project.k,
        "min_cell": project.min_cell,
        "retention_days": project.retention_days,
        "targets": project.targets,
    }


def from_json(text: str) -> Project:
    body = json.loads(text)
    return Project(
        body["project_id"], body["name"], body["created"], tuple(ProjectForm(**f) for f in body["forms"]),
        tuple(body["recipients"]), body["signer"], body["k"], body["min_cell"], body["retention_days"],
        body.get("targets", {}),
    )


def _canonical(body: dict) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _check_settings(k: int, min_cell: int, retention_days: int) -> None:
    if k < 2:
        raise ProjectError("bad_k", f"k must be at least 2 (it is {k}); 5 is usual, 10 stricter.")
    if min_cell < 1:
        raise ProjectError("bad_min_cell", f"The minimum cell size must be at least 1 (it is {min_cell}).")
    if retention_days < 1:
        raise ProjectError("bad_retention", f"The retention period must be at least one day (it is {retention_days}).")
