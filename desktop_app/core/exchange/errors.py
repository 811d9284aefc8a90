"""Errors of project files and bundles, each naming the file and what is wrong with it."""

from desktop_app.core.errors import FieldbookError


class ProjectError(FieldbookError):
    """A project file that cannot be trusted or read."""


class BundleError(FieldbookError):
    """A bundle that cannot be written, trusted or read."""
