"""`fieldbook import`: the analysts verify, decrypt and merge bundles, and acknowledge them."""

import argparse
import sys
from pathlib import Path

from desktop_app.commands import unlock
from desktop_app.core.exchange.importer import NewDevice, import_bundles
from desktop_app.paths import Paths


def run_import(args: argparse.Namespace, where: Paths) -> int:
    def trust(device: NewDevice) -> bool:
        print(f"New device {device.device_id} (project {device.project_name}), key fingerprint {device.fingerprint}",
              file=sys.stderr)
        if args.trust:
            print("  trusted (--trust): later bundles from it must carry this key.", file=sys.stderr)
            return True
        if not sys.stdin.isatty():
            return False
        answer = input("  Is this the fingerprint on the device's Device page? Trust it [y/N] ")
        return answer.strip().lower() in ("y", "yes")

    def progress(step: str, done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{step} ({done}/{total})\033[K", end="", file=sys.stderr, flush=True)

    with unlock(args, where) as vault:
        result = import_bundles(vault, [Path(p) for p in args.paths], trust, progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for line in result.problems:
        print(f"refused: {line}", file=sys.stderr)
    for line in result.ack_warnings:
        print(f"warning: {line}", file=sys.stderr)
    if not result.bundles:
        print(f"fieldbook: no bundles (*.fbx) found in {', '.join(args.paths)}.", file=sys.stderr)
        return 1
    print(f"{result.bundles} bundles: {result.counts}")
    return 1 if result.counts.rejected else 0

