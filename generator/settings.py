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

    @property
    def brand(self) -> PageBrand:
        """``extra.marque`` of mkdocs.yml: the look of the ``frise`` command's pages, as the site's."""
        return _brand(self.mkdocs_config)


@dataclass(frozen=True)
class PageBrand:
    """The State's look (DSFR colours, Marianne, bloc-marque) or the neutral one.

    Read as ``generator/catalogue/brand.py`` reads it for the site: only the word ``neutre``
    (any case, spaces ignored) selects the neutral brand; anything else, absent included, is the
    State brand with its ``ministere`` (default « Ministère de la Justice »).
    """

    state: bool
    ministry: str  # empty for the neutral brand
    service: str  # site_name of mkdocs.yml (« Repère »), the service named under the ministry


NEUTRAL_BRAND = PageBrand(state=False, ministry="", service="Repère")


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


def _config(config: Path) -> dict:
    """mkdocs.yml as a mapping; unreadable or not a mapping: empty. (Each setting caches its
    own value, read once, when first asked.) Read with libyaml when installed (~10× faster:
    a ``frise`` start reads it three times)."""
    import yaml

    class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass  # mkdocs.yml has !ENV tags: read them as empty

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, UnicodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _extra(config: Path) -> dict:
    extra = _config(config).get("extra")
    return extra if isinstance(extra, dict) else {}


@functools.cache
def _catalogue_url(config: Path) -> str | None:
    url = _extra(config).get("catalogue_url")
    return url if isinstance(url, str) and url else None


@functools.cache
def _brand(config: Path) -> PageBrand:
    name = _config(config).get("site_name")
    service = name.strip() if isinstance(name, str) and name.strip() else NEUTRAL_BRAND.service
    marque = _extra(config).get("marque")
    if isinstance(marque, str) and marque.strip().lower() == "neutre":
        return PageBrand(state=False, ministry="", service=service)
    ministry = marque.get("ministere") if isinstance(marque, dict) else None
    ministry = ministry.strip() if isinstance(ministry, str) and ministry.strip() else "Ministère de la Justice"
    return PageBrand(state=True, ministry=ministry, service=service)


# The settings every module falls back on when its caller passes none (imported once).
DEFAULT = load()
