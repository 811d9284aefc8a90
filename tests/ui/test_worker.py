"""Background calls report back on the GUI thread, with errors a person can read."""

import threading

from desktop_app.core.errors import AuthError
from desktop_app.ui.worker import Task


def run_task(qtbot, call) -> tuple[str, object, bool]:
    task = Task(call)
    outcome = []
    task.succeeded.connect(
        lambda value: outcome.append(("succeeded", value, threading.current_thread() is threading.main_thread()))
    )
    task.failed.connect(lambda error: outcome.append(("failed", error, threading.current_thread() is threading.main_thread())))
    with qtbot.waitSignal(task.finished):
        task.start()
    return outcome[0]


def test_the_result_arrives_on_the_gui_thread(qtbot):
    worker_thread = []

    def call():
        worker_thread.append(threading.current_thread() is not threading.main_thread())
        return 42

    assert run_task(qtbot, call) == ("succeeded", 42, True)
    assert worker_thread == [True]


def test_a_core_error_arrives_as_it_is(qtbot):
    def call():
        raise AuthError("wrong_passphrase", "Wrong passphrase for user 'alice'.")

    kind, error, on_gui_thread = run_task(qtbot, call)
    assert (kind, error.code, error.message, on_gui_thread) == (
        "failed",
        "wrong_passphrase",
        "Wrong passphrase for user 'alice'.",
        True,
    )


def test_a_bug_becomes_a_calm_message_and_a_traceback_for_developers(qtbot, capsys):
    def call():
        raise ZeroDivisionError("division by zero")

    kind, error, _ = run_task(qtbot, call)
    assert kind == "failed" and error.code == "unexpected"
    assert "ZeroDivisionError" in error.message and "tell your admin" in error.message
    assert "ZeroDivisionError" in capsys.readouterr().err
