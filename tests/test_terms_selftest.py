"""Glossary self-tests: ``sentence => expected`` examples run by ``taiyaku glossary check``."""

from pathlib import Path

import pytest

from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary, parse_glossary
from taiyaku.errors import InputError
from taiyaku.terms.selftest import run_examples

from tests.helpers import invoke_cli

HEAD = "ja\ten\tja_variants\ten_forbidden\texamples\n"
ROWS = (
    "揉み返し\tpost-massage soreness\tもみ返し\trubbing back\t{0}\n"
    "仙腸関節\tsacroiliac joint\t\t\t{1}\n"
    "仙腸関節炎\tsacroiliitis\t\t\t\n"
)


def _glossary(first="", second=""):
    return parse_glossary(HEAD + ROWS.format(first, second), "glossary.tsv")


@pytest.mark.parametrize(
    "first, second",
    [
        ("施術後にもみ返しが出る => term", ""),
        ("施術後にもみ返しが出る => term: もみ返し", ""),
        ("A rubbing back may occur. => forbidden", ""),
        ("Rubbing back pain is common. => forbidden: rubbing back", ""),
        ("Post-massage soreness may occur. => accepted", ""),
        ("The back was rubbed. => none", ""),
        ("A rubbing back may occur. => A post-massage soreness may occur.", ""),
        ("施術後にもみ返しが出る => 施術後に揉み返しが出る", ""),
        ("", "仙腸関節炎の治療 => none|仙腸関節の痛み => term|Sacroiliac joints ache. => accepted"),
    ],
)
def test_passing_examples(first, second):
    assert run_examples(_glossary(first, second)) == len([x for x in (first + "|" + second).split("|") if x])


@pytest.mark.parametrize(
    "first, second, line, message",
    [
        ("The back was rubbed. => forbidden", "", 2,
         "example 'The back was rubbed.' (揉み返し): expected forbidden, got none"),
        ("A rubbing back may occur. => none", "", 2,
         "example 'A rubbing back may occur.' (揉み返し): expected none, got forbidden: rubbing back"),
        ("A rubbing back may occur. => accepted", "", 2, "expected accepted, got forbidden: rubbing back"),
        ("A rubbing back may occur. => A return rub may occur.", "", 2,
         "expected A return rub may occur., got A post-massage soreness may occur."),
        ("", "仙腸関節炎の治療 => term", 3, "example '仙腸関節炎の治療' (仙腸関節): expected term, got none"),
        ("", "仙腸関節の痛み => term: 仙腸", 3, "expected term: 仙腸, got term: 仙腸関節"),
        ("", "仙腸関節の痛み", 3, "has no '=>'"),
    ],
)
def test_failing_examples_name_the_line(first, second, line, message):
    with pytest.raises(InputError) as err:
        run_examples(_glossary(first, second))
    assert str(err.value).startswith(f"glossary.tsv:{line}: ")
    assert message in err.value.message


def test_glossary_check_runs_examples_and_fails_with_exit_2(tmp_path: Path):
    p = tmp_path / "glossary.tsv"
    p.write_text(HEAD + ROWS.format("The back was rubbed. => forbidden", ""), encoding="utf-8")
    result = invoke_cli("glossary", "check", p)
    assert result.exit_code == 2
    assert result.output.strip() == (f"taiyaku: {p}:2: example 'The back was rubbed.' (揉み返し):"
                                     " expected forbidden, got none")
    p.write_text(HEAD + ROWS.format("A rubbing back may occur. => forbidden", ""), encoding="utf-8")
    result = invoke_cli("glossary", "check", p)
    assert result.exit_code == 0
    assert "3 entries, OK (1 examples passed)" in result.output


def test_bundled_glossary_examples_pass():
    g = load_glossary(bundled_glossary_path())
    assert run_examples(g) >= 10
