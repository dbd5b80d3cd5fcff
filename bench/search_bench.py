"""Search benchmark: Repère's search against Material's own, on the same generated site, from file://.

Builds one docs tree of N sheets (``bench/generate_content.py``, 3,000 by default) and renders it
twice: with our mkdocs.yml (Repère's search), and with Material's search plugin turned back on
(``lang: fr`` and the apostrophe separator we used to have, plus the offline plugin), everything
else identical. Both sites are opened from file:// in headless Chromium (Debian's), in the same
run, and measured the same way; times are medians of several fresh page loads and the report
gives ratios, so that a slower or busier machine moves both sides alike.

Measured: index size; what a page load costs when nobody searches (requests, bytes, long tasks
on the main thread); time from the first key to the first results on a freshly loaded page;
time from each further key to updated results; and recall on French queries (accents, elisions,
plurals, typos) whose expected sheets come from the starter content, which the generated
catalogue keeps unchanged.

    .venv/bin/python bench/search_bench.py              # 3,000 sheets, report into docs/benchmarks.md
    .venv/bin/python bench/search_bench.py --fiches 300 --essais 3 --sans-ecrire
    .venv/bin/python bench/search_bench.py --pertinence # relevance only (seconds), see below

Relevance (``--pertinence``): the queries of ``bench/search_queries.yaml`` (what a CPIP types, and
the starter sheets that answer it) run on the starter catalogue's index by the Python engine
(``generator/catalogue/search_engine.py``) and by the browser's (``templates/assets/search.js``,
in Node); precision and recall at 5 per query and on average, written into the
« Recherche : pertinence » section of docs/benchmarks.md. The two engines must return the
same lists: any difference is reported and makes the command fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
for folder in (REPO_ROOT, REPO_ROOT / "bench", REPO_ROOT / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from generate_content import generate  # noqa: E402

from generator.catalogue.engine import render_site  # noqa: E402
from generator.catalogue.loader import load_catalogue  # noqa: E402
from generator.catalogue.search_index import INDEX_FILE, SUMMARIES_FILE, write_search_index  # noqa: E402
from generator.catalogue.site_build import CONFIG_FILE, prepare_docs  # noqa: E402
from generator.french_argparse import FrenchArgumentParser  # noqa: E402

REPORT = REPO_ROOT / "docs" / "benchmarks.md"
SECTION = "## Recherche"
RELEVANCE_SECTION = "## Recherche : pertinence"
RELEVANCE_QUERIES = REPO_ROOT / "bench" / "search_queries.yaml"
SEARCH_JS = REPO_ROOT / "templates" / "assets" / "search.js"
TOP = 5
# Material's search as Repère had it configured before its own search replaced it.
MATERIAL_SEARCH = {"search": {"lang": "fr", "separator": r"""[\s\-,:!=\[\]()"/'’]+|\.(?!\d)"""}}
PAGE = "outils/balance-decisionnelle.html"  # a sheet, the page a CPIP is most often on
FIRST_QUERY = "entretien"
FURTHER_KEYS = " motivationnel"
REST_MS = 1000  # a person reaches for the keyboard about a second after the page shows, at least
SETTLE_SECONDS = 2.0  # a page load is over once no request and no long task came for this long
LOAD_LIMIT_SECONDS = 60.0
MATERIAL_SCAN_LIMIT = 1000  # results of Material's list scrolled through, at most, per query
BEYOND = 0  # rank of a sheet not among the first MATERIAL_SCAN_LIMIT results

