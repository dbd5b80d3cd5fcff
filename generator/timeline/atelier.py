"""The « Atelier frise » page: one self-contained HTML file a CPIP opens by a double click.

Everything is inlined (styles, our scripts, the data generated from the Python declarations,
and the npm libraries ``yaml``, ``papaparse`` and plotly.js), so the one file can be copied alone
on a USB key and works from ``file://`` with no network: classic scripts only (no ``fetch``, no
ES modules), no storage. The Content-Security-Policy allows exactly these scripts, by their
SHA-256 hashes, and ``connect-src 'none'``: nothing can leave the PC.

The ``yaml`` package ships CommonJS files; ``commonjs_bundle`` wraps them, as they are, into one
classic script (a module table and a ``require``) at build time: nothing minified is committed.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import jinja2

from generator.browser_libs import PAPAPARSE, PLOTLY_BASIC, YAML_ENTRY, library_file
from generator.settings import DEFAULT as SETTINGS
from generator.settings import PageBrand
from generator.timeline import atelier_data
from generator.timeline.vocabulary import VOCABULARIES

PAGE_NAME = "atelier-frise.html"
STATIC = Path(__file__).with_name("static")
TEMPLATES = SETTINGS.templates / "atelier"
# Our scripts, in load order: each only reads globals set by the ones before it.
OWN_SCRIPTS = ("suggest.js", "guard.js", "indicators.js", "case_reader.js", "case_engine.js",
               "figure.js", "cards.js", "page.js", "atelier.js")
# What the yaml package requires from Node: small stand-ins (no warnings printed, no Buffer).
NODE_SHIMS = {
    "process": "module.exports = { env: {}, emitWarning: function () {} };",
    "buffer": "module.exports = { Buffer: undefined };",
}
CSP = (
    "default-src 'none'; connect-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; "
    "img-src data: blob:; form-action 'none'; base-uri 'none'"
)


def commonjs_bundle(entry: Path, global_name: str) -> str:
    """The CommonJS files reachable from ``entry`` as one classic script setting ``window.<name>``."""
    root = entry.parent
    modules: dict[str, str] = {}
    pending = [entry]
    while pending:
        path = pending.pop()
        name = path.relative_to(root).as_posix()
        if name in modules:
            continue
        source = path.read_text(encoding="utf-8")
        modules[name] = source
        for request in _requires(source):
            if request.startswith("."):
                target = (path.parent / request).resolve()
                target = target if target.suffix == ".js" else target.with_suffix(".js")
                pending.append(target)
    table = ",\n".join(
        f"{json.dumps(name)}: function (module, exports, require) {{\n{source}\n}}"
        for name, source in sorted(modules.items())
    )
    shims = ",\n".join(
        f"{json.dumps(name)}: function (module, exports) {{ {source} }}"
        for name, source in NODE_SHIMS.items()
    )
    start = json.dumps(entry.relative_to(root).as_posix())
    return f"""(function () {{
"use strict";
var files = {{
{table}
}};
var shims = {{
{shims}
}};
var cache = {{}};
function resolve(from, request) {{
  var parts = from.split("/").slice(0, -1);
  request.split("/").forEach(function (part) {{
    if (part === "..") parts.pop(); else if (part !== ".") parts.push(part);
  }});
  var name = parts.join("/");
  return /\\.js$/.test(name) ? name : name + ".js";
}}
function load(name) {{
  if (cache[name]) return cache[name].exports;
  var module = {{ exports: {{}} }};
  cache[name] = module;
  var factory = files[name] || shims[name];
  factory(module, module.exports, function (request) {{
    return load(request.charAt(0) === "." ? resolve(name, request) : request);
  }});
  return module.exports;
}}
window.{global_name} = load({start});
}}());
"""


def _requires(source: str) -> list[str]:
    import re  # noqa: PLC0415 - only the bundle needs it

    return re.findall(r"require\(['\"]([^'\"]+)['\"]\)", source)


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _inline(script: str) -> str:
    if "</script" in script.lower():
        # Only the closing tag matters; "<\/script" is the same text for the JS parser.
        script = script.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")
    return script


def scripts(brand: PageBrand | None = None) -> list[tuple[str, str]]:
    """(name, source) of every script of the page, in load order."""
    listed = [
        ("yaml", commonjs_bundle(library_file(*YAML_ENTRY), "YAML")),
        ("papaparse", library_file(*PAPAPARSE).read_text(encoding="utf-8")),
        ("plotly", library_file(*PLOTLY_BASIC).read_text(encoding="utf-8")),
        ("atelier-data", atelier_data.data_script(brand)),
    ]
    listed += [(name, (STATIC / name).read_text(encoding="utf-8")) for name in OWN_SCRIPTS]
    return [(name, _inline(source)) for name, source in listed]


def template_csv() -> str | None:
    """The spreadsheet template offered for download, if the checkout has it."""
    for folder in (SETTINGS.demo_case.parent,):
        path = folder / "modele-dossier.csv"
        if path.is_file():
            return path.read_bytes().decode("utf-8-sig")
    return None


def render_atelier(brand: PageBrand | None = None) -> str:
    """The whole page as one HTML text; ``brand`` is the look of the frise page it saves."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
    )
    listed = scripts(brand)
    template = template_csv()
    extra = [("modele", "window.RepereCsvTemplate = " + json.dumps(template or "", ensure_ascii=False)
              .replace("<", "\\u003c") + ";")]
    listed = listed[:4] + extra + listed[4:]
    csp = CSP.format(scripts=" ".join(_hash(source) for _, source in listed))
    return env.get_template("page.html.j2").render(
        csp=csp, scripts=listed, css=(TEMPLATES / "atelier.css").read_text(encoding="utf-8"),
        vocabularies=VOCABULARIES, has_template=template is not None,
    )


def write_atelier(target: Path, brand: PageBrand | None = None) -> Path:
    """Write the page to ``target`` (a file path); return it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_atelier(brand), encoding="utf-8")
    return target
