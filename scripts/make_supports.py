"""Generate the printable A4 worksheets ("supports") of the starter tool sheets.

Run from the repository root:

    .venv/bin/python scripts/make_supports.py

Every worksheet is written to ``content/tools/supports/<name>.pdf``. The output is
deterministic: the creation date is fixed and the file identifier is derived from the
content, so re-running the script gives byte-identical files.

The PDFs use fpdf2's core font Helvetica, which only covers Latin-1: every text goes
through ``latin1()`` which fails loudly on characters such as the typographic apostrophe,
the "oe" ligature or the em dash, instead of producing a broken file.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "content" / "tools" / "supports"
CREATION_DATE = datetime(2025, 1, 6, 9, 0, 0, tzinfo=UTC)

GREY_LINE = (170, 170, 170)
LIGHT_FILL = (235, 240, 245)
HEADER_FILL = (210, 222, 235)
TEXT = (20, 20, 20)


def latin1(text: str) -> str:
    """Return ``text`` unchanged, or fail if the core font cannot print it."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError as error:
        bad = text[error.start : error.end]
        raise ValueError(f"Non Latin-1 character {bad!r} in {text!r}") from None
    return text


class Worksheet(FPDF):
    """An A4 page with a title, an instruction and the standard Repère footer."""

    def __init__(self, tool_title: str, orientation: str = "P") -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.tool_title = latin1(tool_title)
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_creation_date(CREATION_DATE)
        self.set_title(self.tool_title)
        self.set_author("Repère")
        self.set_subject("Support imprimable d'un outil d'intervention")
        self.set_creator("scripts/make_supports.py")
        self.set_text_color(*TEXT)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "I", 8)
        self.set_text_color(110, 110, 110)
        text = latin1(f"Repère - support libre de diffusion - {self.tool_title}")
        self.cell(0, 5, text, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"page {self.page_no()}/{{nb}}", align="R")
        self.set_text_color(*TEXT)

    # -- building blocks -------------------------------------------------------------

    def start(self, title: str, instruction: str) -> None:
        """New page with the worksheet title and its instruction."""
        self.add_page()
        self.set_font("Helvetica", "B", 17)
        self.multi_cell(0, 8, latin1(title), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)
        self.set_font("Helvetica", "", 10)
        self.multi_cell(0, 5, latin1(instruction), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)
        self.identity_line()

    def identity_line(self) -> None:
        """Discreet date field: worksheets are kept by the person, not in the file."""
        self.set_font("Helvetica", "", 9)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, latin1("Date : ....../....../............"), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*TEXT)
        self.ln(2)

    def section(self, title: str, hint: str = "") -> None:
        self.set_font("Helvetica", "B", 11)
        self.set_fill_color(*LIGHT_FILL)
        self.cell(0, 7, latin1(title), fill=True, new_x="LMARGIN", new_y="NEXT")
        if hint:
            self.set_font("Helvetica", "I", 9)
            self.multi_cell(0, 4.5, latin1(hint), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def write_lines(self, count: int, gap: float = 8.0, indent: float = 0.0) -> None:
        """Dotted-like grey lines to write on."""
        self.set_draw_color(*GREY_LINE)
        self.set_line_width(0.2)
        left = self.l_margin + indent
        right = self.w - self.r_margin
        for _ in range(count):
            y = self.get_y() + gap
            self.line(left, y, right, y)
            self.set_y(y)
        self.ln(3)
        self.set_draw_color(0, 0, 0)

    def labelled_lines(self, labels: Sequence[str], gap: float = 8.0, label_width: float = 45.0) -> None:
        """One line to fill per label, the label on the left."""
        self.set_draw_color(*GREY_LINE)
        self.set_line_width(0.2)
        for label in labels:
            y = self.get_y()
            self.set_font("Helvetica", "", 10)
            self.cell(label_width, gap, latin1(label))
            self.line(self.l_margin + label_width, y + gap - 1.5, self.w - self.r_margin, y + gap - 1.5)
            self.set_xy(self.l_margin, y + gap)
        self.ln(2)
        self.set_draw_color(0, 0, 0)

    def table(
        self,
        headers: Sequence[str],
        widths: Sequence[float],
        rows: int,
        row_height: float = 10.0,
        first_column: Sequence[str] | None = None,
        header_height: float = 10.0,
        font_size: float = 9,
    ) -> None:
        """A grid with a shaded header row and empty cells to fill in."""
        self.set_line_width(0.3)
        self.set_draw_color(60, 60, 60)
        self.set_fill_color(*HEADER_FILL)
        self.set_font("Helvetica", "B", font_size)
        x0, y0 = self.l_margin, self.get_y()
        # Header cells may wrap: draw the box, then the centred text inside.
        for index, (header, width) in enumerate(zip(headers, widths, strict=True)):
            x = x0 + sum(widths[:index])
            self.rect(x, y0, width, header_height, style="DF")
            lines = self.multi_cell(width - 2, 4, latin1(header), dry_run=True, output="LINES")
            text_h = 4 * len(lines)
            self.set_xy(x + 1, y0 + (header_height - text_h) / 2)
            self.multi_cell(width - 2, 4, latin1(header), align="C")
        y = y0 + header_height
        self.set_font("Helvetica", "", font_size)
        for row in range(rows):
            for index, width in enumerate(widths):
                x = x0 + sum(widths[:index])
                self.rect(x, y, width, row_height)
                if index == 0 and first_column and row < len(first_column):
                    label = latin1(first_column[row])
                    needed = len(self.multi_cell(width - 2, 4, label, dry_run=True, output="LINES"))
                    self.set_xy(x + 1, y + (row_height - 4 * needed) / 2)
                    self.multi_cell(width - 2, 4, label)
            y += row_height
        self.set_xy(self.l_margin, y + 4)

    def arrow(self, x1: float, y1: float, x2: float, y2: float, head: float = 3.0) -> None:
        self.line(x1, y1, x2, y2)
        angle = math.atan2(y2 - y1, x2 - x1)
        left = (x2 - head * math.cos(angle - 0.45), y2 - head * math.sin(angle - 0.45))
        right = (x2 - head * math.cos(angle + 0.45), y2 - head * math.sin(angle + 0.45))
        self.set_fill_color(0, 0, 0)
        self.polygon([(x2, y2), left, right], style="F")

    def save(self, name: str) -> Path:
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        path = OUT_DIR / f"{name}.pdf"
        path.write_bytes(bytes(self.output()))
        return path


# -- one function per worksheet -------------------------------------------------------


def balance_decisionnelle() -> Worksheet:
    pdf = Worksheet("Balance décisionnelle", orientation="L")
    pdf.start(
        "Balance décisionnelle",
        "Notez dans chaque case ce que vous gagnez et ce que vous perdez, si vous ne changez rien "
        "et si vous changez. Il n'y a pas de bonne ou de mauvaise réponse : écrivez ce qui est "
        "vrai pour vous, même si cela vous paraît contradictoire.",
    )
    pdf.labelled_lines(["Le changement auquel je réfléchis :"], label_width=62)
    x0, y0 = pdf.l_margin + 40, pdf.get_y()
    col_w = (pdf.w - pdf.r_margin - x0) / 2
    row_h = 52
    pdf.set_font("Helvetica", "B", 11)
    pdf.set_fill_color(*HEADER_FILL)
    pdf.set_draw_color(40, 40, 40)
    pdf.set_line_width(0.4)
    for index, label in enumerate(["Avantages (ce que j'y gagne)", "Inconvénients (ce que j'y perds)"]):
        pdf.set_xy(x0 + index * col_w, y0)
        pdf.cell(col_w, 9, latin1(label), border=1, align="C", fill=True)
    for index, label in enumerate(["Si je ne change rien", "Si je change"]):
        y = y0 + 9 + index * row_h
        pdf.set_xy(pdf.l_margin, y)
        pdf.rect(pdf.l_margin, y, 40, row_h, style="DF")
        pdf.set_xy(pdf.l_margin + 2, y + row_h / 2 - 5)
        pdf.multi_cell(36, 5, latin1(label), align="C")
        for col in range(2):
            pdf.rect(x0 + col * col_w, y, col_w, row_h)
    pdf.set_xy(pdf.l_margin, y0 + 9 + 2 * row_h + 5)
    pdf.labelled_lines(
        ["Ce qui pèse le plus lourd pour moi :", "Ce que j'ai envie de faire maintenant :"], label_width=65
    )
    return pdf


def ligne_de_vie() -> Worksheet:
    pdf = Worksheet("Ligne de vie", orientation="L")
    pdf.start(
        "Ma ligne de vie",
        "Placez sur l'axe les moments qui ont compté pour vous, avec votre âge ou l'année. "
        "Au-dessus de la ligne : les moments positifs, les réussites, les personnes ressources. "
        "En dessous : les moments difficiles, les ruptures, les périodes de délinquance ou de "
        "consommation. Plus l'événement a compté, plus vous l'éloignez de la ligne.",
    )
    left, right = pdf.l_margin + 5, pdf.w - pdf.r_margin - 5
    top = pdf.get_y() + 4
    axis_y = top + 55
    bottom = axis_y + 55
    pdf.set_font("Helvetica", "B", 10)
    pdf.set_xy(pdf.l_margin, top)
    pdf.cell(0, 5, latin1("+  Moments positifs, ressources, réussites"))
    pdf.set_xy(pdf.l_margin, bottom - 5)
    pdf.cell(0, 5, latin1("-  Moments difficiles, ruptures, passages à l'acte"))
    ticks = list(range(0, 65, 5))
    step = (right - left - 10) / (len(ticks) - 1)
    pdf.set_draw_color(*GREY_LINE)
    pdf.set_line_width(0.15)
    pdf.set_dash_pattern(dash=1, gap=1.5)
    for index in range(len(ticks)):
        x = left + index * step
        pdf.line(x, top + 7, x, bottom - 7)
    pdf.set_dash_pattern()
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.8)
    pdf.arrow(left, axis_y, right, axis_y, head=4)
    pdf.set_line_width(0.4)
    pdf.set_font("Helvetica", "", 8)
    for index, age in enumerate(ticks):
        x = left + index * step
        pdf.line(x, axis_y - 2, x, axis_y + 2)
        pdf.set_xy(x - 6, axis_y + 2.5)
        pdf.cell(12, 4, f"{age} ans", align="C")
    pdf.set_xy(right - 30, axis_y - 7)
    pdf.set_font("Helvetica", "I", 8)
    pdf.cell(30, 4, latin1("aujourd'hui"), align="R")
    pdf.set_xy(pdf.l_margin, bottom + 3)
    pdf.labelled_lines(
        ["Ce que je retiens de mon parcours :", "Une ressource sur laquelle je peux m'appuyer :"],
        gap=7,
        label_width=75,
    )
    return pdf


