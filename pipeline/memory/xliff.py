"""XLIFF 2.0 for CAT tools: one article's aligned pairs and findings out (``write_xliff``), any XLIFF 2.x
job's units in (``read_xliff``, for ``taiyaku tm import``).

The export is XLIFF 2.0 core (``srcLang="ja"``, ``trgLang="en"``) with one ``<file original=...>`` for
the article and one ``<unit>`` per aligned pair, in article order; its id is stable (``ja5``: the pair
starts at the article's sixth Japanese sentence; ``en7`` for English with no Japanese source). Each unit
has one ``<segment>``: the Japanese in ``<source>``, the English in ``<target>`` (``state="translated"``),
or no target (``state="initial"``) for Japanese left untranslated (every sentence of a Japanese-only
article is such a unit). Where each side starts (path, line,
column), the pair's confidence and score travel in the Metadata module (``mda:metaGroup
category="taiyaku"``); the findings on the pair are ``<note category="RULE">`` (rule, name, severity,
line and column also as ``tky:`` attributes). A character XML 1.0 cannot hold becomes ``<cp hex=.../>``
in text, U+FFFD in notes and metadata.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from taiyaku.checks.registry import Rule
from taiyaku.errors import InputError
from taiyaku.memory.xmlfile import INVALID as _INVALID
from taiyaku.memory.xmlfile import mixed_text, xml_safe

NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
TKY = "https://github.com/taiyaku/taiyaku/xliff"  # our extension attributes on <note>
CODE = "XL001"
PRIORITY = {"error": "1", "warning": "3", "info": "6"}  # XLIFF note priority: 1 (highest) to 10


class Sentence(NamedTuple):
    ref: tuple[str, int]  # (side, index), as findings name sentences
    text: str
    path: str
    line: int
    column: int
    span: tuple[int, int]  # source offsets in ``path``


class PairRecord(NamedTuple):
    ja: tuple[Sentence, ...]
    en: tuple[Sentence, ...]
    confidence: str
    score: float


class ArticlePairs(NamedTuple):
    name: str
    paths: tuple[str, ...]  # the article's files, Japanese first
    pairs: tuple[PairRecord, ...]


def _sentence(seg) -> Sentence:
    span = seg.source_span()
    line, column = seg.doc.position(span[0])
    return Sentence(seg.ref, seg.text, seg.doc.path, line, column, span)


def collect(ctx) -> ArticlePairs:
    """Every pair of one analysed article (1-0 and 0-1 included), in article order; an article with no
    English (nothing aligned) is one untranslated unit per Japanese sentence."""
    pairs = tuple(PairRecord(tuple(map(_sentence, p.ja)), tuple(map(_sentence, p.en)), p.confidence, p.score)
                  for p in ctx.pairs)
    if not pairs and not ctx.article.en:
        pairs = tuple(PairRecord((_sentence(s),), (), "unsure", 0.0) for s in ctx.article.ja)
    docs = sorted(ctx.article.documents, key=lambda d: {"ja": 0, "bilingual": 1}.get(d.role, 2))
    return ArticlePairs(ctx.article.name, tuple(dict.fromkeys(d.path for d in docs)), pairs)


class _Keep:
    """The corpus function of XL001: keeps the records (in this process) and reports nothing."""

    def __init__(self) -> None:
        self.records: list[ArticlePairs] = []

    def __call__(self, records):
        self.records.extend(records)
        return ()


RULE = Rule(CODE, "xliff-export", "memory", "info", "corpus", _Keep(), aligned=True, collect=collect, default=False)


def check_article(paths: Sequence[str], settings, jobs: int | None = None):
    """(the pairs of the one article under ``paths``, the report of checking it with ``settings``).
    ``FILE#NAME`` names one article of a file holding several (a WordPress export, an XLIFF job)."""
    import dataclasses
    import os

    from taiyaku.project.config import Setting
    from taiyaku.run.engine import Request, run

    wanted = None
    if len(paths) == 1 and "#" in paths[0] and not os.path.exists(paths[0]):
        wanted, paths = paths[0], (paths[0].rpartition("#")[0],)
    keep = _Keep()
    rule = dataclasses.replace(RULE, func=keep)
    select = settings.items["select"]
    items = {**settings.items, "select": Setting((*select.value, CODE), select.source)}
    report = run(list(paths), dataclasses.replace(settings, items=items), Request(jobs=jobs, extra_rules=(rule,))).report
    records = keep.records
    if wanted is not None:
        records = [r for r in keep.records if r.name == wanted]
        if not records:
            raise InputError(f"no article {wanted}: the file holds {', '.join(r.name for r in keep.records) or 'none'}")
        spans = [(s.path, s.span) for p in records[0].pairs for s in (*p.ja, *p.en)]
        report = dataclasses.replace(report, findings=[  # the findings on the other articles of the file go
            f for f in report.findings if any(path == f.path and a <= f.start < max(b, a + 1) for path, (a, b) in spans)])
    if len(records) != 1:
        names = ", ".join(r.name for r in records[:3]) + (", …" if len(records) > 3 else "")
        raise InputError(f"{len(records)} articles found in {' '.join(paths)} ({names}): export one article "
                         "(a JA EN pair, one half of a pair, one bilingual file, or FILE#NAME)")
    record = records[0]
    if not any(p.ja for p in record.pairs):
        raise InputError(f"{record.name}: no Japanese sentence to export: give an article with Japanese text")
    return record, report


