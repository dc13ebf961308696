"""The ``taiyaku`` command line: thin wrappers over ``pipeline``; the only place that prints or exits."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

import click

from taiyaku import __version__
from taiyaku.errors import InputError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_NO_ARGS = getattr(click.exceptions, "NoArgsIsHelpError", ())


class Command(click.Command):
    """Usage errors exit 2 with one line; InputError becomes ``taiyaku: path:line: message``."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(f"taiyaku: {exc}", err=True)
            ctx.exit(EXIT_ERROR)
        except BrokenPipeError:  # `taiyaku … | head`: stop quietly, as Unix tools do
            _drop_stdout()
            ctx.exit(EXIT_FINDINGS)


class _OutputError(OSError):
    """Writing to standard output failed (full disk, I/O error): not a bug, one line."""


def _output_error(exc: OSError) -> bool:
    """Is this a failed write to standard output (no file name; full disk, I/O error, file too big)?"""
    import errno

    return isinstance(exc, _OutputError) or exc.filename is None and exc.errno in (
        errno.ENOSPC, errno.EIO, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC))


def _drop_stdout() -> None:
    """Point standard output at /dev/null so that nothing buffered is written (or fails) at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


class Group(click.Group):
    command_class = Command
    group_class = type

    def main(self, args=None, prog_name=None, **extra):
        """Like click's, but a usage error is one line (``taiyaku: …``) and exit code 2."""
        extra.pop("standalone_mode", None)
        try:
            rv = super().main(args, prog_name or "taiyaku", standalone_mode=False, **extra)
            sys.stdout.flush()  # a full disk or a closed pipe shows here for short output
        except BrokenPipeError:
            _drop_stdout()
            sys.exit(EXIT_FINDINGS)
        except OSError as exc:
            if not _output_error(exc):
                raise
            _drop_stdout()
            click.echo(f"taiyaku: cannot write the report ({exc.strerror or exc}): check the disk and the output",
                       err=True)
            sys.exit(EXIT_ERROR)
        except click.UsageError as exc:
            if exc.ctx is not None and isinstance(exc, _NO_ARGS):
                click.echo(exc.ctx.get_help())  # a bare group (`taiyaku`): show its help
                sys.exit(EXIT_ERROR)
            hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
            click.echo(f"taiyaku: {exc.format_message()}{hint}", err=True)
            sys.exit(EXIT_ERROR)
        except click.ClickException as exc:
            click.echo(f"taiyaku: {exc.format_message()}", err=True)
            sys.exit(EXIT_ERROR)
        except click.Abort:
            sys.exit(EXIT_ERROR)
        sys.exit(rv if isinstance(rv, int) else EXIT_CLEAN)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="taiyaku")
def main() -> None:
    """Check Japanese clinic articles and their English versions: terminology, consistency, untranslated text."""


FORMAT_CHOICE = click.Choice(["text", "json", "sarif", "github", "html"])


def settings_options(func):
    """Options shared by `check`, `baseline` and `config`: they build the settings in effect."""
    for decorator in reversed([
        click.option("--glossary", "glossary_path", type=click.Path(),
                     help="Glossary TSV (default: from the configuration, else ./glossary.tsv, else the bundled one)."),
        click.option("--select", multiple=True, help="Rule codes, prefixes or names to run (comma-separated; default ALL)."),
        click.option("--ignore", multiple=True, help="Rule codes, prefixes or names to skip."),
        click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
                     help="Lowest severity that makes the exit code 1 (default: warning)."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False),
                     help="Use this taiyaku.toml / pyproject.toml instead of searching for one."),
        click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
    ]):
        func = decorator(func)
    return func


def _settings(paths, glossary_path=None, select=(), ignore=(), fail_on=None, config_path=None, isolated=False,
              fmt=None):
    from taiyaku.project.config import load_settings
    from taiyaku.project.selection import parse_codes

    return load_settings(list(paths), {
        "glossary": glossary_path, "select": parse_codes(select), "ignore": parse_codes(ignore),
        "fail-on": fail_on, "format": fmt, "config": config_path, "isolated": isolated,
    })


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@settings_options
@click.option("--format", "fmt", type=FORMAT_CHOICE, default=None, help="Output format (default: text).")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False),
              help="Write the report to this file (atomically) instead of standard output.")
