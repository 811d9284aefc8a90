"""Strings the scrubber never redacts: the helplines a respondent may mention.

"The National Domestic Abuse Helpline on 0808 2000 247 helped me" should reach
the analysts as written. Numbers are compared by their digits in national
form, so "0808 2000 247", "08082000247" and "+44 808 2000 247" are one number.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

Span = tuple[int, int, str]  # start, end, kind: in the input text

MIN_DIGITS_TO_CUT_OUT = 9  # an allowed number this long is kept even inside a longer run of digits
MIN_DIGITS_LEFT = 3  # what is left of such a run is still redacted from this many digits

_DIGIT = re.compile(r"\d")
_DIGIT_GROUP = re.compile(r"\+?\d+")
_PHONE_CHARS = re.compile(r"[\d\s()+.\-\u00a0]+")
_NUMBER_KINDS = ("phone", "number", "nhs_number", "bank")


def normalise_number(text: str) -> str:
    """A UK phone number's digits in national form: "+44 (0)808 2000 247" -> "08082000247"."""
    digits = "".join(_DIGIT.findall(text))
    if digits.startswith("0044"):
        digits = digits[4:]
    elif digits.startswith("44") and len(digits) >= 11:
        digits = digits[2:]
    if digits.startswith("00"):
        digits = digits[1:]
    if len(digits) >= 9 and not digits.startswith("0"):
        digits = "0" + digits
    return digits


def is_number(text: str) -> bool:
    """Whether the text is written like a phone number: digits, spaces, brackets, dashes, dots, "+"."""
    return bool(_DIGIT.search(text)) and _PHONE_CHARS.fullmatch(text) is not None


@dataclass(frozen=True)
class AllowList:
    numbers: frozenset[str]  # by their digits, in national form
    words: frozenset[str]  # anything else, casefolded

    def cut(self, text: str, span: Span) -> list[Span]:
        """The span, or the parts of it that are not allowed.

        A full helpline run together with other digits ("0808 2000 247 07700
        900123") is cut out of the run, and what remains is redacted if it has
        three digits or more ("0808 2000 247 24 hours" keeps the 24). Short
        allowed numbers (999, 55) are kept only standing alone: inside a run of
        digits they may be part of anything.
        """
        start, end, kind = span
        found = text[start:end]
        if found.casefold() in self.words or (self.numbers and is_number(found) and normalise_number(found) in self.numbers):
            return []
        full = {n for n in self.numbers if len(n) >= MIN_DIGITS_TO_CUT_OUT}
        if not full or kind not in _NUMBER_KINDS:
            return [span]
        groups = [(m.start() + start, m.end() + start) for m in _DIGIT_GROUP.finditer(found)]
        longest = max(len(n) for n in full) + 4  # "+44 (0)": a few digits more than the national form
        first, last = 0, len(groups)
        for cut in range(min(len(groups) - 1, longest), 0, -1):  # longest allowed run of groups at the start
            if normalise_number(text[groups[0][0]:groups[cut - 1][1]]) in full:
                first = cut
                break
        for cut in range(max(first, last - longest), last):  # longest allowed run of groups at the end of the rest
            if normalise_number(text[groups[cut][0]:groups[-1][1]]) in full:
                last = cut
                break
        if (first, last) == (0, len(groups)):
            return [span]
        if first < last and len(_DIGIT.findall(text, groups[first][0], groups[last - 1][1])) >= MIN_DIGITS_LEFT:
            return [(groups[first][0], groups[last - 1][1], kind)]
        return []


@lru_cache(maxsize=64)
def allow_list(allow: tuple[str, ...]) -> AllowList:
    """The allow-list for these strings (cached: every answer of an export shares one)."""
    numbers, words = set(), set()
    for item in allow:
        item = str(item).strip()
        if is_number(item):
            numbers.add(normalise_number(item))
        elif item:
            words.add(item.casefold())
    return AllowList(frozenset(numbers), frozenset(words))
