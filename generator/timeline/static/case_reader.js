/* Repère — case file text (YAML or CSV) → the raw located structure the checker judges.
 *
 * Browser twin of generator/located_yaml.py (``load_located(text, as_text=True)``) and of
 * generator/timeline/csv_case.py: mappings, lists and scalars kept as the text written ("0123"
 * stays "0123"), the line of every path, duplicate keys, and where each plain scalar ends (for
 * the « # » rule). YAML is read by the `yaml` npm package (eemeli/yaml), CSV by `papaparse`:
 * no hand-written parser. Messages never repeat the file's text.
 * Classic script (window.RepereCaseReader, built from window.YAML and window.Papa); also a
 * CommonJS module for Node tests.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("yaml"), require("papaparse"), require("./suggest.js"));
  } else {
    root.RepereCaseReader = factory(root.YAML, root.Papa, root.RepereSuggest);
  }
}(this, function (YAML, Papa, suggest) {
  "use strict";

  var MAX_DEPTH = 50;   // located_yaml.MAX_DEPTH
  var NULLS = { "": true, "~": true, "null": true, "Null": true, "NULL": true };

  function key(path) { return JSON.stringify(path); }

  /** The located data of ``located_yaml.LocatedData``: data, lines by path, duplicate keys. */
  function Located(data, firstLine) {
    this.data = data;
    this.lines = new Map();
    this.duplicateKeys = [];
    this.valueEnds = new Map();
    this.firstLine = firstLine || 1;
  }
  Located.prototype.line = function (path) {
    var p = path.slice();
    while (p.length) {
      var found = this.lines.get(key(p));
      if (found !== undefined) return found;
      p.pop();
    }
    return this.firstLine;
  };

  function SyntaxProblem(line, message) {
    this.line = line;
    this.message = message;
  }

  // --- YAML --------------------------------------------------------------------------------------
  // PyYAML's messages are what the command line prints; eemeli/yaml's error codes are mapped to
  // the same French hints where the two parsers agree on the cause, else to the general hint.
  var HINTS = {
    tab: "une tabulation est utilisée pour indenter : remplacez-la par des espaces",
    colon: "deux-points inattendu : mettez la valeur entre guillemets si elle contient « : », ou vérifiez l'indentation",
    missingColon: "il manque « : » après une clé, ou une ligne est mal indentée",
    character: "caractère interdit en début de valeur : mettez la valeur entre guillemets",
    indent: "indentation incohérente : alignez cette ligne sur les clés du même niveau",
    quote: "guillemet ouvert mais jamais fermé",
    general: "syntaxe incorrecte : vérifiez l'indentation, les deux-points et les guillemets"
  };
  // PyYAML and eemeli/yaml see the same mistakes at different moments: these rules, found on
  // mutated cases (tests/test_atelier_differential.py measures the agreement), give the line
  // and the hint PyYAML gives for the common ones; anything else gets the general hint.
  function pyyamlError(errors, text, lineAt) {
    var quote = errors.filter(function (e) { return /closing\s*"?\s*quote|quote/i.test(e.message) && e.code === "MISSING_CHAR"; })[0];
    if (quote) {
      // PyYAML reads on to the next « " » (often the opening one of a later value): the text
      // after it is out of place. Only with no other « " » does it reach the end unclosed.
      var open = text.indexOf('"', quote.pos[0]) === quote.pos[0] ? quote.pos[0] : text.indexOf('"', quote.pos[0]);
      var next = open + 1;
      while ((next = text.indexOf('"', next)) !== -1 && text[next - 1] === "\\") next += 1;
      return next === -1 ? [lineAt(quote.pos[0]), HINTS.quote] : [lineAt(next), HINTS.indent];
    }
    var first = errors[0];
    var at = lineAt(first.pos[0]);
    var flowList = function () {
      var opened = text.lastIndexOf("[", first.pos[0]);
      return [at, "liste entre crochets ouverte " + (opened >= 0 ? "ligne " + lineAt(opened) + " " : "") +
        "mais pas fermée : ajoutez « ] » à la fin, et séparez les valeurs par des virgules"];
    };
    if (first.code === "TAB_AS_INDENT") return [at, HINTS.tab];
    if (first.code === "BAD_SCALAR_START") return [at, HINTS.character];
    if (first.code === "UNEXPECTED_TOKEN") return [at, HINTS.indent];
    if (first.code === "BAD_INDENT") {
      if (/^Flow sequence/.test(first.message)) return flowList();
      if (/^All mapping items/.test(first.message)) return [at, HINTS.indent];
      return [at, HINTS.general];
    }
    if (first.code === "MISSING_CHAR") {
      if (/flow sequence/.test(first.message)) return flowList();
      if (/^Sequence item without/.test(first.message)) return [at, HINTS.indent];
      // A last key without « : »: PyYAML notices it on the next line.
      if (/^Implicit map keys/.test(first.message)) {
        return [Math.min(lineAt(first.pos[1]) + 1, lineAt(text.length)), HINTS.missingColon];
      }
    }
    var multiline = errors.filter(function (e) { return e.code === "MULTILINE_IMPLICIT_KEY"; })[0];
    if (multiline && (first === multiline || first.code === "BLOCK_AS_IMPLICIT_KEY")) {
      // A key alone at the start of its line (an entry of a mapping) lacks its « : »; a text
      // running on from a value or a list dash meets a « : » it cannot take.
      var lineStart = text.lastIndexOf("\n", multiline.pos[0] - 1) + 1;
      var alone = /^[ ]*$/.test(text.slice(lineStart, multiline.pos[0]));
      return [lineAt(multiline.pos[1]), alone ? HINTS.missingColon : HINTS.colon];
    }
    if (first.code === "BLOCK_AS_IMPLICIT_KEY") return [at, HINTS.colon];
    return [lineAt(first.pos[0]), HINTS.general];
  }

  function readYaml(text) {
    var counter = new YAML.LineCounter();
    var doc;
    try {
      doc = YAML.parseDocument(text, {
        lineCounter: counter, schema: "failsafe", uniqueKeys: false, prettyErrors: false,
        strict: false
      });
    } catch (error) {
      throw new SyntaxProblem(1, "YAML illisible : vérifiez la syntaxe du fichier.");
    }
    // Lines as PyYAML counts them: "\u0085", "\u2028" and "\u2029" end a line too.
    var breaks = [];
    var found, ends = /\r\n|[\n\r\x85\u2028\u2029]/g;
    while ((found = ends.exec(text)) !== null) breaks.push(found.index + found[0].length);
    function lineAt(offset) {
      var low = 0, high = breaks.length;
      while (low < high) {
        var mid = (low + high) >> 1;
        if (breaks[mid] <= offset) low = mid + 1; else high = mid;
      }
      return low + 1;
    }
    // The guarded refusals of located_yaml (alias, depth) and the parser's first error: the one
    // met first in the text is what PyYAML, reading from the top, reports.
    var refusal = findRefusal(doc.contents, 1);
    var error = doc.errors[0];
    if (refusal && (!error || refusal.offset <= error.pos[0])) {
      throw new SyntaxProblem(lineAt(refusal.offset), "YAML invalide : " + refusal.hint + ".");
    }
    if (error) {
      var found = pyyamlError(doc.errors, text, lineAt);
      throw new SyntaxProblem(found[0], "YAML invalide : " + found[1] + ".");
    }
    var located = new Located(null, 1);
    located.data = doc.contents ? build(doc.contents, [], located, text, lineAt) : null;
    return located;
  }

  function findRefusal(node, depth) {
    if (!node) return null;
    if (YAML.isAlias(node)) {
      return {
        offset: node.range[0],
        hint: "une valeur ne peut pas commencer par « * » (alias YAML) : mettez-la entre guillemets"
      };
    }
    if (depth > MAX_DEPTH) {
      return {
        offset: node.range[0],
        hint: "plus de " + MAX_DEPTH + " niveaux imbriqués (crochets, accolades ou indentation) : " +
          "simplifiez cette valeur"
      };
    }
    var children = [];
    if (YAML.isMap(node)) {
      node.items.forEach(function (pair) { children.push(pair.key, pair.value); });
    } else if (YAML.isSeq(node)) {
      children = node.items;
    }
    for (var i = 0; i < children.length; i += 1) {
      var found = findRefusal(children[i], depth + 1);
      if (found) return found;
    }
    return null;
  }

  function scalarText(node) {
    if (node === null || node === undefined) return null;
    var value = node.value === null || node.value === undefined ? "" : String(node.value);
    if (node.type === "PLAIN" && NULLS[value]) return null;
    return value;
  }

  function keyText(node) {
    if (node === null || node === undefined) return "";
    if (YAML.isScalar(node)) return node.value === null ? "" : String(node.value);
    return "?";  // a list or mapping used as a key: reported as an unknown key
  }

  function build(node, path, located, text, lineAt) {
    if (YAML.isMap(node)) {
      var out = Object.create(null);
      var seen = Object.create(null);
      node.items.forEach(function (pair) {
        var name = keyText(pair.key);
        var at = pair.key && pair.key.range ? pair.key.range[0] : (pair.value ? pair.value.range[0] : 0);
        var childPath = path.concat([name]);
        if (seen[name]) located.duplicateKeys.push([childPath.join("."), lineAt(at)]);
        seen[name] = true;
        located.lines.set(key(childPath), lineAt(at));
        out[name] = pair.value ? build(pair.value, childPath, located, text, lineAt) : null;
      });
      return out;
    }
    if (YAML.isSeq(node)) {
      return node.items.map(function (item, index) {
        var childPath = path.concat([index]);
        if (item && item.range) located.lines.set(key(childPath), lineAt(item.range[0]));
        return item ? build(item, childPath, located, text, lineAt) : null;
      });
    }
    if (node.range) {
      located.valueEnds.set(key(path), { offset: node.range[1], plain: node.type === "PLAIN" });
    }
    return scalarText(node);
  }

  // --- CSV ---------------------------------------------------------------------------------------
  var KINDS = ["dossier", "fait", "decision", "peine", "mesure", "obligation", "vie"];
  var SECTIONS = { fait: "faits", decision: "decisions", mesure: "mesures", vie: "vie" };
  var CHILDREN = { peine: ["decision", "peines"], obligation: ["mesure", "obligations"] };
  var LIST_SEPARATOR = /[\s,]+/;

  function Invalid(problems) { this.problems = problems; }

  function detectSeparator(header) {
    var commas = header.split(",").length - 1, semicolons = header.split(";").length - 1;
    return commas > semicolons ? "," : ";";
  }

  /** Rows with the line each starts on (csv.reader's line_num), by papaparse.
   *
   * Like Python's csv.reader (not strict), an unclosed quote reads to the end of the text
   * instead of failing: papaparse's "Quotes" notices are not errors here. */
  function numberedRows(text, separator) {
    var parsed = Papa.parse(text, { delimiter: separator, newline: "", skipEmptyLines: false });
    var starts = rowStarts(text, separator);
    var rows = parsed.data.map(function (cells, index) { return [starts[index] || 1, cells]; });
    // A final line break gives papaparse a last row of one empty cell, csv.reader none.
    var last = rows[rows.length - 1];
    if (last && last[1].length === 1 && last[1][0] === "" && /(\r\n|\n|\r)$/.test(text)) rows.pop();
    return rows;
  }

  /** The line each record starts on: papaparse gives no positions, so the records are walked
   * again with csv.reader's rule (a quote opens a quoted cell only at the start of a cell). */
  function rowStarts(text, separator) {
    var starts = [1];
    var line = 1, quoted = false, atStart = true;
    for (var i = 0; i < text.length; i += 1) {
      var c = text[i];
      var newline = c === "\n" || (c === "\r" && text[i + 1] !== "\n");
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { i += 1; } else if (c === '"') { quoted = false; }
        if (newline) line += 1;
        continue;
      }
      if (c === '"' && atStart) { quoted = true; atStart = false; continue; }
      atStart = c === separator || newline || (c === "\r");
      if (newline) { line += 1; starts.push(line); }
    }
    return starts;
  }

  function readCsv(text, shown, say) {
    // csv.reader ends a row at "\r\n", "\n" or "\r" alike; papaparse takes one kind per file.
    text = text.replace(/\r\n?/g, "\n");
    var headerLine = text.split("\n")[0];
    var rows = numberedRows(text, detectSeparator(headerLine));
    if (!rows.length || !rows[0][1].some(function (c) { return suggest.strip(c); })) {
      throw new Invalid([[shown, 1, say("csv_no_header", {})]]);
    }
    var header = rows[0][1].map(function (c) { return suggest.strip(c); });
    var headerProblems = [];
    if (header.indexOf("rubrique") === -1) {
      var hint = "";
      for (var h = 0; h < header.length && !hint; h += 1) hint = suggest.didYouMean(header[h], ["rubrique"]);
      headerProblems.push([shown, 1, say("csv_no_rubrique", { hint: hint })]);
    }
    var named = header.filter(function (n) { return n; });
    if (new Set(named).size !== named.length) {
      headerProblems.push([shown, 1, say("csv_same_column", {})]);
    }
    if (headerProblems.length) throw new Invalid(headerProblems);
    var builder = new CsvBuilder(shown, header, say);
    rows.slice(1).forEach(function (row) { builder.row(row[0], row[1]); });
    return { located: builder.located(), problems: builder.problems };
  }

  function CsvBuilder(shown, header, say) {
    this.say = say;
    this.shown = shown;
    this.header = header;
    this.data = Object.create(null);
    this.lines = new Map();
    this.problems = [];
    this.parents = {};
    this.dossierLine = null;
  }
  CsvBuilder.prototype.report = function (line, message) {
    this.problems.push([this.shown, line, message]);
  };
  CsvBuilder.prototype.row = function (line, cells) {
    var values = new Map();
    var self = this;
    this.header.forEach(function (name, index) {
      if (index < cells.length && suggest.strip(cells[index])) values.set(name, suggest.strip(cells[index]));
    });
    var extra = cells.slice(this.header.length).filter(function (c) { return suggest.strip(c); });
    if (!values.size && !extra.length) return;
    if (extra.length || values.has("")) {
      this.report(line, this.say("csv_unnamed_column", {}));
    }
    values.delete("");
    var kind = values.has("rubrique") ? values.get("rubrique") : null;
    values.delete("rubrique");
    if (kind === null) {
      this.report(line, this.say("csv_empty_rubrique", { kinds: suggest.oneOf(KINDS) }));
    } else if (kind === "dossier") {
      this.dossier(line, values);
    } else if (SECTIONS[kind]) {
      this.entry(line, SECTIONS[kind], kind, values);
    } else if (CHILDREN[kind]) {
      this.child(line, kind, values);
    } else {
      self.report(line, this.say("csv_unknown_rubrique", { hint: suggest.didYouMean(kind, KINDS), kinds: suggest.oneOf(KINDS) }));
    }
  };
  CsvBuilder.prototype.dossier = function (line, values) {
    if (this.dossierLine !== null) {
      this.report(line, this.say("csv_second_dossier", { line: this.dossierLine }));
      return;
    }
    this.dossierLine = line;
    var self = this;
    values.forEach(function (value, name) {
      self.data[name] = value;
      self.lines.set(key([name]), line);
    });
  };
  CsvBuilder.prototype.entry = function (line, section, kind, values) {
    if (!Array.isArray(this.data[section])) this.data[section] = [];
    var items = this.data[section];
    if (!this.lines.has(key([section]))) this.lines.set(key([section]), line);
    var path = [section, items.length];
    var node = this.node(line, path, values, kind === "decision" ? "faits" : null);
    items.push(node);
    this.parents[kind] = { path: path, node: node };
  };
  CsvBuilder.prototype.child = function (line, kind, values) {
    var parentKind = CHILDREN[kind][0], listKey = CHILDREN[kind][1];
    var parent = this.parents[parentKind];
    if (!parent) {
      this.report(line, this.say("csv_orphan", { kind: kind, parent: parentKind }));
      return;
    }
    if (!Array.isArray(parent.node[listKey])) parent.node[listKey] = [];
    var items = parent.node[listKey];
    var listPath = parent.path.concat([listKey]);
    if (!this.lines.has(key(listPath))) this.lines.set(key(listPath), line);
    items.push(this.node(line, listPath.concat([items.length]), values, null));
  };
  CsvBuilder.prototype.node = function (line, path, values, listKey) {
    this.lines.set(key(path), line);
    var node = Object.create(null);
    var self = this;
    values.forEach(function (value, name) {
      self.lines.set(key(path.concat([name])), line);
      if (name === listKey) {
        var ids = value.split(LIST_SEPARATOR).filter(function (p) { return p; });
        ids.forEach(function (_, index) { self.lines.set(key(path.concat([name, index])), line); });
        node[name] = ids;
      } else {
        node[name] = value;
      }
    });
    return node;
  };
  CsvBuilder.prototype.located = function () {
    if (this.dossierLine === null) {
      this.report(1, this.say("csv_no_dossier", {}));
    }
    var located = new Located(this.data, 1);
    located.lines = this.lines;
    return located;
  };

  return {
    Located: Located,
    SyntaxProblem: SyntaxProblem,
    Invalid: Invalid,
    readYaml: readYaml,
    readCsv: readCsv,
    detectSeparator: detectSeparator,
    pathKey: key
  };
}));