@click.option("--statistics", is_flag=True, help="Also report counts by rule (text; JSON: summary.by_rule).")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line (text format), e.g. for CI logs.")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text report by severity (auto: when standard output is a terminal and NO_COLOR is unset).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Report only findings not recorded in this baseline (see `taiyaku baseline`).")
@click.option("--changed", "changed_ref", is_flag=False, flag_value="", default=None, metavar="[REF]",
              help="Check only articles changed since REF (default: uncommitted changes), with their partners.")
@click.option("--fix", is_flag=True, help="Apply safe fixes (Japanese spelling variant → canonical spelling).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: also replace forbidden English renderings.")
@click.option("--diff", is_flag=True, help="Print what --fix would change as a unified diff; write nothing.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: one per CPU core; small runs stay in one process).")
@click.option("--stdin-filename", default=None, metavar="PATH",
              help="With `check -`: the name of the article read from standard input (its format, language "
                   "and partner file come from it; default stdin.txt).")
@click.option("--tm", "tm_path", type=click.Path(dir_okay=False),
              help="The translation memory site rules and TM002 compare with (default: .taiyaku/tm.sqlite next to "
                   "the configuration, when it exists).")
def check(paths, glossary_path, select, ignore, fail_on, config_path, isolated, fmt, output, statistics, quiet, color,
          baseline_path, changed_ref, fix, unsafe_fixes, diff, jobs, stdin_filename, tm_path):
    """Check articles: files or directories (NAME.ja.EXT + NAME.en.EXT pairs, bilingual or Japanese-only files)."""
    from taiyaku.output import NEEDS_VIEWS, write
    from taiyaku.project.selection import fails
    from taiyaku.run.engine import Request, run

    if "-" in paths:
        paths = _from_stdin(paths, stdin_filename, fix)
        jobs = 1
    settings = _settings(paths, glossary_path, select, ignore, fail_on, config_path, isolated, fmt)
    if quiet and settings.format != "text":
        raise click.UsageError(f"--quiet prints the text summary line: it cannot be used with --format {settings.format}")
    if changed_ref is not None:
        from taiyaku.project.changed import changed_paths

        paths = changed_paths(changed_ref or None, list(paths), settings.pairs)
        if not paths:
            click.echo("No changed articles to check.", err=True)
            sys.exit(EXIT_CLEAN)
    fixing = "unsafe" if unsafe_fixes else "safe" if (fix or diff) else None
    from taiyaku.run.engine import active_rules

    rules, memory, glossary_loaded = active_rules(settings), None, None
    if any(r.scope == "corpus" for r in rules):  # only site-wide rules read the translation memory
        from taiyaku.memory.sitewide import resolve

        memory, glossary_loaded = resolve(settings, tm_path, rules)
    request = Request(jobs=jobs, views=settings.format in NEEDS_VIEWS, progress=sys.stderr, baseline=baseline_path,
                      fix=fixing, diff=diff, memory=memory, glossary=glossary_loaded)
    outcome = run(list(paths), settings, request)
    if outcome.fixes is not None:
        if diff:  # like ruff: show what --fix would change, write nothing, no report
            if outcome.fixes.diff:
                click.echo(outcome.fixes.diff, nl=False)  # bytes: each file's diff in its own encoding
            click.echo(outcome.fixes.summary(wrote=False), err=True)
            sys.exit(EXIT_FINDINGS if outcome.fixes.changed else EXIT_CLEAN)
        click.echo(outcome.fixes.summary(wrote=True), err=True)
    report = outcome.report
    painted = use_color(color, output)
    with _report_stream(output, painted) as out:
        write(report, settings.format, out, statistics=statistics, quiet=quiet, color=painted)
    if output is not None:
        n = len(report.findings)
        click.echo(f"wrote {output} ({n} finding{'s' * (n != 1)})", err=True)
    sys.exit(EXIT_FINDINGS if fails(report.findings, settings.fail_on) else EXIT_CLEAN)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@settings_options
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes.")
def baseline(file, paths, glossary_path, select, ignore, fail_on, config_path, isolated, jobs):
    """Record today's findings in FILE, so `check --baseline FILE` reports only new ones."""
    from taiyaku.project.baseline import write_baseline
    from taiyaku.run.engine import Request, run

    settings = _settings(paths, glossary_path, select, ignore, fail_on, config_path, isolated)
    n = write_baseline(file, run(list(paths), settings, Request(jobs=jobs)).report)
    click.echo(f"{file}: {n} finding{'s' if n != 1 else ''} recorded")