def tmx_units(record: ArticlePairs, confidences=("sure",)) -> list:
    """The pairs of ``record`` with both sides and one of ``confidences``, as ``store.Unit`` for
    ``tmx.write_tmx`` (with no check time of their own: the file's date is theirs)."""
    from taiyaku.memory.store import Unit

    return [Unit("".join(s.text for s in p.ja), " ".join(s.text for s in p.en), p.confidence, p.ja[0].path,
                 p.ja[0].line, p.ja[-1].line, p.en[0].path, p.en[0].line, p.en[-1].line, ())
            for p in record.pairs if p.ja and p.en and p.confidence in confidences]


# --- writing ---------------------------------------------------------------------------------------



def _text(value: str) -> str:
    """Character data: escaped, CR kept as a reference, XML-invalid characters as ``<cp/>``."""
    out = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return _INVALID.sub(lambda m: f'<cp hex="{ord(m.group()):04X}"/>', out)


def _attr(value: str) -> str:
    value = xml_safe(str(value))
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;"))


def _plain(value: str) -> str:
    """Text of a note or metadata (no inline codes there): escaped, XML-invalid characters as U+FFFD."""
    return _text(xml_safe(value))


def unit_id(pair: PairRecord) -> str:
    first = pair.ja[0] if pair.ja else pair.en[0]
    return f"{first.ref[0]}{first.ref[1]}"


def _notes_of(record: ArticlePairs, findings) -> tuple[dict[str, list], list]:
    """Findings by unit id with the side they are on ("source" or "target"), placed through the
    sentences they name, else by the sentence holding their start offset; and the findings on no pair."""
    by_ref, spans = {}, []
    for pair in record.pairs:
        uid = unit_id(pair)
        for s in (*pair.ja, *pair.en):
            by_ref[s.ref] = uid
            spans.append((s.path, s.span, uid, s.ref[0]))
    out: dict[str, list] = {}
    loose = []
    for f in findings:
        at = next(((by_ref[r], r[0]) for r in f.segments if r in by_ref), None)
        if at is None:
            at = next(((u, side) for path, (a, b), u, side in spans if path == f.path and a <= f.start < max(b, a + 1)),
                      None)
        if at is None:
            loose.append(f)
        else:
            out.setdefault(at[0], []).append((f, "source" if at[1] == "ja" else "target"))
    return out, loose


