"""The `fieldbook` command: a thin layer over desktop_app.core.

Exit codes: 0 success, 1 bad input or refused operation (one line on
stderr), 2 usage. Passphrases never come from arguments.
"""

import argparse
import importlib
import os
import sys

from desktop_app import __version__, paths
from desktop_app.core.errors import FieldbookError
from desktop_app.secret_input import (
    NEW_PASSPHRASE_ENV,
    PASSPHRASE_ENV,
    RECOVERY_KEY_ENV,
    USER_ENV,
)

DEBUG_ENV = "FIELDBOOK_DEBUG"


def _common_options() -> argparse.ArgumentParser:
    # Accepted before or after the command name; SUPPRESS keeps a command's
    # parser from overwriting a value given before it.
    common = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    common.add_argument("--home", metavar="DIR", default=argparse.SUPPRESS, help=f"workspace folder (else ${paths.HOME_ENV}, else the system's)")
    common.add_argument("--user", metavar="NAME", default=argparse.SUPPRESS, help=f"acting account (else ${USER_ENV}; optional with one account)")
    common.add_argument("--passphrase-file", metavar="FILE", default=argparse.SUPPRESS, help=f"read your passphrase from FILE (else ${PASSPHRASE_ENV}, else a prompt)")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="fieldbook", description="Offline, encrypted survey capture.", parents=[common], allow_abbrev=False
    )
    parser.add_argument("--version", action="version", version=f"fieldbook {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(group, name: str, help: str) -> argparse.ArgumentParser:
        # No abbreviations: "--passphrase X" must not pass for "--passphrase-file X".
        return group.add_parser(name, help=help, description=help, parents=[common], allow_abbrev=False)

    gui = command(commands, "gui", "open the desktop app (the default)")
    gui.add_argument("--demo", action="store_true", help="a throwaway workspace with the shipped forms and made-up responses, deleted on exit")
    setup = command(commands, "setup", "create this device's vault and its first admin (--user NAME)")
    setup.add_argument("--project", metavar="FILE", help="the analysts' signed project file to set the device up with")

    analyst = command(commands, "analyst", "the analysts' workspace and keys").add_subparsers(dest="action", metavar="ACTION", required=True)
    command(analyst, "init", "create an analyst workspace with its age identity and signing key; print the recipient")
    identity = command(analyst, "identity", "write the analysts' secret age identity to a file (for the age CLI, key escrow)")
    identity.add_argument("--out", required=True, metavar="FILE")

    project = command(commands, "project", "project files for devices").add_subparsers(dest="action", metavar="ACTION", required=True)
    create = command(project, "create", "write a signed project file (analyst workspace)")
    create.add_argument("--forms", nargs="+", required=True, metavar="PATH")
    create.add_argument("--out", required=True, metavar="FILE")
    create.add_argument("--name", metavar="NAME", help="a neutral project name (default: the file's name)")
    create.add_argument("--k", type=int, default=5, help="k-anonymity threshold for exported records (default 5)")
    create.add_argument("--min-cell", type=int, default=10, help="smallest table cell shown in reports (default 10)")
    create.add_argument("--retention-days", type=int, default=90, help="days devices keep acknowledged responses (default 90)")
    create.add_argument("--recipient", action="append", metavar="AGE1...", help="another analyst's age recipient (repeatable)")
    create.add_argument("--target", action="append", metavar="GROUP=N",
                        help="coverage target: responses wanted from an under-represented group (repeatable; "
                             "groups: ethnic_minority, lgbtq, older, disabled, male)")

    command(commands, "device", "this device's id, public key and fingerprint")
    export = command(commands, "export", "anonymised, encrypted, signed bundle into the sync folder; prints its path")
    export.add_argument("--to", metavar="DIR", help="sync folder (default: the workspace's sync folder)")
    withdraw = command(commands, "withdraw", "withdraw a response by its receipt code")
    withdraw.add_argument("code", metavar="CODE")
    command(commands, "status", "responses waiting, sent and acknowledged")

    user = command(commands, "user", "manage accounts").add_subparsers(dest="action", metavar="ACTION", required=True)
    add = command(user, "add", "add an account (admin only)")
    add.add_argument("name")
    add.add_argument("--role", choices=("worker", "admin"), required=True)
    _new_passphrase_option(add)
    passwd = command(user, "passwd", "change your passphrase, or (admin) another account's")
    passwd.add_argument("name", nargs="?", help="account to change (default: your own)")
    _new_passphrase_option(passwd)
    command(user, "list", "list accounts (admin only)")

    recover = command(commands, "recover", "set a forgotten passphrase with the recovery key (--user NAME)")
    recover.add_argument("--recovery-key-file", metavar="FILE", help=f"read the recovery key from FILE (else ${RECOVERY_KEY_ENV}, else a prompt)")
    _new_passphrase_option(recover)

    forms = command(commands, "forms", "check, try, store and convert XLSForms").add_subparsers(dest="action", metavar="ACTION", required=True)
    check = command(forms, "check", "validate XLSForms; errors as file:sheet:row:column: message")
    check.add_argument("paths", nargs="+", metavar="PATH")
    try_ = command(forms, "try", "show each question's relevance, value and errors for some answers, as JSON")
    try_.add_argument("path", metavar="PATH")
    try_.add_argument("--answers", required=True, metavar="FILE.json")
    add_form = command(forms, "add", "store a form (or a new version of one) in the vault (admin only)")
    add_form.add_argument("path", metavar="PATH")
    command(forms, "list", "forms stored in the vault, every version")
    convert = command(forms, "convert", "write a form as an Excel workbook")
    convert.add_argument("path", metavar="PATH")
    convert.add_argument("--out", required=True, metavar="FILE.xlsx")

    capture = command(commands, "capture", "store one completed response from a JSON file of answers")
    capture.add_argument("--form", required=True, metavar="ID")
    capture.add_argument("--answers", required=True, metavar="FILE.json")

    simulate = command(commands, "simulate", "store N synthetic valid responses (for demos and testing only)")
    simulate.add_argument("--form", required=True, metavar="ID")
    simulate.add_argument("-n", type=int, required=True, metavar="N")
    simulate.add_argument("--seed", type=int, default=None, metavar="S")

    command(commands, "check", "read the whole vault: every page's checksum, its structure and the audit chain")

    import_ = command(commands, "import", "analyst: verify, decrypt and merge bundles; print counts new/updated/withdrawn/duplicate/rejected")
    import_.add_argument("paths", nargs="+", metavar="PATH", help="bundle files (.fbx) or folders holding them")
    import_.add_argument("--trust", action="store_true", help="accept devices seen for the first time without asking (for scripts)")
    data = command(commands, "data", "analyst: write the anonymised dataset of one form, with a codebook beside it")
    data.add_argument("--form", required=True, metavar="ID")
    data.add_argument("--out", required=True, metavar="FILE", help="FILE.csv, .xlsx, .parquet or .sav")
    data.add_argument("--codes", action="store_true", help="choice names instead of labels (csv, xlsx, parquet)")
    report = command(commands, "report", "analyst: findings tables and charts with disclosure control")
    report.add_argument("--form", required=True, metavar="ID")
    report.add_argument("--out", required=True, metavar="FILE", help="FILE.html or FILE.xlsx")
    report.add_argument("--preset", choices=("default", "nhs", "gss"), default="default",
                        help="disclosure-control rule for tables (default: the project's minimum cell size)")
    demo = command(commands, "demo", "the whole journey on synthetic data, printing each step")
    demo.add_argument("--dir", metavar="DIR", help="where to keep the demo's workspaces (default: a temporary folder, deleted)")
    command(commands, "self-test", "headless checks of this installed or packaged build, on made-up data in a temporary folder")

    audit = command(commands, "audit", "the tamper-evident activity log").add_subparsers(dest="action", metavar="ACTION", required=True)
    command(audit, "verify", "check that no entry was edited or removed")
    show = command(audit, "show", "recent entries, newest first (admin only)")
    show.add_argument("-n", type=int, default=20, metavar="N", help="how many (default 20)")
    return parser


def _new_passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--new-passphrase-file", metavar="FILE", help=f"read the new passphrase from FILE (else ${NEW_PASSPHRASE_ENV}, else a prompt)")


# Each command's module is imported only when that command runs: the GUI must
# not pay at start-up for the forms engine that `forms` and `capture` need.
HANDLERS = {
    None: ("gui_command", "gui"),
    "gui": ("gui_command", "gui"),
    "setup": ("commands", "setup"),
    "user": ("commands", "user"),
    "recover": ("commands", "recover"),
    "audit": ("commands", "audit"),
    "check": ("commands", "check"),
    "analyst": ("exchange_commands", "analyst"),
    "project": ("exchange_commands", "project"),
    "device": ("exchange_commands", "device"),
    "export": ("exchange_commands", "export"),
    "withdraw": ("exchange_commands", "withdraw"),
    "status": ("exchange_commands", "status"),
    "forms": ("form_commands", "forms"),
    "capture": ("form_commands", "capture"),
    "simulate": ("form_commands", "simulate"),
    "import": ("import_command", "run_import"),
    "data": ("data_command", "data"),
    "report": ("report_command", "report"),
    "demo": ("demo_command", "demo"),
    "self-test": ("self_test_command", "self_test"),
}


def _handler(command: str | None):
    module, function = HANDLERS[command]
    return getattr(importlib.import_module(f"desktop_app.{module}"), function)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv in ([], ["gui"]):
        # The everyday launch: building the whole command tree would cost a
        # tenth of the time to the unlock window, for nothing to parse.
        args = argparse.Namespace(command="gui", demo=False)
    else:
        args = build_parser().parse_args(argv)
    for name in ("home", "user", "passphrase_file", "command"):
        # Not set_defaults: the shared option objects would take the default
        # and every command's parser would then overwrite an earlier value.
        args.__dict__.setdefault(name, None)
    try:
        return _handler(args.command)(args, paths.resolve(args.home))
    except FieldbookError as exc:
        print(f"fieldbook: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("fieldbook: interrupted; nothing more was changed.", file=sys.stderr)
        return 1
    except Exception as exc:
        # A traceback can quote respondent data (values in messages, local
        # lines): show only the kind of failure unless asked for details.
        if os.environ.get(DEBUG_ENV):
            raise
        print(f"fieldbook: unexpected {type(exc).__name__}; rerun with {DEBUG_ENV}=1 to see details.", file=sys.stderr)
        return 1


def gui_main() -> int:
    """Entry point of the windowed `fieldbook-gui` program."""
    return main(["gui", *sys.argv[1:]])
