"""Completed-response save throughput against raw sqlcipher3 inserts of the same JSON.

Budget (DESIGN.md 9): Fieldbook's `complete()` (encrypted, audited, durable,
and anonymised for the next export, on a device set up from a project)
at least 0.5x the rate of bare INSERT + COMMIT into a SQLCipher database with
the same durability pragmas. Both run here, now, on the same disk.

    .venv/bin/python bench/bench_save.py [-n 300]
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlcipher3  # noqa: E402

from desktop_app.core.exchange.project import read_project  # noqa: E402
from desktop_app.core.exchange.workspace import (  # noqa: E402
    create_project_file,
    import_project,
    init_analyst,
)
from desktop_app.core.forms.loader import form_from_definition  # noqa: E402
from desktop_app.core.forms.synthetic import synthetic_session  # noqa: E402
from desktop_app.core.vault import keyslots  # noqa: E402
from desktop_app.core.vault.vault import Vault  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PASSPHRASE = "benchmark passphrase words"


def device(folder: Path) -> tuple[Vault, str, dict]:
    """A device set up from a project, as in the field, with the shipped survey and answers for it:
    completing a response also anonymises it, kept for the next export (privacy/outgoing.py)."""
    keyslots.DEFAULT_KDF = keyslots.KdfParams(1, 8 * 1024, 1)  # setup cost is not what is measured
    analyst, _ = Vault.create(folder / "analyst", "analyst", PASSPHRASE)
    init_analyst(analyst)
    create_project_file(analyst, [REPO / "forms" / "pathways_survey.md"], folder / "bench.fbproj")
    analyst.close()
    vault, _ = Vault.create(folder / "vault", "bench", PASSPHRASE)
    import_project(vault, read_project(folder / "bench.fbproj"))
    stored = vault.forms.get("pathways_survey")
    return vault, stored.version, synthetic_session(form_from_definition(stored.definition), random.Random(1)).final_answers()


def raw_inserts(folder: Path, n: int, answers: dict) -> float:
    conn = sqlcipher3.connect(str(folder / "raw.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{os.urandom(32).hex()}'\"")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE r (uuid TEXT PRIMARY KEY, answers TEXT)")
    payload = json.dumps(answers)
    start = time.perf_counter()
    for i in range(n):
        conn.execute("BEGIN")
        conn.execute("INSERT INTO r VALUES (?, ?)", (f"id-{i}", payload))
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return n / elapsed


def fieldbook_completes(vault: Vault, version: str, n: int, answers: dict) -> float:
    drafts = [vault.responses.create_draft("pathways_survey", version, {}, "bench") for _ in range(n)]
    start = time.perf_counter()
    for rid in drafts:
        vault.responses.complete(rid, answers, "bench")
    elapsed = time.perf_counter() - start
    assert vault.db.execute("SELECT count(*) FROM outgoing").fetchone()[0] == n, "each anonymised as it was completed"
    vault.close()
    return n / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=300)
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        vault, version, answers = device(Path(tmp))
        baseline = raw_inserts(Path(tmp), n, answers)
        ours = fieldbook_completes(vault, version, n, answers)
    ratio = ours / baseline
    print(f"raw sqlcipher3 INSERT+COMMIT: {baseline:8.0f} rows/s (baseline, this run)")
    print(f"Vault.responses.complete():   {ours:8.0f} rows/s")
    print(f"ratio {ratio:.2f}x (budget >= 0.50x): {'OK' if ratio >= 0.5 else 'OVER BUDGET'}")


if __name__ == "__main__":
    main()
