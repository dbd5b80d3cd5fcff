"""Generate a large, realistic-looking catalogue for benchmarks, from the starter content.

``generate(n, out_dir)`` writes ``n`` tool sheets into ``out_dir/tools/`` (the starter sheets,
unchanged, plus ``n - 28`` new ones) and the starter programmes into ``out_dir/programmes/``;
it returns ``out_dir``, a content folder for ``python build.py --content``. Deterministic for a
given seed: benchmarks of different runs (and of different issues) see the same sheets.

New sheets recombine the starter ones: a title built from a kind of tool, a topic and a
context; a summary of sentences from two sheets; the sections of one sheet plus one of
another; a few words swapped for synonyms and a local paragraph (town, partner), so that the
vocabulary grows with the catalogue as it would with real contributors.

    python bench/generate_content.py 3000 /tmp/contenu-3000
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: python bench/generate_content.py
    sys.path.insert(0, str(REPO_ROOT))

from generator.french_argparse import FrenchArgumentParser  # noqa: E402
from generator.text import slugify  # noqa: E402

STARTER = REPO_ROOT / "content"
SEED = 20240318
KINDS = ("Atelier", "Fiche", "Grille", "Carnet", "Exercice", "Jeu", "Questionnaire", "Schéma",
         "Tableau", "Carte", "Plan", "Séance", "Entretien", "Support", "Guide", "Photolangage",
         "Frise", "Cartes", "Mise en situation", "Auto-évaluation")
CONTEXTS = ("en groupe", "pour jeunes majeurs", "version courte", "en détention", "au quotidien",
            "pas à pas", "en milieu ouvert", "avec support visuel", "pour personnes peu lectrices",
            "en trois temps", "avant la sortie", "après la sortie", "en binôme", "pour les femmes",
            "en quartier de semi-liberté", "sous surveillance électronique", "en premier entretien",
            "en fin de mesure", "avec un interprète", "en visioconférence", "en atelier d'écriture",
            "pour les longues peines", "en permanence d'accueil", "avec un partenaire associatif")
TOWNS = ("Amiens", "Angers", "Annecy", "Arras", "Auxerre", "Avignon", "Bayonne", "Beauvais",
         "Besançon", "Blois", "Bobigny", "Bordeaux", "Bourges", "Brest", "Caen", "Cahors",
         "Carcassonne", "Chalon-sur-Saône", "Chambéry", "Chartres", "Cherbourg", "Colmar", "Créteil",
         "Dijon", "Douai", "Évry", "Foix", "Gap", "Grenoble", "Guéret", "La Rochelle", "Laval",
         "Le Havre", "Le Mans", "Lille", "Limoges", "Lorient", "Lyon", "Mâcon", "Marseille", "Meaux",
         "Melun", "Metz", "Montauban", "Montpellier", "Mulhouse", "Nancy", "Nanterre", "Nantes",
         "Nevers", "Nice", "Nîmes", "Niort", "Orléans", "Pau", "Périgueux", "Perpignan", "Poitiers",
         "Pontoise", "Quimper", "Reims", "Rennes", "Roanne", "Rodez", "Rouen", "Saint-Brieuc",
         "Saint-Étienne", "Saintes", "Strasbourg", "Tarbes", "Toulon", "Toulouse", "Tours", "Troyes",
         "Valence", "Valenciennes", "Vannes", "Versailles", "Vesoul")
PARTNERS = ("le CSAPA", "la mission locale", "France Travail", "le centre social", "la maison de quartier",
            "l'association d'aide aux victimes", "le service de probation voisin", "le CMP",
            "l'équipe de liaison en addictologie", "le club de prévention", "la PJJ", "le CHRS",
            "l'unité sanitaire", "l'association sportive", "la médiathèque", "le planning familial")
SYNONYMS = {"la personne suivie": "le probationnaire", "la personne": "l'intéressé",
            "exercice": "activité", "séance": "rencontre", "entretien": "rendez-vous",
            "consigne": "instruction", "groupe": "collectif", "difficultés": "obstacles"}
DURATIONS = (20, 30, 45, 60, 90, "15-20", "20-30", "30-45", "45-60", "60-90")
# Local names (associations, places) made of syllables: real catalogues keep meeting new words
# (Heaps' law), which makes an index grow faster than recombined text alone would.
SYLLABLES = ("ba", "bel", "bri", "ca", "cor", "da", "del", "fa", "fon", "ga", "gre", "la", "lan", "ma",
             "mar", "mon", "na", "nor", "pa", "pel", "ra", "ren", "sa", "sol", "ta", "tor", "va", "vil",
             "ber", "chan", "cla", "dor", "gar", "lis", "mer", "pon", "quin", "ro", "sen", "tre")
ENDINGS = ("ac", "ais", "ans", "el", "ens", "et", "ier", "in", "ine", "oix", "on", "ot", "ère", "y")
NEW_NAME_ODDS = 0.6


@dataclass
class StarterSheet:
    slug: str
    front: dict[str, Any]
    body: str
    sections: list[str]  # "## …" blocks of the body


def generate(n: int, out_dir: Path, seed: int = SEED) -> Path:
    """Write ``n`` tool sheets (starter ones included) and the starter programmes into ``out_dir``."""
    tools, programmes, methods = out_dir / "tools", out_dir / "programmes", out_dir / "methodes"
    for folder in (tools, programmes, methods):
        if folder.exists():
            shutil.rmtree(folder)
    shutil.copytree(STARTER / "tools", tools)
    shutil.copytree(STARTER / "programmes", programmes)
    if (STARTER / "methodes").is_dir():  # the sheets name their methods: they must exist
        shutil.copytree(STARTER / "methodes", methods)
    starters = [read_sheet(path) for path in sorted((STARTER / "tools").glob("*.md"))]
    rng = random.Random(seed)
    slugs = {sheet.slug for sheet in starters}
    names: list[str] = []
    for number in range(max(0, n - len(starters))):
        front, body = new_sheet(rng, starters, number, names)
        slug = _unique(slugify(front["titre"]), slugs)
        slugs.add(slug)
        (tools / f"{slug}.md").write_text(_sheet_text(front, body), encoding="utf-8")
    return out_dir


def read_sheet(path: Path) -> StarterSheet:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    sections = ["## " + part.strip() for part in re.split(r"^## ", body, flags=re.M)[1:]]
    return StarterSheet(path.stem, yaml.safe_load(front), body, sections)


def new_sheet(rng: random.Random, starters: list[StarterSheet], number: int,
              names: list[str]) -> tuple[dict[str, Any], str]:
    base, other = rng.sample(starters, 2)
    topic = rng.choice(base.front.get("mots_cles") or [base.front["titre"]])
    title = f"{rng.choice(KINDS)} : {topic} {rng.choice(CONTEXTS)}"
    if number % 3 == 0:
        title += f" ({rng.choice(TOWNS)})"
    front = dict(base.front)
    front.update(
        titre=title[:1].upper() + title[1:],
        resume=_summary(rng, base, other),
        facteurs_risques=sorted(set(base.front["facteurs_risques"])
                                | set(rng.sample(other.front["facteurs_risques"], 1))),
        duree=rng.choice(DURATIONS),
        objectifs=rng.sample(_pool(starters, "objectifs"), rng.randint(2, 4)),
        mots_cles=sorted({topic, *rng.sample(_pool(starters, "mots_cles"), rng.randint(2, 4))}),
        programmes=[],
    )
    if rng.random() < 0.5:
        front.pop("supports", None)
    if rng.random() < 0.6:
        front.pop("retours", None)
    sections = [*base.sections, rng.choice(other.sections), _local_section(rng, names)]
    return front, _vary(rng, "\n\n".join(sections))


def _summary(rng: random.Random, base: StarterSheet, other: StarterSheet) -> str:
    sentences = [s for sheet in (base, other) for s in re.split(r"(?<=\.) ", sheet.front["resume"])]
    summary = ""
    for sentence in rng.sample(sentences, len(sentences)):
        if len(summary) + len(sentence) + 1 > 400:
            break
        summary = f"{summary} {sentence}".strip()
    return summary or sentences[0][:400]


def _pool(starters: list[StarterSheet], key: str) -> list[str]:
    return sorted({value for sheet in starters for value in sheet.front.get(key) or []})


def _local_section(rng: random.Random, names: list[str]) -> str:
    town, partner = rng.choice(TOWNS), rng.choice(PARTNERS)
    place, association, venue = (_local_name(rng, names) for _ in range(3))
    return (f"## Adaptation locale\n\nAu SPIP de {town}, l'outil est proposé avec {partner} : "
            f"une rencontre de présentation, puis un point d'étape au bout de {rng.randint(2, 8)} semaines. "
            f"Les séances ont lieu au quartier {place}, avec l'association {association} "
            f"et la salle {venue}.")


def _local_name(rng: random.Random, names: list[str]) -> str:
    if names and rng.random() > NEW_NAME_ODDS:
        return rng.choice(names)
    name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 2))) + rng.choice(ENDINGS)
    names.append(name.capitalize())
    return names[-1]


def _vary(rng: random.Random, text: str) -> str:
    for word, synonym in SYNONYMS.items():
        if rng.random() < 0.3:
            text = text.replace(word, synonym)
    return text


def _unique(slug: str, taken: set[str]) -> str:
    candidate, suffix = slug[:80].strip("-"), 2
    while candidate in taken:
        candidate, suffix = f"{slug[:80].strip('-')}-{suffix}", suffix + 1
    return candidate


def _sheet_text(front: dict[str, Any], body: str) -> str:
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{header}---\n\n{body}\n"


def main(argv: list[str] | None = None) -> int:
    cli = FrenchArgumentParser(prog="python bench/generate_content.py",
                               description="Génère un catalogue de N fiches pour les mesures de performance.")
    cli.add_argument("nombre", type=int, help="nombre de fiches outils (fiches de départ comprises)")
    cli.add_argument("dossier", type=Path, help="dossier de contenu à écrire (tools/ et programmes/)")
    cli.add_argument("--graine", type=int, default=SEED, help=f"graine du hasard (défaut : {SEED})")
    args = cli.parse_args(argv)
    out = generate(args.nombre, args.dossier, args.graine)
    print(f"{args.nombre} fiches écrites dans {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
