"""Dates as JavaRosa sees them: a number of days since 1970-01-01.

That convention is what makes `today() - ${dob}` give days and
`date(${d} + 7)` a week later. Naive datetimes are wall-clock times (the
session's clock); aware ones count from midnight UTC, like
decimal-date-time() in Collect. Text becomes a date only through `to_date`,
so a string is never silently treated as a date in arithmetic (REFERENCE:
dates behave as dates only when typed).
"""

import math
import re
from datetime import UTC, date, datetime, time, timedelta, timezone

EPOCH = date(1970, 1, 1)
_EPOCH_NAIVE = datetime(1970, 1, 1)
_EPOCH_UTC = datetime(1970, 1, 1, tzinfo=UTC)
_FIRST_DAY = (date.min - EPOCH).days
_LAST_DAY = (date.max - EPOCH).days

_DATE_TEXT = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})\s*")
_DATETIME_TEXT = re.compile(
    r"\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*"
)
_TIME_TEXT = re.compile(r"\s*(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*")


def days_since_epoch(moment: date) -> float:
    """Days since 1970-01-01, with a fraction for the time of day of a datetime."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            return (moment - _EPOCH_NAIVE).total_seconds() / 86400
        return (moment - _EPOCH_UTC).total_seconds() / 86400
    return float((moment - EPOCH).days)


def date_from_days(days: float) -> date | None:
    """The calendar day `days` after 1970-01-01 (fraction dropped), or None when out of range."""
    if not math.isfinite(days) or not _FIRST_DAY <= days <= _LAST_DAY:
        return None
    return EPOCH + timedelta(days=math.floor(days))


def datetime_from_days(days: float) -> datetime | None:
    """The wall-clock moment `days` after 1970-01-01, or None when out of range."""
    if not math.isfinite(days) or not _FIRST_DAY <= days <= _LAST_DAY - 1:
        return None
    return _EPOCH_NAIVE + timedelta(days=days)


def parse_date_text(text: str) -> date | None:
    """'YYYY-MM-DD' as a date, 'YYYY-MM-DDTHH:MM[:SS[.fff]][zone]' as a datetime, else None."""
    match = _DATE_TEXT.fullmatch(text)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        match = _DATETIME_TEXT.fullmatch(text)
        if match:
            year, month, day, hour, minute = (int(match[i]) for i in range(1, 6))
            second = int(match[6] or 0)
            micro = int((match[7] or "0").ljust(6, "0")[:6])
            return datetime(year, month, day, hour, minute, second, micro, _zone(match[8]))
    except ValueError:  # 2024-02-30, hour 25, and the like
        return None
    return None


def parse_time_text(text: str) -> time | None:
    """'HH:MM[:SS[.fff]][zone]', the way ODK stores a time answer, else None."""
    match = _TIME_TEXT.fullmatch(text)
    if not match:
        return None
    try:
        micro = int((match[4] or "0").ljust(6, "0")[:6])
        return time(int(match[1]), int(match[2]), int(match[3] or 0), micro, _zone(match[5]))
    except ValueError:
        return None


def _zone(text: str | None) -> timezone | None:
    if not text:
        return None
    if text == "Z":
        return UTC
    digits = text[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return timezone(-offset if text[0] == "-" else offset)
