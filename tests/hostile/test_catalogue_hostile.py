"""Contributors write content, not code (issue 11, catalogue side).

Every attack of ``catalogue/corps/`` (sheet bodies) and every support attack below is run
through the real build command: it must exit non-zero with a French message located
``file:line`` and write nothing (no site, no zip, nothing outside the output folders).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.catalogue.site_build import main as build_main

HERE = Path(__file__).resolve().parent
BODIES = HERE / "catalogue" / "corps"
FRONT_MATTER = ("---\ntitre: Outil visé\nresume: Une fiche qui tente autre chose que du texte.\n"
                "facteurs_risques: [addictions]\nmodalite: [individuel]\nduree: 20\n{extra}---\n")
BODY_FIRST_LINE = 8  # with no extra key: 7 front-matter lines, then the body

# body fixture → (line in the body, words the message must contain)
BODY_ATTACKS: dict[str, tuple[int, str]] = {
    "script": (3, "« <script> » non autorisée"),
    "img-onerror": (2, "« onerror » non autorisé sur « <img> »"),
    "lien-javascript": (1, "« javascript: » refusée"),
    "lien-javascript-casse": (1, "« javascript: » refusée"),
    "lien-entite-decimale": (3, "« javascript: » refusée"),
    "lien-entite-deux-points": (1, "« javascript: » refusée"),
    "lien-tabulation": (3, "« javascript: » refusée"),
    "lien-espaces": (1, "« javascript: » refusée"),
    "lien-reference": (3, "« javascript: » refusée"),
    "lien-automatique": (1, "non autorisée"),
    "image-data": (1, "« data: » refusée dans « src » de « <img> »"),
    "lien-vbscript": (1, "« vbscript: » refusée"),
    "svg-onload": (3, "« <svg> » non autorisée"),
    "math-xlink": (1, "« <math> » non autorisée"),
    "attr-list-titre": (1, "« onclick » non autorisé sur « <h2> »"),
    "attr-list-style": (2, "« style » non autorisé sur « <p> »"),
    "attr-list-lien": (3, "« onmouseover » non autorisé sur « <a> »"),
    "details-ontoggle": (1, "« ontoggle » non autorisé sur « <details> »"),
    "style": (1, "« <style> » non autorisée"),
    "link": (1, "« <link> » non autorisée"),
    "iframe-srcdoc": (1, "« <iframe> » non autorisée"),
    "formulaire": (3, "« <form> » non autorisée"),
    "base": (1, "« <base> » non autorisée"),
    "meta-refresh": (1, "« <meta> » non autorisée"),
    "object": (1, "« <object> » non autorisée"),
    "embed": (1, "« <embed> » non autorisée"),
    "commentaire-pieger": (3, "commentaire HTML"),
    "cdata": (1, "déclaration HTML"),
    "noscript": (1, "« <noscript> » non autorisée"),
    "div-markdown-onclick": (1, "« onclick » non autorisé sur « <div> »"),
    "id-reserve": (1, "réservé au thème"),
    "srcset": (1, "« srcset » non autorisé sur « <img> »"),
    "image-protocole-relatif": (1, "« // »"),
    "bouton": (1, "« <button> » non autorisée"),
    "input-autofocus": (1, "« <input> » non autorisée"),
    "style-attribut": (1, "« style » non autorisé sur « <p> »"),
    "a-onclick-entites": (1, "« onclick » non autorisé sur « <a> »"),
}
# Generated bodies: denial of service against Markdown rendering (must answer in seconds). The
# first three are the build's input limits (generator/input_limits.py, located at the paragraph
# or line they name: line None here); the others are the body check's own.
GENERATED_ATTACKS: dict[str, tuple[str, int | None, str]] = {
    "crochets-150-ko": ("[" * 150_000 + "\n", None, "plus de 200 crochets"),
    "crochets-par-lignes": ("[\n" * 75_000, None, "plus de 200 crochets"),
    "listes-imbriquees": ("\n".join("    " * depth + "- x" for depth in range(300)) + "\n", None,
                          "imbriquées sur plus de 12"),
    "chevrons-ouverts": ("<a" * 75_000 + "\n", 1, "jamais suivis de « > »"),
    "balises-en-rafale": ("<b>x</b> " * 16_000 + "\n", 1, "caractères sans ligne vide"),
    "crochets-non-refermes": ("Voir [ceci " * 150 + "\n", 1, "crochets « [ » non refermés"),
}


def _content(tmp_path: Path, body: str, extra: str = "") -> Path:
    content = tmp_path / "content"
    (content / "tools" / "supports").mkdir(parents=True)
    (content / "tools" / "outil.md").write_text(FRONT_MATTER.format(extra=extra) + body, encoding="utf-8")
    return content


def _refused(tmp_path: Path, content: Path, capsys: pytest.CaptureFixture[str]) -> str:
    site = tmp_path / "out" / "site"
    assert build_main(["--content", str(content), "--site-dir", str(site)]) == 1
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*")), "nothing written"
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return captured.err


@pytest.mark.parametrize("name", sorted(BODY_ATTACKS))
def test_body_attack_is_refused_and_located(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line, words = BODY_ATTACKS[name]
    body = (BODIES / f"{name}.md").read_text(encoding="utf-8")
    err = _refused(tmp_path, _content(tmp_path, body), capsys)
    expected = f"outil.md:{BODY_FIRST_LINE + line - 1}: "
    located = [message for message in err.splitlines() if expected in message]
    assert any(words in message for message in located), err


def test_every_body_fixture_is_listed() -> None:
    assert {path.stem for path in BODIES.glob("*.md")} == set(BODY_ATTACKS)


@pytest.mark.parametrize("name", sorted(GENERATED_ATTACKS))
def test_rendering_attack_is_refused_quickly(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import time

    body, line, words = GENERATED_ATTACKS[name]
    started = time.perf_counter()
    err = _refused(tmp_path, _content(tmp_path, body), capsys)
    assert time.perf_counter() - started < 20
    where = r"\d+" if line is None else str(BODY_FIRST_LINE + line - 1)
    assert re.search(rf"outil\.md:{where}: .*{re.escape(words)}", err), err
    if line is None:  # the input limits said it: the body check adds no second message
        assert "sans ligne vide" not in err and "non refermés" not in err, err


# --- supports -------------------------------------------------------------------------------------

def _support_sheet(tmp_path: Path, fichier: str) -> Path:
    extra = f"supports:\n  - fichier: '{fichier}'\n    titre: Support\n"
    return _content(tmp_path, "## Déroulé\n\nTexte.\n", extra)


SUPPORT_LINE = 8  # "  - fichier: …" under "supports:" (line 7)


def _pdf(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    return path


def _setup_outside(tmp_path: Path) -> None:
    _pdf(tmp_path / "dehors" / "secret.pdf")


def _setup_symlinked_folder(tmp_path: Path) -> None:
    # supports/lien → a folder outside; "lien/../x.pdf" resolves next to that folder, outside.
    _pdf(tmp_path / "ailleurs" / "x.pdf")
    (tmp_path / "ailleurs" / "profond").mkdir()
    os.symlink(tmp_path / "ailleurs" / "profond", tmp_path / "content" / "tools" / "supports" / "lien")


def _setup_symlinked_file(tmp_path: Path) -> None:
    _pdf(tmp_path / "ailleurs" / "secret.pdf")
    os.symlink(tmp_path / "ailleurs" / "secret.pdf", tmp_path / "content" / "tools" / "supports" / "fiche.pdf")


def _setup_symlink_to_html(tmp_path: Path) -> None:
    page = tmp_path / "content" / "tools" / "supports" / "page.html"
    page.write_text("<script>alert(1)</script>", encoding="utf-8")
    os.symlink(page, tmp_path / "content" / "tools" / "supports" / "document.pdf")


def _setup_typed(name: str):  # noqa: ANN202 - a small factory of setups
    def setup(tmp_path: Path) -> None:
        (tmp_path / "content" / "tools" / "supports" / name).write_text("<script>alert(1)</script>",
                                                                      encoding="utf-8")
    return setup


def _setup_beside_sheet(tmp_path: Path) -> None:
    _pdf(tmp_path / "content" / "tools" / "a-cote.pdf")


def _setup_loop(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "tools" / "supports"
    os.symlink(folder / "boucle-b.pdf", folder / "boucle-a.pdf")
    os.symlink(folder / "boucle-a.pdf", folder / "boucle-b.pdf")


# fichier as written → (setup, words of the message)
SUPPORT_ATTACKS = {
    "parent": ("../../dehors/secret.pdf", _setup_outside, "sort du dossier des fiches"),
    "absolu": ("/etc/hostname", None, "chemin absolu"),
    "absolu-windows": ("C:\\Windows\\win.ini", None, "chemin absolu"),
    "dossier-lien-symbolique": ("supports/lien/../x.pdf", _setup_symlinked_folder, "sort du dossier"),
    "fichier-lien-symbolique": ("supports/fiche.pdf", _setup_symlinked_file, "sort du dossier"),
    "lien-vers-html": ("supports/document.pdf", _setup_symlink_to_html, "« .html » non autorisé"),
    "html": ("supports/page.html", _setup_typed("page.html"), "« .html » non autorisé"),
    "html-majuscules": ("supports/page.HTML", _setup_typed("page.HTML"), "« .html » non autorisé"),
    "svg": ("supports/schema.svg", _setup_typed("schema.svg"), "« .svg » non autorisé"),
    "page-du-site": ("outil.md", None, "sort du dossier"),
    "page-par-supports": ("supports/../outil.md", None, "sort du dossier"),
    "chemin-du-site": ("../../content/tools/outil.md", None, "sort du dossier"),
    "a-cote-de-la-fiche": ("a-cote.pdf", _setup_beside_sheet, "sort du dossier"),
    "dossier-supports": ("supports", None, "sort du dossier"),
    "sans-extension": ("supports/LISEZMOI", _setup_typed("LISEZMOI"), "sans extension"),
    "boucle": ("supports/boucle-a.pdf", _setup_loop, "impossible"),
}


@pytest.mark.parametrize("name", sorted(SUPPORT_ATTACKS))
def test_support_attack_is_refused_and_located(name: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    fichier, setup, words = SUPPORT_ATTACKS[name]
    content = _support_sheet(tmp_path, fichier)
    if setup:
        setup(tmp_path)
    err = _refused(tmp_path, content, capsys)
    assert re.search(rf"outil\.md:{SUPPORT_LINE}: support .*{re.escape(words)}", err), err


def test_rich_allowed_content_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The allow-list is not a wall: everything the contract allows passes and is published."""
    _pdf(tmp_path / "content" / "tools" / "supports" / "grille.pdf")
    content = tmp_path / "content"
    (content / "tools" / "outil.md").write_text(
        FRONT_MATTER.format(extra='supports:\n  - fichier: "./supports/../supports/grille.pdf"\n    titre: Grille\n')
        + ALLOWED_BODY, encoding="utf-8")
    site = tmp_path / "out" / "site"
    assert build_main(["--content", str(content), "--site-dir", str(site)]) == 0, capsys.readouterr().err
    page = (site / "outils" / "outil.html").read_text(encoding="utf-8")
    assert "<details>" in page and "<kbd>Ctrl</kbd>" in page and 'href="mailto:equipe@spip.example"' in page
    # Copied and linked at the resolved place.
    assert (site / "outils" / "supports" / "grille.pdf").is_file()
    assert 'href="supports/grille.pdf"' in page


