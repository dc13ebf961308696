"""The progress bar (pipeline.progress), and the pre-commit hook definition (.pre-commit-hooks.yaml)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from taiyaku.run.progress import Progress, is_terminal

ROOT = Path(__file__).resolve().parents[1]


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def frames(stream: io.StringIO) -> list[str]:
    return [f for f in stream.getvalue().split("\r") if f]


def test_bar_shape():
    tty = FakeTTY()
    bar = Progress(2000, tty, width=8, interval=0)
    bar.update(120)
    assert frames(tty) == ["[        ] 120/2000 articles"]
    bar.update(880)
    assert frames(tty)[-1] == "[####    ] 1000/2000 articles"


@pytest.mark.parametrize(
    "stream",
    [io.StringIO(), None, type("Closed", (io.StringIO,), {"isatty": lambda self: (_ for _ in ()).throw(ValueError())})()],
)
def test_nothing_at_all_when_not_a_terminal(stream):
    with Progress(10, stream) as bar:
        for _ in range(10):
            bar.update()
    assert stream is None or stream.getvalue() == ""
    assert not bar.enabled


def test_throttled_but_always_shows_the_end():
    tty, clock = FakeTTY(), Clock()
    bar = Progress(100, tty, interval=0.1, clock=clock)
    for i in range(99):
        clock.now = i * 0.01  # 100 updates a second: one frame every 10 updates
        bar.update()
    shown = frames(tty)
    assert 9 <= len(shown) <= 11
    bar.update()
    assert frames(tty)[-1].startswith("[" + "#" * 30 + "] 100/100")


def test_cleared_at_the_end():
    tty = FakeTTY()
    with Progress(3, tty, label="files") as bar:
        bar.update(3)
    out = tty.getvalue()
    line = "[" + "#" * 30 + "] 3/3 files"
    assert out == "\r" + line + "\r" + " " * len(line) + "\r"
    bar.close()  # closing twice draws nothing more
    assert tty.getvalue() == out


def test_shorter_frame_overwrites_a_longer_one():
    tty = FakeTTY()
    bar = Progress(10, tty, width=4, interval=0)
    bar.label = "articles (slow)"
    bar.update(1)
    bar.label = "articles"
    bar.update(1)
    last = tty.getvalue().split("\r")[-1]
    assert last.rstrip() == "[    ] 2/10 articles" and len(last) == len("[    ] 1/10 articles (slow)")


def test_zero_total_and_overshoot():
    tty = FakeTTY()
    with Progress(0, tty) as bar:
        bar.update(5)
    assert tty.getvalue() == ""
    bar = Progress(2, tty)
    bar.update(5)
    assert bar.done == 2


def test_a_terminal_that_goes_away_stops_the_bar_not_the_run():
    class Broken(FakeTTY):
        def write(self, text):
            raise OSError("terminal closed")

    bar = Progress(5, Broken())
    bar.update()
    bar.update()
    bar.close()
    assert not bar.enabled


def test_is_terminal():
    assert is_terminal(FakeTTY()) and not is_terminal(io.StringIO()) and not is_terminal(object())


# --- .pre-commit-hooks.yaml ---------------------------------------------------------------------

HOOKS = ROOT / ".pre-commit-hooks.yaml"


def _hooks():
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load(HOOKS.read_text(encoding="utf-8"))


def test_pre_commit_hook_definition():
    hooks = _hooks()
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    required = {"id", "name", "entry", "language"}
    assert required <= set(hook)
    known = required | {"files", "exclude", "types", "types_or", "exclude_types", "always_run", "fail_fast",
                        "verbose", "pass_filenames", "require_serial", "description", "language_version",
                        "minimum_pre_commit_version", "args", "stages", "additional_dependencies"}
    assert set(hook) <= known
    assert hook["id"] == "taiyaku" and hook["entry"] == "taiyaku check" and hook["language"] == "python"
    assert hook["pass_filenames"] is True and hook["require_serial"] is True


@pytest.mark.parametrize(
    "path, checked",
    [
        ("articles/a.ja.txt", True),
        ("articles/a.en.md", True),
        ("blog/post.markdown", True),
        ("site/page.html", True),
        ("site/PAGE.HTM", True),
        ("README.md", False),
        ("docs/readme.txt", False),
        ("CHANGELOG.md", False),
        ("img/logo.png", False),
        ("notes.txt.bak", False),
    ],
)
def test_pre_commit_hook_file_patterns(path, checked):
    hook = _hooks()[0]
    selected = re.search(hook["files"], path) is not None and re.search(hook["exclude"], path) is None
    assert selected is checked


def test_hook_entry_is_an_installed_command():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^taiyaku = "taiyaku.cli:main"$', text, re.M)
