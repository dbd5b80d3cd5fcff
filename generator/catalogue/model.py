"""Domain objects of the catalogue: what a validated tool, programme or method sheet is.

The sheet classes are derived from the field declarations (``fields.py``): one attribute per
declared key, with the key's default, plus ``slug``, ``source`` (the file, so that later stages
can still name it in a message), ``body`` (its Markdown) and ``body_html`` (that Markdown as the
allow-list checked it: the pages publish it as is). A key added to a declaration is therefore an
attribute at once; the loader can never call a model with a key it does not have.
Nothing here reads files or renders anything.
"""

from __future__ import annotations

import dataclasses
import datetime  # noqa: F401  (named by the derived annotations)
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.catalogue.fields import METHOD, PROGRAMME, TOOL, ContentType
from generator.catalogue.values import Author, Duration, Feedback, Source, Support

__all__ = ["Author", "Catalogue", "Duration", "Feedback", "Method", "Programme", "Sheet", "Source",
           "Support", "ToolSheet", "model_of"]


@dataclass(frozen=True)
class Sheet:
    """What every content file has besides its keys."""

    slug: str
    source: Path
    body: str
    body_html: str

    @property
    def is_draft(self) -> bool:
        return getattr(self, "statut", "publie") == "brouillon"


def derive_model(content_type: ContentType, class_name: str) -> type:
    """A frozen dataclass with one attribute per declared key: required keys first (no default)."""
    required = [(f.key, f.python_type) for f in content_type.fields if f.required]
    optional = [(f.key, f.python_type, dataclasses.field(default=f.default))
                for f in content_type.fields if not f.required]
    return dataclasses.make_dataclass(class_name, [*required, *optional], bases=(Sheet,), frozen=True,
                                      namespace={"__module__": __name__})


_MODELS: dict[ContentType, type] = {}


def model_of(content_type: ContentType) -> type:
    """The model class of a content type (derived once per declaration)."""
    if content_type not in _MODELS:
        _MODELS[content_type] = derive_model(content_type, content_type.name.capitalize())
    return _MODELS[content_type]


_MODELS[TOOL] = ToolSheet = derive_model(TOOL, "ToolSheet")
_MODELS[PROGRAMME] = Programme = derive_model(PROGRAMME, "Programme")
_MODELS[METHOD] = Method = derive_model(METHOD, "Method")


@dataclass
class Catalogue:
    """Every sheet, by slug, sorted by title (the order lists show)."""

    tools: dict[str, Any] = field(default_factory=dict)
    programmes: dict[str, Any] = field(default_factory=dict)
    methods: dict[str, Any] = field(default_factory=dict)
    # Drafts that still lack required keys (shown path → keys): checked, listed, never rendered.
    incomplete_drafts: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def sheets_of(self, content_type: ContentType) -> dict[str, Any]:
        return {"outil": self.tools, "programme": self.programmes, "methode": self.methods}[content_type.name]
