"""`fieldbook data`: the analysts' anonymised dataset of one form, as a file with its codebook beside it."""

import argparse
from pathlib import Path

from desktop_app.commands import unlock
from desktop_app.paths import Paths


def data(args: argparse.Namespace, where: Paths) -> int:
    from desktop_app.core.analysis.data_files import check_format, write_dataset
    from desktop_app.core.analysis.dataset import frame, variables
    from desktop_app.core.analysis.store import AnalystStore

    out = Path(args.out)
    check_format(out)  # a mistyped name is refused before the passphrase is asked for
    labels = not args.codes
    with unlock(args, where) as vault:
        store = AnalystStore(vault)
        form = store.form(args.form)
        df = frame(form, store.records(args.form), labels=labels)
    _, codebook = write_dataset(df, variables(form), out, labels=labels)
    print(f"Wrote {len(df)} responses to '{args.form}' ({len(df.columns)} columns) to {out}")
    print(f"Codebook: {codebook}")
    return 0
