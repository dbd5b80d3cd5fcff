"""Browser-side libraries installed from the npm registry (``package.json`` + lockfile).

They are never committed: the set-up command runs ``npm ci`` and the build copies the files
it needs from ``node_modules/``. A missing file is a set-up problem, explained in French.
"""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = REPO_ROOT / "node_modules"

IFRAME_WORKER_SHIM = ("iframe-worker", "shim/index.js")
PLOTLY_BASIC = ("plotly.js-basic-dist-min", "plotly-basic.min.js")


class MissingBrowserLibrary(Exception):
    pass


def library_file(package: str, relative: str) -> Path:
    """Path of a file of an installed npm package, or a French explanation of how to install it."""
    path = NODE_MODULES / package / relative
    if not path.is_file():
        raise MissingBrowserLibrary(
            f"bibliothèque « {package} » absente ({path.relative_to(REPO_ROOT)}) : lancez "
            "« npm ci » à la racine du dépôt (voir le README)."
        )
    return path
