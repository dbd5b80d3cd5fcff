"""Copy the files an installed Repère needs into the package, before a wheel is built.

``setup.py`` runs this from its ``build_py`` step, so ``pip wheel .`` / ``pip install .`` give a
``frise`` that finds its templates and plotly.js outside a checkout. The copies live in
``generator/_data/`` (ignored by git: minified libraries are never committed).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.browser_libs import PACKAGED
from generator.settings import PACKAGE_DATA, Settings, from_checkout


class MissingPackageData(Exception):
    pass


def copy_package_data(root: Path, target: Path = PACKAGE_DATA) -> list[Path]:
    """Copy the checkout's templates, settings, demo case and npm files under ``target``."""
    source: Settings = from_checkout(root)
    missing = [library for library in PACKAGED
               if not (source.browser_libraries / library[0] / library[1]).is_file()]
    if missing or not source.templates.is_dir():
        raise MissingPackageData("fichiers introuvables pour le paquet (lancez « npm ci » d'abord) : "
                                 + ", ".join("/".join(library) for library in missing))
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source.templates, target / "templates")
    shutil.copyfile(source.mkdocs_config, target / "mkdocs.yml")
    (target / "examples").mkdir()
    shutil.copyfile(source.demo_case, target / "examples" / source.demo_case.name)
    for package, relative in PACKAGED:
        destination = target / "browser" / package / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source.browser_libraries / package / relative, destination)
    return sorted(path for path in target.rglob("*") if path.is_file())


if __name__ == "__main__":  # python -m generator.vendor, from the repository root
    copied = copy_package_data(Path.cwd())
    print(f"{len(copied)} fichiers copiés dans {PACKAGE_DATA}")
