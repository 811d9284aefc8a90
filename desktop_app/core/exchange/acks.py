"""Acknowledgements: the analysts' signed word that a bundle was imported.

The importer writes `acks/<device>-<seq>.ack` into the sync folder, signed
with the analysts' key named in the project file; the device reads them at
its next export and stops re-sending what they cover.
"""

import json
from pathlib import Path

from desktop_app.core.exchange import signing
from desktop_app.core.exchange.bundle import _canonical
from desktop_app.core.exchange.project import Project
from desktop_app.core.vault.atomic_file import write_atomically

ACKS = "acks"


def ack_path(folder: Path, device_id: str, seq: int) -> Path:
    return folder / ACKS / f"{device_id}-{seq:06d}.ack"


def write_ack(folder: Path, project_id: str, device_id: str, seq: int, ciphertext_sha256: str, signing_key: bytes) -> Path:
    body = {"project_id": project_id, "device_id": device_id, "seq": seq, "ciphertext_sha256": ciphertext_sha256}
    path = ack_path(folder, device_id, seq)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps({**body, "signature": signing.sign(signing_key, _canonical(body))}).encode())
    return path


def read_acks(folder: Path, project: Project, device_id: str, seqs: list[int]) -> list[int]:
    """The sequence numbers among `seqs` that carry a valid acknowledgement; forged or damaged ones are ignored."""
    acknowledged = []
    for seq in seqs:
        path = ack_path(folder, device_id, seq)
        try:
            document = json.loads(path.read_text("utf-8"))
            signature = document.pop("signature")
        except (OSError, ValueError, KeyError, AttributeError):
            continue
        if (document.get("project_id") == project.project_id and document.get("device_id") == device_id
                and document.get("seq") == seq and signing.verify(project.signer, signature, _canonical(document))):
            acknowledged.append(seq)
    return acknowledged