# (query, kind of difficulty, expected starter sheets)
RECALL_QUERIES: list[tuple[str, str, tuple[str, ...]]] = [
    ("echelle de motivation", "accents", ("echelle-motivation",)),
    ("genogramme", "accents", ("genogramme",)),
    ("competences transferables", "accents", ("competences-transferables",)),
    ("prevention de la recidive", "accents", ("ppr-relations-sans-violence",)),
    ("reseau relationnel", "accents", ("carte-reseau-relationnel",)),
    ("entreprise", "élision", ("cv-simulation-entretien",)),
    ("l’alcool", "élision (’)", ("journal-consommation", "groupe-cap-sobriete")),
    ("acte", "élision", ("chaine-comportementale",)),
    ("violence conjugale", "pluriel", ("gestion-conflits-couple", "ppr-relations-sans-violence")),
    ("pensee automatique", "pluriel, accents", ("pensees-automatiques",)),
    ("emotion", "pluriel, accents", ("roue-des-emotions",)),
    ("entretiens motivationnels", "pluriel", ("entretien-motivationnel",)),
    ("entretien motivationel", "faute de frappe", ("entretien-motivationnel",)),
    ("genograme", "faute de frappe", ("genogramme",)),
    ("restructuration cognitve", "faute de frappe", ("restructuration-cognitive",)),
    ("prevension de la rechute", "faute de frappe", ("prevention-rechute",)),
    ("adiction", "faute de frappe", ("journal-consommation",)),
]


@dataclass(frozen=True)
class Side:
    """How to drive one search UI."""

    name: str
    site: Path
    index_files: tuple[str, ...]  # relative to the site
    search_files: tuple[str, ...]  # parts of the URLs of what search loads
    results: str  # CSS selector of the element holding the results
    item: str  # CSS selector of one result


@dataclass
class LoadCost:
    requests: int
    kilobytes: float
    search_requests: int
    search_kilobytes: float
    long_tasks_ms: float


@dataclass
class Measures:
    index_bytes: int = 0
    load: list[LoadCost] = field(default_factory=list)
    first_at_rest: list[float] = field(default_factory=list)  # "/" pressed 1 s after the load event
    first_at_load: list[float] = field(default_factory=list)  # "/" pressed at the load event
    first_from_navigation: list[float] = field(default_factory=list)  # same, from navigation start
    keystrokes: list[float] = field(default_factory=list)
    recall: dict[str, list[int | None]] = field(default_factory=dict)  # query → rank of each expected


# In-page probes, installed before any script of the page: keys, result updates, long tasks.
PROBE = """
window.__bench = {keys: [], updates: [], longTasks: 0};
new PerformanceObserver(list => list.getEntries().forEach(e => { __bench.longTasks += e.duration; }))
    .observe({type: 'longtask', buffered: true});
addEventListener('keydown', () => __bench.keys.push(performance.now()), true);
document.addEventListener('DOMContentLoaded', () => {
    const results = document.querySelector(%(results)r);
    new MutationObserver(() => __bench.updates.push(
        [performance.now(), results.querySelectorAll(%(item)r).length])
    ).observe(results, {childList: true, subtree: true});
});
"""


def build_sites(sheets: int, work: Path) -> tuple[Side, Side, float]:
    """Generate the content, write one docs tree, render it with our search and with Material's."""
    content = generate(sheets, work / "contenu")
    catalogue = load_catalogue(content)
    docs = work / "docs"
    prepare_docs(catalogue, docs)
    started = time.perf_counter()
    write_search_index(catalogue, docs)
    index_seconds = time.perf_counter() - started
    ours, material = work / "repere", work / "material"
    render_site(CONFIG_FILE, docs, ours)
    render_material(docs, material)
    return (Side("Repère", ours, (INDEX_FILE, SUMMARIES_FILE), ("/assets/search",),
                 "#repere-recherche-resultats", ".repere-recherche__resultat"),
            Side("Material", material, ("search/search_index.js",),
                 ("/search/search_index", "/workers/search"),
                 ".md-search-result__list", ".md-search-result__item"),
            index_seconds)