ALLOWED_BODY = """## Déroulé

Texte *en italique*, **en gras**, `code`, <abbr title="Conseiller d'insertion et de probation">CPIP</abbr>,
<kbd>Ctrl</kbd> + <kbd>P</kbd><br>
et une ligne après un saut.

| Étape | Durée |
|:------|------:|
| Accueil | 5 min |

<details markdown="1">
<summary>Pour aller plus loin</summary>

- [un site](https://exemple.fr/page?x=1#y)
- [un courriel](mailto:equipe@spip.example)
- [une ancre](#deroule)
- [une fiche voisine](../outils/autre.html)

</details>

![Schéma](supports/grille.png)

!!! note "À savoir"
    Une remarque.

## Suite {: #suite .important }

> Une citation.
"""


# --- the catalogue's address in the frise pages ------------------------------------------------------

@pytest.mark.parametrize("address", ["javascript:alert(1)", " JaVa\tScRiPt:alert(1)", "data:text/html,x",
                                     "vbscript:msgbox(1)"])
def test_frise_refuses_a_configured_catalogue_address_that_is_not_a_link(
        address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.timeline import cli

    monkeypatch.setattr(cli, "configured_catalogue_url", lambda: address)
    case = HERE.parents[1] / "examples" / "dossiers" / "parcours-long.yaml"
    assert cli.main([str(case), "-o", str(tmp_path / "frises")]) == 1
    err = capsys.readouterr().err
    assert "adresse du catalogue refusée" in err and "alert" not in err and "Traceback" not in err
    assert not (tmp_path / "frises").exists()


@pytest.mark.parametrize("address", ["https://intranet.example/repere/", "../catalogue/"])
def test_frise_accepts_http_and_relative_catalogue_addresses(address: str) -> None:
    from generator.timeline.cli import unsafe_catalogue_url

    assert unsafe_catalogue_url(address) is None


def test_supports_differing_only_by_case_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = ("supports:\n  - fichier: supports/Grille.pdf\n    titre: A\n"
             "  - fichier: supports/grille.pdf\n    titre: B\n")
    content = _content(tmp_path, "## Déroulé\n\nTexte.\n", extra)
    _pdf(content / "tools" / "supports" / "Grille.pdf")
    _pdf(content / "tools" / "supports" / "grille.pdf")
    err = _refused(tmp_path, content, capsys)
    assert re.search(r"outil\.md: support « supports/grille\.pdf » : même nom, aux majuscules près", err), err
