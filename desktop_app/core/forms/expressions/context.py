"""`Context`: what the evaluator asks of the form session, and nothing more.

The session implements it for one field at a time; the evaluator never sees
the session itself. Values are Python values as described in values.py.
"""

from datetime import datetime
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Context(Protocol):
    def value(self, name: str) -> Any:
        """The answer of question `name` as the expression sees it (for ${name} and paths ending in name).

        Inside a repeat, the answer in the same repeat instance (ODK rule).
        A question inside a repeat read from outside it: a list of the
        answers of all instances (a nodeset, for count() and sum()).
        Answers of non-relevant questions, and unanswered ones, are "".
        """

    def current(self) -> Any:
        """The answer of the field being evaluated: `.` in a constraint, once(), string()."""

    def position(self) -> int:
        """The 1-based number of the current repeat instance, for position(..)."""

    def choice_label(self, name: str, value: str) -> str:
        """The label, in the current language, of choice `value` of question `name` (jr:choice-name)."""

    def now(self) -> datetime:
        """The clock for now() and today(); injectable so that tests and drafts are reproducible."""

    def choice_field(self, name: str) -> Any:
        """While a choice_filter runs: column `name` of the choice being tested ("" for `prov_id`
        in `prov_id=${prov_id}`, when it has no such column). Never called elsewhere.

        Optional for now: a context without it has bare names read through value().
        """
