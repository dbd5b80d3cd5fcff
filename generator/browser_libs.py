"""Browser-side libraries installed from the npm registry (``package.json`` + lockfile).

They are never committed: the set-up command runs ``npm ci`` and the build copies the files
it needs from ``node_modules/`` (or, in an installed package, from the copy ``generator/vendor.py``
put inside it). A missing file is a set-up problem, explained in French.
"""

from __future__ import annotations

from pathlib import Path

from generator.settings import DEFAULT

NODE_MODULES = DEFAULT.browser_libraries

IFRAME_WORKER_SHIM = ("iframe-worker", "shim/index.js")
PLOTLY_BASIC = ("plotly.js-basic-dist-min", "plotly-basic.min.js")
# The State brand (generator/catalogue/brand.py): Marianne in the weights the site uses, and the
# bloc-marque's stylesheet (the Marianne symbol and the motto are data: images inside it).
DSFR = "@gouvfr/dsfr"
DSFR_FILES = tuple((DSFR, f"dist/fonts/Marianne-{weight}.woff2")
                   for weight in ("Regular", "Regular_Italic", "Medium", "Bold", "Bold_Italic")) + (
    (DSFR, "dist/component/logo/logo.main.min.css"),)
# The atelier frise (generator/timeline/atelier.py): the CSV parser, and the YAML parser's
# CommonJS files, which the atelier build wraps into one classic script.
PAPAPARSE = ("papaparse", "papaparse.js")
YAML_ENTRY = ("yaml", "dist/index.js")
YAML_FILES = tuple(("yaml", path.relative_to(NODE_MODULES / "yaml").as_posix())
                   for path in sorted((NODE_MODULES / "yaml" / "dist").rglob("*.js")))
# Every npm file a build or a page needs: what an installed package must carry.
PACKAGED = (IFRAME_WORKER_SHIM, PLOTLY_BASIC, *DSFR_FILES, PAPAPARSE, *YAML_FILES)


class MissingBrowserLibrary(Exception):
    pass


def library_file(package: str, relative: str, libraries: Path | None = None) -> Path:
    """Path of a file of an installed npm package, or a French explanation of how to install it."""
    path = (libraries or NODE_MODULES) / package / relative
    if not path.is_file():
        raise MissingBrowserLibrary(
            f"bibliothèque « {package} » absente ({path.as_posix()}) : lancez "
            "« npm ci » à la racine du dépôt (voir le README)."
        )
    return path
