"""Each completed response as it will leave the device, worked out when it is completed.

Anonymising every response at export would keep the worker waiting at the end
of a session (seconds for 100,000 responses); a response is anonymised once
instead, when it is completed or corrected, and kept in the vault beside its
answers. An export then assembles the kept records and anonymises only what
has none. A kept record is used only while what it was made from stands: the
response's revision and the `fingerprint` of the Fieldbook release, the
project and the helpline allow-list. The disclosure gate and the worker's
free-text review depend on the other responses, so they stay in the export.
"""

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable

from desktop_app import __version__
from desktop_app.core.forms.model import Form
from desktop_app.core.privacy.anonymise import Anonymiser


def fingerprint(project_id: str, allow: Iterable[str]) -> str:
    """What a kept record depends on besides the response: a new release may anonymise differently."""
    text = json.dumps([__version__, project_id, sorted(set(allow))])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def worker_pseudonym(device_key: bytes, project_id: str, user: str) -> str:
    """The same worker, the same pseudonym within a project; unlinkable to the account name."""
    digest = hmac.new(device_key, f"{project_id}\x1f{user}".encode(), hashlib.sha256).hexdigest()
    return f"worker-{digest[:8]}"


class Pseudonyms(dict):
    """Each worker's pseudonym, worked out the first time it is needed."""

    def __init__(self, device_key: bytes, project_id: str):
        super().__init__()
        self.device_key, self.project_id = device_key, project_id

    def __missing__(self, user: str) -> str:
        pseudonym = self[user] = worker_pseudonym(self.device_key, self.project_id, user)
        return pseudonym


def outgoing_record(uuid: str, form_id: str, version: str, revision: int, completed_at: str | None, worker: str,
                    answers: dict) -> dict:
    """A response as a bundle carries it: the answers already anonymised, timestamps cut to the date."""
    return {"id": uuid, "form_id": form_id, "form_version": version, "revision": revision,
            "completed": (completed_at or "")[:10], "worker": worker, "answers": answers}


class OutgoingRecords:
    """Records made one response at a time, each form version's anonymiser (and its memory) kept."""

    def __init__(self, form_of: Callable[[str, str], Form], device_key: bytes, project_id: str, allow: Iterable[str]):
        self.allow = tuple(allow)
        self.fingerprint = fingerprint(project_id, self.allow)
        self._form_of = form_of
        self._pseudonyms = Pseudonyms(device_key, project_id)
        self._anonymisers: dict[tuple[str, str], Anonymiser] = {}

    def record(self, uuid: str, form_id: str, version: str, revision: int, completed_at: str | None, user: str,
               answers: dict) -> tuple[dict, list]:
        """The record, and its values of the form version's quasi-identifiers (None where it has none):
        what the disclosure gate counts of it."""
        anonymiser = self._anonymisers.get((form_id, version))
        if anonymiser is None:
            anonymiser = self._anonymisers[form_id, version] = Anonymiser(self._form_of(form_id, version), self.allow)
        anonymised = anonymiser.anonymised(answers)
        return (outgoing_record(uuid, form_id, version, revision, completed_at, self._pseudonyms[user], anonymised),
                [anonymised.get(name) for name in anonymiser.policy.quasi])
