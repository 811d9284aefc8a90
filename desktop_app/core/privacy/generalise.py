"""Generalise quasi-identifiers: exact values become bands, districts, months.

A quasi-identifier (age, area, a date) does not name anyone alone, but a few
together can, so they leave the device only as coarse as the form says
(`privacy_generalise`), and the disclosure gate may make them coarser still.

Each rule works on the raw answer and on the output of any finer rule of its
family, so the gate can coarsen values that were already generalised:
band(18,25,35) labels go into band(18,35); months into quarters; districts
into areas. A value that cannot be read never passes through as typed: it
becomes "" (blank). Declined answers ({"declined": code}), suppressed ones
({"suppressed": ...}) and blanks are returned unchanged.
"""

import math
import re
from datetime import date, datetime
from typing import Any

from desktop_app.core.errors import FieldbookError

_RULE = re.compile(r"\s*(\w*)\s*(?:\((.*)\))?\s*")
_NUMBER = r"-?\d+(?:\.\d+)?"
_BAND_LABEL = re.compile(rf"under ({_NUMBER})|({_NUMBER})\+|({_NUMBER})(?:-| to under )({_NUMBER})|({_NUMBER})")
_POSTCODE = re.compile(r"(GIR|[A-Z]{1,2}\d[A-Z\d]?)\s*(?:\d[A-Z]{2})?")
_PERIOD = re.compile(r"(\d{4})(?:-(?:(\d{2})|Q([1-4])))?")

# The coarsening ladder: each rule's next coarser rule, None at the top
# (nothing coarser is left: the gate can only suppress). Bands are merged
# pairwise, keeping the lowest boundary: band(18,25,35,45) -> band(18,35) -> band(18).
LADDER: dict[str, str | None] = {
    "month": "quarter",
    "quarter": "year",
    "year": None,
    "postcode_district": "postcode_area",
    "postcode_area": None,
    "": None,  # a category with no rule (select_one): nothing to widen
}


class PrivacyError(FieldbookError):
    """A privacy rule that cannot be applied."""


def generalise(rule: str, value: Any) -> Any:
    """The value as coarse as `rule` says ("" for the rule "": unchanged)."""
    name, bounds = parse_rule(rule)
    if not name or passes_through(value):
        return value
    if name == "band":
        return _band(value, bounds)
    if name in ("postcode_district", "postcode_area"):
        return _postcode(value, area=name == "postcode_area")
    return _period(value, name)


def next_rule(rule: str) -> str | None:
    """The next coarser rule on the ladder, or None when there is none."""
    name, bounds = parse_rule(rule)
    if name == "band":
        return f"band({','.join(_format(b) for b in bounds[::2])})" if len(bounds) > 1 else None
    return LADDER[name]


def coarser(rule: str, value: Any) -> Any:
    """A value generalised by `rule`, one step coarser; None when the only step left is to suppress it."""
    step = next_rule(rule)
    if step is None:
        return None
    return generalise(step, value)


def describe(rule: str) -> str:
    """The rule in words, for the disclosure report."""
    name, bounds = parse_rule(rule)
    if name == "band":
        labels = [_band_label(b, bounds) for b in [-math.inf, *bounds]]
        if bounds[0] == 1:
            labels[0] = "0"
        return "bands " + ", ".join(labels)
    return {"month": "months", "quarter": "quarters", "year": "years", "postcode_district": "postcode districts",
            "postcode_area": "postcode areas (letters only)", "": "exact values"}[name]


def parse_rule(rule: str) -> tuple[str, tuple[float, ...]]:
    """("band", (18, 25, 35)) for "band(18,25,35)"; ("month", ()) for "month"."""
    match = _RULE.fullmatch(rule or "")
    name = match.group(1) if match else None
    if name not in LADDER and name != "band":
        raise PrivacyError("privacy_rule", f"'{rule}' is not a generalisation Fieldbook knows; use band(a,b,...), "
                                           f"{', '.join(n for n in LADDER if n)}.")
    if name != "band":
        return name, ()
    try:
        bounds = tuple(float(part) for part in (match.group(2) or "").split(","))
    except ValueError:
        bounds = ()
    if not bounds or list(bounds) != sorted(set(bounds)):
        raise PrivacyError("privacy_rule", f"'{rule}' needs ascending numbers, e.g. band(18,25,35).")
    return name, tuple(int(b) if b.is_integer() else b for b in bounds)


def passes_through(value: Any) -> bool:
    """Blank, declined ({"declined": code}) and suppressed ({"suppressed": ...}) values are never changed."""
    return value is None or value == "" or value == [] or isinstance(value, dict)


# -- bands ---------------------------------------------------------------------

def _band(value: Any, bounds: tuple[float, ...]) -> str:
    number = _number(value)
    if number is None:
        return ""
    if number < bounds[0]:
        return "0" if bounds[0] == 1 and number >= 0 else _band_label(-math.inf, bounds)
    lower = max(b for b in bounds if b <= number)
    return _band_label(lower, bounds)


def _band_label(lower: float, bounds: tuple[float, ...]) -> str:
    """"under 18", "18-24", "25" (a band one wide) or "35+": integer bands name their last member."""
    if lower == -math.inf:
        return f"under {_format(bounds[0])}"
    index = bounds.index(lower)
    if index == len(bounds) - 1:
        return f"{_format(lower)}+"
    upper = bounds[index + 1]
    if isinstance(lower, int) and isinstance(upper, int):
        return str(lower) if upper - 1 == lower else f"{lower}-{upper - 1}"
    return f"{_format(lower)} to under {_format(upper)}"


def _number(value: Any) -> float | None:
    """A number, or the lowest member of a band label ("25-34" -> 25, "under 18" -> -inf)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return None if math.isnan(value) else value
    match = _BAND_LABEL.fullmatch(str(value).strip())
    if not match:
        return None
    if match.group(1) is not None:
        return -math.inf
    return float(next(g for g in match.groups()[1:] if g is not None))


def _format(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


# -- places and times ----------------------------------------------------------------

def _postcode(value: Any, area: bool) -> str:
    """"SG13 7AB" -> "SG13" (district) or "SG" (area); anything else -> ""."""
    if not isinstance(value, str):
        return ""
    match = _POSTCODE.fullmatch(value.strip().upper())
    if not match:
        return ""
    district = match.group(1)
    return re.match(r"[A-Z]+", district).group() if area else district


def _period(value: Any, name: str) -> str:
    """A date, datetime, "YYYY-MM" or "YYYY-Qn" as "YYYY-MM", "YYYY-Qn" or "YYYY"; anything else -> ""."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        year, month, quarter = value.year, value.month, None
    elif isinstance(value, str):
        text = value.strip()
        try:
            parsed = datetime.fromisoformat(text) if len(text) > 7 else None
        except ValueError:
            return ""
        if parsed is not None:
            year, month, quarter = parsed.year, parsed.month, None
        else:
            match = _PERIOD.fullmatch(text)
            if not match:
                return ""
            year = int(match.group(1))
            month = int(match.group(2)) if match.group(2) else None
            quarter = int(match.group(3)) if match.group(3) else None
            if month is not None and not 1 <= month <= 12:
                return ""
    else:
        return ""
    if name == "year":
        return f"{year:04d}"
    if quarter is None and month is None:
        return ""  # a year cannot be made finer
    if name == "quarter":
        return f"{year:04d}-Q{quarter or (month - 1) // 3 + 1}"
    return f"{year:04d}-{month:02d}" if month is not None else ""
