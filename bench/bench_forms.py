"""Form loading and recomputation on a generated 1,000-question form.

Budgets (issue 3, DESIGN.md 9): loading within 1.2x of pyxform's own dict
stage on the same file (both measured here, now); one answer change
recomputed in under 5 ms, shown beside a full recompute.

    .venv/bin/python bench/bench_forms.py [-n 1000]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.core.forms.loader import load_form  # noqa: E402
from desktop_app.core.forms.session import FormSession  # noqa: E402


def generated_form(n: int) -> str:
    """Sections of ten: a gate question, then questions relevant on it, constrained and calculated."""
    rows = ["| survey | type | name | label | relevant | constraint | calculation | required |"]
    for i in range(0, n, 10):
        rows.append(f"| | select_one yn | gate{i} | Gate {i} | | | | yes |")
        for j in range(1, 8):
            rows.append(f"| | integer | q{i}_{j} | Q {i}.{j} | ${{gate{i}}} = 'yes' | . >= 0 and . < 200 | | |")
        rows.append(f"| | calculate | total{i} | | | | ${{q{i}_1}} + ${{q{i}_2}} + ${{q{i}_3}} | |")
        rows.append(f"| | text | note{i} | Note {i} | ${{total{i}}} > 10 and ${{gate0}} = 'yes' | | | |")
    rows += ["| choices | list_name | name | label |", "| | yn | yes | Yes |", "| | yn | no | No |",
             "| settings | form_id | version |", "| | big | 1 |"]
    return "\n".join(rows) + "\n"


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=1000)
    n = parser.parse_args().n
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import get_xlsform

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.md"
        path.write_text(generated_form(n))
        # Interleaved, so that a busy moment on the machine hits both alike.
        pairs = [(best_of(1, lambda: workbook_to_json(get_xlsform(str(path)))), best_of(1, lambda: load_form(path)))
                 for _ in range(41)]
        baseline = statistics.median(p[0] for p in pairs)
        ours = statistics.median(p[1] for p in pairs)
        form = load_form(path).form
    print(f"questions: {len(form.questions())}")
    print(f"pyxform dict stage:   {baseline * 1000:7.1f} ms median of 41 (baseline, this run)")
    print(f"Fieldbook load_form:  {ours * 1000:7.1f} ms  ratio {ours / baseline:.2f}x (budget <= 1.20x)")

    session = FormSession(form)
    full = best_of(5, session.recompute_all)
    changes = []
    for i in range(0, n, 10):
        for value in ("yes", "no"):
            start = time.perf_counter()
            session.set(f"gate{i}", value)
            changes.append(time.perf_counter() - start)
    for i in range(0, n, 10):
        start = time.perf_counter()
        session.set(f"q{i}_1", 42)
        changes.append(time.perf_counter() - start)
    print(f"full recompute:       {full * 1000:7.2f} ms")
    print(f"one answer change:    {statistics.median(changes) * 1000:7.3f} ms median, "
          f"{max(changes) * 1000:.3f} ms worst of {len(changes)} (budget < 5 ms)")


if __name__ == "__main__":
    main()
