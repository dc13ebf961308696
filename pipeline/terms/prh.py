"""prh.yml glossaries (textlint's prh dictionaries): ``rules`` of ``expected`` + ``patterns`` + ``specs``.

A rule whose ``expected`` is English gives ``en``, its ``patterns`` (or ``pattern``) the forbidden
renderings; the Japanese term is the taiyaku key ``ja``. A rule whose ``expected`` is Japanese (a
Japanese spelling rule) gives ``ja`` and ``ja_variants``, and needs the key ``en``. ``prh`` (the rule's
description) is ``note``; each spec ``{from, to}`` is the self-test ``from => to``. Further taiyaku keys:
``ja_variants``, ``en_variants``, ``examples``. Regular-expression patterns (``/…/``) are refused: a
glossary lists renderings.
"""

from __future__ import annotations

from taiyaku.analyze.glossary import Entry, Glossary, make_glossary, nfkc
from taiyaku.errors import InputError
from taiyaku.terms.selftest import ARROW, parse_example

_LINE = "__line__"


def _loader():
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML was built with it

    class Loader(base):
        def construct_mapping(self, node, deep=False):
            mapping = super().construct_mapping(node, deep=True)
            mapping[_LINE] = node.start_mark.line + 1
            return mapping

    return yaml, Loader


def _list(rule: dict, key: str, path: str) -> list[str]:
    value = rule.get(key)
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(v, (str, int, float)) for v in items):
        raise InputError(f"'{key}' must be a string or a list of strings", path, rule[_LINE])
    return [str(v).strip() for v in items if str(v).strip()]


def _is_japanese(text: str) -> bool:
    from taiyaku.read.language import language_of

    return language_of(text) == "ja"


def read_prh(text: str, path: str) -> Glossary:
    yaml, Loader = _loader()
    try:
        doc = yaml.load(text, Loader=Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"broken YAML ({getattr(exc, 'problem', exc)})", path, mark.line + 1 if mark else None) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("rules"), list):
        raise InputError("not a prh file: it needs a top-level 'rules:' list", path, 1)
    if doc.get("imports"):
        raise InputError("prh 'imports' are not followed: merge the imported files into one", path, doc[_LINE])
    entries: list[Entry] = []
    for rule in doc["rules"]:
        if not isinstance(rule, dict) or not isinstance(rule.get("expected"), str):
            line = rule.get(_LINE) if isinstance(rule, dict) else None
            raise InputError("every rule needs 'expected:' (a string)", path, line)
        line = rule[_LINE]
        patterns = _list(rule, "patterns", path) + _list(rule, "pattern", path)
        regex = next((p for p in patterns if len(p) > 1 and p.startswith("/") and p.rstrip("gimuy").endswith("/")), None)
        if regex:
            raise InputError(f"regular-expression pattern {regex}: list the literal renderings instead", path, line)
        expected = rule["expected"].strip()
        if _is_japanese(expected):
            ja, ja_variants, en, forbidden = expected, patterns, rule.get("en"), []
            missing = "en"
        else:
            ja, ja_variants, en, forbidden = rule.get("ja"), [], expected, patterns
            missing = "ja"
        if not isinstance(ja, str) or not isinstance(en, str) or not ja.strip() or not en.strip():
            raise InputError(f"rule '{expected}' names no {'English' if missing == 'en' else 'Japanese'} term:"
                             f" add '{missing}: …'", path, line)
        specs = []
        for spec in rule.get("specs") or []:
            if not isinstance(spec, dict) or not isinstance(spec.get("from"), str) or not isinstance(spec.get("to"), str):
                raise InputError("a spec needs 'from:' and 'to:' strings", path, line)
            specs.append(f"{spec['from'].strip()} {ARROW} {spec['to'].strip()}")
        examples = _list(rule, "examples", path) + specs
        for x in examples:
            parse_example(x, path, line)
        entries.append(Entry(
            ja=nfkc(ja.strip()), en=en.strip(),
            ja_variants=tuple(nfkc(v) for v in ja_variants + _list(rule, "ja_variants", path)),
            en_variants=tuple(_list(rule, "en_variants", path)), en_forbidden=tuple(forbidden),
            note=str(rule.get("prh") or "").strip(), line=line, examples=tuple(examples),
        ))
    return make_glossary(entries, path)


def write_prh(glossary: Glossary) -> str:
    """One English rule per entry; taiyaku's keys carry what prh has no place for."""
    import yaml

    rules = []
    for e in glossary.entries:
        rule: dict = {"expected": e.en}
        if e.en_forbidden:
            rule["patterns"] = list(e.en_forbidden)
        rule["ja"] = e.ja
        for key in ("ja_variants", "en_variants"):
            if getattr(e, key):
                rule[key] = list(getattr(e, key))
        if e.note:
            rule["prh"] = e.note
        parsed = [parse_example(x, glossary.path, e.line) for x in e.examples]
        specs = [{"from": x.sentence, "to": x.expected} for x in parsed if x.is_spec]
        tests = [x for x, p in zip(e.examples, parsed) if not p.is_spec]
        if specs:
            rule["specs"] = specs
        if tests:
            rule["examples"] = tests
        rules.append(rule)
    head = f"# prh dictionary exported by taiyaku from {glossary.path}\n"
    return head + yaml.safe_dump({"version": 1, "rules": rules}, allow_unicode=True, sort_keys=False, width=1000)
