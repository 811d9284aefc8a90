"""How strong a passphrase must be, judged by zxcvbn rather than composition rules."""

from desktop_app.core.errors import AuthError

MIN_LENGTH = 10
MIN_SCORE = 3  # zxcvbn: "safely unguessable: moderate protection from offline attack"


def check_passphrase(passphrase: str, user: str) -> None:
    """Raise AuthError('weak_passphrase') with advice when `passphrase` is too easy to guess."""
    if len(passphrase) < MIN_LENGTH:
        raise AuthError(
            "weak_passphrase",
            f"The passphrase is too short: use at least {MIN_LENGTH} characters (a few unrelated words work well).",
        )
    from zxcvbn import (
        zxcvbn,  # loads its dictionaries: only when a passphrase is being set
    )

    result = zxcvbn(passphrase[:100], user_inputs=[user, "fieldbook"])
    if result["score"] < MIN_SCORE:
        feedback = result["feedback"]
        advice = feedback.get("warning") or " ".join(feedback.get("suggestions", [])) or "It is easy to guess."
        advice = advice[0].lower() + advice[1:]
        raise AuthError(
            "weak_passphrase",
            f"The passphrase is too weak: {advice.rstrip('.')}. Try three or four unrelated words.",
        )
