"""Responses list over 100,000 responses: time to build the page and show its first screen, and rows read.

Budget (DESIGN.md 9): under 300 ms, without loading all rows. Baseline in
the same run: the same QTableView over an in-memory model of as many rows
(nothing read from disk), so the ratio shows what the vault reads cost.
The vault is filled through the core (`store_response`, batched into one
transaction per 10,000 with core/vault/batch.py; cheap key derivation).

The covering indexes of schema migration 6 are what make this fast.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_responses_list.py [-n 100000]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from desktop_app.core.vault import keyslots  # noqa: E402
from desktop_app.core.vault.batch import one_transaction  # noqa: E402
from desktop_app.core.vault.vault import Vault  # noqa: E402
from desktop_app.ui.identity import apply_identity  # noqa: E402
from desktop_app.ui.responses_page import ResponsesPage  # noqa: E402
from desktop_app.ui.style import apply_style  # noqa: E402


class MemoryModel(QAbstractTableModel):
    def __init__(self, rows: int):
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 5

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return f"cell {index.row()}" if role == Qt.ItemDataRole.DisplayRole else None


ANSWERS = {"consent": "yes", "age_band": "35-44", "needs": ["counselling", "legal"], "story": "made-up text " * 20}


def fill(folder: Path, count: int) -> Vault:
    vault, _ = Vault.create(folder, "bench", "benchmark passphrase words")
    with vault.db.transaction():
        vault.forms.add("pathways", "1", "Pathways survey", "{}", "bench")
        vault.forms.add("practice", "1", "Practitioner survey", "{}", "bench")
    started = time.perf_counter()
    for batch in range(0, count, 10_000):
        with one_transaction(vault.db):
            for i in range(batch, min(count, batch + 10_000)):
                vault.store_response("pathways" if i % 3 else "practice", "1", ANSWERS)
        print(f"  {min(count, batch + 10_000):,} responses stored ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return vault


def show_first_screen(app: QApplication, build) -> tuple[float, object]:
    start = time.perf_counter()
    widget = build()
    widget.resize(1000, 660)
    widget.show()
    app.processEvents()  # laid out and painted: the first screen of rows was read
    elapsed = (time.perf_counter() - start) * 1000
    widget.close()
    widget.deleteLater()
    app.processEvents()
    return elapsed, widget


def measure(app: QApplication, vault: Vault, runs: int, label: str) -> None:
    times, fetched = [], []
    for _ in range(runs):
        elapsed, page = show_first_screen(app, lambda: ResponsesPage(vault))
        times.append(elapsed)
        fetched.append(page.model.rows_fetched)
    print(f"{label}: median {statistics.median(times):6.1f} ms, rows read {max(fetched):,} of {page.model.rowCount():,}")
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="responses (default 100,000)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    keyslots.DEFAULT_KDF = keyslots.KdfParams(1, 8 * 1024, 1)
    app = QApplication(sys.argv[:1])
    apply_identity(app)
    apply_style(app)
    with tempfile.TemporaryDirectory(prefix="fieldbook-bench-") as home:
        vault = fill(Path(home) / "vault", args.n)
        try:
            baseline = statistics.median(
                show_first_screen(app, lambda: _table(MemoryModel(args.n)))[0] for _ in range(args.runs)
            )
            print(f"baseline, in-memory model of {args.n:,} rows: median {baseline:6.1f} ms")
            ours = measure(app, vault, args.runs, "Responses page")
            print(f"  ratio {ours / baseline:.1f}x to the baseline; budget 300 ms: {'OK' if ours < 300 else 'OVER BUDGET'}")
        finally:
            vault.close()
    return 0


def _table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().setDefaultSectionSize(40)
    model.setParent(view)
    return view


if __name__ == "__main__":
    raise SystemExit(main())
