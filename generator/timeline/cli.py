"""``frise``: case files → one standalone HTML page each (or their indicators as JSON).

Exit codes (spec): 0 done, 1 at least one case file invalid or refused (the valid ones are still
written), 2 usage error. Imports are deferred to the branch that needs them so that ``--help`` and
``--json`` stay fast: no Jinja for ``--json``, nothing but argparse for ``--help``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from generator.french_argparse import FrenchArgumentParser

# No typing, dataclasses or json here: ``frise --help`` only pays for argparse.

VIEWS = ("professionnel", "personne")
DEFAULT_OUTDIR = Path("frises")
SHARED_SCRIPT_NAME = "plotly-basic.min.js"  # same name as render.SHARED_SCRIPT_NAME
# Marianne beside --js-partage pages with the State brand (the names of render.FONT_FILES).
SHARED_FONT_NAMES = ("Marianne-Regular.woff2", "Marianne-Bold.woff2")

DESCRIPTION = """\
Fabrique la frise du parcours judiciaire : une page HTML autonome par dossier (fichier YAML
ou CSV anonymisé), à ouvrir dans un navigateur, sans connexion réseau. Un dossier refusé (fichier
invalide ou contenant un identifiant direct) n'empêche pas d'écrire les autres."""

EPILOG = """\
exemples :
  frise cas/EX-2024-017.yaml                    une page dans ./frises/
  frise cas/ -o pages --js-partage              tout un répertoire, plotly.js partagé
  frise cas/EX-2024-017.yaml --vue personne     la page pour la personne suivie
  frise cas/EX-2024-017.yaml --json             les indicateurs, sans page

codes de sortie : 0 terminé, 1 dossier invalide ou refusé, 2 erreur d'utilisation."""

def build_parser(prog: str = "frise") -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog=prog, description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("dossiers", nargs="+", type=Path, metavar="DOSSIER",
                        help="fichier de dossier (.yaml ou .csv) ou répertoire de dossiers")
    parser.add_argument("-o", "--sortie", type=Path, default=DEFAULT_OUTDIR, metavar="RÉPERTOIRE",
                        help="répertoire où écrire les pages (défaut : ./frises)")
    parser.add_argument("--vue", choices=VIEWS, default="professionnel",
                        help="professionnel (défaut) : tous les indicateurs et leurs définitions ; "
                             "personne : la même frise en mots simples, pour la personne suivie")
    parser.add_argument("--json", action="store_true",
                        help="affiche les indicateurs en JSON (une liste pour plusieurs dossiers) "
                             "et n'écrit aucune page")
    parser.add_argument("--js-partage", action="store_true",
                        help=f"écrit plotly.js une seule fois ({SHARED_SCRIPT_NAME}) à côté des "
                             "pages au lieu de l'intégrer dans chacune, avec la police Marianne "
                             "(apparence de l'État) ; pages bien plus légères, à copier avec ces fichiers")
    parser.add_argument("--catalogue", metavar="ADRESSE",
                        help="adresse du catalogue Repère (par exemple https://intranet/repere/) : "
                             "la section « Pistes dans le catalogue » renvoie alors aux pages des "
                             "facteurs de risque ; défaut : extra.catalogue_url de mkdocs.yml, "
                             "sinon les facteurs sont nommés sans lien")
    return parser


def configured_catalogue_url() -> str | None:
    """``extra.catalogue_url`` of mkdocs.yml, if set (one setting for both tools)."""
    from generator import settings

    return settings.load().catalogue_url


# Browsers drop tabs, newlines and controls from addresses ("java\tscript:" is "javascript:").
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def configured_brand():  # -> settings.PageBrand (no typing import here, see above)
    """``extra.marque`` of mkdocs.yml: the pages look like the site (State or neutral brand)."""
    from generator import settings

    return settings.load().brand


def unsafe_catalogue_url(url: str) -> str | None:
    """Why ``url`` cannot be the catalogue's address, in French; None when it is http(s) or relative.

    The address becomes the links of « Pistes dans le catalogue »: a ``javascript:`` or ``data:``
    address would run in the frise page. The scheme alone is named, not the whole value. ``file:``
    is accepted like the --catalogue option does (a catalogue unpacked on a shared drive); it
    cannot carry script."""
    scheme = _URL_SCHEME.match(_URL_IGNORED.sub("", url))
    if scheme is None or scheme[1].lower() in ("http", "https", "file"):
        return None
    return (f"adresse du catalogue refusée (« {scheme[1][:20].lower()}: ») : donnez une adresse http(s)://…, "
            "file://… ou un chemin relatif (option --catalogue ou extra.catalogue_url de mkdocs.yml).")


