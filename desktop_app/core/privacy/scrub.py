"""Redact identifiers from free text before it leaves the device.

Analysts must never receive a direct identifier, and the motivated intruder
may be the perpetrator, so the scrubber redacts generously: when a run of
characters could be an identifier, it is replaced. What it finds is listed as
spans of the placeholders in the *output*, so a reviewer's screen can
highlight them; the original text is never kept in the result.

Detection has four layers:
1. one combined pattern of the shapes in `identifiers.PATTERNS` that the text
   could hold (an answer without a digit is not searched for postcodes);
2. the names recorded in the same response's identifier fields, whole words,
   case-insensitive, and each part of a multi-word name longer than two letters;
3. any run of seven or more digits still left;
4. `phonenumbers` (offline metadata) over what is left, only when at least
   seven digits are left, since it costs about 100 µs a call.
Strings in `allow` (helpline numbers) are never redacted; numbers are compared
by their digits, so "0808 2000 247" also allows "+44 808 2000 247".
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from desktop_app.core.privacy.allow_list import AllowList, Span, allow_list
from desktop_app.core.privacy.identifiers import (
    LEFTOVER_DIGITS,
    NEEDS,
    NEEDS_A_DIGIT,
    PATTERNS,
    PLACEHOLDERS,
    POSTCODE_AREAS,
)

MIN_DIGITS_FOR_PHONENUMBERS = 7


@dataclass(frozen=True, slots=True)
class Redaction:
    kind: str  # a key of identifiers.PLACEHOLDERS
    start: int  # span of the placeholder in Scrubbed.text
    end: int


@dataclass(frozen=True, slots=True)
class Scrubbed:
    text: str
    redactions: tuple[Redaction, ...]


def scrub(text: str, names: Iterable[str] = (), allow: Iterable[str] = ()) -> Scrubbed:
    """`text` with every identifier found replaced by a placeholder such as "[phone]"."""
    if not text:
        return Scrubbed(text or "", ())
    lowered = text.lower()
    allowed = allow_list(tuple(allow))
    found = _patterns(text, lowered)
    needles = _name_needles(tuple(sorted({str(n) for n in names if n})))
    if needles:
        found.extend(_names(text, lowered, needles))
    spans = [kept for span in found for kept in allowed.cut(text, span)]
    if len(_DIGIT.findall(text)) >= MIN_DIGITS_FOR_PHONENUMBERS:
        spans.extend(_leftover_numbers(text, found, allowed))  # allowed ones masked too, not found again in pieces
    if not spans:
        return Scrubbed(text, ())
    return _replace(text, _merged(spans))


# -- patterns ------------------------------------------------------------------

_GROUP = tuple(f"{kind}_{number}" for number, (kind, _, _) in enumerate(PATTERNS))
_GROUP_KIND = {group: kind for group, (kind, _, _) in zip(_GROUP, PATTERNS)}
_GROUP_PART = {  # group -> the inner group to redact, if any
    group: inner.group(1) for group, (_, _, pattern) in zip(_GROUP, PATTERNS)
    if (inner := re.search(r"\(\?P<(\w+_part)>", pattern))
}
_CUES = {cue: re.compile(cue) for cue, _ in NEEDS.values()}
_NEEDS_NO_DIGIT = {need: value for need, value in NEEDS.items() if need not in NEEDS_A_DIGIT}
_AREAS = frozenset(POSTCODE_AREAS)
_ONE_LETTER_AREAS = frozenset("EGLNSW")  # not B or M: "B12" and "M25" are a vitamin and a road
_DIGIT = re.compile(r"\d")
_LEFTOVER = re.compile(LEFTOVER_DIGITS)


@cache
def _identifiers(present: frozenset[str]) -> re.Pattern:
    """One combined pattern of every identifier shape whose cue is present in the text."""
    sections = []
    for need, (_, word_start) in NEEDS.items():
        alternatives = "|".join(f"(?P<{group}>{pattern})" for group, (_, needs, pattern) in zip(_GROUP, PATTERNS)
                                if needs == need)
        if need in present and alternatives:
            sections.append(f"{word_start}(?:{alternatives})")
    return re.compile("(?<![\\w])(?:" + "|".join(sections) + ")", re.IGNORECASE)


def _patterns(text: str, lowered: str) -> list[Span]:
    needs = NEEDS if _DIGIT.search(text) else _NEEDS_NO_DIGIT
    found = {cue for cue in {cue for cue, _ in needs.values()} if _CUES[cue].search(lowered)}
    present = frozenset(need for need, (cue, _) in needs.items() if cue in found)
    if not present:
        return []
    spans, position, search = [], 0, _identifiers(present).search
    while (match := search(text, position)) is not None:
        group = match.lastgroup
        kind, part = _GROUP_KIND[group], _GROUP_PART.get(group)
        cued = part is not None and match.start(part) >= 0
        start, end = match.span(part) if cued else match.span()
        position = start if start > match.start() else end  # a cue never hides what follows it
        if kind == "postcode_district":
            if not cued and not _is_district(match.group()):
                continue
            kind = "postcode"
        spans.append((start, end, kind))
    return spans


def _is_district(code: str) -> bool:
    """Whether an outward code standing alone ("SG13", "E17") is taken for a postcode district."""
    letters = code[:2] if code[1].isalpha() else code[:1]
    if len(letters) == 2:
        return letters.upper() in _AREAS
    return letters in _ONE_LETTER_AREAS  # capitals only: "e17" is too likely something else


# -- names ---------------------------------------------------------------------

_NAME_SPLIT = re.compile(r"[\s\-\u2010-\u2015/]+")
_NAME_EDGE = "\"'\u2018\u2019\u201c\u201d.,;:!?()[]{}<>"


@lru_cache(maxsize=256)
def _name_needles(names: tuple[str, ...]) -> tuple[str, ...]:
    """The lower-cased strings to find for a response's names (cached: a response has several answers)."""
    needles = set()
    for name in names:
        whole = name.strip().strip(_NAME_EDGE)
        if len(whole) > 1:
            needles.add(whole.lower())
        for part in _NAME_SPLIT.split(whole):
            part = part.strip(_NAME_EDGE)
            if len(part) > 2:
                needles.add(part.lower())
    return tuple(sorted(needles, key=lambda n: (-len(n), n)))


