"""The ``taiyaku`` command line: thin wrappers over ``pipeline``; the only place that prints or exits."""

from __future__ import annotations

import os
import sys

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


def _run(paths, settings, *, views=False, jobs=None, progress=False):
    """Check ``paths`` with ``settings``; returns (report before settings/baseline, glossary, run options)."""
    from taiyaku.run.engine import Options
    from taiyaku.analyze.glossary import load_glossary
    from taiyaku.run.pool import run_check
    from taiyaku.project.suppress import drop_suppressed

    glossary = load_glossary(settings.glossary)
    options = Options(selection=settings.selection(), views=views)
    run = {"jobs": jobs, "pairs": settings.pairs, "separators": settings.separator_patterns(),
           "filter_findings": drop_suppressed}
    return run_check(list(paths), glossary, options, progress=progress, **run), glossary, options, run


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@settings_options
@click.option("--format", "fmt", type=FORMAT_CHOICE, default=None, help="Output format (default: text).")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False),
              help="Write the report to this file (atomically) instead of standard output.")
@click.option("--statistics", is_flag=True, help="Also print counts by rule (text format).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Report only findings not recorded in this baseline (see `taiyaku baseline`).")
@click.option("--changed", "changed_ref", is_flag=False, flag_value="", default=None, metavar="[REF]",
              help="Check only articles changed since REF (default: uncommitted changes), with their partners.")
@click.option("--fix", is_flag=True, help="Apply safe fixes (Japanese spelling variant → canonical spelling).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: also replace forbidden English renderings.")
@click.option("--diff", is_flag=True, help="Print what --fix would change as a unified diff; write nothing.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: one per CPU core; small runs stay in one process).")
def check(paths, glossary_path, select, ignore, fail_on, config_path, isolated, fmt, output, statistics,
          baseline_path, changed_ref, fix, unsafe_fixes, diff, jobs):
    """Check articles: files or directories (NAME.ja.EXT + NAME.en.EXT pairs, bilingual or Japanese-only files)."""
    from taiyaku.output import NEEDS_VIEWS, render
    from taiyaku.project.selection import fails

    settings = _settings(paths, glossary_path, select, ignore, fail_on, config_path, isolated, fmt)
    fmt = settings.format
    if changed_ref is not None:
        from taiyaku.project.changed import changed_paths

        paths = changed_paths(changed_ref or None, list(paths), settings.pairs)
        if not paths:
            click.echo("No changed articles to check.", err=True)
            sys.exit(EXIT_CLEAN)
    views = fmt in NEEDS_VIEWS
    raw, glossary, options, run = _run(paths, settings, views=views, jobs=jobs, progress=True)
    report = _reported(raw, settings, baseline_path)
    if diff or fix:
        from taiyaku.project.fixes import fix_findings
        from taiyaku.run.pool import recheck, run_check

        result = fix_findings(report.findings, unsafe=unsafe_fixes, write=not diff, diff=diff)
        if diff:  # like ruff: show what --fix would change, write nothing, no report
            if result.diff:
                click.echo(result.diff, nl=not result.diff.endswith("\n"))
            click.echo(result.summary(wrote=False), err=True)
            sys.exit(EXIT_FINDINGS if result.changed else EXIT_CLEAN)
        click.echo(result.summary(wrote=True), err=True)
        if result.changed:  # report what is left
            raw = (run_check(list(paths), glossary, options, **run) if views
                   else recheck(raw, result.changed, glossary, options, **run))
            report = _reported(raw, settings, baseline_path)
    _emit(render(report, fmt, statistics=statistics), output)
    sys.exit(EXIT_FINDINGS if fails(report.findings, settings.fail_on) else EXIT_CLEAN)


def _reported(report, settings, baseline_path):
    """The findings users see: severity overrides and per-file ignores applied, the baseline's removed."""
    from taiyaku.project.config import apply_settings

    report = apply_settings(report, settings)
    if baseline_path:
        from taiyaku.project.baseline import filter_new, load_baseline

        report = filter_new(report, load_baseline(baseline_path))
    return report


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@settings_options
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes.")
def baseline(file, paths, glossary_path, select, ignore, fail_on, config_path, isolated, jobs):
    """Record today's findings in FILE, so `check --baseline FILE` reports only new ones."""
    from taiyaku.project.baseline import write_baseline
    from taiyaku.project.config import apply_settings

    settings = _settings(paths, glossary_path, select, ignore, fail_on, config_path, isolated)
    report, *_ = _run(paths, settings, jobs=jobs)
    n = write_baseline(file, apply_settings(report, settings))
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


def _emit(text: str, output: str | None) -> None:
    """Print ``text``, or write it to ``output`` atomically."""
    if output is None:
        try:
            click.echo(text, nl=False)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _OutputError(exc.errno, exc.strerror) from None
        return
    from taiyaku.project.atomic import write_text_atomic

    write_text_atomic(output, text)


def _one_article(paths, settings):
    """The single article named by PATHS (a JA EN pair, one half of a pair, or one bilingual file)."""
    from taiyaku.read.articles import find_articles

    articles = find_articles(list(paths), settings.pairs, settings.separator_patterns())
    if len(articles) != 1:
        raise InputError(
            f"{len(articles)} articles found in {' '.join(paths)}: give one JA EN pair or one bilingual file"
        )
    return articles[0]


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--glossary", "glossary_path", type=click.Path(), help="Glossary TSV used as alignment anchors.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def align(paths, glossary_path, fmt):
    """Align the sentences of one article: JA EN files, or one bilingual file."""
    from taiyaku.analyze.context import Matchers, analyze
    from taiyaku.analyze.glossary import load_glossary
    from taiyaku.output.alignment import render_alignment

    settings = _settings(paths, glossary_path)
    article = _one_article(paths, settings)
    if not (article.ja and article.en):
        raise InputError(f"{article.name}: needs both Japanese and English text to align")
    ctx = analyze(article, Matchers.build(load_glossary(settings.glossary)))
    click.echo(render_alignment(ctx.pairs, fmt), nl=False)


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
        click.echo(f"{r.code}  {r.name:<24} {r.category:<13} {r.severity:<8} {r.summary}")


@main.command()
@click.argument("code")
def explain(code):
    """Show the documentation of one rule (by code or name)."""
    from taiyaku.checks.registry import registry

    for r in registry().values():
        if code.upper() == r.code or code.lower() == r.name:
            click.echo(f"{r.code} {r.name} ({r.category}, default severity {r.severity})\n")
            click.echo(r.doc)
            return
    raise InputError(f"unknown rule '{code}': run `taiyaku rules` to list them")


@main.group(cls=Group)
def glossary():
    """Work with glossary files."""


@glossary.command("check")
@click.argument("path", required=False, type=click.Path())
def glossary_check(path):
    """Validate a glossary (default: ./glossary.tsv, else the bundled one)."""
    from taiyaku.analyze.glossary import load_glossary, resolve_glossary_path

    g = load_glossary(resolve_glossary_path(path))
    click.echo(f"{g.path}: {len(g)} entries, OK")


if __name__ == "__main__":  # pragma: no cover
    main()
