"""What we need to know about a sheet's Markdown body: where its headings are.

Headings inside fenced code blocks are not headings; the heading check of the loader, the search
index and the ROMIN import read them through here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})(\s)")


def headings(body: str) -> Iterator[tuple[int, int]]:
    """(line index in the body, heading level) of every ATX heading outside code fences."""
    in_fence = False
    for index, line in enumerate(body.split("\n")):
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (match := HEADING.match(line)):
            yield index, len(match[1])
