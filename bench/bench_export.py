"""Export of N simulated responses (anonymise, disclosure gate, encrypt, sign) against pandas `to_parquet`.

Budget (issue 5, DESIGN.md 9): at most 3x the time pandas takes to write the
same responses, unanonymised, to Parquet, measured in the same run. The
vault is filled with synthetic responses to the shipped pathways survey
(made once per run; cheap key derivation; not timed).

Synthetic free text is drawn from a few phrases, so most texts repeat and the
export scrubs each distinct one once. Field notes rarely repeat:
--distinct-text gives every response's texts (and contact name) their own
ending, so that every text is scrubbed. Wall time suffers when other work
shares the machine; the processor time of each side is printed too.

Each side runs --repeat times, alternately, each export from a fresh copy of
the filled vault (so each is a first export of them all); the ratio of the
medians is the result, since a shared machine's timings wander.

Responses are anonymised as they are completed (privacy/outgoing.py), so an
export assembles records kept in the vault. --unkept removes them first:
what an export costs when none is kept (a vault from an older release, or a
new allow-list), anonymising everything itself.

    .venv/bin/python bench/bench_export.py [-n 100000] [--distinct-text] [--unkept] [--repeat 3]
"""

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.core.exchange.export import export
from desktop_app.core.exchange.project import read_project
from desktop_app.core.exchange.workspace import (
    create_project_file,
    import_project,
    init_analyst,
)
from desktop_app.core.forms.loader import form_from_definition
from desktop_app.core.forms.synthetic import synthetic_session
from desktop_app.core.signposting import load_services
from desktop_app.core.vault import keyslots
from desktop_app.core.vault.batch import one_transaction
from desktop_app.core.vault.vault import Vault

REPO = Path(__file__).resolve().parents[1]
PASSPHRASE = "benchmark passphrase words"
HELPLINES = [service.phone for service in load_services()]  # a device without a list of its own


def device_with_responses(home: Path, count: int, distinct_text: bool = False) -> tuple[Vault, list[dict]]:
    analyst, _ = Vault.create(home / "analyst", "analyst", PASSPHRASE)
    init_analyst(analyst)
    project = home / "bench.fbproj"
    create_project_file(analyst, [REPO / "forms" / "pathways_survey.md"], project, k=5)
    analyst.close()
    device, _ = Vault.create(home / "device", "bench", PASSPHRASE)
    import_project(device, read_project(project))
    stored = device.forms.get("pathways_survey")
    form = form_from_definition(stored.definition)
    rng = random.Random(1)
    samples = [synthetic_session(form, rng).final_answers() for _ in range(200)]  # varied, and quick to make
    texts = [q.name for q in form.questions() if q.kind == "text"]
    rows = []
    with one_transaction(device.db):
        for i in range(count):
            answers = samples[i % len(samples)]
            if distinct_text:
                answers = answers | {name: f"{answers[name]} Ref {_letters(i)}." for name in texts
                                     if isinstance(answers.get(name), str)}
            device.store_response(stored.form_id, stored.version, answers)
            rows.append(answers)
    return device, rows


def _letters(i: int) -> str:
    """A word of its own for each number: "aaaa", "baaa", ..."""
    return "".join(chr(ord("a") + i // 26**k % 26) for k in range(4))


def _timed(work) -> tuple[object, float, float]:
    """What `work()` returns, with the wall time and the processor time (all threads, user and system) it took."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = work()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def _peak_memory_mb() -> float | None:
    """The process's peak resident memory so far (not on Windows)."""
    try:
        import resource
    except ImportError:
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--distinct-text", action="store_true", help="no two responses share a free-text answer")
    parser.add_argument("--unkept", action="store_true", help="no record kept from completion: the export anonymises all")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side; their medians are compared")
    args = parser.parse_args()
    n = args.n
    import pandas as pd

    keyslots.DEFAULT_KDF = keyslots.KdfParams(1, 8 * 1024, 1)
    baselines, exports = [], []
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        home = Path(tmp)
        started = time.perf_counter()
        device, rows = device_with_responses(home, n, args.distinct_text)
        print(f"filled {n:,} responses in {time.perf_counter() - started:.0f} s (not timed)", file=sys.stderr)
        frame_rows = [{k: (" ".join(v) if isinstance(v, list) else str(v)) for k, v in row.items()} for row in rows]
        rows = None
        pd.DataFrame(frame_rows[:10]).to_parquet(home / "warm.parquet")  # pyarrow's first use, not the baseline's
        peak_before = _peak_memory_mb()
        device.close()
        for run in range(args.repeat):
            _, wall, cpu = _timed(lambda: pd.DataFrame(frame_rows).to_parquet(home / "baseline.parquet"))
            baselines.append((wall, cpu))
            shutil.copytree(home / "device", home / "copy")
            with Vault.unlock(home / "copy", "bench", PASSPHRASE) as copy:
                if args.unkept:
                    with copy.db.transaction():
                        copy.db.execute("DELETE FROM outgoing")
                result, wall, cpu = _timed(lambda: export(copy, home / "sync", HELPLINES))
            exports.append((wall, cpu))
            shutil.rmtree(home / "copy")
            shutil.rmtree(home / "sync")
        peak = _peak_memory_mb()
    texts = "every free text distinct" if args.distinct_text else "free text drawn from a few phrases"
    texts += ", none kept anonymised" if args.unkept else ""
    baseline, ours = _median(baselines), _median(exports)
    print(f"pandas DataFrame + to_parquet, {n:,} rows: {_runs(baselines)} (baseline, this run)")
    print(f"Fieldbook export ({result.responses:,} responses, {texts}): {_runs(exports)}")
    print(f"ratio of medians {ours[0] / baseline[0]:.1f}x wall, {ours[1] / baseline[1]:.1f}x CPU (budget <= 3x)")
    if peak is not None:
        print(f"peak memory {peak:.0f} MB ({peak_before:.0f} MB before the first run; the baseline's rows held throughout)")


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(wall for wall, _ in runs), statistics.median(cpu for _, cpu in runs)


def _runs(runs: list[tuple[float, float]]) -> str:
    return ", ".join(f"{wall:.2f} s ({cpu:.2f} s CPU)" for wall, cpu in runs)


if __name__ == "__main__":
    main()