@main.command("config")
@click.argument("paths", nargs=-1, type=click.Path())
@settings_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def config_command(paths, glossary_path, select, ignore, fail_on, config_path, isolated, fmt):
    """Show the settings in effect for PATHS (default: the current directory) and where each came from."""
    from taiyaku.project.config import describe, describe_json

    settings = _settings(paths or (".",), glossary_path, select, ignore, fail_on, config_path, isolated)
    click.echo(describe_json(settings) if fmt == "json" else describe(settings), nl=False)


def _from_stdin(paths, stdin_filename, fix) -> tuple[str, ...]:
    """``check -``: the article on standard input, read under ``--stdin-filename`` (ruff's convention)."""
    from taiyaku.read.files import give

    if len(paths) != 1:
        raise click.UsageError("`-` (standard input) is the only path when it is given")
    if fix:
        raise click.UsageError("--fix cannot write to standard input: use --diff")
    name = stdin_filename or "stdin.txt"
    give(name, sys.stdin.buffer.read())
    return (name,)


def use_color(choice: str, output: str | None) -> bool:
    """``--color``: always, never, or (auto) when the report goes to a terminal and NO_COLOR is unset."""
    if choice != "auto":
        return choice == "always"
    import os

    return output is None and not os.environ.get("NO_COLOR") and sys.stdout.isatty()


@contextmanager
def _report_stream(output: str | None, painted: bool = False):
    """Where the report is written as it is made: standard output (through click, which keeps colours
    only when told, off a terminal), or ``output`` atomically (a temporary file renamed at the end)."""
    if output is not None:
        from taiyaku.project.atomic import open_text_atomic

        with open_text_atomic(output) as f:
            yield f
        return
    out = _Stdout(painted)
    yield out
    out.flush()


class _Stdout:
    """Standard output for a report: text passed to click in pieces of about 64 KB."""

    def __init__(self, painted: bool):
        self.color = True if painted else None
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= 65536:
            self.flush()

    def flush(self) -> None:
        text, self.parts, self.size = "".join(self.parts), [], 0
        try:
            click.echo(text, nl=False, color=self.color)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _OutputError(exc.errno, exc.strerror) from None


def _one_article(paths, settings):
    """The single article named by PATHS (a JA EN pair, one half of a pair, one bilingual file, or one
    article of a file holding several: ``site.xml#SLUG``, ``job.xlf#FILE-ID``)."""
    import os

    from taiyaku.read.articles import find_articles

    wanted = None
    if len(paths) == 1 and "#" in paths[0] and not os.path.exists(paths[0]):
        wanted, paths = paths[0], (paths[0].rpartition("#")[0],)
    articles = find_articles(list(paths), settings.pairs, settings.separator_patterns(), settings.slug_suffixes)
    if wanted is not None:
        chosen = [a for a in articles if a.name == wanted]
        if not chosen:
            raise InputError(f"no article {wanted}: the file holds {', '.join(a.name for a in articles) or 'none'}")
        return chosen[0]
    if len(articles) != 1:
        names = f" ({', '.join(a.name for a in articles[:3])}{', …' if len(articles) > 3 else ''})"
        raise InputError(f"{len(articles)} articles found in {' '.join(paths)}{names}: give one JA EN pair, "
                         "one bilingual file, or one article of a file as FILE#NAME")
    return articles[0]


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--glossary", "glossary_path", type=click.Path(), help="Glossary TSV used as alignment anchors.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def align(paths, glossary_path, fmt):
    """Align the sentences of one article: JA EN files, or one bilingual file."""
    from taiyaku.analyze.analysis import Analyzer, analyze
    from taiyaku.analyze.glossary import load_glossary
    from taiyaku.output.alignment import render_alignment

    settings = _settings(paths, glossary_path)
    article = _one_article(paths, settings)
    if not (article.ja and article.en):
        raise InputError(f"{article.name}: needs both Japanese and English text to align")
    ctx = analyze(article, Analyzer.build(load_glossary(settings.glossary)))
    click.echo(render_alignment(ctx.pairs, fmt), nl=False)


