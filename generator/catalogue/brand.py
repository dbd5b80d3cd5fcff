"""The site's brand, read from ``mkdocs.yml`` ``extra.marque``: the State's (DSFR) or neutral.

The DSFR (Système de Design de l'État) and the Marianne font may be used by the administration
only. ``extra.marque`` is either a mapping (the State brand: « République française », the
ministry and the service name) or the word ``neutre`` (no Marianne, no bloc-marque, neutral
colours) for any other reuse. The templates read the same setting (``config.extra.marque``);
this module tells the build which files to copy (``prepared_docs``) and gives the legal pages
their publisher.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.browser_libs import DSFR_FILES, library_file

NEUTRAL = "neutre"
DEFAULT_MINISTRY = "Ministère de la Justice"
# Where the build puts the DSFR files in the site (templates/overrides/partials/repere-marque.html).
DSFR_TARGET = "assets/vendor/dsfr"


@dataclass(frozen=True)
class Brand:
    state: bool  # False: the neutral brand
    ministry: str  # « Ministère de la Justice »; empty for the neutral brand


def brand_of(config: Path) -> Brand:
    """The brand ``config`` (mkdocs.yml) asks for; absent or unreadable: the State brand.

    Reading: only the exact word ``neutre`` (any case, spaces ignored) selects the neutral
    brand; any mapping is the State brand, with its ``ministere`` (default « Ministère de la
    Justice »).
    """
    marque = _extra(config).get("marque")
    if isinstance(marque, str) and marque.strip().lower() == NEUTRAL:
        return Brand(state=False, ministry="")
    ministry = marque.get("ministere") if isinstance(marque, dict) else None
    return Brand(state=True, ministry=ministry if isinstance(ministry, str) and ministry.strip() else DEFAULT_MINISTRY)


def copy_state_files(docs_dir: Path, libraries: Path) -> None:
    """Marianne (woff2) and the bloc-marque's stylesheet, from the npm package, into the docs tree."""
    target = docs_dir / DSFR_TARGET
    target.mkdir(parents=True, exist_ok=True)
    for package, relative in DSFR_FILES:
        source = library_file(package, relative, libraries=libraries)
        (target / Path(relative).name).write_bytes(source.read_bytes())


def _extra(config: Path) -> dict:
    import yaml

    class _Loader(yaml.SafeLoader):  # mkdocs.yml has !ENV and !!python tags: read them as empty
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    try:
        extra = (yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader) or {}).get("extra")
    except (OSError, UnicodeError, yaml.YAMLError, AttributeError):
        return {}
    return extra if isinstance(extra, dict) else {}
