"""A one-line progress bar on a terminal: ``[########      ] 120/2000 articles``.

Drawn only when the stream is a terminal (never into a pipe, a file or CI logs), redrawn at most every
``interval`` seconds, and erased when the run ends so that nothing of it stays on screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO


def is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # no isatty, or a closed stream
        return False


class Progress:
    """``update(n)`` after each unit of work; ``close()`` (or a ``with`` block) erases the bar."""

    def __init__(
        self,
        total: int,
        stream: TextIO | None = None,
        *,
        label: str = "articles",
        width: int = 30,
        interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.total = max(0, total)
        self.done = 0
        self.stream = stream
        self.enabled = stream is not None and is_terminal(stream) and self.total > 0
        self.label = label
        self.width = width
        self.interval = interval
        self._clock = clock
        self._last_draw: float | None = None
        self._shown = 0  # characters of the bar on screen

    def render(self) -> str:
        filled = self.width * self.done // self.total if self.total else self.width
        return f"[{'#' * filled}{' ' * (self.width - filled)}] {self.done}/{self.total} {self.label}"

    def update(self, n: int = 1) -> None:
        self.done = min(self.total, self.done + n)
        if not self.enabled:
            return
        now = self._clock()
        if self._last_draw is not None and now - self._last_draw < self.interval and self.done < self.total:
            return
        self._last_draw = now
        line = self.render()
        self._write("\r" + line + " " * max(0, self._shown - len(line)))
        self._shown = len(line)

    def close(self) -> None:
        """Erase the bar (the cursor goes back to the start of the line)."""
        if self.enabled and self._shown:
            self._write("\r" + " " * self._shown + "\r")
            self._shown = 0
        self.enabled = False

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: stop drawing, keep working
            self.enabled = False

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
