""""Did you mean" suggestions for keys and vocabulary values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(value: object, allowed: Iterable[str]) -> str | None:
    """The allowed value nearest to ``value``, or None when nothing is close enough."""
    text = str(value).strip().lower()
    matches = difflib.get_close_matches(text, list(allowed), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(value: object, allowed: Iterable[str]) -> str:
    """French hint to append to an error message: ``« Vouliez-vous dire « x » ? »`` or ``""``."""
    match = closest(value, allowed)
    return f" Vouliez-vous dire « {match} » ?" if match else ""


def one_of(allowed: Iterable[str]) -> str:
    """French list of allowed values: ``« a », « b » ou « c »``."""
    quoted = [f"« {item} »" for item in allowed]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " ou " + quoted[-1]
