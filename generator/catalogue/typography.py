"""French typography of displayed text: one filter, ``typo_fr``, for every value a page shows.

Applied by the templates to sheet values (titles, summaries, précautions…) and to the labels
they join; never to keys, slugs, URLs or the Markdown body (already HTML, where code and links
must stay as written). The browser's lists show the same strings: ``catalogue-data.js`` carries
them after this filter. The functions live in ``generator/french.py``, shared with the frise
(the timeline package cannot import the catalogue's).
"""

from __future__ import annotations

from generator.french import NBSP, NNBSP, liste_fr, typo_fr

__all__ = ["NBSP", "NNBSP", "liste_fr", "typo_fr"]