def render_material(docs: Path, site: Path) -> None:
    """The same docs tree and mkdocs.yml, with Material's search plugin re-enabled."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(CONFIG_FILE), docs_dir=str(docs), site_dir=str(site),
                         plugins=[MATERIAL_SEARCH, "offline"])
    build(config)


def new_page(browser: object, side: Side) -> tuple[object, object, list[str]]:
    # The peer is Material as Material ships it: our pages' strict CSP (templates/overrides) would
    # block its search worker, so it runs without it; Repère's side runs under its own policy.
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900},
                                  bypass_csp=side.name == "Material")
    context.add_init_script(PROBE % {"results": side.results, "item": side.item})
    urls: list[str] = []
    context.on("request", lambda request: urls.append(request.url))
    return context, context.new_page(), urls


def measure_load(browser: object, side: Side) -> LoadCost:
    """Open a sheet and wait until the page is quiet: what did it cost, search-wise and overall?"""
    context, page, urls = new_page(browser, side)
    try:
        page.goto((side.site / PAGE).as_uri(), wait_until="load")
        started, seen, quiet_since = time.monotonic(), (-1, -1.0), time.monotonic()
        while time.monotonic() - started < LOAD_LIMIT_SECONDS:
            now = (len(urls), page.evaluate("__bench.longTasks"))
            if now != seen:
                seen, quiet_since = now, time.monotonic()
            elif time.monotonic() - quiet_since >= SETTLE_SECONDS:
                break
            page.wait_for_timeout(100)
        files = [_local_file(url) for url in urls]
        search = [path for url, path in zip(urls, files, strict=True)
                  if any(part in url for part in side.search_files)]
        return LoadCost(len(urls), _kilobytes(files), len(search), _kilobytes(search), seen[1])
    finally:
        context.close()


def measure_typing(browser: object, side: Side, pause_ms: int) -> tuple[float, float, list[float]]:
    """Fresh page, ``pause_ms`` after its load event: "/" then a word at once, until the first
    results; then one key at a time, each until the results change."""
    context, page, _ = new_page(browser, side)
    try:
        page.goto((side.site / PAGE).as_uri(), wait_until="load")
        if pause_ms:
            page.wait_for_timeout(pause_ms)
        page.keyboard.press("/")
        # The word in one input event, then a key up (Material searches on key up): a burst of
        # synthetic keys 5 ms apart would jam the page, which no person typing does.
        page.keyboard.insert_text(FIRST_QUERY)
        page.keyboard.press("End")
        page.wait_for_function("() => __bench.updates.some(u => u[1] > 0 && u[0] > __bench.keys[0])",
                               timeout=120_000)
        key, (first, _) = page.evaluate(
            "[__bench.keys[0], __bench.updates.find(u => u[1] > 0 && u[0] > __bench.keys[0])]")
        delays = []
        for char in FURTHER_KEYS:
            before = page.evaluate("__bench.keys.length")
            page.keyboard.type(char)
            page.wait_for_function(f"() => __bench.updates.some(u => u[0] > __bench.keys[{before}])",
                                   timeout=30_000)
            delays.append(page.evaluate(f"__bench.updates.find(u => u[0] > __bench.keys[{before}])[0]"
                                        f" - __bench.keys[{before}]"))
        return first - key, first, delays  # performance.now() counts from the navigation start
    finally:
        context.close()


def recall_ours(browser: object, side: Side) -> dict[str, list[int | None]]:
    """Ranks of the expected sheets in the complete result list of Repère's engine."""
    context, page, _ = new_page(browser, side)
    try:
        page.goto((side.site / "index.html").as_uri())
        page.keyboard.press("/")
        page.wait_for_function("() => window.RepereSearch && window.RepereSearch.ui")
        ranks = {}
        for query, _, expected in RECALL_QUERIES:
            slugs = page.evaluate("""q => { const ui = RepereSearch.ui;
                return ui.engine.search(q, {}).results.map(d => ui.engine.docs[d][1]); }""", query)
            ranks[query] = [slugs.index(slug) + 1 if slug in slugs else None for slug in expected]
        return ranks
    finally:
        context.close()


