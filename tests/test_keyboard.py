"""Keyboard only: every catalogue filter and the search, reached and operated without a mouse.

On the unzipped offline build opened from ``file://``: Tab from the top of the catalogue until
every filter checkbox has had the focus, each with a visible focus indicator; Space toggles a
filter (count and address follow); the header's search button opens the search with Enter,
the arrows reach a result and Enter opens it. The ``s`` and ``/`` shortcuts are checked too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MAX_TABS = 200  # the catalogue's header and filters take about 40; bounded in case focus is trapped
RESULT = ".repere-recherche__resultat"

# What the focused element is, and whether focus shows on it: an outline (Chromium's own ring
# is "auto") or a box shadow. An element that cannot be seen must not be in the tab order.
FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    return {
        key: element.type === 'checkbox' ? element.name + '=' + element.value
            : element.id || element.tagName + ':' + (element.textContent || '').trim().slice(0, 40),
        checkbox: element.type === 'checkbox' && element.closest('#repere-filtres') !== null,
        indicator: outline || shadow,
        seen: box.width > 0 && box.height > 0 && style.opacity !== '0' && style.visibility !== 'hidden',
    };
}"""


def filter_checkboxes(page: object) -> set[str]:
    return set(page.evaluate("""[...document.querySelectorAll('#repere-filtres input[type=checkbox]')]
        .map(box => box.name + '=' + box.value)"""))


def shown_count(page: object) -> int:
    return int(page.locator("#repere-compte").inner_text().split()[0])


def tab_to(page: object, key: str, backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the element ``key`` has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = page.evaluate(FOCUSED)
        if focused["key"] == key:
            return focused
    raise AssertionError(f"{key} jamais atteint au clavier")


def test_every_filter_is_reached_and_toggled_with_the_keyboard(page_with_log, starter_site: Path) -> None:
    page, log = page_with_log
    page.goto((starter_site / "catalogue.html").as_uri())
    page.locator("#repere-liste > li").first.wait_for()
    expected = filter_checkboxes(page)
    assert len(expected) >= 20  # seven groups
    total = shown_count(page)
    reached: list[dict] = []
    toggled: dict[str, int] = {}
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        reached.append(focused)
        if focused["key"] in ("facteur=addictions", "modalite=collectif"):
            before = page.locator("#repere-compte").inner_text()
            page.keyboard.press(" ")
            # The list is redrawn on the box's change event: wait for the new count.
            page.wait_for_function("before => document.activeElement.checked && "
                                   "document.getElementById('repere-compte').textContent !== before", arg=before)
            toggled[focused["key"]] = shown_count(page)
        if expected <= {item["key"] for item in reached}:
            break
    keys = [item["key"] for item in reached]
    assert expected <= set(keys), f"filtres jamais atteints : {expected - set(keys)}"
    assert "repere-recherche-bouton" in keys  # the search, before the filters, in the header
    invisible = [item["key"] for item in reached if not item["seen"]]
    assert invisible == [], f"éléments invisibles dans l'ordre de tabulation : {invisible}"
    no_indicator = [item["key"] for item in reached if item["checkbox"] and not item["indicator"]]
    assert no_indicator == [], f"filtres sans indicateur de focus visible : {no_indicator}"
    # Space ticked both boxes; each narrowed the list, and the address keeps the filters.
    assert page.locator("#repere-filtres input[value=addictions]").is_checked()
    assert page.locator("#repere-filtres input[value=collectif]").is_checked()
    assert total > toggled["facteur=addictions"] >= toggled["modalite=collectif"]
    assert shown_count(page) == page.locator("#repere-liste > li").count() == toggled["modalite=collectif"]
    assert "facteur=addictions" in page.url and "modalite=collectif" in page.url
    # Back up to the header's search button, open it with Enter, reach a result, open it.
    button = tab_to(page, "repere-recherche-bouton", backwards=True)
    assert button["indicator"]
    page.keyboard.press("Enter")
    expect(page.locator("#repere-recherche")).to_be_visible()
    expect(page.locator("#repere-recherche-champ")).to_be_focused()
    open_first_result_with_arrows(page, "balance", "outils/balance-decisionnelle.html")
    assert log.external() == []


def open_first_result_with_arrows(page: object, words: str, expected_page: str) -> None:
    page.keyboard.type(words, delay=15)
    # Results are redrawn at each key: wait for those of the whole word, not of its first letters.
    first = page.locator(f"{RESULT} a").first
    expect(first).to_have_attribute("href", re.compile(re.escape(expected_page) + "$"))
    page.keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    focused = page.evaluate(FOCUSED)
    assert page.evaluate(f"document.activeElement.closest({RESULT!r}) !== null"), focused
    # The result card, not the link inside it, draws the focus ring (focus-within).
    ring = page.evaluate(f"""getComputedStyle(document.activeElement.closest({RESULT!r})).outlineStyle""")
    assert ring != "none"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{expected_page}")
    expect(page.locator("h1")).to_be_visible()


@pytest.mark.parametrize("shortcut", ["s", "/"])
def test_search_shortcut_opens_it_with_a_visible_focus(page_with_log, starter_site: Path, shortcut: str) -> None:
    page, log = page_with_log
    page.goto((starter_site / "catalogue.html").as_uri())
    page.wait_for_load_state("load")
    page.keyboard.press(shortcut)
    expect(page.locator("#repere-recherche")).to_be_visible()
    expect(page.locator("#repere-recherche-champ")).to_be_focused()
    focused = page.evaluate(FOCUSED)
    assert focused["key"] == "repere-recherche-champ" and focused["indicator"]
    open_first_result_with_arrows(page, "genogramme", "outils/genogramme.html")
    assert page.locator("h1").inner_text() == "Génogramme"
    assert log.external() == []


def test_search_shortcut_works_while_a_filter_has_focus(page_with_log, starter_site) -> None:
    page, _ = page_with_log
    page.goto((starter_site / "catalogue.html").as_uri())
    page.get_by_label("Addictions").focus()
    page.keyboard.press("/")
    expect(page.locator("#repere-recherche-champ")).to_be_focused()
    expect(page.get_by_label("Addictions")).not_to_be_checked()
