"""A context made of plain data, standing in for the form session in expression tests."""

from datetime import datetime

CLOCK = datetime(2024, 1, 31, 14, 5, 9, 250000)


class AnswersContext:
    """Answers by name; `current` for `.`; labels by (question, choice); a fixed clock."""

    def __init__(self, answers=None, current="", position=1, labels=None, clock=CLOCK, choice=None):
        self.answers = answers or {}
        self._current = current
        self._position = position
        self.labels = labels or {}
        self.clock = clock
        self.choice = choice

    def value(self, name):
        return self.answers.get(name, "")

    def current(self):
        return self._current

    def position(self):
        return self._position

    def choice_label(self, name, value):
        return self.labels.get((name, value), "")

    def now(self):
        return self.clock

    def choice_field(self, name):
        return (self.choice or {}).get(name, "")
