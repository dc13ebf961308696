"""Project configuration: ``[tool.taiyaku]`` in ``pyproject.toml`` or a ``taiyaku.toml``, overridden by the
command line; every setting remembers where its value came from (``taiyaku config`` shows it).

The configuration file is found by walking up from the checked files' common directory; the closest
one wins, a ``taiyaku.toml`` beats a ``pyproject.toml`` in the same directory, and a ``pyproject.toml``
without ``[tool.taiyaku]`` is skipped (as ruff does). Paths and globs in a configuration file are
relative to its directory.

Command-line values replace the configured ones, except ``--ignore`` alone, which adds to the configured
ignore list; ``--select`` starts the selection over (the configured ``ignore`` is dropped too), as in ruff.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from taiyaku.errors import InputError
from taiyaku.project.config_file import (
    _VALIDATE,
    COMMAND_LINE,
    _Cli,
    _ConfigFile,
    _display,
    _has_table,
    separator_pattern,
)
from taiyaku.project.selection import Selection, parse_codes

KEYS = ("glossary", "select", "ignore", "severity", "per-file-ignores", "fail-on", "format", "pairs", "separators",
        "slug-suffixes")
DEFAULT = "default"
CONFIG_NAMES = ("taiyaku.toml", "pyproject.toml")  # in order of precedence within one directory



@dataclass(frozen=True)
class Setting:
    """A value in effect and where it came from: "default", a configuration file, "command line"."""

    value: Any
    source: str


@dataclass(frozen=True)
class Settings:
    """Every setting of ``KEYS`` (TOML spelling) with its source.

    ``config`` is the configuration file used (as displayed), ``root`` the absolute directory its
    relative paths and globs are taken from (the working directory when there is no file).
    Path values (``glossary``, ``pairs``) are resolved: relative to the working directory when inside
    it, else absolute, so they can be passed on as they are.
    """

    items: Mapping[str, Setting]
    config: str | None = None
    root: str = "."

    def __getitem__(self, key: str) -> Any:
        return self.items[key].value

    def source(self, key: str) -> str:
        return self.items[key].source

    @property
    def glossary(self) -> str:
        return self["glossary"]

    @property
    def select(self) -> tuple[str, ...]:
        return self["select"]

    @property
    def ignore(self) -> tuple[str, ...]:
        return self["ignore"]

    @property
    def severity(self) -> dict[str, str]:
        return self["severity"]

    @property
    def per_file_ignores(self) -> dict[str, tuple[str, ...]]:
        return self["per-file-ignores"]

    @property
    def fail_on(self) -> str:
        return self["fail-on"]

    @property
    def format(self) -> str:
        return self["format"]

    @property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        return self["pairs"]

    @property
    def separators(self) -> tuple[str, ...]:
        return self["separators"]

    @property
    def slug_suffixes(self) -> tuple[str, ...]:
        return self["slug-suffixes"]

    def selection(self) -> Selection:
        return Selection(select=self.select, ignore=self.ignore)

    def separator_patterns(self) -> tuple[re.Pattern[str], ...]:
        """The extra separators compiled for ``articles.find_articles(..., separators=...)``."""
        return tuple(separator_pattern(s) for s in self.separators)

    def per_file_root(self) -> str:
        """The directory ``per-file-ignores`` globs are relative to."""
        return self.root if self.source("per-file-ignores") not in (DEFAULT, COMMAND_LINE) else os.getcwd()


# --- loading ------------------------------------------------------------------------------------------


def find_config(paths: Sequence[str]) -> str | None:
    """The configuration file for ``paths`` (absolute path), or None: walk up from their common
    directory; in each directory ``taiyaku.toml`` first, then a ``pyproject.toml`` with ``[tool.taiyaku]``."""
    directory = _common_dir(paths)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate) and (name != "pyproject.toml" or _has_table(candidate)):
                return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def load_settings(paths: Sequence[str], cli: Mapping[str, Any] | None = None) -> Settings:
    """The settings in effect for checking ``paths``: defaults, then the configuration file, then the
    command line.

    ``cli`` maps setting names (``"fail-on"`` or ``"fail_on"``) to command-line values; None, "" and empty
    sequences mean "not given". ``select``/``ignore`` take click's repeated, comma-separated strings.
    Two more keys steer the lookup: ``config`` (a file to use instead of searching) and ``isolated``
    (true: use no configuration file). Raises InputError naming the file (and line) for a bad config.
    """
    cli = {k.replace("_", "-"): v for k, v in (cli or {}).items() if not _empty(v)}
    unknown = set(cli) - set(KEYS) - {"config", "isolated"}
    if unknown:
        raise ValueError(f"unknown command-line settings: {sorted(unknown)}")
    if cli.get("isolated"):
        path = None
    elif cli.get("config"):
        path = os.path.abspath(cli["config"])
        if not os.path.exists(path):
            raise InputError("no such configuration file: check --config", cli["config"])
    else:
        path = find_config(paths)

    items: dict[str, Setting] = _defaults()
    root = os.getcwd()
    label = None
    if path is not None:
        label = _display(path)
        root = os.path.dirname(path)
        source = _ConfigFile.read(path, label, explicit=bool(cli.get("config")))
        for key, raw in source.table.items():
            if key not in KEYS:
                hint = difflib.get_close_matches(key, KEYS, n=1)
                also = f"did you mean '{hint[0]}'? " if hint else ""
                if key == "tool" and source.where == "taiyaku.toml":
                    also = "taiyaku.toml takes its keys at the top level, without [tool.taiyaku]; "
                raise InputError(
                    f"unknown key '{key}' in {source.where}: {also}the keys are {', '.join(KEYS)}",
                    label, source.line_of(key),
                )
            items[key] = Setting(_VALIDATE[key](raw, source, root), label)

    command = _Cli()
    given = {k: _VALIDATE[k](_cli_value(k, v), command, os.getcwd()) for k, v in cli.items() if k in KEYS}
    if "select" in given and items["ignore"].source != DEFAULT:  # ruff: --select starts the selection over
        items["ignore"] = Setting((), COMMAND_LINE)
    for key, value in given.items():
        if key == "ignore" and "select" not in given and items["ignore"].source != DEFAULT:
            old = items["ignore"]
            items[key] = Setting(old.value + tuple(v for v in value if v not in old.value), f"{old.source} + {COMMAND_LINE}")
        else:
            items[key] = Setting(value, COMMAND_LINE)
    return Settings(items, label, root)


def _defaults() -> dict[str, Setting]:
    from taiyaku.analyze.glossary import resolve_glossary_path
    from taiyaku.read.formats.wordpress import EN_SLUG_SUFFIXES

    return {
        "glossary": Setting(_display(os.path.abspath(resolve_glossary_path(None))), DEFAULT),
        "select": Setting(("ALL",), DEFAULT),
        "ignore": Setting((), DEFAULT),
        "severity": Setting({}, DEFAULT),
        "per-file-ignores": Setting({}, DEFAULT),
        "fail-on": Setting("warning", DEFAULT),
        "format": Setting("text", DEFAULT),
        "pairs": Setting((), DEFAULT),
        "separators": Setting((), DEFAULT),
        "slug-suffixes": Setting(EN_SLUG_SUFFIXES, DEFAULT),
    }


def _empty(value: Any) -> bool:
    return value is None or value is False or (isinstance(value, (str, tuple, list, dict)) and not value)


def _cli_value(key: str, value: Any) -> Any:
    """Command-line values in the shape a configuration file has (click gives tuples)."""
    if key in ("select", "ignore") and isinstance(value, (tuple, list)):
        return list(parse_codes(tuple(value)))
    if isinstance(value, tuple):
        return [list(v) if isinstance(v, tuple) else v for v in value]
    return value


def _common_dir(paths: Sequence[str]) -> str:
    dirs = []
    for p in paths:
        a = os.path.abspath(p)
        dirs.append(a if os.path.isdir(a) else os.path.dirname(a))
    if not dirs:
        return os.getcwd()
    try:
        return os.path.commonpath(dirs)
    except ValueError:  # different drives (Windows)
        return dirs[0]


# --- describing ---------------------------------------------------------------------------------------


def as_dict(settings: Settings) -> dict:
    """The JSON form: ``{"config": path or null, "root": dir, "settings": {key: {"value", "source"}}}``."""
    return {
        "config": settings.config,
        "root": settings.root,
        "settings": {k: {"value": _jsonable(s.value), "source": s.source} for k, s in settings.items.items()},
    }


def describe_json(settings: Settings) -> str:
    return json.dumps(as_dict(settings), ensure_ascii=False, indent=2) + "\n"


def describe(settings: Settings) -> str:
    """The settings in effect as TOML lines (paste-able into taiyaku.toml), each with its source."""
    head = f"# configuration: {settings.config}" if settings.config else "# configuration: none found (defaults)"
    rows = [(f"{k} = {_toml_value(s.value)}", s.source) for k, s in settings.items.items()]
    width = max(len(r) for r, _ in rows)
    return head + "\n" + "".join(f"{r:<{width}}  # {src}\n" for r, src in rows)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _toml_value(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        keys = (k if _BARE_KEY.fullmatch(k) else json.dumps(k, ensure_ascii=False) for k in value)
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in zip(keys, value.values())) + " }"
    return json.dumps(value)
