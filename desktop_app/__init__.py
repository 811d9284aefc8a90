"""Fieldbook: offline, encrypted survey and interview capture."""

__version__ = "0.1.0"
APP_NAME = "Fieldbook"
