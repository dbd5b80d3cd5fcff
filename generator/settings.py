"""Where Repère finds its own files, in one object made at the entry points.

In a checkout the templates, ``mkdocs.yml`` and the npm libraries sit at the repository root;
in an installed package (``pip install .``) they travel inside it, under ``generator/_data/``
(copied there by ``generator/vendor.py`` when the wheel is built). This module is the only one
that knows both places; every other module receives a ``Settings`` or reads ``DEFAULT``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# Inside the installed package: filled by generator/vendor.py at wheel build time.
PACKAGE_DATA = PACKAGE_DIR / "_data"
# The checkout this package was imported from, if it is one (an installed copy has no templates/).
CHECKOUT = PACKAGE_DIR.parent


@dataclass(frozen=True)
class Settings:
    """Paths of our own files and the site-wide values both tools read."""

    templates: Path  # holds catalogue/, frise/, assets/, overrides/
    browser_libraries: Path  # npm packages: <package>/<file>
    mkdocs_config: Path
    demo_case: Path  # fictional case of the site's « Frise » section
    content_dir: Path  # default --content of build.py
    site_dir: Path  # default --site-dir of build.py

    @property
    def catalogue_url(self) -> str | None:
        """``extra.catalogue_url`` of mkdocs.yml, if set: one setting for both tools."""
        return _catalogue_url(self.mkdocs_config)


def from_checkout(root: Path) -> Settings:
    """The settings of the checkout at ``root``."""
    return Settings(templates=root / "templates", browser_libraries=root / "node_modules",
                    mkdocs_config=root / "mkdocs.yml",
                    demo_case=root / "examples" / "dossiers" / "parcours-long.yaml",
                    content_dir=root / "content", site_dir=root / "site")


def load() -> Settings:
    """The settings of this installation: the checkout's files if we run from one, else the package's.

    Default content and site folders of an installed copy are relative to the working folder.
    """
    if (CHECKOUT / "templates").is_dir() and (CHECKOUT / "mkdocs.yml").is_file():
        return from_checkout(CHECKOUT)
    return Settings(templates=PACKAGE_DATA / "templates", browser_libraries=PACKAGE_DATA / "browser",
                    mkdocs_config=PACKAGE_DATA / "mkdocs.yml",
                    demo_case=PACKAGE_DATA / "examples" / "parcours-long.yaml",
                    content_dir=Path("content"), site_dir=Path("site"))


@functools.cache
def _catalogue_url(config: Path) -> str | None:
    import yaml

    class _Loader(yaml.SafeLoader):  # mkdocs.yml has !ENV tags: read them as empty
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    try:
        extra = (yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader) or {}).get("extra") or {}
    except (OSError, UnicodeError, yaml.YAMLError, AttributeError):
        return None
    url = extra.get("catalogue_url") if isinstance(extra, dict) else None
    return url if isinstance(url, str) and url else None


# The settings every module falls back on when its caller passes none (imported once).
DEFAULT = load()