def recall_material(browser: object, side: Side) -> dict[str, list[int | None]]:
    """Ranks of the expected sheets in Material's results, scrolled until all are shown."""
    context, page, _ = new_page(browser, side)
    try:
        page.goto((side.site / "index.html").as_uri())
        page.keyboard.press("/")
        field_ = page.locator("input.md-search__input")
        page.wait_for_function("() => !/Initialisation/.test(document.querySelector('.md-search-result__meta')"
                               ".textContent)", timeout=120_000)
        ranks = {}
        for query, _, expected in RECALL_QUERIES:
            field_.fill("")  # Material searches on key up: empty the list, then type
            field_.press("End")
            page.wait_for_function(
                "() => !/trouvé/.test(document.querySelector('.md-search-result__meta').textContent)")
            field_.fill(query)
            field_.press("End")
            slugs, whole = _material_results(page, expected)
            ranks[query] = [slugs.index(slug) + 1 if slug in slugs else None if whole else BEYOND
                            for slug in expected]
        return ranks
    finally:
        context.close()


def _material_results(page: object, expected: tuple[str, ...]) -> tuple[list[str], bool]:
    """Material's results (sheet slugs) and whether the list was seen to its end. Material shows
    10 results, then 4 more each time the list is scrolled to its end."""
    page.wait_for_function("() => /trouvé/.test(document.querySelector('.md-search-result__meta').textContent)")
    page.wait_for_timeout(300)  # the list is rendered right after the count
    hrefs = page.evaluate("""async ([expected, limit]) => {
        const wrap = document.querySelector('.md-search__scrollwrap');
        const links = () => [...document.querySelectorAll('.md-search-result__item > a')]
            .map(a => a.getAttribute('href'));
        const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
        let idle = 0;
        while (links().length < limit && idle < 20) {
            const shown = links();
            if (expected.every(slug => shown.some(href => href.includes('/' + slug + '.html')))) { break; }
            wrap.scrollTop = 0;
            await frame();
            wrap.scrollTop = wrap.scrollHeight;
            await frame();
            idle = links().length === shown.length ? idle + 1 : 0;
        }
        return links();
    }""", [list(expected), MATERIAL_SCAN_LIMIT])
    sheet = re.compile(r"(?:outils|programmes)/([^/#.?]+)\.html")
    slugs = [match[1] for href in hrefs if (match := sheet.search(href))]
    return list(dict.fromkeys(slugs)), len(hrefs) < MATERIAL_SCAN_LIMIT


def _local_file(url: str) -> Path | None:
    from urllib.parse import unquote, urlparse

    parsed = urlparse(url)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def _kilobytes(files: list[Path | None]) -> float:
    return sum(path.stat().st_size for path in files if path and path.is_file()) / 1024


LOADS: list[float] = []  # load average of the machine, sampled during the measures


def measure(side: Side, browser: object, runs: int) -> Measures:
    result = Measures(index_bytes=sum((side.site / name).stat().st_size for name in side.index_files))
    for _ in range(runs):
        LOADS.append(os.getloadavg()[0])
        result.load.append(measure_load(browser, side))
        from_key, _, delays = measure_typing(browser, side, REST_MS)
        result.first_at_rest.append(from_key)
        result.keystrokes.extend(delays)
        from_key, from_navigation, delays = measure_typing(browser, side, 0)
        result.first_at_load.append(from_key)
        result.first_from_navigation.append(from_navigation)
        result.keystrokes.extend(delays)
    return result


@dataclass(frozen=True)
class Judged:
    query: str
    expected: tuple[str, ...]
    found: tuple[str, ...]  # the first TOP results of the Python engine

    @property
    def hits(self) -> int:
        return len(set(self.found) & set(self.expected))

    @property
    def precision(self) -> float:
        return self.hits / len(self.found) if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.hits / len(self.expected)


