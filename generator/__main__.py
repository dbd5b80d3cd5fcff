"""``python -m generator COMMANDE …``: the generator's commands without installed scripts."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from generator.problems import printable

# command → module with ``main(argv, prog) -> int``; imported only when asked for.
COMMANDS = {"frise": "generator.timeline.cli"}

USAGE = """\
usage : python -m generator COMMANDE [ARGUMENTS…]

commandes :
  frise    fabrique la frise du parcours judiciaire (une page HTML par dossier)

Aide d'une commande : python -m generator frise --help"""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(USAGE, file=sys.stdout if args else sys.stderr)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command not in COMMANDS:
        print(USAGE, file=sys.stderr)
        print(printable(f"python -m generator : erreur : commande inconnue : {command}"), file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[command])
    return module.main(rest, prog=f"python -m generator {command}")


if __name__ == "__main__":
    sys.exit(main())