def _note(f, report, n: int, side: str | None) -> str:
    """A finding as a ``<note>``: its rule as category, severity as priority; where it is (path, and
    line and column when its file is in the report) as ``tky:`` attributes."""
    where = f'tky:path="{_attr(f.path)}"'
    if f.path in report.documents:
        line, column = report.documents[f.path].position(f.start)
        where += f' tky:line="{line}" tky:column="{column}"'
    text = f"{f.severity} [{f.name}] {f.message}"
    if f.suggestion:
        text += f" (suggestion: {f.suggestion})"
    applies = f' appliesTo="{side}"' if side else ""
    return (f'<note id="n{n}" category="{_attr(f.rule)}" priority="{PRIORITY.get(f.severity, "5")}"{applies}'
            f' tky:rule="{_attr(f.rule)}" tky:name="{_attr(f.name)}" tky:severity="{_attr(f.severity)}" {where}>'
            f"{_plain(text)}</note>")


def _meta(pair: PairRecord) -> list[str]:
    rows = []
    for side, sents in (("ja", pair.ja), ("en", pair.en)):
        if sents:
            rows += [(f"{side}-path", sents[0].path), (f"{side}-line", str(sents[0].line)),
                     (f"{side}-column", str(sents[0].column))]
    if pair.ja and pair.en:
        rows += [("confidence", pair.confidence), ("score", f"{pair.score:.3f}")]
    return [f'<mda:meta type="{k}">{_plain(v)}</mda:meta>' for k, v in rows]


def write_xliff(record: ArticlePairs, report, version: str) -> bytes:
    """XLIFF 2.0 of one article: its pairs as units, the findings of ``report`` on them as notes."""
    notes, loose = _notes_of(record, report.findings)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<xliff xmlns="{NS}" xmlns:mda="{MDA}" xmlns:tky="{TKY}" version="2.0" srcLang="ja" trgLang="en">',
           f' <file id="f1" original="{_attr(record.paths[0])}">',
           f'  <mda:metadata><mda:metaGroup category="taiyaku"><mda:meta type="tool">taiyaku {_plain(version)}'
           f'</mda:meta><mda:meta type="article">{_plain(record.name)}</mda:meta>'
           + "".join(f'<mda:meta type="file">{_plain(p)}</mda:meta>' for p in record.paths)
           + "</mda:metaGroup></mda:metadata>"]
    n = 0
    if loose:
        out.append("  <notes>")
        for f in loose:
            n += 1
            out.append("   " + _note(f, report, n, None))
        out.append("  </notes>")
    for pair in record.pairs:
        uid = unit_id(pair)
        out.append(f'  <unit id="{uid}">')
        out.append('   <mda:metadata><mda:metaGroup category="taiyaku">' + "".join(_meta(pair))
                   + "</mda:metaGroup></mda:metadata>")
        if uid in notes:
            out.append("   <notes>")
            for f, side in notes[uid]:
                n += 1
                out.append("    " + _note(f, report, n, side))
            out.append("   </notes>")
        source = "".join(s.text for s in pair.ja)
        target = " ".join(s.text for s in pair.en)
        state = "translated" if pair.en else "initial"
        body = f"<source>{_text(source)}</source>" + (f"<target>{_text(target)}</target>" if pair.en else "")
        out.append(f'   <segment state="{state}">{body}</segment>')
        out.append("  </unit>")
    out += [" </file>", "</xliff>", ""]
    return "\n".join(out).encode("utf-8")


# --- reading ---------------------------------------------------------------------------------------

NAMESPACES = (NS, "urn:oasis:names:tc:xliff:document:2.2")  # 2.0 and 2.1 share the first
CODES = frozenset({"ph", "sc", "ec", "sm", "em"})  # inline codes without text of their own


class XliffUnit(NamedTuple):
    """One ``<segment>`` of an XLIFF 2 file: its unit id, source and target text (None: no target),
    state, the unit's notes (category, text) and taiyaku metadata (type → value)."""

    id: str
    source: str
    target: str | None
    state: str
    notes: tuple[tuple[str, str], ...]
    meta: dict


