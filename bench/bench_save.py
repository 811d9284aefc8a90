"""Completed-response save throughput against raw sqlcipher3 inserts of the same JSON.

Budget (DESIGN.md 9): Fieldbook's `complete()` (encrypted, audited, durable)
at least 0.5x the rate of bare INSERT + COMMIT into a SQLCipher database with
the same durability pragmas. Both run here, now, on the same disk.

    .venv/bin/python bench/bench_save.py [-n 300]
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlcipher3  # noqa: E402

from desktop_app.core.vault import keyslots  # noqa: E402
from desktop_app.core.vault.vault import Vault  # noqa: E402

ANSWERS = {
    "consent": "yes", "age_band": "35-44", "gender": "woman", "needs": ["counselling", "legal", "housing"],
    "story": "I left in March after years of control; the helpline and the outreach worker made the difference. " * 3,
}


def raw_inserts(folder: Path, n: int) -> float:
    conn = sqlcipher3.connect(str(folder / "raw.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{os.urandom(32).hex()}'\"")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE r (uuid TEXT PRIMARY KEY, answers TEXT)")
    payload = json.dumps(ANSWERS)
    start = time.perf_counter()
    for i in range(n):
        conn.execute("BEGIN")
        conn.execute("INSERT INTO r VALUES (?, ?)", (f"id-{i}", payload))
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return n / elapsed


def fieldbook_completes(folder: Path, n: int) -> float:
    keyslots.DEFAULT_KDF = keyslots.KdfParams(1, 8 * 1024, 1)  # setup cost is not what is measured
    vault, _ = Vault.create(folder / "vault", "bench", "benchmark passphrase words")
    with vault.db.transaction():
        vault.forms.add("f", "1", "F", "{}", "bench")
    drafts = [vault.responses.create_draft("f", "1", {}, "bench") for _ in range(n)]
    start = time.perf_counter()
    for rid in drafts:
        vault.responses.complete(rid, ANSWERS, "bench")
    elapsed = time.perf_counter() - start
    vault.close()
    return n / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=300)
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        baseline = raw_inserts(Path(tmp), n)
        ours = fieldbook_completes(Path(tmp), n)
    ratio = ours / baseline
    print(f"raw sqlcipher3 INSERT+COMMIT: {baseline:8.0f} rows/s (baseline, this run)")
    print(f"Vault.responses.complete():   {ours:8.0f} rows/s")
    print(f"ratio {ratio:.2f}x (budget >= 0.50x): {'OK' if ratio >= 0.5 else 'OVER BUDGET'}")


if __name__ == "__main__":
    main()
