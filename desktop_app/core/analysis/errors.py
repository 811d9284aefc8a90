"""Errors of the analysts' side: a form or file that cannot be read or written, named."""

from desktop_app.core.errors import FieldbookError


class AnalysisError(FieldbookError):
    """A dataset, report or store request that cannot be carried out."""
