"""`fieldbook self-test`: one line per check of this build, exit 0 only when all pass, nothing left behind."""

import tempfile
from pathlib import Path

from desktop_app import self_test_command
from tests.cli import run


def leftovers() -> set[str]:
    return {path.name for path in Path(tempfile.gettempdir()).glob("fieldbook-self-test-*")}


def test_every_check_passes_on_this_build_and_nothing_is_left_behind(capsys, isolated_home):
    before = leftovers()
    code, out, err = run(capsys, "self-test")
    lines = out.splitlines()
    assert code == 0, lines
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "ok    forms", "ok    vault", "ok    device", "ok    export and import", "ok    analysis", "ok    window"]
    assert lines[-1] == "All 6 checks passed." and err == ""
    assert leftovers() == before, "its temporary folder is deleted"
    assert not any(isolated_home.rglob("vault.db")), "the user's workspace is never touched"


def test_a_failing_check_is_named_the_rest_still_run_and_the_exit_code_says_so(capsys, monkeypatch, tmp_path):
    empty = tmp_path / "no-forms"
    empty.mkdir()
    monkeypatch.setattr(self_test_command.paths, "shipped_forms", lambda: empty)
    code, out, _ = run(capsys, "self-test")
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("FAIL  forms: FileNotFoundError: no forms in ")
    assert lines[1].startswith("ok    vault:"), "one failure does not stop the checks that do not depend on it"
    assert lines[3].startswith("SKIP  export and import: needs the device an earlier check makes")
    assert lines[-1] == "2 of 6 checks passed."
