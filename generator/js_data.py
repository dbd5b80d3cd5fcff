"""Python data written into a classic script the browser loads (no fetch: pages open from file://)."""

from __future__ import annotations

import json
from typing import Any


def js_literal(value: Any) -> str:
    """``value`` as a JavaScript literal safe inside a ``<script>`` element or a ``.js`` file.

    ASCII only: the guard's patterns hold lone surrogates in character ranges, which UTF-8 cannot
    carry raw, and U+2028/U+2029 end lines in older engines; ``<`` is escaped so that an inlined
    script cannot be closed early by ``</script>``.
    """
    return json.dumps(value, ensure_ascii=True).replace("<", "\\u003c")