@main.command("export")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@settings_options
@click.option("--format", "fmt", type=click.Choice(["xliff", "tmx"]), default="xliff", show_default=True)
@click.option("--likely", is_flag=True, help="TMX: also the pairs the aligner is only fairly sure of.")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False), help="Write to this file (default: stdout).")
def export(paths, glossary_path, select, ignore, fail_on, config_path, isolated, fmt, likely, output):
    """Write one article for CAT tools: XLIFF 2.0 (a unit per aligned pair, findings as notes) or TMX 1.4b."""
    from taiyaku.memory.store import now
    from taiyaku.memory.tmx import write_tmx
    from taiyaku.memory.xliff import check_article, tmx_units, write_xliff

    settings = _settings(paths, glossary_path, select, ignore, fail_on, config_path, isolated)
    record, report = check_article(paths, settings)
    if fmt == "xliff":
        data = write_xliff(record, report, __version__)
        what = f"{len(record.pairs)} units, {len(report.findings)} findings as notes"
    else:
        created = now()
        units = tmx_units(record, ("sure", "likely") if likely else ("sure",))
        data, what = write_tmx([(u, created) for u in units], created, __version__), f"{len(units)} units"
    _write_exchange(data, output, what)


def _write_exchange(data: bytes, output: str | None, what: str) -> None:
    """An exported TMX or XLIFF file: to ``output`` atomically (saying ``what`` it holds), or to stdout."""
    if output:
        from taiyaku.project.atomic import write_bytes_atomic

        write_bytes_atomic(output, data)
        click.echo(f"{output}: {what}", err=True)
    else:
        click.echo(data.decode("utf-8"), nl=False)


@main.command()
@click.argument("hyp", type=click.Path())
@click.argument("ref", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def score(hyp, ref, fmt):
    """Score an English draft HYP (machine translation, older version) against the edited English REF."""
    from taiyaku.read.documents import read_document
    from taiyaku.output.alignment import render_scores
    from taiyaku.align.scoring import score as score_texts
    from taiyaku.analyze.sentences import segment

    sides = []
    for path in (hyp, ref):
        doc = read_document(path, role="en")
        ja, en = segment(doc)
        if not en:
            raise InputError("no English sentences to score", path)
        sides.append(en)
    click.echo(render_scores(score_texts(*sides), fmt), nl=False)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt):
    """List every rule: code, name, category, default severity."""
    import json

    from taiyaku.checks.registry import registry

    table = registry().values()
    if fmt == "json":
        click.echo(json.dumps([
            {"code": r.code, "name": r.name, "category": r.category, "severity": r.severity,
             "scope": r.scope, "summary": r.summary} for r in table
        ], ensure_ascii=False, indent=2))
        return
    for r in table:
        click.echo(_rule_line(r))


def _rule_line(r) -> str:
    return f"{r.code}  {r.name:<24} {r.category:<13} {r.severity:<8} {r.summary}"


@main.command()
@click.argument("code")
def explain(code):
    """Show the documentation of one rule (by code or name), or list the rules of a prefix (T, U00)."""
    from taiyaku.checks.registry import registry

    for r in registry().values():
        if code.upper() == r.code or code.lower() == r.name:
            click.echo(f"{r.code} {r.name} ({r.category}, default severity {r.severity})\n")
            click.echo(r.doc)
            return
    prefixed = [r for r in registry().values() if r.code.startswith(code.upper())] if code else []
    if prefixed:
        for r in prefixed:
            click.echo(_rule_line(r))
        click.echo(f"\nRun `taiyaku explain {prefixed[0].code}` for one rule's documentation.")
        return
    raise InputError(f"unknown rule '{code}': run `taiyaku rules` to list them")


@main.group(cls=Group)
def glossary():
    """Work with glossary files."""


@glossary.command("check")
@click.argument("path", required=False, type=click.Path())
def glossary_check(path):
    """Validate a glossary and run its examples (default: ./glossary.tsv, else the bundled one)."""
    from taiyaku.analyze.glossary import load_glossary, resolve_glossary_path
    from taiyaku.terms.selftest import run_examples

    g = load_glossary(resolve_glossary_path(path))
    ran = run_examples(g)
    skipped = f"; {len(g.skipped)} rows skipped: {', '.join(g.skipped[:3])}{' …' if len(g.skipped) > 3 else ''}" \
        if g.skipped else ""
    click.echo(f"{g.path}: {len(g)} entries, OK ({ran} examples passed{skipped})")


