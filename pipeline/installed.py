"""What is installed, found without the costly general machinery (cold start matters: see
bench/speed.py). ``importlib.resources`` imports zipfile and ``importlib.metadata`` imports email and
socket, about 75 ms together on every run; both remain the fallback where the cheap way does not apply."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path


def package_file(package: str, relative: str) -> Path:
    """A data file shipped in ``package`` (a dotted name of an imported package), as
    ``importlib.resources.files(package).joinpath(relative)`` gives it for a package on disk."""
    module = sys.modules.get(package)
    origin = getattr(module, "__file__", None)
    if origin and os.path.isfile(origin):
        return Path(os.path.dirname(origin)).joinpath(relative)
    from importlib.resources import files  # a zipped or otherwise unusual install

    return Path(str(files(package).joinpath(relative)))


def dist_version(name: str) -> str | None:
    """``importlib.metadata.version(name)`` (None if not installed): read from the ``.dist-info``
    folder of the first ``sys.path`` entry holding one for ``name``, as importlib.metadata finds it."""
    key = re.sub(r"[-_.]+", "_", name).lower()
    for entry in sys.path:
        folder = entry or "."
        if os.path.isfile(folder):  # a zip archive on the path: leave it to importlib.metadata
            break
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        found = [n for n in names if n.lower().endswith((".dist-info", ".egg-info"))
                 and re.sub(r"[-_.]+", "_", n.rsplit(".", 1)[0].split("-")[0]).lower() == key]
        if not found:
            continue
        if len(found) == 1 and found[0].endswith(".dist-info"):
            try:
                with open(os.path.join(folder, found[0], "METADATA"), encoding="utf-8") as f:
                    for line in f:
                        if line.startswith("Version:"):
                            return line.split(":", 1)[1].strip()
                        if not line.strip():
                            break  # end of the headers
            except OSError:
                pass
        break  # anything less plain: ask importlib.metadata
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
