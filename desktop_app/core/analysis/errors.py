"""Errors of the analysts' datasets, files and reports, each naming what and where."""

from desktop_app.core.errors import FieldbookError


class AnalysisError(FieldbookError):
    """A dataset, data file or report that cannot be built or written."""