@glossary.command("convert")
@click.argument("source", type=click.Path())
@click.argument("target", type=click.Path())
@click.option("--to", "fmt", type=click.Choice(["tsv", "csv", "tbx", "utx", "prh"]),
              help="Output format (default: from TARGET's extension: .tsv .csv .tbx .utx .yml).")
def glossary_convert(source, target, fmt):
    """Convert a glossary between TSV, CSV, TBX, UTX and prh.yml (TARGET '-' is standard output)."""
    from taiyaku.analyze.glossary import load_glossary
    from taiyaku.project.atomic import write_text_atomic
    from taiyaku.terms import format_of, write_glossary

    g = load_glossary(source)
    text = write_glossary(g, fmt or format_of(target))
    if target == "-":
        click.echo(text, nl=False)
    else:
        write_text_atomic(target, text)
        click.echo(f"{target}: {len(g)} entries", err=True)


_MINING_OPTIONS = [
    click.argument("paths", nargs=-1, required=True, type=click.Path()),
    click.option("--glossary", "glossary_path", type=click.Path(), help="The glossary whose terms are known."),
    click.option("--lexicon", "lexicon_path", type=click.Path(),
                 help="A dictionary in any glossary format (e.g. the Kitasato MedUTX) as evidence for renderings."),
]


def _mining_options(f):
    for option in reversed(_MINING_OPTIONS):
        f = option(f)
    return f


@glossary.command("mine")
@_mining_options
@click.option("--min-count", default=2, show_default=True, help="Sure pairs a couple must be seen in.")
@click.option("-o", "--output", type=click.Path(), help="Write the candidates here (default: standard output).")
def glossary_mine(paths, glossary_path, lexicon_path, min_count, output):
    """Propose term pairs the glossary lacks, from the sure aligned pairs of PATHS (glossary TSV, ranked)."""
    from taiyaku.analyze.glossary import load_glossary
    from taiyaku.project.atomic import write_text_atomic
    from taiyaku.terms.corpus import read_corpus
    from taiyaku.terms import load_lexicon
    from taiyaku.terms.mine import mine, mixed_renderings, proposals_tsv

    g = load_glossary(_settings(paths, glossary_path).glossary)
    corpus = read_corpus(list(paths), g)
    lexicon = load_lexicon(lexicon_path)
    proposals = mine(corpus, g, lexicon=lexicon, min_count=min_count)
    known = {p.ja for p in proposals}
    proposals += [p for p in mixed_renderings(corpus, g, lexicon) if p.ja not in known]
    if output:
        write_text_atomic(output, proposals_tsv(proposals))
    else:
        click.echo(proposals_tsv(proposals), nl=False)
    click.echo(f"{len(proposals)} candidates from {len(corpus.pairs)} sure pairs in"
               f" {corpus.bilingual} bilingual articles", err=True)


@glossary.command("coverage")
@_mining_options
def glossary_coverage(paths, glossary_path, lexicon_path):
    """Medical-looking Japanese terms of PATHS the glossary lacks, with frequency and a rendering."""
    from taiyaku.analyze.glossary import load_glossary
    from taiyaku.terms.corpus import read_corpus
    from taiyaku.terms import load_lexicon
    from taiyaku.terms.coverage import coverage, coverage_text
    from taiyaku.terms.mine import mine

    g = load_glossary(_settings(paths, glossary_path).glossary)
    corpus = read_corpus(list(paths), g)
    lexicon = load_lexicon(lexicon_path)
    click.echo(coverage_text(coverage(corpus, g, lexicon=lexicon, proposals=mine(corpus, g, lexicon=lexicon)),
                             corpus), nl=False)


# --- translation memory ---------------------------------------------------------------------------

@main.group("tm")
def tm() -> None:
    """The site's translation memory (SQLite, default .taiyaku/tm.sqlite next to the configuration)."""


def _tm_option(func):
    return click.option("--tm", "tm_path", type=click.Path(dir_okay=False),
                        help="The memory file (default: .taiyaku/tm.sqlite next to the configuration).")(func)


