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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from taiyaku.errors import InputError
from taiyaku.models import SEVERITIES, Finding
from taiyaku.run.report import Report
from taiyaku.project.selection import FAIL_ON, Selection, _match_len, parse_codes

KEYS = ("glossary", "select", "ignore", "severity", "per-file-ignores", "fail-on", "format", "pairs", "separators")
DEFAULT = "default"
COMMAND_LINE = "command line"
CONFIG_NAMES = ("taiyaku.toml", "pyproject.toml")  # in order of precedence within one directory
REGEX_PREFIX = "re:"  # a separator written "re:…" is a regular expression, any other is a literal line

_EXAMPLES = {
    "glossary": 'glossary = "terms/glossary.tsv"',
    "select": 'select = ["T", "C001"]',
    "ignore": 'ignore = ["addition"]',
    "severity": 'severity = { T003 = "warning" }',
    "per-file-ignores": 'per-file-ignores = { "drafts/**" = ["U002"] }',
    "fail-on": 'fail-on = "error"',
    "format": 'format = "json"',
    "pairs": 'pairs = [["ja/{name}.md", "en/{name}.md"]]',
    "separators": 'separators = ["=== 英訳 ===", "re:-{3,} *EN *-{3,}"]',
}


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

    def selection(self) -> Selection:
        return Selection(select=self.select, ignore=self.ignore)

    def separator_patterns(self) -> tuple[re.Pattern[str], ...]:
        """The extra separators compiled for ``articles.find_articles(..., separators=...)``."""
        return tuple(separator_pattern(s) for s in self.separators)

    def per_file_root(self) -> str:
        """The directory ``per-file-ignores`` globs are relative to."""
        return self.root if self.source("per-file-ignores") not in (DEFAULT, COMMAND_LINE) else os.getcwd()


def separator_pattern(value: str) -> re.Pattern[str]:
    """``re:REGEX`` as a regular expression, anything else as a literal line (case-insensitive); both are
    matched against a whole line, white space at its ends stripped. Raises re.error."""
    if value.startswith(REGEX_PREFIX):
        return re.compile(value[len(REGEX_PREFIX) :].strip())
    return re.compile(re.escape(value.strip()), re.IGNORECASE)


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


def _display(path: str) -> str:
    """``path`` relative to the working directory when inside it, else absolute."""
    rel = os.path.relpath(path)
    return path if rel == os.pardir or rel.startswith(os.pardir + os.sep) else rel


def _has_table(path: str) -> bool:
    """Does this pyproject.toml have a [tool.taiyaku] table? (A file never mentioning taiyaku is not parsed.)"""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return False
    if b"taiyaku" not in data:
        return False
    return _ConfigFile.parse(path, _display(path), data).get("tool", {}).get("taiyaku") is not None


def _toml():
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            raise InputError("reading taiyaku.toml/pyproject.toml needs Python 3.11+ or the tomli package: "
                             "pip install tomli") from None
    return tomllib


