"""Property: any history on two devices, imported in any order with duplicates, gives the devices' current state."""

import io
import json
import random
import shutil
import tarfile
import tempfile
from pathlib import Path

import pyrage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyrage import x25519

from desktop_app.core.vault.key_store import ANALYST_AGE
from tests.conftest import ADMIN
from tests.core.exchange.journey import (
    analyst_workspace,
    capture_with_receipts,
    device,
    project_file,
    receive,
    send,
)

STEP = st.one_of(
    st.tuples(st.just("capture"), st.integers(0, 1), st.integers(1, 3)),
    st.tuples(st.just("amend"), st.integers(0, 1), st.integers(0, 50)),
    st.tuples(st.just("withdraw"), st.integers(0, 1), st.integers(0, 50)),
    st.tuples(st.just("export"), st.integers(0, 1), st.just(0)),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(STEP, min_size=1, max_size=12), order_seed=st.integers(0, 2**32 - 1))
def test_imports_in_any_order_with_duplicates_equal_the_devices_current_state(steps, order_seed):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        analyst = analyst_workspace(root / "analyst")
        project = project_file(analyst, root)
        laptops = [device(root / f"laptop{i}", project) for i in range(2)]
        receipts: list[list[tuple[str, str]]] = [[], []]
        bundles: list[Path] = []
        try:
            for index, (action, which, amount) in enumerate(steps + [("export", 0, 0), ("export", 1, 0)]):
                laptop, mine = laptops[which], receipts[which]
                if action == "capture":
                    mine += capture_with_receipts(laptop, amount, seed=index)
                elif action == "amend" and mine:
                    record_id, _ = mine[amount % len(mine)]
                    response = laptop.responses.get(record_id)
                    if response.status == "complete":
                        laptop.responses.amend(record_id, {**response.answers, "consent": "yes"}, ADMIN, "checked")
                elif action == "withdraw" and mine:
                    record_id, code = mine[amount % len(mine)]
                    if laptop.responses.get(record_id).status == "complete":
                        laptop.responses.withdraw(code, ADMIN)
                elif action == "export":
                    bundles += _keep(send(laptop, root / f"sync{which}"), root / f"kept{len(bundles)}")

            expected = _sequential_merge(analyst, bundles)
            rng = random.Random(order_seed)
            shuffled = bundles + rng.sample(bundles, k=len(bundles) // 2)
            rng.shuffle(shuffled)
            result = receive(analyst, *shuffled)

            assert result.counts.rejected == 0, result.problems
            held = {row[0]: (row[1], json.loads(row[2])) for row in analyst.db.execute("SELECT id, revision, body FROM records")}
            assert held == expected
            current = {}
            for laptop in laptops:
                current.update(laptop.db.execute("SELECT uuid, revision FROM responses WHERE status = 'complete'"))
            assert {record_id: revision for record_id, (revision, _) in held.items()} == current
        finally:
            for vault in (analyst, *laptops):
                vault.close()


def _keep(bundle: Path | None, folder: Path) -> list[Path]:
    """Each bundle in a folder of its own, as it would reach the analysts (copied off a stick, in any order)."""
    if bundle is None:
        return []
    folder.mkdir()
    for path in (bundle, bundle.with_name(bundle.name + ".sig")):
        shutil.copy(path, folder)
    return [folder / bundle.name]


def _sequential_merge(analyst, bundles: list[Path]) -> dict[str, tuple[int, dict]]:
    """The obvious meaning of the bundles: each device's in the order it wrote them, the last copy of the newest revision wins."""
    identity = x25519.Identity.from_str(analyst.keys.get(ANALYST_AGE).secret.decode())
    records: dict[str, tuple[int, dict]] = {}
    gone: set[str] = set()
    for bundle in sorted(bundles, key=lambda path: path.name):
        with tarfile.open(fileobj=io.BytesIO(pyrage.decrypt(bundle.read_bytes(), [identity]))) as tar:
            members = {m.name: tar.extractfile(m).read().decode() for m in tar.getmembers()}
        for record in json.loads(members["responses.json"]):
            if record["id"] not in gone and record["revision"] >= records.get(record["id"], (0, {}))[0]:
                records[record["id"]] = (record["revision"], record)
        for tombstone in json.loads(members["withdrawals.json"]):
            gone.add(tombstone["id"])
            records.pop(tombstone["id"], None)
    return records