def _tm_file(tm_path, settings=None) -> str:
    """``--tm``, else the default memory next to the configuration of ``settings`` (default: found from
    the working directory)."""
    from taiyaku.memory.store import default_path

    return tm_path or default_path(settings or _settings(["."]))


@tm.command("update")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@settings_options
@_tm_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes.")
def tm_update(paths, glossary_path, select, ignore, fail_on, config_path, isolated, tm_path, jobs):
    """Store the sure and likely pairs of the articles under PATHS (replacing theirs; deleted articles go)."""
    from taiyaku.memory.build import records
    from taiyaku.memory.store import open_memory

    settings = _settings(paths, glossary_path, select, ignore, fail_on, config_path, isolated)
    path = _tm_file(tm_path, settings)
    with open_memory(path, create=True) as memory:
        found, unchanged, sign = records(list(paths), settings, jobs, memory.known(), memory.signature())
        written, dropped = memory.update(found, signature=sign)
        counts = memory.counts()
    click.echo(f"{path}: {written} articles stored, {unchanged} unchanged, {dropped} dropped; {counts['units']} "
               f"units in {counts['articles']} articles")


@tm.command("rebuild")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@settings_options
@_tm_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes.")
def tm_rebuild(paths, glossary_path, select, ignore, fail_on, config_path, isolated, tm_path, jobs):
    """Recreate the memory from the articles under PATHS (a corrupt or foreign file is replaced)."""
    from taiyaku.memory.build import records
    from taiyaku.memory.store import rebuild

    settings = _settings(paths, glossary_path, select, ignore, fail_on, config_path, isolated)
    path = _tm_file(tm_path, settings)
    found, _, sign = records(list(paths), settings, jobs)
    articles, units = rebuild(path, found, sign)
    click.echo(f"{path}: rebuilt, {units} units in {articles} articles")


@tm.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@settings_options
@_tm_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes.")
def tm_check(paths, glossary_path, select, ignore, fail_on, config_path, isolated, tm_path, fmt, jobs):
    """Report sentences of PATHS whose Japanese has an approved translation (`tm import`) their English is not."""
    import dataclasses

    from taiyaku.memory.store import Memory
    from taiyaku.output import render
    from taiyaku.project.config import Setting
    from taiyaku.project.selection import fails
    from taiyaku.run.engine import Request, run

    settings = _settings(paths, glossary_path, select, ignore, fail_on, config_path, isolated)
    path = _tm_file(tm_path, settings)
    Memory(path).db.close()  # one line and exit 2 when missing or not a memory
    items = {**settings.items, "select": Setting(("TM002",), "taiyaku tm check"), "ignore": Setting((), "taiyaku tm check")}
    settings = dataclasses.replace(settings, items=items)
    report = run(list(paths), settings, Request(jobs=jobs, memory=path)).report
    click.echo(render(report, fmt), nl=False)
    sys.exit(EXIT_FINDINGS if fails(report.findings, settings.fail_on) else EXIT_CLEAN)


@tm.command("export")
@click.option("--format", "fmt", type=click.Choice(["tmx"]), default="tmx", show_default=True)
@click.option("--likely", is_flag=True, help="Also export the pairs the aligner is only fairly sure of.")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False), help="Write to this file (default: stdout).")
@_tm_option
def tm_export(fmt, likely, output, tm_path):
    """Write the memory's sure pairs (and likely ones with --likely) as TMX 1.4b."""
    from taiyaku.memory.store import Memory, now
    from taiyaku.memory.tmx import write_tmx

    with Memory(_tm_file(tm_path)) as memory:
        units = memory.units(("sure", "likely") if likely else ("sure",))
    _write_exchange(write_tmx(units, now(), __version__), output, f"{len(units)} units")


@tm.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@_tm_option
def tm_import(file, tm_path):
    """Load the Japanese-English units of a TMX 1.4 file (or an XLIFF 2 .xlf) as approved translations."""
    from taiyaku.memory.store import open_memory
    from taiyaku.memory.tmx import read_tmx
    from taiyaku.memory.xliff import approved_units

    units = approved_units(file) if file.lower().endswith((".xlf", ".xliff")) else read_tmx(file)
    path = _tm_file(tm_path)
    with open_memory(path, create=True) as memory:
        n = memory.approve(units, file)
    click.echo(f"{path}: {n} approved units imported from {file}")


if __name__ == "__main__":  # pragma: no cover
    main()
