"""Timestamps as the vault stores them: UTC, ISO 8601, to the second."""

from datetime import UTC, datetime


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
