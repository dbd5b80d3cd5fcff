"""The shared table of the anonymisation guard tests: identifiers as they are really written, the
places of a case file where they can hide, and the ordinary content that must pass.

Used by ``tests/test_guard.py`` (Python verdicts, ``frise`` runs) and by
``tests/test_guard_differential.py`` (Python and JavaScript give the same verdicts). All
identifiers are fictitious; NIR keys are 97 − (number mod 97), Corsica with 2A → 19, 2B → 18.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from generator.timeline import guard

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
# Separators between digit groups: every kind of space a word processor inserts, doubled spaces,
# tabs, dots, dashes and slashes (and underscores: YAML 1.1 reads 06_47 as text, shown as is).
SEPARATORS = (" ", "  ", "\u00a0", "\u202f", "\u2009", "\u2007", "\t", ".", "-", "/", "_")


@dataclass(frozen=True)
class Sample:
    """One identifier inside the words around it; ``value`` is the part that must never leak."""

    kind: str
    text: str
    value: str = ""
    anchor: str = ""  # where the finding starts (default: the value)
    birth_year: int = 1990  # the case file's annee_naissance
    number: bool = False  # YAML would read it as a number when unquoted
    splittable: bool = True  # may be split over two lines of a block scalar at its middle space

    @property
    def secret(self) -> str:
        return self.value or self.text


def _grouped(kind: str, groups: str, prefix: str = "", value_only: bool = True) -> Iterator[Sample]:
    """``groups`` written with every separator, and in full-width digits."""
    for separator in SEPARATORS:
        written = groups.replace(" ", separator)
        yield Sample(kind, prefix + written, written, splittable=" " in separator)
    full = groups.translate(FULL_WIDTH)
    yield Sample(kind, prefix + full, full)


def identifier_samples() -> list[Sample]:
    samples: list[Sample] = []
    # NIR: 15 characters with a valid key, 2A/2B, and the 13-character form without key.
    samples += _grouped(guard.NIR, "1 94 03 75 115 005 97", "NIR ")
    samples += _grouped(guard.NIR, "2 85 11 69 123 456 87", "immatriculée ")
    samples += [
        Sample(guard.NIR, "194037511500597", number=True),
        Sample(guard.NIR, "Sécurité sociale 2 94 03 2A 004 005 39", "2 94 03 2A 004 005 39"),
        Sample(guard.NIR, "294032B00400566"),
        Sample(guard.NIR, "NIR 1 94 03 75 115 005", "1 94 03 75 115 005"),
        Sample(guard.NIR, "1940375115005", number=True),
        Sample(guard.NIR, "ss : 1-85-05-78-006-084-91", "1-85-05-78-006-084-91"),
    ]
    # Phones: metropolitan and overseas, every separator, international prefixes.
    samples += _grouped(guard.PHONE, "06 47 91 38 25", "Tél. ")
    samples += [
        Sample(guard.PHONE, "0647113625", number=True),
        Sample(guard.PHONE, "+33647913825", number=True),
        Sample(guard.PHONE, "Portable +33 6 47 91 38 25", "+33 6 47 91 38 25"),
        Sample(guard.PHONE, "Joindre au +33 (0)6 47 91 38 25", "+33 (0)6 47 91 38 25", splittable=False),
        Sample(guard.PHONE, "0033 6 47 91 38 25"),
        Sample(guard.PHONE, "06/47/91/38/25"),
        Sample(guard.PHONE, "+262 692 12 34 56"),
        Sample(guard.PHONE, "+262692123456", number=True),
        Sample(guard.PHONE, "+269 321 23 45"),
        Sample(guard.PHONE, "+508 41 23 45"),
        Sample(guard.PHONE, "+590 690 12 34 56"),
        Sample(guard.PHONE, "+594 694 12 34 56"),
        Sample(guard.PHONE, "+596 696 12 34 56"),
        Sample(guard.PHONE, "+681 72 12 34"),
        Sample(guard.PHONE, "+687 71 23 45"),
        Sample(guard.PHONE, "+689 87 12 34 56"),
        Sample(guard.PHONE, "fixe 0692 12 34 56", "0692 12 34 56"),
        Sample(guard.PHONE, "01 23 45 67 89"),
        Sample(guard.PHONE, "06 4791 3825"),
        Sample(guard.PHONE, "portable 064 791 38 25", "064 791 38 25"),
        Sample(guard.PHONE, "0 800 123 456"),
    ]
    samples += [
        Sample(guard.EMAIL, "Écrire à camille.martin@example.org", "camille.martin@example.org",
               splittable=False),
        Sample(guard.EMAIL, "c.martin+spip@courriel.example.fr", splittable=False),
        Sample(guard.EMAIL, "x_y@z-z.co.uk", splittable=False),
    ]
    for address, value in (
        ("12 rue des Lilas", "Lilas"), ("3 bis avenue Jean Jaurès", "Jaurès"),
        ("5, boulevard de la Liberté", "Liberté"), ("7 bd Voltaire", "Voltaire"),
        ("14 impasse du Moulin", "Moulin"), ("2 allée des Tilleuls", "Tilleuls"),
        ("8 place de la République", "République"), ("1 chemin Vert", "1 chemin Vert"),
        ("45 route de Grenoble", "Grenoble"), ("9 quai Saint-Vincent", "Vincent"),
        ("21 cours Lafayette", "Lafayette"), ("6 av. Foch", "6 av. Foch"),
        ("4 résidence Les Pins", "4 résidence Les Pins"), ("11 square Marcel Pagnol", "Pagnol"),
        ("10 r. Pasteur", "Pasteur"), ("3 lotissement Les Vignes", "Vignes"),
        ("12 RUE DES LILAS", "LILAS"), ("12\u00a0rue\u202fdes Lilas", "Lilas"),
        ("8 place de l'Église", "Église"), ("3 lieu-dit Les Granges", "Granges"),
    ):
        samples.append(Sample(guard.ADDRESS, f"Hébergé au {address}", value, address))
    for text, value in (
        ("né le 12/03/1994", "12/03/1994"), ("née à Lyon le 12/03/1994", "12/03/1994"),
        ("né le 12/03/94", "12/03/94"), ("né le 12.03.1994", "12.03.1994"),
        ("né le 12 03 1994", "12 03 1994"), ("née le 12 mars 1994", "12 mars 1994"),
        ("né le 1er mars 1994", "1er mars 1994"), ("DDN : 1994-03-12", "1994-03-12"),
        ("naissance 12-03-1994", "12-03-1994"), ("Né(e) le 12/03/1994", "12/03/1994"),
        ("12/03/1994 (naissance)", "12/03/1994"), ("né le １２/０３/１９９４", "１２/０３/１９９４"),
        ("né le 12\u00a0mars\u00a01994", "12\u00a0mars\u00a01994"),
        ("Date de naissance: 12/03/1994", "12/03/1994"), ("NÉE LE 12/03/1994", "12/03/1994"),
    ):
        samples.append(Sample(guard.BIRTH_DATE, text, value))
    # Any day-precise date in the year of birth is a full date of birth.
    for text, value in (
        ("Hospitalisé le 02/05/1994", "02/05/1994"), ("1994-05-02", "1994-05-02"),
        ("Baptême le 2 mai 1994", "2 mai 1994"), ("Vu le 02/05/94", "02/05/94"),
    ):
        samples.append(Sample(guard.BIRTH_DATE, text, value, birth_year=1994))
    for text in (
        "écroué sous le numéro 184523", "écrou n° 184523", "N° d'écrou : 184523", "ECROU 184523",
        "Écroué, numéro 184523", "ecrou 184523", "écrouée le 3 mai, n° 184523", "N° d'écrou : 184523",
        "numéro d'écrou 184523", "ÉCROUÉ SOUS LE N° 184523",
    ):
        samples.append(Sample(guard.ECROU, text, "184523"))
    for text, value in (
        ("NPP 21184523456", "21184523456"), ("parquet n° 23/123/456", "23/123/456"),
        ("RG 19/01234", "19/01234"), ("N° parquet : 23 123 000456", "23 123 000456"),
        ("numéro de parquet : 23123000456", "23123000456"), ("n° de parquet 2019/123456", "2019/123456"),
        ("Parquet n° 2019", "2019"),
    ):
        samples.append(Sample(guard.PARQUET, text, value))
    samples.append(Sample(guard.PARQUET, "21184523456", number=True))
    for prefix, title, value in (
        ("Reçu par ", "M. ", "Dupont"), ("", "Mme ", "Martin"), ("", "Mlle ", "Petit"),
        ("", "Monsieur ", "Durand"), ("", "Madame ", "Leroy"), ("", "Mademoiselle ", "Roux"),
        ("avocat : ", "Me ", "Bernard"), ("suivi par ", "Dr ", "Petit"), ("", "M.\u00a0", "Dupont"),
        ("", "MADAME ", "LEROY"), ("", "Mme. ", "Lambert"), ("vu avec ", "monsieur ", "Garnier"),
        ("", "Mr ", "Dupont"), ("", "Mme ", "Camille Martin"), ("", "Dr. ", "Petit"),
    ):
        samples.append(Sample(guard.CIVILITY, prefix + title + value, value, title + value))
    return samples


# Ordinary content of a case file: none of it is an identifier.
PASSES = (
    "levée d'écrou en 2015", "Levée d'écrou le 2015-03-02", "Écroué en 2015", "écroué pendant 18 mois",
    "Parquet de Lyon en 2015", "Naissance de sa fille", "Naissance de sa fille le 12/06/2015",
    "Né en 1994, condamné le 12/03/2015", "Né en 1994", "Condamné le 12/03/2015", "6 mois", "140 h",
    "500 €", "2 ans", "50 jours-amende à 10 €", "EX-2024-017", "f12", "Vol #2", "7875",
    "Stage de 3 semaines, 20 cours de code", "2 places d'hébergement", "Place Bellecour",
    "Dette de 12 345,67 €", "Excès de vitesse de 25 km/h", "1 94 03 75 115 005 42",
    "194037511500598", "594037511500597", "Année 2012, puis 2013-2014", "du 01/02/2012 au 03/04/2013",
    "M. X", "M. le juge", "Me voici", "Relevé d'identité 2019", "Appel 23 mai 2019",
    "Libéré le 12 mars 2019", "CDD de 35 h par semaine", "Sorti le 2015-03-02", "écrou levé le 03/2015",
    "Vol à l'étalage", "Suivi en addictologie", "3 rue", "RG", "Parquet", "Il ne se présente pas le 12/03/2015",
    "Reconnaissance de dette le 12/03/2015", "Condamné ; né en 1990", "ddn inconnue",
    "2 × 3 séances", "Période 2012-03 à 2013-01", "TIG de 140 h, 2 ans d'épreuve",
    "Permis suspendu 6 mois (2019-2020)", "12 345", "Numéro 4", "Mlle", "Dr", "Monsieur",
    "n° 3, écroué en 2015", "2 vols, écroué 18 mois", "M. le juge d'application des peines",
)


def fragments(value: str) -> set[str]:
    """Pieces of a value that a message must never contain: 4-digit windows, words of 4+ letters."""
    text = unicodedata.normalize("NFKC", value)
    digits = re.sub(r"\D", "", text)
    pieces = {digits[i: i + 4] for i in range(len(digits) - 3)}
    pieces |= set(re.findall(r"[^\W\d_]{4,}", text))
    return pieces


# --- places of a case file ---------------------------------------------------------------------
YAML_LINES = (
    "dossier: EX-T-01",
    "annee_naissance: {year}",
    "date_reference: 2026-11-01",
    "faits:",
    "  - id: f1",
    "    date: 2012-03",
    "    categorie: vol",
    "    gravite: delit",
    '    libelle: "Vol à l\'étalage"',  # line 9
    "decisions:",
    "  - id: d1",
    "    date: 2012-09",
    "    faits: [f1]",
    "    juridiction: tribunal_correctionnel",
    "    peines:",
    "      - type: sursis_probatoire",
    "        quantum: 6 mois",  # line 17
    "vie:",
    "  - domaine: emploi",
    "    debut: 2014-02",
    "    libelle: CDD en logistique",  # line 21
)
CSV_HEADER = "rubrique;dossier;annee_naissance;date_reference;id;date;categorie;gravite;libelle"
PLACES = (
    "libelle", "quantum", "unknown_key_value", "key_name", "comment", "trailing_comment",
    "block_literal", "block_folded", "unquoted_number", "yaml_escapes", "csv_cell",
)


def _split(text: str) -> tuple[str, str] | None:
    """``text`` cut at the plain space nearest its middle (None without one)."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return None
    middle = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:middle], text[middle + 1:]


