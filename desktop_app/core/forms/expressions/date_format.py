"""format-date() patterns as ODK defines them (docs: "format-date(date, format)").

%Y year, %y two-digit year, %m zero-padded month, %n month, %b short month
name, %d zero-padded day, %e day, %a short day name, %H zero-padded hour,
%h hour, %M zero-padded minute, %S zero-padded second, %3 milliseconds.
Names are English, as in JavaRosa's default locale. Anything else is copied.
"""

from datetime import date, datetime

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _fields(moment: date) -> dict[str, str]:
    clock = moment if isinstance(moment, datetime) else datetime(moment.year, moment.month, moment.day)
    return {
        "Y": f"{moment.year:04d}",
        "y": f"{moment.year % 100:02d}",
        "m": f"{moment.month:02d}",
        "n": str(moment.month),
        "b": _MONTHS[moment.month - 1],
        "d": f"{moment.day:02d}",
        "e": str(moment.day),
        "a": _DAYS[moment.weekday()],
        "H": f"{clock.hour:02d}",
        "h": str(clock.hour),
        "M": f"{clock.minute:02d}",
        "S": f"{clock.second:02d}",
        "3": f"{clock.microsecond // 1000:03d}",
    }


def format_moment(moment: date, pattern: str) -> str:
    """`pattern` with each %-code replaced by that part of `moment`."""
    fields = _fields(moment)
    parts = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        code = pattern[index + 1] if char == "%" and index + 1 < len(pattern) else ""
        if code in fields:
            parts.append(fields[code])
            index += 2
        else:
            parts.append(char)
            index += 1
    return "".join(parts)
