"""The three-Shift rule of GOV.UK's "Exit this page", as a state machine with a fake clock."""

from desktop_app.ui.safety.resume_detector import ResumeDetector
from desktop_app.ui.safety.triple_shift import TripleShift


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def bare_shift(machine: TripleShift) -> bool:
    machine.shift_down()
    return machine.shift_up()


def test_three_bare_shift_presses_exit_and_start_a_new_count():
    machine = TripleShift(FakeClock())
    assert not bare_shift(machine) and machine.remaining == 2
    assert not bare_shift(machine) and machine.remaining == 1
    assert bare_shift(machine)
    assert machine.count == 0


def test_shift_used_as_a_modifier_does_not_count():
    machine = TripleShift(FakeClock())
    bare_shift(machine)
    machine.shift_down()
    machine.other_key_down()  # Shift+A: a capital letter
    assert not machine.shift_up()
    assert machine.count == 0


def test_any_other_key_resets_the_count():
    machine = TripleShift(FakeClock())
    bare_shift(machine)
    bare_shift(machine)
    assert machine.other_key_down() is True
    assert machine.count == 0
    assert not bare_shift(machine) and not bare_shift(machine)
    assert bare_shift(machine)


def test_each_press_restarts_a_five_second_window():
    clock = FakeClock()
    machine = TripleShift(clock)
    bare_shift(machine)
    clock.now += 4.9
    bare_shift(machine)
    clock.now += 4.9  # 9.8 s since the first press, 4.9 s since the last: still alive
    assert bare_shift(machine)


def test_a_press_more_than_five_seconds_after_the_last_starts_again():
    clock = FakeClock()
    machine = TripleShift(clock)
    bare_shift(machine)
    bare_shift(machine)
    clock.now += 5.0
    assert machine.seconds_left() == 0
    assert not bare_shift(machine)
    assert machine.count == 1


def test_expiry_is_reported_once():
    clock = FakeClock()
    machine = TripleShift(clock)
    bare_shift(machine)
    assert not machine.expire()
    clock.now += 5.1
    assert machine.expire()
    assert not machine.expire()


def test_the_same_release_reported_twice_counts_once():
    """Qt shows an unaccepted key event to each parent widget in turn."""
    machine = TripleShift(FakeClock())
    machine.shift_down()
    machine.shift_down()
    machine.shift_up()
    machine.shift_up()
    machine.shift_up()
    assert machine.count == 1


def test_a_release_whose_press_was_not_seen_counts_nothing():
    machine = TripleShift(FakeClock())
    assert not machine.shift_up()
    assert machine.count == 0


def test_a_tick_that_comes_much_later_than_asked_means_the_laptop_slept():
    clock = FakeClock()
    detector = ResumeDetector(clock, tick_seconds=10, tolerance_seconds=20)
    clock.now += 10.2
    assert not detector.tick()
    clock.now += 29
    assert not detector.tick()
    clock.now += 3600
    assert detector.tick()
    clock.now += 10
    assert not detector.tick()
