"""Import of N responses in B bundles against pandas reading the same decrypted data; then the same import again.

Budget (issue 6, DESIGN.md 9): importing 1,000,000 responses in 100 bundles
takes at most 2x `pandas.read_json(lines=True)` over the same records,
decrypted, in the same run; re-importing them all at most 0.2x the first
import. The bundles are made once per run (not timed): a real export of 200
synthetic pathways responses gives realistic anonymised records, repeated
under fresh ids and signed by one device key.

    .venv/bin/python bench/bench_import.py [-n 1000000] [--bundles 100]
"""

import argparse
import io
import json
import random
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.core.demo import simulate
from desktop_app.core.exchange.bundle import encode_members, pack, write_bundle
from desktop_app.core.exchange.export import export
from desktop_app.core.exchange.importer import import_bundles
from desktop_app.core.exchange.project import read_project
from desktop_app.core.exchange.workspace import (
    create_project_file,
    import_project,
    init_analyst,
)
from desktop_app.core.vault import keyslots
from desktop_app.core.vault.batch import one_transaction
from desktop_app.core.vault.key_store import ANALYST_AGE, DEVICE_SIGNING
from desktop_app.core.vault.vault import Vault

REPO = Path(__file__).resolve().parents[1]
PASSPHRASE = "benchmark passphrase words"


def sample_records(home: Path, analyst: Vault, project_path: Path) -> tuple[Vault, list[dict]]:
    device, _ = Vault.create(home / "device", "bench", PASSPHRASE)
    import_project(device, read_project(project_path))
    with one_transaction(device.db):
        simulate(device, "pathways_survey", 200, random.Random(1))
    bundle = export(device, home / "sample", []).path
    import tarfile

    import pyrage
    from pyrage import x25519

    identity = x25519.Identity.from_str(analyst.keys.get(ANALYST_AGE).secret.decode())
    with tarfile.open(fileobj=io.BytesIO(pyrage.decrypt(bundle.read_bytes(), [identity]))) as tar:
        return device, json.loads(tar.extractfile("responses.json").read())


def make_bundles(device: Vault, samples: list[dict], total: int, count: int, folder: Path, plain: Path) -> None:
    key = device.keys.get(DEVICE_SIGNING)
    project = json.loads(device.meta("project"))
    device_id = device.meta("device_id")
    per = total // count
    for seq in range(1, count + 1):
        records = [{**samples[i % len(samples)], "id": str(uuid.uuid4())} for i in range(per)]
        manifest = {"project_id": project["project_id"], "device_id": device_id, "device_public_key": key.public,
                    "seq": seq, "created": "2026-11-01", "forms": {"pathways_survey": ["x"]},
                    "counts": {"responses": per, "withdrawals": 0}}
        plaintext = pack(manifest, encode_members(records, []), key.secret)
        sidecar = {"project_id": project["project_id"], "device_id": device_id, "device_public_key": key.public, "seq": seq}
        write_bundle(folder, plaintext, project["recipients"], sidecar, key.secret)
        (plain / f"{seq:06d}.jsonl").write_text("".join(json.dumps(r, separators=(",", ":")) + "\n" for r in records))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=1_000_000)
    parser.add_argument("--bundles", type=int, default=100)
    args = parser.parse_args()
    import pandas as pd

    keyslots.DEFAULT_KDF = keyslots.KdfParams(1, 8 * 1024, 1)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        analyst, _ = Vault.create(home / "analyst", "analyst", PASSPHRASE)
        init_analyst(analyst)
        project_path = home / "bench.fbproj"
        create_project_file(analyst, [REPO / "forms" / "pathways_survey.md"], project_path, k=5)
        device, samples = sample_records(home, analyst, project_path)
        (home / "sync").mkdir()
        (home / "plain").mkdir()
        made = time.perf_counter()
        make_bundles(device, samples, args.n, args.bundles, home / "sync", home / "plain")
        device.close()
        print(f"made {args.bundles} bundles of {args.n // args.bundles} responses in {time.perf_counter() - made:.1f} s")

        start = time.perf_counter()
        rows = sum(len(pd.read_json(path, lines=True)) for path in sorted((home / "plain").glob("*.jsonl")))
        baseline = time.perf_counter() - start

        start = time.perf_counter()
        first = import_bundles(analyst, [home / "sync"], lambda device: True)
        imported = time.perf_counter() - start
        start = time.perf_counter()
        again = import_bundles(analyst, [home / "sync"], lambda device: True)
        reimported = time.perf_counter() - start
        analyst.close()
    assert first.counts.new == rows == args.n and again.counts.duplicate == args.n, (first.counts, again.counts)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pandas read_json of the decrypted records: {baseline:.2f} s ({rows} rows)")
    print(f"import (verify, decrypt, merge):           {imported:.2f} s  ratio {imported / baseline:.2f}x (budget 2x)")
    print(f"re-import (all duplicates):                {reimported:.2f} s  ratio {reimported / imported:.3f}x of the first (budget 0.2x)")
    print(f"peak memory of this process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
