"""Finding the `orator` binary that every task runs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

#: The repository root when the package runs from a checkout (flyte/orator_flyte/ -> root).
REPOSITORY = Path(__file__).resolve().parents[2]


class OratorNotFound(RuntimeError):
    """No `orator` binary could be found."""


def find_orator() -> str:
    """The `orator` binary: `$ORATOR_BIN`, else the repository's release build, else its
    debug build, else `orator` on PATH."""
    explicit = os.environ.get("ORATOR_BIN")
    if explicit:
        if os.access(explicit, os.X_OK) and Path(explicit).is_file():
            return explicit
        raise OratorNotFound(f"ORATOR_BIN={explicit} is not an executable file")
    for build in ("release", "debug"):
        candidate = REPOSITORY / ".build" / build / "orator"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    on_path = shutil.which("orator")
    if on_path:
        return on_path
    raise OratorNotFound(
        "cannot find the orator binary: set ORATOR_BIN, build it with "
        "`swift build -c release --product orator` in the repository, or put `orator` on PATH"
    )