def _names(text: str, lowered: str, needles: tuple[str, ...]) -> list[Span]:
    """Whole-word, case-insensitive occurrences of the needles (str.find: faster than a regex)."""
    if len(lowered) != len(text):  # a few letters change length when lowered ("İ"): use a regex
        alternatives = "|".join(re.escape(n) for n in needles)
        pattern = re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)
        return [(m.start(), m.end(), "name") for m in pattern.finditer(text)]
    found, size = [], len(lowered)
    for needle in needles:
        start = lowered.find(needle)
        while start >= 0:
            end = start + len(needle)
            if (start == 0 or not _word(lowered[start - 1])) and (end == size or not _word(lowered[end])):
                found.append((start, end, "name"))
            start = lowered.find(needle, start + 1)
    return found


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


# -- what the patterns missed ----------------------------------------------------

def _leftover_numbers(text: str, spans: list[Span], allowed: AllowList) -> list[Span]:
    """Seven or more digits the patterns did not take, then libphonenumber over what is still left."""
    rest = _masked(text, spans)
    found = []
    for match in _LEFTOVER.finditer(rest):  # digits glued to a word: "mob07700900123"
        found.extend(allowed.cut(rest, (match.start(), match.end(), "number")))
    rest = _masked(rest, [(m.start(), m.end(), "") for m in _LEFTOVER.finditer(rest)])
    if len(_DIGIT.findall(rest)) < MIN_DIGITS_FOR_PHONENUMBERS:
        return found
    import phonenumbers  # about 30 ms to import: only when a text has a number left in it

    # POSSIBLE, not the default VALID: a mistyped or drama-range (07700 900xxx) number still identifies.
    for match in phonenumbers.PhoneNumberMatcher(rest, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
        if len(_DIGIT.findall(match.raw_string)) >= 6:
            found.extend(allowed.cut(rest, (match.start, match.end, "phone")))
    return found


def _masked(text: str, spans: list[Span]) -> str:
    """The text with the spans blanked out, positions unchanged."""
    if not spans:
        return text
    pieces, position = [], 0
    for start, end, _ in sorted(spans):
        if start > position:
            pieces.append(text[position:start])
        if end > position:
            pieces.append(" " * (end - max(start, position)))
            position = end
    pieces.append(text[position:])
    return "".join(pieces)


# -- output --------------------------------------------------------------------

def _merged(spans: list[Span]) -> list[Span]:
    """Overlapping spans become one, named after the longest of them."""
    spans.sort(key=lambda s: (s[0], -s[1]))
    merged = [spans[0]]
    for start, end, kind in spans[1:]:
        last_start, last_end, last_kind = merged[-1]
        if start < last_end:
            if end > last_end:
                longer = kind if end - start > last_end - last_start else last_kind
                merged[-1] = (last_start, end, longer)
        else:
            merged.append((start, end, kind))
    return merged


def _replace(text: str, spans: list[Span]) -> Scrubbed:
    pieces, redactions, position, length = [], [], 0, 0
    for start, end, kind in spans:
        pieces.append(text[position:start])
        length += start - position
        placeholder = PLACEHOLDERS[kind]
        pieces.append(placeholder)
        redactions.append(Redaction(kind, length, length + len(placeholder)))
        length += len(placeholder)
        position = end
    pieces.append(text[position:])
    return Scrubbed("".join(pieces), tuple(redactions))
