"""today(), now(), date(), date-time(), decimal-date-time(), decimal-time(), format-date().

A value that cannot be read as a date gives blank rather than an error, so
a half-typed answer never stops the form.
"""

import math
from datetime import date, datetime

from desktop_app.core.forms.expressions.date_format import format_moment
from desktop_app.core.forms.expressions.dates import (
    date_from_days,
    datetime_from_days,
    days_since_epoch,
    parse_date_text,
    parse_time_text,
)
from desktop_app.core.forms.expressions.values import is_number, to_number, to_string


def to_moment(value) -> date | None:
    """A date or datetime from a typed date, ISO text, or a number of days since 1970-01-01."""
    if type(value) is list:
        value = value[0] if value else ""
    if isinstance(value, date):
        return value
    if is_number(value):
        days = to_number(value)
        return date_from_days(days) if days.is_integer() else datetime_from_days(days)
    if type(value) is bool or value is None:
        return None
    return parse_date_text(to_string(value))


def today(ctx) -> date:
    return ctx.now().date()


def now(ctx) -> datetime:
    return ctx.now()


def date_(ctx, value):
    """date(): the calendar day of the value, time dropped (JavaRosa toDate without time)."""
    moment = to_moment(value)
    if moment is None:
        return ""
    return moment.date() if isinstance(moment, datetime) else moment


def date_time(ctx, value):
    """date-time(): the value as a moment, keeping its time of day."""
    moment = to_moment(value)
    if moment is None:
        return ""
    return moment if isinstance(moment, datetime) else datetime(moment.year, moment.month, moment.day)


def decimal_date_time(ctx, value) -> float:
    moment = to_moment(value)
    return math.nan if moment is None else days_since_epoch(moment)


def decimal_time(ctx, value) -> float:
    """The fraction of a day a time answer ('14:30:00.000+01:00') stands for; its zone is ignored."""
    moment = parse_time_text(to_string(value))
    if moment is None:
        return math.nan
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 1e6
    return seconds / 86400


def format_date(ctx, value, pattern) -> str:
    moment = to_moment(value)
    return "" if moment is None else format_moment(moment, to_string(pattern))