def carte_reseau() -> Worksheet:
    pdf = Worksheet("Carte du réseau relationnel")
    pdf.start(
        "Ma carte du réseau relationnel",
        "Inscrivez au centre « Moi ». Placez chaque personne dans la zone qui lui correspond "
        "(famille, amis, travail ou loisirs, professionnels) et plus ou moins près du centre "
        "selon votre proximité avec elle. Ajoutez ensuite un signe à côté de chaque nom.",
    )
    cx, cy = pdf.w / 2, pdf.get_y() + 88
    radii = [16, 42, 66, 86]
    pdf.set_line_width(0.4)
    for radius in radii[:0:-1]:
        pdf.circle(cx, cy, radius)
    pdf.set_fill_color(*HEADER_FILL)
    pdf.circle(cx, cy, radii[0], style="DF")
    pdf.set_font("Helvetica", "B", 12)
    pdf.set_xy(cx - 10, cy - 3)
    pdf.cell(20, 6, "Moi", align="C")
    pdf.set_draw_color(100, 100, 100)
    pdf.set_line_width(0.3)
    pdf.line(cx, cy - radii[-1], cx, cy - radii[0])
    pdf.line(cx, cy + radii[0], cx, cy + radii[-1])
    pdf.line(cx - radii[-1], cy, cx - radii[0], cy)
    pdf.line(cx + radii[0], cy, cx + radii[-1], cy)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_font("Helvetica", "B", 10)
    quadrants = [
        ("Famille", -1, -1),
        ("Amis, voisins", 1, -1),
        ("Travail, formation, loisirs", -1, 1),
        ("Professionnels, institutions", 1, 1),
    ]
    for label, sx, sy in quadrants:
        # Labels sit in the corners of the square around the outer circle.
        x = pdf.l_margin if sx < 0 else pdf.w - pdf.r_margin - 60
        y = cy - radii[-1] if sy < 0 else cy + radii[-1] - 5
        pdf.set_xy(x, y)
        pdf.cell(60, 5, latin1(label), align="L" if sx < 0 else "R")
    pdf.set_font("Helvetica", "I", 7.5)
    for radius, label in zip(radii[1:], ["très proche", "proche", "plus distant"], strict=True):
        pdf.set_xy(cx + 2, cy - radius + 1)
        pdf.cell(20, 4, latin1(label))
    pdf.set_xy(pdf.l_margin, cy + radii[-1] + 6)
    pdf.section("Légende à reporter à côté des noms")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(
        0,
        5,
        latin1(
            "+  me soutient dans mes projets        -  m'entraîne vers des ennuis        "
            "?  je ne sais pas / c'est ambivalent\n"
            "Trait plein : je le vois souvent.   Pointillés : je le vois rarement.   "
            "Éclair : relation conflictuelle."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return pdf


def journal_consommation() -> Worksheet:
    pdf = Worksheet("Journal de consommation", orientation="L")
    pdf.start(
        "Mon journal de consommation",
        "Remplissez une ligne à chaque consommation (alcool, cannabis, autre produit, jeu) ou à "
        "chaque forte envie, même si vous n'avez pas consommé. Notez-le le plus tôt possible : "
        "ce journal sert à mieux comprendre vos habitudes, pas à vous juger.",
    )
    headers = [
        "Jour et heure",
        "Où ? Avec qui ?",
        "Produit et quantité (ou « rien »)",
        "Envie avant (0 à 10)",
        "Ce que je ressentais, ce que je pensais",
        "Ce qui s'est passé après",
    ]
    widths = [30, 42, 48, 24, 62, 61]
    pdf.table(headers, widths, rows=12, row_height=9.5, header_height=11)
    pdf.labelled_lines(["Total de la semaine :", "Ce que je remarque :"], gap=7, label_width=40)
    return pdf


def budget_mensuel() -> Worksheet:
    pdf = Worksheet("Budget mensuel")
    pdf.start(
        "Mon budget du mois",
        "Notez ce que vous prévoyez de recevoir et de dépenser ce mois-ci, puis, en fin de mois, "
        "ce qui s'est réellement passé. Comptez aussi les petites dépenses quotidiennes.",
    )
    pdf.section("Ce qui rentre (ressources)")
    incomes = [
        "Salaire, revenus d'activité",
        "RSA, prime d'activité",
        "Allocations (CAF, chômage)",
        "Pension, rente, autre",
        "TOTAL des ressources",
    ]
    pdf.table(
        ["Ressource", "Prévu (euros)", "Réel (euros)"],
        [100, 40, 40],
        rows=len(incomes),
        row_height=7,
        first_column=incomes,
        header_height=7,
    )
    pdf.section("Ce qui sort (charges)")
    costs = [
        "Loyer, hébergement",
        "Électricité, gaz, eau",
        "Téléphone, internet",
        "Assurances",
        "Transports (carburant, abonnement)",
        "Alimentation, hygiène",
        "Crédits, dettes, découvert",
        "Pension alimentaire",
        "Indemnisation des parties civiles",
        "Amendes, frais de justice",
        "Tabac, alcool, jeux",
        "Loisirs, sorties",
        "Autres dépenses",
        "TOTAL des charges",
    ]
    pdf.table(
        ["Charge", "Prévu (euros)", "Réel (euros)"],
        [100, 40, 40],
        rows=len(costs),
        row_height=7,
        first_column=costs,
        header_height=7,
    )
    pdf.section("Reste à vivre = total des ressources - total des charges")
    pdf.labelled_lines(["Prévu :", "Réel :", "Ce que je change le mois prochain :"], gap=7, label_width=62)
    return pdf


def agenda_loisirs() -> Worksheet:
    pdf = Worksheet("Agenda des loisirs", orientation="L")
    pdf.start(
        "Mon agenda de la semaine",
        "Notez ce que vous faites à chaque moment de la journée. Entourez en vert les moments "
        "agréables ou utiles, en rouge les moments à risque (ennui, consommation, fréquentations "
        "problématiques). Prévoyez au moins une activité nouvelle dans la semaine.",
    )
    days = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]
    slots = ["Matin", "Midi", "Après-midi", "Soirée", "Nuit"]
    first_w = 26
    day_w = (pdf.w - pdf.l_margin - pdf.r_margin - first_w) / len(days)
    pdf.table(
        ["Moment"] + days,
        [first_w] + [day_w] * len(days),
        rows=len(slots),
        row_height=19,
        first_column=slots,
        header_height=8,
        font_size=10,
    )
    pdf.labelled_lines(
        [
            "L'activité nouvelle que je teste :",
            "Avec qui ? Où ? Combien ?",
            "Ce que j'en ai pensé (note de 0 à 10) :",
        ],
        gap=7,
        label_width=72,
    )
    return pdf


def plan_prevention_rechute() -> Worksheet:
    pdf = Worksheet("Plan de prévention de la rechute")
    pdf.start(
        "Mon plan de prévention de la rechute",
        "Ce plan est le vôtre : écrivez-le avec vos mots, gardez-le sur vous (photo sur le "
        "téléphone, papier dans le portefeuille) et relisez-le quand une situation devient "
        "difficile. Mettez-le à jour après chaque écart.",
    )
    blocks = [
        ("1. Mes situations à risque", "lieux, moments, personnes, émotions, anniversaires...", 3),
        (
            "2. Mes signaux d'alerte",
            "ce que je pense, ce que je ressens, ce que je commence à faire quand je glisse",
            3,
        ),
        ("3. Ce que je fais à la place", "au moins trois actions concrètes et réalisables", 3),
        ("4. Les personnes que je peux appeler", "prénom et numéro, y compris un professionnel", 3),
        (
            "5. Si j'ai fait un écart",
            "je m'arrête, je ne me dis pas que « tout est fichu », "
            "je préviens quelqu'un, je note ce qui s'est passé",
            2,
        ),
        ("6. Mes raisons de tenir", "ce que j'ai déjà gagné et ce que je ne veux pas perdre", 2),
    ]
    for title, hint, count in blocks:
        pdf.section(title, hint)
        pdf.write_lines(count, gap=7.5)
    return pdf


def thermometre_colere() -> Worksheet:
    pdf = Worksheet("Gestion de la colère et thermomètre émotionnel")
    pdf.start(
        "Mon thermomètre de la colère",
        "Pour chaque niveau de colère, notez ce que vous ressentez dans votre corps, ce que "
        "vous vous dites, et ce que vous pouvez faire pour redescendre. Repérez le niveau à "
        "partir duquel vous devez quitter la situation.",
    )
    top = pdf.get_y() + 2
    levels = list(range(10, -1, -1))
    row_h = 17
    bulb_x, tube_w = pdf.l_margin + 12, 12
    colours = {
        10: (200, 40, 40),
        9: (215, 60, 45),
        8: (230, 90, 50),
        7: (240, 130, 55),
        6: (245, 165, 60),
        5: (245, 195, 70),
        4: (240, 220, 90),
        3: (200, 225, 110),
        2: (160, 210, 120),
        1: (130, 195, 130),
        0: (110, 180, 140),
    }
    table_x = bulb_x + tube_w + 14
    col_w = (pdf.w - pdf.r_margin - table_x) / 3
    pdf.set_font("Helvetica", "B", 9)
    pdf.set_fill_color(*HEADER_FILL)
    for index, label in enumerate(["Dans mon corps", "Ce que je me dis", "Ce que je peux faire"]):
        pdf.set_xy(table_x + index * col_w, top)
        pdf.cell(col_w, 7, latin1(label), border=1, align="C", fill=True)
    y = top + 7
    pdf.set_line_width(0.3)
    for level in levels:
        pdf.set_fill_color(*colours[level])
        pdf.rect(bulb_x, y, tube_w, row_h, style="DF")
        pdf.set_font("Helvetica", "B", 11)
        pdf.set_xy(bulb_x - 11, y + row_h / 2 - 3)
        pdf.cell(9, 6, str(level), align="R")
        for index in range(3):
            pdf.rect(table_x + index * col_w, y, col_w, row_h)
        y += row_h
    pdf.set_fill_color(*colours[0])
    pdf.circle(bulb_x + tube_w / 2, y + 6, 9, style="DF")
    pdf.set_font("Helvetica", "I", 8)
    pdf.set_xy(table_x, y + 2)
    pdf.multi_cell(
        0,
        4,
        latin1(
            "Mon seuil de sortie (je quitte la situation à partir de ce niveau) : ........\n"
            "Ma phrase pour partir sans escalade : ..............................................."
            "..............."
        ),
    )
    return pdf


def regle_motivation() -> Worksheet:
    pdf = Worksheet("Échelle de motivation (règle de 0 à 10)")
    pdf.start(
        "Ma règle de motivation",
        "Entourez sur chaque règle le chiffre qui correspond le mieux à ce que vous pensez "
        "aujourd'hui, puis répondez aux questions en dessous. Il n'y a pas de bonne note : "
        "c'est un point de départ pour en parler.",
    )
    pdf.labelled_lines(["Le changement dont on parle :"], label_width=55)
    rulers = [
        (
            "Importance",
            "À quel point est-ce important pour vous de changer ?",
            "pas du tout important",
            "extrêmement important",
        ),
        (
            "Confiance",
            "Si vous décidiez de changer, à quel point vous sentez-vous capable d'y arriver ?",
            "pas du tout capable",
            "tout à fait capable",
        ),
        (
            "Disposition",
            "À quel point êtes-vous prêt(e) à commencer maintenant ?",
            "pas prêt(e) du tout",
            "prêt(e) dès aujourd'hui",
        ),
    ]
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    box = usable / 11
    for name, question, low, high in rulers:
        pdf.section(f"{name} : {question}")
        y = pdf.get_y() + 1
        pdf.set_font("Helvetica", "B", 12)
        for value in range(11):
            shade = 255 - value * 9
            pdf.set_fill_color(shade, shade + (255 - shade) // 2, 255)
            pdf.set_xy(pdf.l_margin + value * box, y)
            pdf.cell(box, 10, str(value), border=1, align="C", fill=True)
        pdf.set_font("Helvetica", "I", 8)
        pdf.set_xy(pdf.l_margin, y + 11)
        pdf.cell(usable / 2, 4, latin1(low))
        pdf.cell(usable / 2, 4, latin1(high), align="R")
        pdf.set_xy(pdf.l_margin, y + 17)
        pdf.labelled_lines(
            ["Pourquoi ce chiffre, et pas 0 ?", "Que faudrait-il pour gagner un point ?"],
            gap=7,
            label_width=68,
        )
    return pdf


def chaine_comportementale() -> Worksheet:
    pdf = Worksheet("Chaîne comportementale : analyser le passage à l'acte", orientation="L")
    pdf.start(
        "La chaîne comportementale",
        "Reprenez pas à pas ce qui s'est passé, de la situation de départ jusqu'aux conséquences. "
        "Dans chaque case, écrivez les faits, puis cherchez sous chaque case à quel moment vous "
        "auriez pu faire autrement (point de sortie).",
    )
    boxes = [
        ("1. Le contexte", "les jours d'avant : fatigue, soucis, consommation..."),
        ("2. Le déclencheur", "ce qui s'est passé juste avant"),
        ("3. Mes pensées", "ce que je me suis dit"),
        ("4. Mes émotions", "et les sensations dans mon corps"),
        ("5. Mon comportement", "ce que j'ai fait, précisément"),
        ("6. Juste après", "ce que j'ai obtenu ou évité"),
        ("7. Plus tard", "les conséquences pour moi et pour les autres"),
    ]
    top = pdf.get_y() + 2
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    gap = 8
    per_row = 4
    box_w = (usable - gap * (per_row - 1)) / per_row
    box_h, exit_h = 42, 14
    for index, (title, hint) in enumerate(boxes):
        row, col = divmod(index, per_row)
        x = pdf.l_margin + col * (box_w + gap)
        y = top + row * (box_h + exit_h + 12)
        pdf.set_line_width(0.4)
        pdf.set_fill_color(*HEADER_FILL)
        pdf.rect(x, y, box_w, 8, style="DF")
        pdf.rect(x, y + 8, box_w, box_h - 8)
        pdf.set_font("Helvetica", "B", 10)
        pdf.set_xy(x, y + 1.5)
        pdf.cell(box_w, 5, latin1(title), align="C")
        pdf.set_font("Helvetica", "I", 7.5)
        pdf.set_xy(x + 1, y + 9)
        pdf.multi_cell(box_w - 2, 3.5, latin1(hint), align="C")
        pdf.set_dash_pattern(dash=1.2, gap=1.2)
        pdf.set_line_width(0.25)
        pdf.rect(x, y + box_h + 2, box_w, exit_h - 2)
        pdf.set_dash_pattern()
        pdf.set_font("Helvetica", "", 7.5)
        pdf.set_xy(x + 1, y + box_h + 2.5)
        pdf.cell(box_w - 2, 3.5, latin1("Point de sortie possible :"))
        pdf.set_line_width(0.5)
        if col < per_row - 1 and index < len(boxes) - 1:
            pdf.arrow(x + box_w + 1, y + box_h / 2, x + box_w + gap - 1, y + box_h / 2)
        elif index < len(boxes) - 1:
            # Last box of the first row: arrow back to the start of the next row.
            pdf.arrow(
                x + box_w / 2, y + box_h + exit_h + 1, pdf.l_margin + box_w / 2, y + box_h + exit_h + 10
            )
    return pdf


def tableau_pensees() -> Worksheet:
    pdf = Worksheet("Pensées automatiques et pièges de pensée", orientation="L")
    pdf.start(
        "Mon tableau des pensées",
        "Quand une situation vous fait réagir fortement, notez-la ici. Remplissez les colonnes "
        "de gauche à droite : la dernière colonne se remplit souvent en entretien, à deux.",
    )
    headers = [
        "Situation (faits)",
        "Pensée automatique (ce que je me suis dit)",
        "Émotion et intensité (0 à 100)",
        "Piège de pensée repéré",
        "Autre façon de voir",
        "Émotion après (0 à 100)",
    ]
    widths = [45, 58, 34, 36, 67, 27]
    pdf.table(headers, widths, rows=6, row_height=15, header_height=11)
    pdf.section("Les pièges de pensée les plus fréquents")
    pdf.set_font("Helvetica", "", 8.5)
    traps = [
        "Tout ou rien : « c'est toujours pareil », « jamais personne ».",
        "Lecture de pensée : « il me regarde, il me cherche ».",
        "Blâmer les autres : « c'est de sa faute si je me suis énervé ».",
        "Minimiser : « ce n'était qu'une claque », « tout le monde fait ça ».",
        "Catastrophiser : « si je perds ce travail, ma vie est finie ».",
        "Se justifier : « il l'avait cherché », « je n'avais pas le choix ».",
    ]
    half = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    for index, trap in enumerate(traps):
        if index % 2 == 0:
            pdf.set_x(pdf.l_margin)
        pdf.cell(
            half,
            5,
            latin1("- " + trap),
            new_x="RIGHT" if index % 2 == 0 else "LMARGIN",
            new_y="TOP" if index % 2 == 0 else "NEXT",
        )
    return pdf


def resolution_problemes() -> Worksheet:
    pdf = Worksheet("Résolution de problèmes en six étapes")
    pdf.start(
        "Résoudre un problème en six étapes",
        "Prenez un problème concret et actuel. Avancez étape par étape sans sauter directement "
        "à la solution : c'est souvent à l'étape 3 que l'on découvre des idées nouvelles.",
    )
    pdf.section("1. Le problème", "en une phrase, avec des faits (qui, quoi, quand)")
    pdf.write_lines(2, gap=7)
    pdf.section("2. Mon objectif", "ce que je veux obtenir, de façon réaliste")
    pdf.write_lines(1, gap=7)
    pdf.section("3. Toutes les solutions possibles", "même celles qui paraissent bizarres : on trie après")
    pdf.table(
        ["Solution", "Avantages", "Inconvénients", "Note /10"],
        [60, 50, 50, 20],
        rows=5,
        row_height=10,
        header_height=7,
        first_column=["A", "B", "C", "D", "E"],
    )
    pdf.section("4. La solution choisie", "et pourquoi")
    pdf.write_lines(1, gap=7)
    pdf.section("5. Mon plan", "quoi, quand, avec qui, ce dont j'ai besoin")
    pdf.write_lines(3, gap=7)
    pdf.section("6. Le bilan", "qu'est-ce qui a marché ? que faire autrement la prochaine fois ?")
    pdf.write_lines(2, gap=7)
    return pdf


VALUES = [
    ("Famille", "prendre soin des miens"),
    ("Amitié", "avoir des amis fidèles"),
    ("Honnêteté", "dire la vérité, être droit"),
    ("Liberté", "décider de ma vie"),
    ("Respect", "être respecté et respecter"),
    ("Sécurité", "vivre sans danger ni peur"),
    ("Travail", "avoir un métier, être utile"),
    ("Argent", "gagner assez pour vivre"),
    ("Santé", "prendre soin de mon corps"),
    ("Loyauté", "ne pas trahir les miens"),
    ("Reconnaissance", "être reconnu pour ce que je fais"),
    ("Justice", "que chacun soit traité équitablement"),
    ("Spiritualité", "ma foi, le sens de la vie"),
    ("Aventure", "vivre des choses nouvelles"),
    ("Calme", "être en paix avec moi-même"),
    ("Indépendance", "ne dépendre de personne"),
    ("Humour", "rire, ne pas tout prendre au sérieux"),
    ("Créativité", "inventer, fabriquer, créer"),
    ("Apprendre", "comprendre, progresser"),
    ("Aider", "être utile aux autres"),
    ("Fierté", "être fier de moi"),
    ("Confiance", "qu'on puisse compter sur moi"),
    ("Courage", "affronter les difficultés"),
    ("Nature", "être dehors, les animaux"),
    ("Sport", "me dépasser physiquement"),
    ("Réussite", "atteindre mes objectifs"),
    ("Pouvoir", "avoir de l'influence"),
    ("Plaisir", "profiter de la vie"),
    ("Tradition", "respecter d'où je viens"),
    ("Ouverture", "découvrir d'autres façons de vivre"),
    ("Être parent", "être présent pour mes enfants"),
    ("Amour", "vivre une relation de couple"),
    ("Autonomie", "me débrouiller par moi-même"),
    ("Responsabilité", "assumer mes actes"),
    ("Solidarité", "faire partie d'un groupe"),
    ("Stabilité", "un logement, une vie régulière"),
]


def cartes_valeurs() -> Worksheet:
    pdf = Worksheet("Valeurs personnelles : le tri de cartes")
    pdf.start(
        "Mes valeurs personnelles",
        "Découpez les cartes des pages suivantes. Triez-les en trois tas : « très important "
        "pour moi », « important », « peu important ». Gardez ensuite vos cinq valeurs "
        "essentielles et complétez le tableau ci-dessous.",
    )
    pdf.table(
        ["Ma valeur", "Ce que je fais déjà qui la respecte", "Ce qui, dans ma vie, m'en éloigne"],
        [40, 70, 70],
        rows=5,
        row_height=22,
        first_column=["1.", "2.", "3.", "4.", "5."],
        header_height=8,
    )
    pdf.labelled_lines(
        [
            "Une valeur que j'ai mise de côté au moment des faits :",
            "Un petit pas pour vivre davantage selon mes valeurs :",
        ],
        gap=8,
        label_width=90,
    )
    cols, rows = 3, 6
    card_w = (pdf.w - pdf.l_margin - pdf.r_margin) / cols
    card_h = 42
    for start in range(0, len(VALUES), cols * rows):
        pdf.add_page()
        top = pdf.t_margin
        pdf.set_draw_color(120, 120, 120)
        pdf.set_line_width(0.2)
        pdf.set_dash_pattern(dash=2, gap=1.5)
        for offset, (name, meaning) in enumerate(VALUES[start : start + cols * rows]):
            row, col = divmod(offset, cols)
            x, y = pdf.l_margin + col * card_w, top + row * card_h
            pdf.rect(x, y, card_w, card_h)
            pdf.set_font("Helvetica", "B", 14)
            pdf.set_xy(x, y + 12)
            pdf.cell(card_w, 7, latin1(name), align="C")
            pdf.set_font("Helvetica", "I", 9)
            pdf.set_xy(x + 3, y + 22)
            pdf.multi_cell(card_w - 6, 4.5, latin1(meaning), align="C")
        pdf.set_dash_pattern()
        pdf.set_draw_color(0, 0, 0)
    return pdf


def competences_transferables() -> Worksheet:
    pdf = Worksheet("Bilan des compétences transférables", orientation="L")
    pdf.start(
        "Mes compétences transférables",
        "Listez toutes vos expériences, pas seulement les emplois déclarés : petits boulots, "
        "activités en détention, sport, famille, bénévolat, débrouille. Pour chacune, cherchez "
        "ce que vous saviez faire et comment le dire à un employeur.",
    )
    headers = [
        "Expérience (où, quand)",
        "Ce que je faisais concrètement",
        "Compétence que cela montre",
        "Comment je le dis à un employeur",
    ]
    widths = [55, 75, 55, 82]
    pdf.table(headers, widths, rows=7, row_height=14, header_height=8)
    pdf.section("Idées de compétences")
    pdf.set_font("Helvetica", "", 8.5)
    pdf.multi_cell(
        0,
        4.5,
        latin1(
            "Ponctualité - travail en équipe - respect des consignes de sécurité - gestion d'un "
            "budget - négociation - accueil du public - conduite - bricolage, entretien - cuisine "
            "pour un groupe - organisation d'un planning - calme sous pression - encadrement de "
            "plus jeunes - maîtrise d'une langue étrangère - informatique, téléphone - "
            "persévérance - adaptation aux changements."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return pdf


def genogramme() -> Worksheet:
    pdf = Worksheet("Génogramme")
    pdf.start(
        "Mon génogramme",
        "Dessinez votre famille sur trois ou quatre générations en utilisant les symboles de la "
        "légende. Notez les prénoms (ou une initiale), les âges et les événements importants. "
        "Vous choisissez ce que vous voulez montrer.",
    )
    pdf.section("Légende")
    y = pdf.get_y() + 2
    x = pdf.l_margin + 2
    pdf.set_line_width(0.4)
    pdf.set_font("Helvetica", "", 8.5)
    pdf.set_fill_color(*HEADER_FILL)

    def legend(draw: Callable[[float, float], None], label: str, col: int, row: int) -> None:
        lx, ly = x + col * 60, y + row * 11
        draw(lx, ly)
        pdf.set_xy(lx + 22, ly)
        pdf.cell(36, 6, latin1(label))

    legend(lambda lx, ly: pdf.rect(lx + 4, ly, 6, 6), "homme", 0, 0)
    legend(lambda lx, ly: pdf.circle(lx + 7, ly + 3, 3), "femme", 1, 0)
    legend(
        lambda lx, ly: (
            pdf.rect(lx + 4, ly, 6, 6),
            pdf.line(lx + 4, ly, lx + 10, ly + 6),
            pdf.line(lx + 10, ly, lx + 4, ly + 6),
        ),
        "personne décédée",
        2,
        0,
    )
    legend(lambda lx, ly: (pdf.rect(lx + 1, ly, 6, 6, style="DF"),), "moi (case grisée)", 0, 1)
    legend(lambda lx, ly: pdf.line(lx, ly + 3, lx + 18, ly + 3), "couple, mariage", 1, 1)
    legend(
        lambda lx, ly: (
            pdf.line(lx, ly + 3, lx + 18, ly + 3),
            pdf.line(lx + 8, ly, lx + 6, ly + 6),
            pdf.line(lx + 11, ly, lx + 9, ly + 6),
        ),
        "séparation",
        2,
        1,
    )

    def zigzag(lx: float, ly: float) -> None:
        points = [(lx + i * 3, ly + (1 if i % 2 else 5)) for i in range(7)]
        for a, b in zip(points, points[1:], strict=False):
            pdf.line(*a, *b)

    def dotted(lx: float, ly: float) -> None:
        pdf.set_dash_pattern(dash=1, gap=1)
        pdf.line(lx, ly + 3, lx + 18, ly + 3)
        pdf.set_dash_pattern()

    def triple(lx: float, ly: float) -> None:
        for dy in (1.5, 3, 4.5):
            pdf.line(lx, ly + dy, lx + 18, ly + dy)

    legend(zigzag, "relation conflictuelle", 0, 2)
    legend(dotted, "relation distante, rompue", 1, 2)
    legend(triple, "relation très proche", 2, 2)
    pdf.set_fill_color(*HEADER_FILL)
    pdf.set_xy(pdf.l_margin, y + 36)
    top = pdf.get_y()
    bottom = pdf.h - 60
    band = (bottom - top) / 4
    pdf.set_draw_color(*GREY_LINE)
    pdf.set_line_width(0.2)
    pdf.set_dash_pattern(dash=1, gap=2)
    pdf.set_font("Helvetica", "I", 8)
    for index, label in enumerate(
        ["Grands-parents", "Parents, oncles, tantes", "Ma génération (frères, soeurs, couple)", "Enfants"]
    ):
        line_y = top + index * band
        pdf.line(pdf.l_margin, line_y, pdf.w - pdf.r_margin, line_y)
        pdf.set_xy(pdf.l_margin, line_y + 1)
        pdf.cell(0, 4, latin1(label))
    pdf.set_dash_pattern()
    pdf.set_draw_color(0, 0, 0)
    pdf.set_xy(pdf.l_margin, bottom + 4)
    pdf.labelled_lines(
        ["Les personnes ressources :", "Les événements qui se répètent :", "Ce que je veux transmettre :"],
        gap=7,
        label_width=62,
    )
    return pdf


def plan_retrait() -> Worksheet:
    pdf = Worksheet("Plan de gestion des conflits dans le couple")
    pdf.start(
        "Mon plan de retrait (temps mort)",
        "Ce plan sert à quitter une dispute avant qu'elle ne dégénère, sans menacer ni "
        "punir. Préparez-le au calme, en entretien, et relisez-le souvent. Il ne remplace "
        "pas les obligations et interdictions fixées par le juge : il les respecte toujours.",
    )
    blocks = [
        ("1. Mes signaux d'alerte", "dans mon corps, dans mes pensées, dans ma voix", 3),
        (
            "2. La phrase que je dis pour partir",
            "calme, courte, sans reproche - par exemple : "
            "« Je sens que je m'énerve, je sors une heure et je reviens pour qu'on en parle »",
            2,
        ),
        ("3. Où je vais", "un lieu sûr, sans alcool, sans prendre le volant si je suis énervé(e)", 2),
        (
            "4. Ce que je fais pour redescendre",
            "marcher, respirer, appeler quelqu'un, écrire - pas de produit, pas de ruminations",
            3,
        ),
        (
            "5. Quand et comment je reviens",
            "à l'heure annoncée ; si je suis encore trop en colère, je préviens et je reporte la discussion",
            2,
        ),
        ("6. Les personnes que je peux appeler", "prénom et numéro", 2),
    ]
    for title, hint, count in blocks:
        pdf.section(title, hint)
        pdf.write_lines(count, gap=7.5)
    return pdf


WORKSHEETS: dict[str, Callable[[], Worksheet]] = {
    "balance-decisionnelle": balance_decisionnelle,
    "ligne-de-vie": ligne_de_vie,
    "carte-reseau": carte_reseau,
    "journal-consommation": journal_consommation,
    "budget-mensuel": budget_mensuel,
    "agenda-semaine": agenda_loisirs,
    "plan-prevention-rechute": plan_prevention_rechute,
    "thermometre-colere": thermometre_colere,
    "regle-motivation": regle_motivation,
    "chaine-comportementale": chaine_comportementale,
    "tableau-pensees": tableau_pensees,
    "resolution-problemes": resolution_problemes,
    "cartes-valeurs": cartes_valeurs,
    "competences-transferables": competences_transferables,
    "genogramme": genogramme,
    "plan-retrait": plan_retrait,
}


def main(argv: Sequence[str]) -> int:
    names = list(argv) or list(WORKSHEETS)
    unknown = [name for name in names if name not in WORKSHEETS]
    if unknown:
        print(f"Unknown worksheet(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    for name in names:
        path = WORKSHEETS[name]().save(name)
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
