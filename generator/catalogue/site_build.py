"""The catalogue build, end to end: load → docs tree → engine → zip → atomic swap.

``python build.py`` calls ``main``. Nothing is written until the content is valid, and the
previous ``site/`` and zip are replaced only by a complete new build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator import french, settings
from generator.browser_libs import MissingBrowserLibrary
from generator.catalogue import publish, search_index, sheet_pool
from generator.catalogue.docs_tree import file_size
from generator.catalogue.engine import EngineError, render_site
from generator.catalogue.fields import CONTENT_TYPES
from generator.catalogue.loader import incomplete_draft_notes, load_catalogue
from generator.catalogue.model import Catalogue
from generator.catalogue.prepared_docs import SHIM_TARGET, prepare_docs
from generator.failures import guarded
from generator.french import count_of
from generator.french_argparse import FrenchArgumentParser
from generator.input_limits import load_within_limits
from generator.problems import InvalidInput, display_path, printable, report

__all__ = ["SHIM_TARGET", "BuildReport", "build_site", "main", "prepare_docs"]

CONFIG_FILE = settings.DEFAULT.mkdocs_config  # kept for bench/search_bench.py
ZIP_NAME = "repere-hors-ligne.zip"
NOTHING_WRITTEN = " Rien n'a été écrit ; le site précédent est inchangé."


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


def build_site(content_dir: Path, site_dir: Path, zip_path: Path,
               config: settings.Settings = settings.DEFAULT) -> BuildReport:
    """Build and publish atomically; raises ``InvalidInput`` or ``OutputRefused`` before writing anything."""
    started = time.perf_counter()
    publish.check_outputs(site_dir, zip_path, content_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with publish.build_lock(site_dir.parent):
        publish.recover(site_dir)  # before anything can fail: "the previous site is unchanged" holds
        publish.clean_leftovers(site_dir)
        publish.clean_leftovers(zip_path)
        catalogue = _load(content_dir)
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        new_site = publish.temporary_sibling(site_dir, "new")
        new_zip = publish.temporary_sibling(zip_path, "new")
        # The docs tree too is written beside the output (never in /tmp): same disk, same
        # clean-up of a killed build's leftovers, and a full disk is seen before the swap.
        docs = publish.temporary_sibling(site_dir, "docs")
        try:
            # The search index needs no page: the second core computes it while MkDocs renders.
            with ProcessPoolExecutor(max_workers=1, initializer=sheet_pool.start_worker,
                                     initargs=(os.getpid(),)) as second_core:
                index_files = second_core.submit(search_index.search_index_files, catalogue)
                pages = prepare_docs(catalogue, docs, with_search_index=False, settings=config)
                warnings = render_site(config.mkdocs_config, docs, new_site)
                search_index.write_files(new_site, index_files.result())
            publish.mark(new_site)
            publish.write_zip(new_site, new_zip)
            publish.swap_in(new_site, site_dir)
            publish.swap_in(new_zip, zip_path)
            _copy_atelier(site_dir, zip_path.parent)
        finally:
            for temporary in (docs, new_site, new_zip):
                publish.remove(temporary)
    return BuildReport(len(catalogue.tools), len(catalogue.programmes), pages, zip_path,
                       zip_path.stat().st_size, time.perf_counter() - started, warnings)


def _copy_atelier(site_dir: Path, dist: Path) -> None:
    """``dist/atelier-frise.html``: the site's atelier page, to copy alone on a USB key."""
    from generator.timeline.atelier import PAGE_NAME  # noqa: PLC0415 - catalogue-only import

    source = site_dir / "frise" / PAGE_NAME
    if source.is_file():
        temporary = publish.temporary_sibling(dist / PAGE_NAME, "new")
        shutil.copyfile(source, temporary)
        os.replace(temporary, dist / PAGE_NAME)


def _load(content_dir: Path) -> Catalogue:
    """The validated catalogue; sheets beyond the limits of ``input_limits`` are refused before parsing."""
    # The search's thesaurus is content too: its problems come with the sheets'.
    return load_within_limits(sorted(content_dir.rglob("*.md")), lambda: load_catalogue(content_dir, parallel=True),
                              extra=search_index.thesaurus_problems())


