"""The last resort of both entry points: a failure of the machine, said in French.

A full disk, a read-only folder or a bug of ours must not end in a traceback: the user gets one
French sentence naming what happened, and the exit code 1. Nothing of the input is repeated
(case files are personal data): only the kind of failure, and for file-system errors the
errno's meaning and, where the caller allows it, the path concerned.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable

from generator.problems import printable, report

DEBUG_VARIABLE = "REPERE_TRACEBACK"

ERRNO_TEXT = {
    errno.ENOSPC: "disque plein (ENOSPC) : libérez de la place puis relancez",
    errno.EDQUOT: "quota de disque dépassé (EDQUOT) : libérez de la place puis relancez",
    errno.EROFS: "système de fichiers en lecture seule (EROFS) : choisissez un autre dossier de sortie",
    errno.EACCES: "permission refusée (EACCES) : vérifiez les droits sur les dossiers lus et écrits",
    errno.EPERM: "opération non permise (EPERM) : vérifiez les droits sur les dossiers lus et écrits",
    errno.ENAMETOOLONG: "nom de fichier trop long (ENAMETOOLONG) : raccourcissez le nom ou le chemin",
    errno.ENOENT: "fichier ou dossier introuvable (ENOENT)",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier (ENOTDIR)",
    errno.EISDIR: "un dossier se trouve là où un fichier est attendu (EISDIR)",
    errno.EEXIST: "un fichier du même nom existe déjà (EEXIST)",
    errno.ELOOP: "trop de liens symboliques (ELOOP)",
    errno.EMFILE: "trop de fichiers ouverts (EMFILE)",
    errno.EIO: "erreur d'entrée-sortie du disque (EIO)",
    errno.EXDEV: "déplacement entre deux disques impossible (EXDEV)",
}


def os_error_text(error: OSError, show_path: bool = True) -> str:
    """``disque plein (ENOSPC) … [: chemin]`` for an ``OSError``, without its English ``strerror``."""
    code = error.errno or 0
    text = ERRNO_TEXT.get(code) or f"erreur du système de fichiers ({errno.errorcode.get(code, code)})"
    if show_path and error.filename is not None:
        text += f" — {printable(str(error.filename))}"
    return text


def unexpected_text(error: BaseException, show_path: bool = True) -> str:
    """One French sentence for an exception nobody expected; never its message (it may quote input)."""
    if isinstance(error, OSError):
        return os_error_text(error, show_path)
    if isinstance(error, RecursionError):
        return "structure imbriquée trop profondément (listes, crochets ou citations) : simplifiez-la"
    if isinstance(error, MemoryError):
        return "mémoire insuffisante : le fichier est trop gros"
    if isinstance(error, UnicodeError):
        return "caractère impossible à lire ou à écrire en UTF-8 (par exemple un demi-codet isolé)"
    if isinstance(error, OverflowError):
        return "date ou nombre hors des limites permises"
    return f"erreur interne inattendue ({type(error).__name__}) : signalez-la aux mainteneurs de Repère"


def guarded(run: Callable[[], int], tool: str, show_path: bool = True,
            epilogue: str = "") -> int:
    """``run()``, with every unexpected exception turned into a French message and the code 1."""
    try:
        return run()
    except KeyboardInterrupt:
        report(f"{tool} : interrompu.{epilogue}")
        return 130
    except SystemExit:
        raise
    except BaseException as error:  # noqa: BLE001 - the last resort, by design
        if os.environ.get(DEBUG_VARIABLE):
            raise  # developers: the traceback (it may quote input, so never by default)
        report(f"{tool} : {unexpected_text(error, show_path)}.{epilogue}")
        return 1
