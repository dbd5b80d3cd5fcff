"""The complete docs tree the engine renders: our pages and assets plus the browser libraries.

Shared by the build (``site_build``) and the live preview (``preview``), which therefore do not
import each other.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.browser_libs import IFRAME_WORKER_SHIM, library_file
from generator.catalogue import legal_pages, search_index
from generator.catalogue.brand import brand_of, copy_state_files
from generator.catalogue.docs_tree import RenderMemo, write_docs_tree
from generator.catalogue.frise_look import dress_demo_pages
from generator.catalogue.model import Catalogue
from generator.settings import DEFAULT, Settings

SHIM_TARGET = "assets/vendor/iframe-worker-shim.js"


def prepare_docs(catalogue: Catalogue, docs_dir: Path, with_search_index: bool = True,
                 settings: Settings = DEFAULT, memo: RenderMemo | None = None) -> int:
    """Write the whole docs tree under ``docs_dir``; return the number of pages. ``memo``: what
    the live preview keeps to update the pages alone afterwards (``docs_tree.update_pages``)."""
    pages = write_docs_tree(catalogue, docs_dir, settings.brand, memo)
    if with_search_index:
        search_index.write_search_index(catalogue, docs_dir)
    shim = docs_dir / SHIM_TARGET
    shim.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(library_file(*IFRAME_WORKER_SHIM, libraries=settings.browser_libraries), shim)
    brand = brand_of(settings.mkdocs_config)
    if brand.state:  # the neutral brand carries no Marianne and no State identity at all
        copy_state_files(docs_dir, settings.browser_libraries)
    dress_demo_pages(docs_dir, brand)  # the « Frise » demo pages get the site's header
    return pages + legal_pages.write_legal_pages(docs_dir, brand)
