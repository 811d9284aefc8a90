"""JSON at export and import volume: orjson where it can, the standard library where it cannot.

An export decodes and encodes every response; orjson does both several times
faster. It refuses some of what the standard library writes (NaN, Infinity,
lone surrogates, integers beyond 64 bits), so those fall back rather than
fail. It reads integers beyond 64 bits as floats: answers are checked on
entry so that none is stored (forms/answers.py, `coerce`).
"""

import json
from typing import Any

import orjson


def loads(text: str | bytes) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON."""
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:
        return json.dumps(value, separators=(",", ":")).encode("ascii")  # \u escapes carry what UTF-8 cannot