# ---------------------------------------------------------------------------------------------
# Progress and summary


class Progress:
    """A hand-made progress bar on stderr, only when stderr is a terminal and there is a batch."""

    WIDTH = 30

    def __init__(self, total: int, stream: io.TextIOBase) -> None:
        self.total = total
        self.stream = stream
        self.enabled = total > 1 and stream.isatty()
        self.done = 0

    def step(self) -> None:
        self.done += 1
        self.draw()

    def draw(self) -> None:
        if not self.enabled:
            return
        filled = self.WIDTH * self.done // self.total
        bar = "█" * filled + "·" * (self.WIDTH - filled)
        self.stream.write(f"\r{bar} {self.done}/{self.total}")
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def message(self, text: str) -> None:
        """Print a line above the bar (problems must stay readable)."""
        self.clear()
        from generator.problems import printable

        print(printable(text), file=self.stream)
        self.draw()


def summary(written: int, refused: int, outdir: Path, seconds: float) -> str:
    """``3 pages écrites dans frises/, 1 dossier refusé (0,4 s).``"""
    from generator.french import count_of, number

    text = count_of(written, "page écrite", "pages écrites")
    if written:
        text += f" dans {outdir.as_posix().rstrip('/')}/"
    if refused:
        text += ", " + count_of(refused, "dossier refusé", "dossiers refusés")
    return f"{text} ({number(seconds, 1)} s)."


# ---------------------------------------------------------------------------------------------
# Writing


class NotOurs(Exception):
    """The final path holds something that is not a frise output: it is left alone."""


# Written in every page's <head> (templates/frise/page.html.j2); older pages are recognised by
# their <body class="vue-…">. Only such a file is ever replaced.
TEMPORARY = re.compile(r"\.frise-\w+\.tmp")  # tempfile.mkstemp(prefix=".frise-", suffix=".tmp")
PAGE_MARKS = ('<meta name="generator" content="Repère frise">'.encode(), b'<body class="vue-')


def replaceable(path: Path) -> bool:
    """Absent, or a regular file (not a link) that a previous run wrote."""
    try:
        status = path.lstat()
    except FileNotFoundError:
        return True
    if not stat.S_ISREG(status.st_mode):
        return False  # a symlink (never followed), a folder, a device…
    if path.name == SHARED_SCRIPT_NAME or path.name in SHARED_FONT_NAMES:
        return True
    with path.open("rb") as stream:
        head = stream.read(4096)  # the meta is in the first lines; older pages: the <body> after the CSS
        return PAGE_MARKS[0] in head or PAGE_MARKS[1] in head + stream.read(512 * 1024)


def foreign_entries(outdir: Path, inputs: list[Path]) -> int:
    """How many entries of an existing output folder frise did not write (nor reads in this run).

    An output folder holds frise pages, the shared plotly.js and our temporary files; the case
    files given to this very run are tolerated (``frise cas/ -o cas/``). Anything else means the
    folder is not a frise output: writing into it is refused, as ``build.py`` refuses a site folder.
    """
    if not outdir.is_dir():
        return 0
    ours = {path.resolve() for path in inputs}
    return sum(1 for entry in outdir.iterdir()
               if entry.resolve() not in ours and not TEMPORARY.fullmatch(entry.name)
               and not (entry.suffix in (".html", ".js", ".woff2") and replaceable(entry)))


def clean_stale_temporaries(outdir: Path, older_than: float = 600.0) -> None:
    """Remove our temporary files that a killed run left (a page is written in milliseconds, so a
    ten-minute-old one belongs to no running ``frise``); only regular files of our own pattern."""
    if not outdir.is_dir():
        return
    now = time.time()
    for entry in outdir.iterdir():
        if TEMPORARY.fullmatch(entry.name):
            with contextlib.suppress(OSError):
                status = entry.lstat()
                if stat.S_ISREG(status.st_mode) and now - status.st_mtime > older_than:
                    entry.unlink()


