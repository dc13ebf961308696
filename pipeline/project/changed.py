"""``--changed [REF]``: the article files changed since a git revision, with their partners.

Changed means: different in the working tree (staged or not) from REF — from the merge base of REF and
HEAD when REF is a branch that has moved on, so ``--changed origin/main`` on a feature branch lists
the branch's own changes, not what others merged since — plus untracked files that are not ignored.
Without REF: uncommitted changes (against HEAD), or every file of a repository without commits yet.
Deleted files are left out. The other half of a changed ``NAME.ja``/``NAME.en`` pair (or of a pattern
pair) comes along even if unchanged, since the pair is checked together.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence

from taiyaku.read.articles import discover
from taiyaku.errors import InputError
from taiyaku.read.formats import format_of

_ENV = {**os.environ, "LC_ALL": "C", "LANGUAGE": "C", "GIT_OPTIONAL_LOCKS": "0"}


def changed_paths(
    ref: str | None, roots: Sequence[str], pairs: Sequence[tuple[str, str]] | None = None
) -> list[str]:
    """Article files under ``roots`` (files or directories) changed since ``ref`` (None: HEAD), and
    their partner files, in the style the roots were given (relative or absolute). Raises InputError
    when git is missing, a root is not in a git work tree, or ``ref`` is unknown."""
    changed_by_top: dict[str, set[str]] = {}
    selected: list[str] = []
    for root in roots:
        if not os.path.exists(root):
            raise InputError("no such file or directory: check the path", path=root)
        is_dir = os.path.isdir(root)
        top = _toplevel(root if is_dir else (os.path.dirname(root) or "."), root)
        if top not in changed_by_top:
            changed_by_top[top] = _changed(top, ref)
        changed = changed_by_top[top]
        real_root = os.path.realpath(root)
        if not is_dir:
            if real_root in changed and format_of(root):
                selected.append(os.path.normpath(root))
            continue
        for real in sorted(changed):
            rel = os.path.relpath(real, real_root)
            if rel == os.pardir or rel.startswith(os.pardir + os.sep) or not _walkable(rel):
                continue
            selected.append(os.path.normpath(os.path.join(root, rel)))
    out: list[str] = []
    seen: set[str] = set()
    for _, group in discover(_unique(selected), pairs):
        for role in ("ja", "", "en"):
            path = group.get(role)
            if path is not None and os.path.realpath(path) not in seen:
                seen.add(os.path.realpath(path))
                out.append(path)
    return out


def _walkable(rel: str) -> bool:
    """Would the directory walk of ``articles.discover`` pick this file up? (No hidden part, no README,
    a supported extension.)"""
    parts = rel.split(os.sep)
    name = parts[-1]
    return (
        not any(p.startswith(".") for p in parts)
        and not name.lower().startswith("readme.")
        and format_of(name) is not None
    )


def _unique(paths: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for p in paths:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _git(args: list[str], cwd: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, env=_ENV, capture_output=True, check=False)
    except FileNotFoundError:
        raise InputError("git is not installed (or not on PATH): --changed needs git") from None
    except OSError as exc:
        raise InputError(f"cannot run git ({exc.strerror}): --changed needs git") from None


def _first_line(data: bytes) -> str:
    text = data.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else "no message"


def _toplevel(directory: str, root: str) -> str:
    r = _git(["rev-parse", "--show-toplevel"], directory)
    if r.returncode != 0:
        if b"not a git repository" in r.stderr:
            raise InputError("not a git repository: --changed compares with git, so the articles must be in a "
                             "git work tree (or drop --changed)", path=root)
        raise InputError(f"git failed: {_first_line(r.stderr)}", path=root)
    return os.path.realpath(r.stdout.decode("utf-8", "surrogateescape").strip())


def _names(out: bytes, top: str) -> set[str]:
    return {os.path.realpath(os.path.join(top, p.decode("utf-8", "surrogateescape")))
            for p in out.split(b"\0") if p}


def _changed(top: str, ref: str | None) -> set[str]:
    """Real paths of existing files changed since ``ref`` (or uncommitted) and untracked, not ignored."""
    if ref is not None and (not ref.strip() or ref.startswith("-")):
        raise InputError(f"unknown git revision '{ref}': give a commit, branch or tag (e.g. main, origin/main, HEAD~1)")
    if _git(["rev-parse", "--verify", "--quiet", (ref or "HEAD") + "^{commit}"], top).returncode != 0:
        if ref is not None:
            raise InputError(f"unknown git revision '{ref}': give a commit, branch or tag (e.g. main, origin/main, "
                             "HEAD~1)", path=top)
        r = _git(["ls-files", "-z"], top)  # no commit yet: everything in the index is new
    else:
        base = ref or "HEAD"
        if ref is not None:
            mb = _git(["merge-base", ref, "HEAD"], top)
            if mb.returncode == 0 and mb.stdout.strip():
                base = mb.stdout.decode().strip()
        r = _git(["diff", "--name-only", "--no-renames", "-z", base, "--"], top)
    if r.returncode != 0:
        raise InputError(f"git failed: {_first_line(r.stderr)}", path=top)
    names = _names(r.stdout, top)
    u = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    if u.returncode != 0:
        raise InputError(f"git failed: {_first_line(u.stderr)}", path=top)
    names |= _names(u.stdout, top)
    return {p for p in names if os.path.isfile(p)}