def place(sample: Sample, where: str) -> tuple[str, str, int] | None:
    """(file suffix, file text, line where the identifier starts), or None when not applicable."""
    x = sample.text
    lines = [line.replace("{year}", str(sample.birth_year)) for line in YAML_LINES]
    if where == "csv_cell":
        rows = [
            CSV_HEADER, f"dossier;EX-T-01;{sample.birth_year};2026-11-01;;;;;",
            f'fait;;;;f1;2012-03;vol;delit;"{x}"',
        ]
        return ".csv", "\n".join(rows) + "\n", 3
    if where == "libelle":
        lines[8] = f'    libelle: "Vol, {x}"'
        line = 9
    elif where == "quantum":
        lines[16] = f'        quantum: "{x}"'
        line = 17
    elif where == "unknown_key_value":
        lines.append(f'    remarque: "{x}"')
        line = 22
    elif where == "key_name":
        lines.append(f'    "{x}": oui')
        line = 22
    elif where == "comment":
        lines.append(f"# {x}")
        line = 22
    elif where == "trailing_comment":
        lines[20] += f"  # {x}"
        line = 21
    elif where in ("block_literal", "block_folded"):
        parts = _split(x) if sample.splittable else None
        if parts is None:
            return None
        lines[20] = "    libelle: " + ("|" if where == "block_literal" else ">")
        lines += [f"      Emploi trouvé, {parts[0]}", f"      {parts[1]} (suite)"]
        line = 22 if parts[0].strip() and _starts_in_first(sample, parts[0]) else 23
    elif where == "yaml_escapes":
        # What YAML decodes in double quotes: \\_ is a no-break space, \\x36 is "6".
        escaped = x.replace(" ", "\\_").replace("6", "\\x36").replace("9", "\\u0039")
        lines.append(f'    remarque: "{escaped}"')
        line = 22
    elif where == "unquoted_number":
        if not sample.number:
            return None
        lines.append(f"    remarque: {x}")
        line = 22
    else:
        raise ValueError(where)
    return ".yaml", "\n".join(lines) + "\n", line


def _starts_in_first(sample: Sample, first: str) -> bool:
    """Whether the identifier starts in the first half (else on the next line)."""
    index = sample.text.find(sample.anchor or sample.secret)
    return index < len(first) if index >= 0 else True


def matrix() -> list[tuple[Sample, str, str, str, int]]:
    """Every (sample, place, suffix, text, expected line) of the matrix."""
    cases = []
    for sample in identifier_samples():
        for where in PLACES:
            placed = place(sample, where)
            if placed is not None:
                cases.append((sample, where, *placed))
    return cases


def pass_files() -> list[tuple[str, str]]:
    """Ordinary texts in the places where identifiers hide: (suffix, file text)."""
    files = []
    for text in PASSES:
        for where in ("libelle", "comment", "csv_cell"):
            placed = place(Sample("", text, splittable=False), where)
            assert placed is not None
            files.append((placed[0], placed[1]))
    return files