class _ConfigFile:
    """The taiyaku table of one configuration file, with its text to find the line of a key."""

    def __init__(self, label: str, text: str, table: dict, where: str, header: int) -> None:
        self.label, self.text, self.table, self.where, self.header = label, text, table, where, header

    @staticmethod
    def parse(path: str, label: str, data: bytes) -> dict:
        tomllib = _toml()
        try:
            return tomllib.loads(data.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError("configuration is not UTF-8 text: save it as UTF-8", label, line) from None
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"\(at line (\d+), column \d+\)|\(at end of document\)", str(exc))
            line = int(m.group(1)) if m and m.group(1) else max(1, len(data.splitlines())) if m else None
            message = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", str(exc))
            raise InputError(f"invalid TOML ({message}): fix the syntax", label, line) from None
        except RecursionError:
            raise InputError("configuration nested too deeply: a taiyaku configuration is a flat table",
                             label) from None
        except ValueError as exc:  # e.g. an integer of thousands of digits
            raise InputError(f"configuration holds an absurd value ({exc}): fix it", label) from None

    @classmethod
    def read(cls, path: str, label: str, explicit: bool = False) -> "_ConfigFile":
        from taiyaku.read.files import read_regular

        if not os.path.lexists(path):
            raise InputError("cannot read configuration (No such file or directory)", label)
        data = read_regular(path, "configuration", 1_000_000, label)
        doc = cls.parse(path, label, data)
        text = data.decode("utf-8-sig")
        if os.path.basename(path) == "pyproject.toml":
            table = doc.get("tool", {}).get("taiyaku")
            if table is None:
                if explicit:
                    raise InputError("no [tool.taiyaku] table in this pyproject.toml: add one", label)
                table = {}
            if not isinstance(table, dict):
                raise InputError("tool.taiyaku must be a table: write [tool.taiyaku] and keys under it", label,
                                 _line(text, r"^\s*(?:tool\s*\.\s*)?taiyaku\s*="))
            m = re.search(r"^\s*\[\s*tool\s*\.\s*taiyaku\s*[\].]", text, re.M)
            return cls(label, text, table, "[tool.taiyaku]", m.start() if m else 0)
        return cls(label, text, doc, os.path.basename(path), 0)

    def line_of(self, key: str, value: str | None = None, bare: bool = False) -> int | None:
        """Best-effort line of ``key`` (of the string ``value`` under it if given; ``bare``: ``value`` is a
        key of a sub-table, maybe unquoted) in the taiyaku part of the file."""
        k = re.escape(key)
        key_re = rf"""^\s*(?:\[\s*(?:tool\s*\.\s*taiyaku\s*\.\s*)?)?["']?{k}["']?\s*[=\].]|[{{,]\s*["']?{k}["']?\s*="""
        start = self._find(key_re, self.header)
        if start is None:
            return None
        if value is not None:
            v = re.escape(value)
            found = self._find(rf"""(?<![\w.-])["']?{v}["']?\s*=""" if bare else rf"""["']{v}["']""", start)
            if found is not None:
                start = found
        return self.text.count("\n", 0, start) + 1

    def _find(self, pattern: str, start: int) -> int | None:
        m = re.compile(pattern, re.M).search(self.text, start)
        return m.start() if m else None

    def error(self, key: str, message: str, value: str | None = None, bare: bool = False) -> InputError:
        return InputError(f"{key}: {message}", self.label, self.line_of(key, value, bare))


class _Cli:
    """Stands where a _ConfigFile does, for values given on the command line."""

    label = COMMAND_LINE

    def error(self, key: str, message: str, value: str | None = None, bare: bool = False) -> InputError:
        return InputError(f"--{key}: {message}")


# --- validation: raw TOML (or command-line) value → the value in effect ------------------------------


def _fail(source, key: str, what: str, value: str | None = None) -> InputError:
    example = f" (e.g. {_EXAMPLES[key]})" if not isinstance(source, _Cli) else ""
    return source.error(key, what + example, value)


def _strings(raw: Any, source, key: str) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise _fail(source, key, "must be a list of strings")
    return raw


def _rules():
    from taiyaku.checks.registry import registry

    return registry()


def _codes(values: Sequence[str], source, key: str, bare: bool = False) -> tuple[str, ...]:
    rules = _rules()
    out = []
    for value in values:
        code = value.strip()
        if not code:
            raise _fail(source, key, "empty rule code")
        if code.upper() != "ALL" and not any(_match_len(code, r) for r in rules.values()):
            raise source.error(key, f"unknown rule or prefix '{code}': run `taiyaku rules` to list them", value, bare)
        out.append(code)
    return tuple(out)


def _v_glossary(raw, source, root) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise _fail(source, "glossary", "must be a path (a string)")
    if isinstance(source, _Cli):
        return raw  # checked when loaded, with the message about --glossary
    path = os.path.normpath(os.path.join(root, raw))
    if not os.path.isfile(path):
        raise source.error("glossary", f"no such file: {raw} (paths are relative to {_display(root) or '.'}/)", raw)
    return _display(path)


def _v_select(raw, source, root) -> tuple[str, ...]:
    return _codes(parse_codes(_strings(raw, source, "select")), source, "select")


def _v_ignore(raw, source, root) -> tuple[str, ...]:
    return _codes(parse_codes(_strings(raw, source, "ignore")), source, "ignore")


def _v_severity(raw, source, root) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise _fail(source, "severity", "must be a table of rule → error, warning or info")
    out = {}
    for code, level in raw.items():
        _codes([code], source, "severity", bare=True)
        if level not in SEVERITIES:
            raise source.error("severity", f"{code} = {level!r}: use one of {', '.join(SEVERITIES)}", code, True)
        out[code] = level
    return out


def _v_per_file_ignores(raw, source, root) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise _fail(source, "per-file-ignores", "must be a table of glob → list of rules")
    out = {}
    for glob, codes in raw.items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise source.error("per-file-ignores", f'"{glob}" must map to a list of rules, e.g. ["U002"]', glob, True)
        try:
            _glob_regex(glob)
        except re.error as exc:
            raise source.error("per-file-ignores", f'bad glob "{glob}" ({exc})', glob, True) from None
        out[glob] = _codes(codes, source, "per-file-ignores")
    return out


