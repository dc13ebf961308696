"""TM002: a sentence whose Japanese has an approved translation (``taiyaku tm import``) its English is not."""

from __future__ import annotations

from taiyaku.checks.registry import rule
from taiyaku.checks.site import collect_sentences, en_key, ja_key
from taiyaku.models import Finding


@rule("TM002", "approved-translation-differs", category="consistency", severity="warning", scope="corpus",
      collect=collect_sentences, aligned=True, default=False)
def approved_translation_differs(records, approved=()):
    """A sentence whose Japanese has an approved translation in the translation memory that its English is not.

    What it checks: each sure or likely sentence pair whose Japanese, normalised as S002 compares it
    (width, white space, punctuation), is the Japanese of a unit imported into the site's translation
    memory with `taiyaku tm import FILE.tmx`; the pair is reported when its English (case folded,
    without punctuation) is none of the approved translations, with the first approved one as
    suggestion. It reads the memory's approved units (`.taiyaku/tm.sqlite` next to the configuration, or
    `--tm FILE`), so it runs only when selected and the memory exists: `taiyaku check PATHS --select TM002`,
    or `taiyaku tm check PATHS`.
    Why: a clinic's approved texts (the disclaimer, its standard explanations) were reviewed once; an
    English that drifts from them is either an outdated copy or an unreviewed rewording.
    Off by default (it needs a memory with approved units).
    Example: 効果には個人差があります。 approved as "Results vary from person to person." and translated
    "Effects differ between individuals.": reported, suggesting the approved text.
    Fix safety: no automatic fix (the approved text may need its context adjusted).
    """
    r = approved_translation_differs.rule
    by_ja: dict[str, list[tuple[str, str]]] = {}
    for ja, en, _ in approved:
        by_ja.setdefault(ja_key(ja), []).append((en, en_key(en)))
    for record in records:
        for p in record or ():
            choices = by_ja.get(p.ja_key)
            if not choices or p.en_key in {key for _, key in choices}:
                continue
            text = choices[0][0]
            yield Finding(r.code, r.name, r.category, r.severity, p.en.path, p.en.start, p.en.end,
                          f'this Japanese sentence has an approved translation: "{text}"', found=p.en.text,
                          suggestion=text, segments=p.en.segments)
