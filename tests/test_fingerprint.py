"""Fingerprints survive edits elsewhere in the article and tell different findings apart."""

from pathlib import Path

from taiyaku.run.fingerprint import fingerprints
from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary

from .helpers import check

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
GLOSSARY = load_glossary(bundled_glossary_path())


def run(directory: Path):
    report = check([directory], GLOSSARY)
    return dict(zip(fingerprints(report.findings, report.documents), report.findings))


def test_fingerprints_survive_edits_elsewhere(tmp_path: Path):
    for name in ("massage-soreness.ja.txt", "massage-soreness.en.txt"):
        (tmp_path / name).write_text((CORPUS / name).read_text(encoding="utf-8"), encoding="utf-8")
    before = run(tmp_path)
    assert len(before) == len({(f.rule, f.start) for f in before.values()})  # all distinct
    en = tmp_path / "massage-soreness.en.txt"
    text = en.read_text(encoding="utf-8")
    en.write_text("A new first line.\n\n" + text.replace("Have you ever felt", "Have you felt"), encoding="utf-8")
    after = run(tmp_path)
    moved = {fp for fp, f in after.items() if f.rule == "T001"}
    assert moved == {fp for fp, f in before.items() if f.rule == "T001"}
    assert {f.start for fp, f in after.items() if fp in moved} != {f.start for fp, f in before.items() if fp in moved}
