"""Export of N simulated responses (anonymise, disclosure gate, encrypt, sign) against pandas `to_parquet`.

Budget (issue 5, DESIGN.md 9): at most 3x the time pandas takes to write the
same responses, unanonymised, to Parquet, measured in the same run. The
vault is filled with synthetic responses to the shipped pathways survey
(made once per run; cheap key derivation; not timed).

    .venv/bin/python bench/bench_export.py [-n 100000]
"""

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.core.exchange.export import export  # noqa: E402
from desktop_app.core.exchange.project import read_project  # noqa: E402
from desktop_app.core.exchange.workspace import create_project_file, import_project, init_analyst  # noqa: E402
from desktop_app.core.forms.loader import form_from_definition  # noqa: E402
from desktop_app.core.forms.synthetic import synthetic_session  # noqa: E402
from desktop_app.core.vault import keyslots  # noqa: E402
from desktop_app.core.vault.batch import one_transaction  # noqa: E402
from desktop_app.core.vault.vault import Vault  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PASSPHRASE = "benchmark passphrase words"


def device_with_responses(home: Path, count: int) -> tuple[Vault, list[dict]]:
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
    rows = []
    with one_transaction(device.db):
        for i in range(count):
            answers = samples[i % len(samples)]
            device.store_response(stored.form_id, stored.version, answers)
            rows.append(answers)
    return device, rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=100_000)
    n = parser.parse_args().n
    import pandas as pd

    keyslots.DEFAULT_KDF = keyslots.KdfParams(1, 8 * 1024, 1)
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        home = Path(tmp)
        started = time.perf_counter()
        device, rows = device_with_responses(home, n)
        print(f"filled {n:,} responses in {time.perf_counter() - started:.0f} s (not timed)", file=sys.stderr)
        frame_rows = [{k: (" ".join(v) if isinstance(v, list) else str(v)) for k, v in row.items()} for row in rows]
        start = time.perf_counter()
        pd.DataFrame(frame_rows).to_parquet(home / "baseline.parquet")
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        result = export(device, home / "sync", ["0808 2000 247", "116 123", "999"])
        ours = time.perf_counter() - start
        device.close()
    print(f"pandas DataFrame + to_parquet, {n:,} rows: {baseline:6.2f} s (baseline, this run)")
    print(f"Fieldbook export ({result.responses:,} responses):  {ours:6.2f} s  ratio {ours / baseline:.1f}x (budget <= 3x)")


if __name__ == "__main__":
    main()
