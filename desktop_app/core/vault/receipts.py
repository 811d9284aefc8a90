"""Receipt codes: what a respondent keeps to withdraw later, and nothing more.

Eight characters of Crockford base32 (40 random bits), shown as XXXX-XXXX:
easy to read aloud, no I/L/O/U to confuse. The vault keeps only a keyed hash,
so the code cannot be read back from a response.
"""

import hashlib
import hmac
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalise(code: str) -> str:
    """What the respondent typed, forgiving case, spaces, dashes and look-alike letters."""
    return "".join(ch for ch in code.upper() if ch.isalnum()).translate(_READ_AS)


def code_hash(secret: bytes, code: str) -> str:
    return hmac.new(secret, normalise(code).encode("ascii"), hashlib.sha256).hexdigest()


def display(code: str) -> str:
    """A typed code as it was printed on the receipt: XXXX-XXXX."""
    raw = normalise(code)
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw
