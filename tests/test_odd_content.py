"""Large and odd content builds: one content folder with everything a real contributor may send.

A sheet saved by a Windows editor (UTF-8 BOM, CRLF line endings) with a 200 KB body and 50
supports whose file names have accents, spaces, apostrophes and URL-special characters (# % &),
one of them in a sub-folder; a sheet with empty optional lists. The real MkDocs build must
succeed, and every support link of the page and of the plan data must lead to the same bytes.
"""

from __future__ import annotations

import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator.catalogue.site_build import main

pytestmark = pytest.mark.slow

ODD_NAMES = [
    "fiche d'évaluation é.pdf",
    "Séance n°2 – version finale.pdf",
    "100% réussite.pdf",
    "grille #3.pdf",
    "café & thé.pdf",
    "sous dossier/niveau 2 (à imprimer).pdf",
]
SUPPORTS = ODD_NAMES + [f"support numéro {number:02d}.pdf" for number in range(len(ODD_NAMES), 50)]
BODY_BYTES = 200_000
LAST_WORDS = "Fin du très long mode d'emploi."


def pdf(number: int) -> bytes:
    """A tiny PDF, different for each support so that a mix-up of files would show."""
    return (f"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% support {number}\n"
            "trailer << /Root 1 0 R >>\n%%EOF\n").encode("ascii")


def long_body() -> str:
    paragraph = ("La personne suivie décrit sa semaine ; le CPIP reformule, questionne, résume. "
                 "Les « guillemets », l'apostrophe et les accents restent tels quels. ") * 6
    sections, size, number = [], 0, 0
    while size < BODY_BYTES:
        number += 1
        section = f"## Étape {number}\n\n{paragraph}\n\n- un point\n- un autre point\n"
        sections.append(section)
        size += len(section.encode("utf-8"))
    return "\n".join(sections) + f"\n{LAST_WORDS}\n"


def windows_sheet() -> bytes:
    supports = "".join(f'  - fichier: "supports/{name}"\n    titre: "Support {index + 1} : {name}"\n'
                       for index, name in enumerate(SUPPORTS))
    text = ("---\ntitre: Fiche écrite sous Windows\nresume: Un très long mode d'emploi et cinquante supports.\n"
            "facteurs_risques: [attitudes]\nmodalite: [individuel]\nduree: 45\n"
            f"supports:\n{supports}---\n{long_body()}")
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")


EMPTY_LISTS = """---
titre: Fiche aux listes vides
resume: Les listes facultatives sont présentes mais vides.
facteurs_risques: [loisirs]
modalite: [collectif]
duree: "30-45"
objectifs: []
milieu: []
stades_changement: []
mots_cles: []
---
## Déroulé

Une seule étape.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bizarre")
    tools = root / "contenu" / "tools"
    for number, name in enumerate(SUPPORTS):
        (tools / "supports" / name).parent.mkdir(parents=True, exist_ok=True)
        (tools / "supports" / name).write_bytes(pdf(number))
    (tools / "fiche-windows.md").write_bytes(windows_sheet())
    (tools / "listes-vides.md").write_text(EMPTY_LISTS, encoding="utf-8")
    assert main(["--content", str(root / "contenu"), "--site-dir", str(root / "site")]) == 0
    return root


class SupportLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_list = False
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "ul" and "repere-supports" in (found.get("class") or ""):
            self.in_list = True
        elif tag == "a" and self.in_list:
            self.hrefs.append(found["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self.in_list = False


def test_the_windows_sheet_builds_whole(built: Path) -> None:
    page = built / "site" / "outils" / "fiche-windows.html"
    html = page.read_text(encoding="utf-8")
    assert page.stat().st_size > BODY_BYTES
    assert "<h1" in html and "Fiche écrite sous Windows" in html  # the BOM did not hide "titre"
    assert LAST_WORDS.replace("'", "&#x27;") in html or LAST_WORDS in html  # nothing cut off
    assert "\r" not in html


def test_every_support_link_leads_to_its_file(built: Path) -> None:
    site = built / "site"
    parser = SupportLinks()
    parser.feed((site / "outils" / "fiche-windows.html").read_text(encoding="utf-8"))
    assert len(parser.hrefs) == len(SUPPORTS) == 50
    for number, (href, name) in enumerate(zip(parser.hrefs, SUPPORTS, strict=True)):
        # Encoded: a raw "#" would cut the address, a raw "%" would be read as an escape.
        assert re.fullmatch(r"[A-Za-z0-9%._~/()!*'-]+", href), href
        target = site / "outils" / unquote(href)
        assert target == site / "outils" / "supports" / name
        assert target.read_bytes() == pdf(number)


def test_plan_data_links_the_same_files(built: Path) -> None:
    """``Mon plan`` lists supports from catalogue-data.js, with addresses from the site root."""
    site = built / "site"
    script = (site / "assets" / "catalogue-data.js").read_text(encoding="utf-8")
    data = json.loads(script.split("=", 1)[1].rstrip().rstrip(";"))
    tool = next(tool for tool in data["tools"] if tool["s"] == "fiche-windows")
    addresses = [support["h"] for support in tool["sp"]]
    assert [unquote(address) for address in addresses] == [f"outils/supports/{name}" for name in SUPPORTS]
    assert all((site / unquote(address)).is_file() for address in addresses)


def test_the_zip_keeps_the_odd_names(built: Path) -> None:
    with zipfile.ZipFile(built / "dist" / "repere-hors-ligne.zip") as archive:
        names = set(archive.namelist())
        for number, name in enumerate(SUPPORTS):
            entry = f"repere-hors-ligne/outils/supports/{name}"
            assert entry in names
            assert archive.read(entry) == pdf(number)


def test_empty_optional_lists_take_their_defaults(built: Path) -> None:
    html = (built / "site" / "outils" / "listes-vides.html").read_text(encoding="utf-8")
    assert "<dt>Milieu</dt><dd>Milieu ouvert et milieu fermé</dd>" in html
    assert "<dd>Non précisé</dd>" in html  # the updated contract: no stage reads « non précisé »
    assert "Objectifs" not in html and "Mots-clés" not in html