def _inline(element) -> str:
    """The text of a ``<source>``/``<target>``: ``<cp>`` as its character, codes left out, the text of
    ``<pc>``/``<mrk>`` kept."""
    return mixed_text(element, _inline_child)


def _inline_child(child) -> str | None:
    name = child.tag.rpartition("}")[2]
    if name == "cp":
        try:
            return chr(int(child.get("hex", ""), 16))
        except (ValueError, OverflowError):
            return ""
    return "" if name in CODES else None


def read_xliff(path: str) -> list[XliffUnit]:
    """Every segment of the XLIFF 2.x file at ``path``, Japanese source and English target (the reverse
    is turned around). An XLIFF 1.2 file, another version, other languages: InputError, one line."""
    from taiyaku.memory.xmlfile import parse

    root, lines = parse(path, "an XLIFF 2 file")
    ns, _, name = root.tag[1:].rpartition("}") if root.tag.startswith("{") else ("", "", root.tag)
    line = lines.get(id(root))
    version = root.get("version", "")
    if name != "xliff":
        raise InputError(f"not an XLIFF file: the root element is <{name}>, not <xliff>: give an XLIFF 2 file "
                         "(a TMX file imports with the .tmx extension)", path, line)
    if version.startswith("1.") or ns.startswith("urn:oasis:names:tc:xliff:document:1."):
        raise InputError(f"XLIFF {version or '1.x'} is not imported: export the job as XLIFF 2.0 or 2.1 from the "
                         "CAT tool (`taiyaku check` reads XLIFF 1.2 jobs as articles)", path, line)
    if not version.startswith("2.") or ns not in NAMESPACES:
        raise InputError(f"XLIFF version {version!r} in namespace {ns or 'none'!r} is not supported: give XLIFF "
                         "2.0 or 2.1", path, line)
    src, trg = root.get("srcLang", "").lower(), root.get("trgLang", "").lower()
    if not src or not trg:
        missing = " and ".join(a for a, v in (("srcLang", src), ("trgLang", trg)) if not v)
        raise InputError(f"<xliff> has no {missing}: taiyaku imports Japanese–English jobs (srcLang=\"ja\" "
                         "trgLang=\"en\")", path, line)
    base = {src.split("-")[0].split("_")[0], trg.split("-")[0].split("_")[0]}
    if base != {"ja", "en"}:
        raise InputError(f"the job translates {src} into {trg}: taiyaku imports Japanese–English jobs", path, line)
    reverse = src.startswith("en")
    q = f"{{{ns}}}"
    out = []
    for unit in root.iter(q + "unit"):
        notes = tuple((n.get("category", ""), n.text or "") for n in unit.iter(q + "note"))
        meta = {m.get("type", ""): m.text or "" for m in unit.iter(f"{{{MDA}}}meta")}
        for seg in unit.findall(q + "segment"):
            source, target = seg.find(q + "source"), seg.find(q + "target")
            if source is None:
                raise InputError(f"<segment> of unit {unit.get('id')!r} has no <source>: repair or export the "
                                 "file again", path, lines.get(id(seg)))
            a, b = _inline(source), None if target is None else _inline(target)
            if reverse:
                a, b = (b or ""), a
            out.append(XliffUnit(unit.get("id", ""), a, b, seg.get("state", "initial"), notes, meta))
    return out


def approved_units(path: str) -> list[tuple[str, str, dict]]:
    """(Japanese, English, properties) of every segment of an XLIFF 2 file that has both, for
    ``Memory.approve``: the properties are the unit id, the segment state, the notes and metadata."""
    out = []
    for u in read_xliff(path):
        ja, en = u.source.strip(), (u.target or "").strip()
        if ja and en:
            props = {"xliff-unit": u.id, "state": u.state, **{f"x-taiyaku-{k}": v for k, v in u.meta.items()}}
            if u.notes:
                props["notes"] = [text for _, text in u.notes]
            out.append((ja, en, props))
    return out
