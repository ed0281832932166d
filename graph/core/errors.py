"""The exceptions ctkg raises. Only the CLI prints them or exits."""
from __future__ import annotations


class CtkgError(Exception):
    """Base class: every error ctkg raises on purpose is one of these."""


class InputError(CtkgError):
    """An input file or record cannot be read. The message names the file and the reason."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ModelNotFound(CtkgError):
    """No spaCy English model is installed."""


class ConfigError(CtkgError):
    """A user-supplied option or data file (gazetteer, base IRI, format name) is invalid."""


class ExportError(CtkgError):
    """An output could not be written."""


class UnknownFormat(ConfigError):
    """A format or reader name that is not registered."""