def relevance() -> tuple[list[Judged], list[str]]:
    """(each query judged on the Python engine's top 5, queries where the browser's engine differs)."""
    import yaml

    from generator.catalogue.search_engine import Engine
    from generator.catalogue.search_index import build_index, documents

    table = yaml.safe_load(RELEVANCE_QUERIES.read_text(encoding="utf-8"))
    index = build_index(documents(load_catalogue(REPO_ROOT / "content")))
    engine = Engine(index)
    queries = [row["requete"] for row in table]
    python = [engine.keys(query) for query in queries]
    script = f"""
        const S = require({json.dumps(str(SEARCH_JS))});
        const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
        const engine = new S.Engine(input.index, null);
        process.stdout.write(JSON.stringify(input.queries.map(q =>
            engine.search(q, {{}}).results.map(d => (engine.docs[d][0] === 2 ? 'methode:' : '') + engine.docs[d][1]))));
    """
    browser = json.loads(subprocess.run(["node", "-e", script], input=json.dumps({"index": index, "queries": queries}),
                                        capture_output=True, text=True, encoding="utf-8", check=True).stdout)
    judged = [Judged(row["requete"], tuple(row["attendues"]), tuple(found[:TOP]))
              for row, found in zip(table, python, strict=True)]
    differ = [query for query, a, b in zip(queries, python, browser, strict=True) if a != b]
    return judged, differ


def relevance_report(judged: list[Judged], differ: list[str]) -> str:
    precision = statistics.mean(row.precision for row in judged)
    recall = statistics.mean(row.recall for row in judged)
    lines = [
        RELEVANCE_SECTION, "",
        f"Mesuré par `bench/search_bench.py --pertinence` le {time.strftime('%d/%m/%Y')} sur les fiches de "
        f"départ (`content/`) : {len(judged)} requêtes qu'un CPIP taperait (`bench/search_queries.yaml`), "
        "chacune avec les fiches qui y répondent, écrites d'après le sens des fiches et non d'après les "
        f"résultats. Précision et rappel aux {TOP} premiers résultats du moteur Python (la référence) ; le "
        "moteur du navigateur (`search.js`, exécuté dans Node) rend les mêmes listes "
        + ("pour toutes les requêtes." if not differ else f"sauf pour : {', '.join(differ)}.") + "",
        "",
        f"Moyennes : **précision à {TOP} = {_decimal(precision, 2)}**, **rappel à {TOP} = {_decimal(recall, 2)}**. "
        f"Précision : part des fiches attendues parmi les résultats (les {TOP} premiers, ou moins s'il y en a "
        "moins) ; la plupart des requêtes n'ont qu'une à trois fiches pertinentes, et une liste "
        "qui continue après elles fait baisser la précision sans gêner la lecture.",
        "",
        "Typos : tolérées seulement pour un mot sans correspondance exacte, par préfixe ou par le "
        "thésaurus, à la plus petite distance trouvée, dans la limite de 0 faute sous 5 lettres, 1 de "
        "5 à 8, 2 au-delà (mot normalisé). Ordre : correspondances exactes, puis préfixes, puis "
        "thésaurus, puis fautes de frappe.",
        "",
        f"| requête | attendues | trouvées (5 premières) | précision à {TOP} | rappel à {TOP} |",
        "|---|---|---|---|---|",
    ]
    for row in judged:
        found = ", ".join(f"**{slug}**" if slug in row.expected else slug for slug in row.found) or "—"
        lines.append(f"| « {row.query} » | {', '.join(row.expected)} | {found} | "
                     f"{_decimal(row.precision, 2)} | {_decimal(row.recall, 2)} |")
    lines += ["", "En gras : les fiches attendues.", ""]
    return "\n".join(lines)