def write_atomic(path: Path, data: bytes | Sequence[bytes], mode: int = 0o600) -> None:
    """Write through a temporary file in the same folder, then rename: never a half page.

    ``data`` may come in parts (a page around the plotly.js bundle, which is never copied).
    The temporary file has an unpredictable name and is created exclusively (``mkstemp``:
    O_EXCL, so a planted symlink is never followed), beside the page. A symlink, folder or
    foreign file already at the final path is refused (``NotOurs``), never followed nor
    replaced. Pages are personal data, so they are readable by their owner only (0600).
    """
    if not replaceable(path):
        raise NotOurs(path)
    handle, name = tempfile.mkstemp(prefix=".frise-", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            for part in (data,) if isinstance(data, bytes) else data:
                stream.write(part)
        os.chmod(temporary, mode)  # mkstemp creates 0600; the shared script is 0644
        os.replace(temporary, path)  # replaces a link itself, never its target
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def page_name(dossier: str, view: str) -> str:
    """``X.html`` / ``X-personne.html``; the professional page of a dossier whose id ends in
    ``-personne`` is ``X.professionnel.html`` instead (``.`` is not allowed in ids), so that it
    can never take the name of another dossier's person page."""
    if view != "professionnel":
        return f"{dossier}-personne.html"
    return f"{dossier}.professionnel.html" if dossier.lower().endswith("-personne") else f"{dossier}.html"


class Batch:
    """What happened to each case file of one run."""

    def __init__(self) -> None:
        self.written: list[Path] = []
        self.refused: list[str] = []


class PageJob:
    """What every case of one run shares; sent once to each worker (picklable)."""

    def __init__(self, outdir: Path, view: str, shared_src: str | None, catalogue_url: str | None,
                 brand: object = None, token: str = "") -> None:
        self.outdir = outdir
        self.view = view
        self.shared_src = shared_src
        self.catalogue_url = catalogue_url
        self.brand = brand  # settings.PageBrand; None: the configured one
        self.token = token  # this run's temporary pages are .frise-<token>….tmp (temporaries.py)


class Outcome:
    """What a worker did with one case file; the parent decides what becomes of it, in order."""

    def __init__(self, shown: str) -> None:
        self.shown = shown  # the case file as the user gave it
        self.messages: list[str] = []  # problems that refused it while loading
        self.name: str | None = None  # its page name, once loaded
        self.failure: str | None = None  # why a loaded case gets no page
        self.temporary: str | None = None  # its page, written under a temporary name


# ---------------------------------------------------------------------------------------------
# Main


def _usage_error(parser: argparse.ArgumentParser, message: str) -> int:
    from generator.problems import printable

    parser.print_usage(sys.stderr)
    print(printable(f"{parser.prog} : erreur : {message}"), file=sys.stderr)
    return 2


def _case_files(parser: argparse.ArgumentParser, args: argparse.Namespace) -> list[Path] | int:
    """The case files to process, or the exit code of a usage error."""
    from generator.timeline.loader import find_case_files

    for arg in args.dossiers:
        if not arg.exists():
            return _usage_error(parser, f"fichier ou répertoire introuvable : {arg}")
    paths = find_case_files(list(args.dossiers))
    if not paths:
        return _usage_error(parser, "aucun fichier .yaml, .yml ou .csv dans les répertoires donnés")
    return paths


def main(argv: Sequence[str] | None = None, prog: str = "frise") -> int:
    """Entry point of the ``frise`` console script and of ``python -m generator frise``."""
    from generator.failures import guarded

    # The last resort: a full disk or a bug of ours ends in one French sentence, without any path
    # (a page's name is its dossier id) nor any content of a case file.
    return guarded(lambda: _main(argv, prog), prog, show_path=False,
                   epilogue=" Les pages déjà présentes sont inchangées.")


def _main(argv: Sequence[str] | None, prog: str) -> int:
    parser = build_parser(prog)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help (0) or a usage error (2, message already printed)
        return int(exit_.code or 0)
    if args.catalogue and not args.catalogue.lower().startswith(("http://", "https://", "file:", "/", ".")):
        return _usage_error(parser, "--catalogue : donnez une adresse http(s)://…, file://… ou un chemin "
                                    "relatif (../), par exemple https://intranet/repere/")
    paths = _case_files(parser, args)
    if isinstance(paths, int):
        return paths
    if args.json:
        return _print_json(paths)
    return _write_pages(paths, args)


def _load(path: Path, shown: str | None = None) -> tuple[object | None, list[str]]:
    """The case of ``path``, or None and its problems (``path:line: message``)."""
    from generator.input_limits import MAX_CASE_BYTES, oversized
    from generator.problems import InvalidInput
    from generator.timeline.loader import load_case

    try:
        too_big = oversized([path], MAX_CASE_BYTES, "dossier")
        if too_big:
            raise InvalidInput(too_big)
        return load_case(path, shown=shown), []
    except InvalidInput as invalid:
        return None, [str(problem) for problem in invalid.problems]
    except OSError:
        raise  # the machine, not this case: the last resort stops the run
    except Exception as error:  # an odd case (a year 9999, nesting…) must not stop the batch
        return None, [_unexpected(path, error)]


def _unexpected(path: Path, error: Exception) -> str:
    """Refusal of one case file on an error nobody foresaw, in French, repeating none of its content."""
    from generator.failures import unexpected_text
    from generator.problems import Problem, display_path

    return str(Problem(display_path(path), 0, unexpected_text(error, show_path=False) + "."))


def _print_json(paths: list[Path]) -> int:
    from generator.problems import display_path
    from generator.timeline.indicators import compute

    batch = Batch()
    report = Progress(len(paths), sys.stderr)
    documents = []
    for path in paths:
        case, messages = _load(path)
        for message in messages:
            report.message(message)
        if case is None:
            batch.refused.append(display_path(path))
        else:
            documents.append(compute(case).to_json())
        report.step()
    report.clear()
    if documents:
        payload = documents[0] if len(paths) == 1 else documents
        import json

        print(json.dumps(payload, ensure_ascii=False, indent=2))
    if batch.refused:
        _list_refused(batch.refused)
    return 1 if batch.refused else 0


def make_page(job: PageJob, path: Path) -> Outcome:
    """Load, check and render one case file (in a worker, for a batch).

    It prints nothing, and decides nothing that depends on the other case files (duplicate ids,
    which page wins): the parent does, in order (``_settle``). The page is written under a
    temporary name beside its final one (temporaries.py), which the parent renames or removes:
    no page crosses the pipe, and the parent's share of a case is a rename.
    """
    from generator.problems import display_path
    from generator.timeline import render, temporaries

    outcome = Outcome(display_path(path))
    case, outcome.messages = _load(path, outcome.shown)
    if case is None:
        return outcome
    outcome.name = page_name(case.dossier, job.view)
    try:
        before, after = render.render_parts(case, job.view, job.shared_src, job.catalogue_url, job.brand)
    except OSError:
        raise  # the machine, not this case: the last resort stops the run
    except Exception as error:  # an odd case (a year 9999…) must not stop the batch
        outcome.failure = _unexpected(path, error)
        return outcome
    parts = [before.encode("utf-8")]
    if job.shared_src is None:  # plotly.js inline: the bundle read once per process, never copied
        parts += [render.plotly_bundle_bytes(), after.encode("utf-8")]
    outcome.temporary = temporaries.write(job.outdir, job.token, parts)  # OSError: the machine
    return outcome


def _crashed(path: Path) -> Outcome:
    """The outcome of a case file whose worker died (a crash below Python): refused alone."""
    from generator.problems import Problem, display_path

    outcome = Outcome(display_path(path))
    outcome.messages = [str(Problem(outcome.shown, 0, "erreur interne inattendue (le processus qui "
                                    "traitait ce dossier s'est arrêté) : signalez-la aux mainteneurs "
                                    "de Repère."))]
    return outcome


def _settle(outcome: Outcome, job: PageJob, owners: dict[str, str], batch: Batch, report: Progress) -> None:
    """Put one case's page in place, or refuse the case, exactly as the serial loop did."""
    from generator.problems import Problem
    from generator.timeline import temporaries

    for message in outcome.messages:
        report.message(message)
    if outcome.name is None:
        batch.refused.append(outcome.shown)
        return
    other = owners.get(outcome.name.lower())
    failure = outcome.failure
    if other is not None:
        failure = str(Problem(outcome.shown, 0, f"même identifiant de dossier que {other} : la page de l'un "
                              "remplacerait celle de l'autre. Donnez-leur des identifiants distincts."))
    if failure is None:
        target = job.outdir / outcome.name
        try:
            _put_in_place(outcome.temporary, target)
        except NotOurs:  # the page's name is the dossier id: not repeated here
            failure = str(Problem(
                outcome.shown, 0,
                "le répertoire de sortie contient déjà, au nom de la page de ce dossier, un fichier que "
                "frise n'a pas écrit (ou un lien symbolique) : il n'a pas été remplacé. Choisissez un "
                "autre répertoire de sortie."))
    if failure is not None:
        if outcome.temporary is not None:
            temporaries.discard(outcome.temporary)
        report.message(failure)
        batch.refused.append(outcome.shown)
        return
    owners[outcome.name.lower()] = outcome.shown
    batch.written.append(target)


def _put_in_place(temporary: str | None, target: Path) -> None:
    """Rename a page written by ``make_page`` to its final name (never a half page), unless that
    name holds something frise did not write (``NotOurs``: a symlink, a folder, a foreign file)."""
    if temporary is None or not replaceable(target):
        raise NotOurs(target)
    os.replace(temporary, target)  # replaces a link itself, never its target


def _write_pages(paths: list[Path], args: argparse.Namespace) -> int:
    from generator.problems import printable
    from generator.timeline import batch as pool
    from generator.timeline import render, temporaries

    started = time.perf_counter()
    outdir: Path = args.sortie
    catalogue_url = args.catalogue if args.catalogue is not None else configured_catalogue_url()
    if catalogue_url and (reason := unsafe_catalogue_url(catalogue_url)):  # before anything is written
        print(printable(f"frise : {reason}"), file=sys.stderr)
        return 1
    try:
        foreign = foreign_entries(outdir, paths)
        if foreign:
            print(printable(f"{outdir} : ce répertoire existe et n'est pas un répertoire de frises ({foreign} "
                            "élément(s) que frise n'a pas écrits) : aucune page n'y a été écrite. Donnez un "
                            "répertoire vide, absent ou qui ne contient que des frises."), file=sys.stderr)
            return 1
        outdir.mkdir(parents=True, exist_ok=True)
        clean_stale_temporaries(outdir)
        bundle = render.plotly_bundle_bytes()  # checked before any page is written
        brand = configured_brand()
        if brand.state:  # Marianne and the bloc-marque too
            render.brand_style(args.js_partage)
    except OSError as error:
        from generator.failures import os_error_text

        print(printable(f"{outdir} : impossible de créer le répertoire de sortie "
                        f"({os_error_text(error, show_path=False)})."), file=sys.stderr)
        return 1
    except (render.MissingBundle, render.MissingBrandFiles) as error:
        print(printable(f"frise : {error}"), file=sys.stderr)
        return 1
    job = PageJob(outdir, args.vue, SHARED_SCRIPT_NAME if args.js_partage else None, catalogue_url, brand,
                  temporaries.run_token())
    # Everything imported so far lives until exit: keep it out of the garbage collector's scans,
    # which otherwise run often while pages are built (many small objects each), and so out of
    # the pages that forked workers would otherwise copy.
    import functools
    import gc

    gc.freeze()
    # A case's objects are freed by their reference counts as soon as its page is written; only
    # their number while it is built (a YAML tree, a figure, a template's context: a few thousand)
    # passes the default threshold of 700, so the collector ran ~2 times a case for nothing
    # (0.12 ms of 5). Above that peak it runs a handful of times a batch; cycles, if any, are
    # still collected (workers inherit the setting).
    gc.set_threshold(10_000, 10, 10)
    batch = Batch()
    report = Progress(len(paths), sys.stderr)
    owners: dict[str, str] = {}  # page name (lower case) → the case file that produced it
    try:
        with pool.ordered_results(functools.partial(make_page, job), paths, pool.worker_count(len(paths)),
                                  crashed=_crashed, at_worker_end=temporaries.forget_all) as outcomes:
            for outcome in outcomes:
                _settle(outcome, job, owners, batch, report)
                report.step()
    finally:  # pages of a worker that died, or of cases not settled when the run stopped
        temporaries.remove_left(outdir, job.token)
    report.clear()
    if args.js_partage and batch.written:
        _write_shared_script(outdir / SHARED_SCRIPT_NAME, bundle)
        if brand.state:
            for name in SHARED_FONT_NAMES:
                _write_shared_script(outdir / name, render.font_file_bytes(name))
    print(printable(summary(len(batch.written), len(batch.refused), outdir, time.perf_counter() - started)))
    if batch.refused:
        _list_refused(batch.refused)
    return 1 if batch.refused else 0


def _list_refused(refused: list[str]) -> None:
    from generator.problems import printable

    label = "Dossier refusé" if len(refused) == 1 else "Dossiers refusés"
    print(printable(f"{label} : {', '.join(refused)}"), file=sys.stderr)


def _write_shared_script(target: Path, data: bytes) -> None:
    try:
        if target.read_bytes() == data:
            return  # already there from an earlier run
    except OSError:
        pass
    write_atomic(target, data, mode=0o644)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
