"""The one error type users see: a problem they can fix, reported as a single line."""

from __future__ import annotations


class InputError(Exception):
    """Bad input the user can fix: rendered as ``path:line: message`` and exit code 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{where}{self.message}"
