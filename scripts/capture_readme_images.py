"""Screenshots of the catalogue used by README.md (docs/img/), from a built site.

    .venv/bin/python build.py && .venv/bin/python scripts/capture_readme_images.py [site/]

Chromium is Debian's (/usr/bin/chromium, or $REPERE_CHROMIUM), driven by Playwright; the pages are
opened from the disk, as from the offline zip. The frise's images come from the frise tests
(FRISE_CAPTURES=docs/img).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "img"
# image name → (page, viewport width, viewport height)
IMAGES = {
    "accueil": ("index.html", 1200, 800),
    "catalogue-filtre": ("catalogue.html#facteur=addictions&modalite=collectif", 1200, 800),
    "facteur": ("facteurs/addictions.html", 1200, 800),
    "fiche": ("outils/balance-decisionnelle.html", 1200, 800),
    "fiche-telephone": ("outils/balance-decisionnelle.html", 390, 800),
}


def main(site: Path) -> int:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("REPERE_CHROMIUM", "/usr/bin/chromium"),
                                             args=["--no-sandbox", "--allow-file-access-from-files"])
        for name, (relative, width, height) in IMAGES.items():
            page = browser.new_page(viewport={"width": width, "height": height}, locale="fr-FR")
            path, _, fragment = relative.partition("#")
            page.goto((site / path).resolve().as_uri() + (f"#{fragment}" if fragment else ""))
            page.wait_for_load_state("load")
            page.wait_for_function("document.fonts.status === 'loaded'")
            page.screenshot(path=str(TARGET / f"{name}.png"))
            page.close()
            print(f"docs/img/{name}.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"))