def _choice(key: str, choices: Sequence[str]) -> Callable:
    def check(raw, source, root) -> str:
        if raw not in choices:
            raise _fail(source, key, f"{raw!r} is not one of {', '.join(choices)}")
        return raw

    return check


def _v_format(raw, source, root) -> str:
    from taiyaku.output import FORMATS

    return _choice("format", tuple(FORMATS))(raw, source, root)


def _v_pairs(raw, source, root) -> tuple[tuple[str, str], ...]:
    shape = "must be a list of [ja pattern, en pattern] with one {name} in each"
    if not isinstance(raw, list):
        raise _fail(source, "pairs", shape)
    out = []
    for pair in raw:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            raise _fail(source, "pairs", shape)
        for p in pair:
            if p.count("{name}") != 1:
                raise source.error("pairs", f'"{p}" needs exactly one {{name}}, e.g. "ja/{{name}}.md"', p)
        if pair[0] == pair[1]:
            raise source.error("pairs", f'"{pair[0]}" is both the ja and the en pattern: make them differ', pair[0])
        out.append(tuple(_display(os.path.normpath(os.path.join(root, p))) for p in pair))
    return tuple(out)


def _v_separators(raw, source, root) -> tuple[str, ...]:
    values = _strings(raw, source, "separators")
    for v in values:
        if not v.strip() or v.strip() == REGEX_PREFIX:
            raise source.error("separators", "empty separator", v)
        try:
            separator_pattern(v)
        except re.error as exc:
            raise source.error("separators", f'"{v}" is not a valid regular expression ({exc})', v) from None
    return tuple(values)


_VALIDATE: dict[str, Callable[[Any, Any, str], Any]] = {
    "glossary": _v_glossary,
    "select": _v_select,
    "ignore": _v_ignore,
    "severity": _v_severity,
    "per-file-ignores": _v_per_file_ignores,
    "fail-on": _choice("fail-on", FAIL_ON),
    "format": _v_format,
    "pairs": _v_pairs,
    "separators": _v_separators,
}


def _line(text: str, pattern: str) -> int | None:
    m = re.search(pattern, text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


# --- applying -----------------------------------------------------------------------------------------


def apply_settings(report: Report, settings: Settings) -> Report:
    """``report`` with severity overrides applied (the most specific key wins) and the findings that a
    per-file ignore covers dropped. The input report is not changed."""
    rules = _rules()
    severity = settings.severity
    per_file = [(_glob_regex(g), codes) for g, codes in settings.per_file_ignores.items()]
    root = settings.per_file_root()
    ignored_in: dict[str, tuple[str, ...]] = {}
    findings: list[Finding] = []
    for f in report.findings:
        if per_file:
            if f.path not in ignored_in:
                rel = _relative_candidates(f.path, root)
                ignored_in[f.path] = tuple(c for regex, codes in per_file if any(regex.fullmatch(p) for p in rel) for c in codes)
            rule = rules.get(f.rule)
            if rule is not None and any(_match_len(c, rule) for c in ignored_in[f.path]):
                continue
        if severity and f.rule in rules:
            rank, level = max(((_match_len(k, rules[f.rule]), v) for k, v in severity.items()), default=(0, None))
            if rank and level != f.severity:
                f = replace(f, severity=level)
        findings.append(f)
    return Report(findings, report.documents, report.views)


def _relative_candidates(path: str, root: str) -> list[str]:
    """The forms of ``path`` a per-file glob is matched against: relative to ``root`` (posix), each of its
    parent directories (so ``drafts`` covers ``drafts/a.md``), and its base name and the base names of its
    directories (a glob without ``/`` matches at any depth)."""
    rel = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    parts = rel.split("/")
    if parts[0] == "..":  # outside the project: only globs without "/" (base names) can match
        return [parts[-1]]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))] + parts


def _glob_regex(glob: str) -> re.Pattern[str]:
    """A gitignore-like glob (``*``, ``?``, ``[…]``, ``**``) relative to the config directory."""
    g = glob.strip().replace("\\", "/")
    while g.startswith("./"):
        g = g[2:]
    g = g.rstrip("/") or "**"
    out, i = [], 0
    while i < len(g):
        c = g[i]
        if g.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif g.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = g.find("]", i + 2)
            if j < 0:
                out.append(re.escape(c))
                i += 1
                continue
            body = g[i + 1 : j]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = j + 1
        else:
            out.append(re.escape(c))
            i += 1
    return re.compile("".join(out))


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
