"""Running `fieldbook` in-process, as the command-line tests do."""

from desktop_app.cli import main


def run(capsys, *argv) -> tuple[int, str, str]:
    """The exit code, stdout and stderr of `fieldbook ARGV...` (paths may be given as Paths)."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err