def parser() -> FrenchArgumentParser:
    cli = FrenchArgumentParser(
        prog="python build.py",
        usage="python build.py [--content DOSSIER] [--site-dir DOSSIER] [--check | --serve]\n"
              "       python build.py [--content DOSSIER] nouvelle-fiche|nouveau-programme|nouvelle-methode \"Titre\"\n"
              "       python build.py importer-romin DEPOT [--content DOSSIER]",
        description="Construit le catalogue Repère : le site statique (site/) et son archive "
                    f"hors ligne (dist/{ZIP_NAME}), après avoir vérifié toutes les fiches.",
        epilog="Exemples : « python build.py » ; « python build.py --check » pour seulement "
               "vérifier les fiches ; « python build.py --serve » pour un aperçu en direct.",
    )
    cli.add_argument("--content", metavar="DOSSIER", type=Path, default=settings.DEFAULT.content_dir,
                     help="dossier des fiches (défaut : content/)")
    cli.add_argument("--site-dir", metavar="DOSSIER", type=Path, default=settings.DEFAULT.site_dir,
                     help="dossier du site produit (défaut : site/) ; l'archive va dans dist/")
    commands = cli.add_subparsers(dest="commande", metavar="COMMANDE",
                                  title="commandes pour les contributeurs")
    for content_type in CONTENT_TYPES:  # one scaffold command per content type (fields.py)
        command = commands.add_parser(
            content_type.command, help=f"créer une fiche {content_type.label} pré-remplie à partir de son titre",
            description=f"Crée content/{content_type.folder}/<titre>.md "
                        "avec toutes les clés, commentées, et un plan de mode d'emploi.")
        command.add_argument("titre", help="titre de la fiche, entre guillemets")
    from generator.catalogue.romin import add_command as add_romin_command  # issue 17

    add_romin_command(commands)
    mode = cli.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="vérifier les fiches sans rien écrire (code 1 s'il y a des erreurs)")
    mode.add_argument("--serve", action="store_true",
                      help="aperçu en direct sur http://127.0.0.1:8000, reconstruit à chaque "
                           "modification des fiches")
    return cli


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    # The last resort: a full disk or a bug of ours ends in one French sentence, not a traceback.
    return guarded(lambda: _run(args, settings.load()), "python build.py", epilogue=NOTHING_WRITTEN)


def _run(args: argparse.Namespace, config: settings.Settings) -> int:
    content, site_dir = args.content.resolve(), args.site_dir.resolve()
    if args.commande == "importer-romin":
        from generator.catalogue.romin import run as import_romin

        return import_romin(args.depot.resolve(), content)
    if args.commande:
        return _scaffold(content, args.titre, args.commande)
    if args.serve:
        from generator.catalogue.preview import serve

        return serve(content, config.mkdocs_config)
    try:
        if args.check:
            catalogue = _load(content)
            print(f"Fiches valides : {count_of(len(catalogue.tools), 'outil')}, "
                  f"{count_of(len(catalogue.programmes), 'programme')}.")
            for note in incomplete_draft_notes(catalogue):
                print(printable(note))
            return 0
        build = build_site(content, site_dir, site_dir.parent / "dist" / ZIP_NAME, config)
    except InvalidInput as invalid:
        return _report_problems(invalid)
    except publish.OutputRefused as refused:
        report(f"Refusé : {refused}")
        return 1
    except MissingBrowserLibrary as missing:
        report(f"Erreur d'installation : {missing}")
        return 1
    except EngineError as error:
        report(f"Erreur du moteur de rendu (MkDocs) : {error}")
        return 1
    for warning in build.warnings:
        report(f"avertissement : {warning}")
    print(printable(build.summary()))
    return 0


def _scaffold(content: Path, title: str, command: str) -> int:
    from generator.catalogue.scaffold import ScaffoldError, create_sheet

    content_type = next(kind for kind in CONTENT_TYPES if kind.command == command)
    try:
        path = create_sheet(content, title, content_type=content_type)
    except ScaffoldError as error:
        report(f"Erreur : {error}")
        return 1
    print(printable(f"Fiche créée : {display_path(path)}\nComplétez-la, puis vérifiez-la avec "
                    "« python build.py --check » ou voyez-la avec « python build.py --serve »."))
    return 0


def _report_problems(invalid: InvalidInput) -> int:
    for problem in invalid.problems:
        report(str(problem))
    files = len({problem.path for problem in invalid.problems})
    report(f"\n{len(invalid.problems)} problème(s) dans {files} fichier(s).{NOTHING_WRITTEN}")
    return 1
