"""The catalogue build, end to end: load → docs tree → engine → zip → atomic swap.

``python build.py`` calls ``main``. Nothing is written until the content is valid, and the
previous ``site/`` and zip are replaced only by a complete new build.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .. import french
from ..browser_libs import IFRAME_WORKER_SHIM, MissingBrowserLibrary, library_file
from ..french_argparse import FrenchArgumentParser
from ..problems import InvalidInput, display_path
from ..text import count_of
from . import publish, search_index
from .docs_tree import file_size, write_docs_tree
from .engine import EngineError, render_site
from .loader import load_catalogue
from .model import Catalogue

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFIG_FILE = REPO_ROOT / "mkdocs.yml"
ZIP_NAME = "repere-hors-ligne.zip"
SHIM_TARGET = "assets/vendor/iframe-worker-shim.js"


@dataclass
class BuildReport:
    tools: int
    programmes: int
    pages: int
    zip_path: Path
    zip_bytes: int
    seconds: float
    warnings: list[str]

    def summary(self) -> str:
        size, seconds = file_size(self.zip_bytes), french.number(self.seconds, 1)
        return (f"Site construit : {count_of(self.tools, 'outil')}, "
                f"{count_of(self.programmes, 'programme')}, {count_of(self.pages, 'page')} ; "
                f"archive hors ligne {display_path(self.zip_path)} ({size}) ; {seconds} s.")


def prepare_docs(catalogue: Catalogue, docs_dir: Path, with_search_index: bool = True) -> int:
    """The complete docs tree: our pages and assets plus the browser libraries."""
    pages = write_docs_tree(catalogue, docs_dir)
    if with_search_index:
        search_index.write_search_index(catalogue, docs_dir)
    shim = docs_dir / SHIM_TARGET
    shim.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(library_file(*IFRAME_WORKER_SHIM), shim)
    return pages


def build_site(content_dir: Path, site_dir: Path, zip_path: Path) -> BuildReport:
    """Build and publish atomically; raises ``InvalidInput`` before writing anything."""
    started = time.perf_counter()
    publish.recover(site_dir)  # before anything can fail: "the previous site is unchanged" holds
    catalogue = load_catalogue(content_dir)
    publish.clean_leftovers(site_dir)
    publish.clean_leftovers(zip_path)
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    new_site = publish.temporary_sibling(site_dir, "new")
    new_zip = publish.temporary_sibling(zip_path, "new")
    try:
        # The search index needs no page: the second core computes it while MkDocs renders.
        with (ProcessPoolExecutor(max_workers=1) as second_core,
              tempfile.TemporaryDirectory(prefix="repere-docs-") as docs):
            index_files = second_core.submit(search_index.search_index_files, catalogue)
            pages = prepare_docs(catalogue, Path(docs), with_search_index=False)
            warnings = render_site(CONFIG_FILE, Path(docs), new_site)
            search_index.write_files(new_site, index_files.result())
        publish.write_zip(new_site, new_zip)
        publish.swap_in(new_site, site_dir)
        publish.swap_in(new_zip, zip_path)
    finally:
        publish.remove(new_site)
        publish.remove(new_zip)
    return BuildReport(len(catalogue.tools), len(catalogue.programmes), pages, zip_path,
                       zip_path.stat().st_size, time.perf_counter() - started, warnings)


def parser() -> FrenchArgumentParser:
    cli = FrenchArgumentParser(
        prog="python build.py",
        usage="python build.py [--content DOSSIER] [--site-dir DOSSIER] [--check | --serve]\n"
              "       python build.py [--content DOSSIER] nouvelle-fiche|nouveau-programme \"Titre\"",
        description="Construit le catalogue Repère : le site statique (site/) et son archive "
                    f"hors ligne (dist/{ZIP_NAME}), après avoir vérifié toutes les fiches.",
        epilog="Exemples : « python build.py » ; « python build.py --check » pour seulement "
               "vérifier les fiches ; « python build.py --serve » pour un aperçu en direct.",
    )
    cli.add_argument("--content", metavar="DOSSIER", type=Path, default=REPO_ROOT / "content",
                     help="dossier des fiches (défaut : content/)")
    cli.add_argument("--site-dir", metavar="DOSSIER", type=Path, default=REPO_ROOT / "site",
                     help="dossier du site produit (défaut : site/) ; l'archive va dans dist/")
    commands = cli.add_subparsers(dest="commande", metavar="COMMANDE",
                                  title="commandes pour les contributeurs")
    for name, what in (("nouvelle-fiche", "outil"), ("nouveau-programme", "programme")):
        command = commands.add_parser(
            name, help=f"créer une fiche {what} pré-remplie à partir de son titre",
            description=f"Crée content/{'programmes' if what == 'programme' else 'tools'}/<titre>.md "
                        "avec toutes les clés, commentées, et un plan de mode d'emploi.")
        command.add_argument("titre", help="titre de la fiche, entre guillemets")
    mode = cli.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="vérifier les fiches sans rien écrire (code 1 s'il y a des erreurs)")
    mode.add_argument("--serve", action="store_true",
                      help="aperçu en direct sur http://127.0.0.1:8000, reconstruit à chaque "
                           "modification des fiches")
    return cli


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    content, site_dir = args.content.resolve(), args.site_dir.resolve()
    if args.commande:
        return _scaffold(content, args.titre, programme=args.commande == "nouveau-programme")
    if args.serve:
        from .preview import serve

        return serve(content, CONFIG_FILE)
    try:
        if args.check:
            catalogue = load_catalogue(content)
            print(f"Fiches valides : {count_of(len(catalogue.tools), 'outil')}, "
                  f"{count_of(len(catalogue.programmes), 'programme')}.")
            return 0
        report = build_site(content, site_dir, site_dir.parent / "dist" / ZIP_NAME)
    except InvalidInput as invalid:
        return _report_problems(invalid)
    except MissingBrowserLibrary as missing:
        print(f"Erreur d'installation : {missing}", file=sys.stderr)
        return 1
    except EngineError as error:
        print(f"Erreur du moteur de rendu (MkDocs) : {error}", file=sys.stderr)
        return 1
    for warning in report.warnings:
        print(f"avertissement : {warning}", file=sys.stderr)
    print(report.summary())
    return 0


def _scaffold(content: Path, title: str, programme: bool) -> int:
    from .scaffold import ScaffoldError, create_sheet

    try:
        path = create_sheet(content, title, programme=programme)
    except ScaffoldError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    print(f"Fiche créée : {display_path(path)}\nComplétez-la, puis vérifiez-la avec "
          "« python build.py --check » ou voyez-la avec « python build.py --serve ».")
    return 0


def _report_problems(invalid: InvalidInput) -> int:
    for problem in invalid.problems:
        print(problem, file=sys.stderr)
    files = len({problem.path for problem in invalid.problems})
    print(f"\n{len(invalid.problems)} problème(s) dans {files} fichier(s). Rien n'a été écrit ; "
          "le site précédent est inchangé.", file=sys.stderr)
    return 1