def write_relevance_section(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Mesures de performance\n"
    pattern = re.compile(rf"^{re.escape(RELEVANCE_SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section.rstrip("\n") + "\n\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    cli = FrenchArgumentParser(prog="python bench/search_bench.py",
                               description="Compare la recherche de Repère à celle de Material.")
    cli.add_argument("--pertinence", action="store_true",
                     help="mesurer seulement la pertinence (précision et rappel à 5, bench/search_queries.yaml)")
    cli.add_argument("--fiches", type=int, default=3000, help="nombre de fiches outils (défaut : 3000)")
    cli.add_argument("--essais", type=int, default=7,
                     help="chargements de page mesurés par côté et par cas (défaut : 7)")
    cli.add_argument("--garder", type=Path, help="dossier de travail à garder (sinon temporaire)")
    cli.add_argument("--sans-ecrire", action="store_true", help="ne pas écrire docs/benchmarks.md")
    args = cli.parse_args(argv)
    if args.pertinence:
        judged, differ = relevance()
        report = relevance_report(judged, differ)
        print(report)
        if not args.sans_ecrire:
            write_relevance_section(REPORT, report)
            print(f"Écrit dans {REPORT.relative_to(REPO_ROOT)}.", file=sys.stderr)
        if differ:
            print(f"Les moteurs Python et navigateur diffèrent sur : {', '.join(differ)}", file=sys.stderr)
        return 1 if differ else 0
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="repere-bench-") as temporary:
        work = args.garder or Path(temporary)
        if args.garder and work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        ours, material, index_seconds = build_sites(args.fiches, work)
        print(f"Sites construits en {time.perf_counter() - started:.0f} s.", file=sys.stderr)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                measured = {}
                for side in (ours, material):
                    measured[side.name] = measure(side, browser, args.essais)
                    print(f"{side.name} mesuré.", file=sys.stderr)
                measured["Repère"].recall = recall_ours(browser, ours)
                measured["Material"].recall = recall_material(browser, material)
            finally:
                browser.close()
    report = markdown_report(measured["Repère"], measured["Material"], args.fiches, args.essais,
                             index_seconds)
    print(report)
    if not args.sans_ecrire:
        write_section(REPORT, report)
        print(f"Écrit dans {REPORT.relative_to(REPO_ROOT)}.", file=sys.stderr)
    return 0


def markdown_report(ours: Measures, material: Measures, sheets: int, runs: int, index_seconds: float) -> str:
    median = statistics.median
    load_ours, load_material = ours.load, material.load

    def load(costs: list[LoadCost], attribute: str) -> float:
        return median(getattr(cost, attribute) for cost in costs)

    def ratio(a: float, b: float) -> str:
        return f"{_decimal(100 * a / b)} %" if b else "–"

    rows = [
        ("Index de recherche (Repère : index + résumés)", f"{_mo(ours.index_bytes)}",
         f"{_mo(material.index_bytes)} (+ copie .json)",
         ratio(ours.index_bytes, material.index_bytes), "≤ 25 %"),
        ("Chargement d'une fiche sans recherche : fichiers de la recherche",
         f"{load(load_ours, 'search_requests'):.0f} ({load(load_ours, 'search_kilobytes'):.0f} Ko)",
         f"{load(load_material, 'search_requests'):.0f} "
         f"({_mo(load(load_material, 'search_kilobytes') * 1024)})",
         ratio(load(load_ours, "search_kilobytes"), load(load_material, "search_kilobytes")), "0"),
        ("Chargement d'une fiche : tout (requêtes, Ko)",
         f"{load(load_ours, 'requests'):.0f}, {load(load_ours, 'kilobytes'):.0f} Ko",
         f"{load(load_material, 'requests'):.0f}, {load(load_material, 'kilobytes'):.0f} Ko",
         ratio(load(load_ours, "kilobytes"), load(load_material, "kilobytes")), ""),
        ("Chargement d'une fiche : tâches longues du fil principal",
         _ms(load(load_ours, "long_tasks_ms")), _ms(load(load_material, "long_tasks_ms")),
         ratio(load(load_ours, "long_tasks_ms"), load(load_material, "long_tasks_ms")), ""),
        ("Premiers résultats après « / », page chargée depuis 1 s",
         _ms(median(ours.first_at_rest)), _ms(median(material.first_at_rest)),
         ratio(median(ours.first_at_rest), median(material.first_at_rest)), "≤ 150 ms"),
        ("Premiers résultats après « / » pressé dès la fin du chargement",
         _ms(median(ours.first_at_load)), _ms(median(material.first_at_load)),
         ratio(median(ours.first_at_load), median(material.first_at_load)), ""),
        ("Même cas, depuis le début du chargement de la page",
         _ms(median(ours.first_from_navigation)), _ms(median(material.first_from_navigation)),
         ratio(median(ours.first_from_navigation), median(material.first_from_navigation)), ""),
        ("Chaque touche suivante (médiane ; 90ᵉ centile)",
         f"{_ms(median(ours.keystrokes), 1)} ; {_ms(_p90(ours.keystrokes), 1)}",
         f"{_ms(median(material.keystrokes), 1)} ; {_ms(_p90(material.keystrokes), 1)}",
         ratio(median(ours.keystrokes), median(material.keystrokes)), "≤ 30 ms"),
    ]
    lines = [
        SECTION, "",
        f"Mesuré par `bench/search_bench.py` le {time.strftime('%d/%m/%Y')} : {sheets} fiches outils "
        "générées (`bench/generate_content.py`, les 28 fiches de départ comprises) et 6 programmes, "
        "un même arbre de pages rendu deux fois (recherche de Repère ; recherche de Material 9.8.1, "
        "`lang: fr`, séparateur d'apostrophes, extension `offline`), ouvert depuis `file://` dans "
        f"Chromium sans affichage, dans la même exécution. Médianes de {runs} chargements de page par "
        f"côté et par cas ; saisie « / » puis « {FIRST_QUERY} », puis « {FURTHER_KEYS.strip()} » touche "
        "par touche (temps mesuré dans la page, entre l'appui et la mise à jour de la liste de "
        f"résultats). L'index de Repère se construit en {_decimal(index_seconds)} s. Machine : "
        f"{os.cpu_count()} processeurs, charge moyenne de {_decimal(min(LOADS))} à "
        f"{_decimal(max(LOADS))} pendant les mesures (les temps absolus en dépendent ; les rapports "
        "Repère / Material beaucoup moins).",
        "",
        "| mesure | Repère | Material | Repère / Material | objectif |",
        "|---|---|---|---|---|",
        *(f"| {' | '.join(row)} |" for row in rows),
        "",
        "### Rappel sur des requêtes en français",
        "",
        "Rang de chaque fiche attendue dans la liste complète des résultats (— : absente de la liste). "
        f"La liste de Material est parcourue jusqu'à la fiche attendue, ou jusqu'à sa fin, ou jusqu'à "
        f"{MATERIAL_SCAN_LIMIT} résultats.",
        "",
        "| requête | difficulté | fiche attendue | Repère | Material |",
        "|---|---|---|---|---|",
    ]
    found = {"Repère": 0, "Material": 0}
    total = 0
    for query, kind, expected in RECALL_QUERIES:
        for position, slug in enumerate(expected):
            rank_ours, rank_material = ours.recall[query][position], material.recall[query][position]
            total += 1
            found["Repère"] += bool(rank_ours)
            found["Material"] += bool(rank_material)
            lines.append(f"| « {query} » | {kind} | `{slug}` | {_rank(rank_ours)} | {_rank(rank_material)} |")
    lines += ["", f"Fiches attendues trouvées : Repère {found['Repère']} sur {total}, "
                  f"Material {found['Material']} sur {total}.", ""]
    return "\n".join(lines)


def _rank(rank: int | None) -> str:
    if rank == BEYOND:
        return f"au-delà des {MATERIAL_SCAN_LIMIT} premiers"
    return "—" if rank is None else f"{rank}ᵉ" if rank > 1 else "1ʳᵉ"


def _mo(size: float) -> str:
    return f"{_decimal(size / 1024 / 1024)} Mo"


def _decimal(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def _ms(value: float, digits: int = 0) -> str:
    return f"{_decimal(value, digits)} ms"


def _p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) >= 2 else values[0]


def write_section(path: Path, section: str) -> None:
    """Replace (or add) our ``## Recherche`` section, leaving the rest of the file as it is."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Mesures de performance\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section.rstrip("\n") + "\n\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
