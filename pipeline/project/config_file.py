"""Configuration files and values: reading the TOML (with the line of each key, for error messages),
and validating each raw value — from a file or from the command line — into the value in effect."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from typing import Any

from taiyaku.errors import InputError
from taiyaku.models import SEVERITIES
from taiyaku.project.filters import glob_regex
from taiyaku.project.selection import FAIL_ON, named, parse_codes, unknown_rule

COMMAND_LINE = "command line"
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
    "slug-suffixes": 'slug-suffixes = ["-en", "-english"]',
}


def separator_pattern(value: str) -> re.Pattern[str]:
    """``re:REGEX`` as a regular expression, anything else as a literal line (case-insensitive); both are
    matched against a whole line, white space at its ends stripped. Raises re.error."""
    if value.startswith(REGEX_PREFIX):
        return re.compile(value[len(REGEX_PREFIX) :].strip())
    return re.compile(re.escape(value.strip()), re.IGNORECASE)


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
        if not named(code, rules):
            raise source.error(key, unknown_rule(code), value, bare)
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
            glob_regex(glob)
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


def _v_slug_suffixes(raw, source, root) -> tuple[str, ...]:
    values = _strings(raw, source, "slug-suffixes")
    for v in values:
        if not v.strip():
            raise source.error("slug-suffixes", "empty suffix", v)
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
    "slug-suffixes": _v_slug_suffixes,
}


def _line(text: str, pattern: str) -> int | None:
    m = re.search(pattern, text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None
