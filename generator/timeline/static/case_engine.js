/* Repère — the browser's case-file engine: text → guard → raw structure → checks → case.
 *
 * Browser twin of generator/timeline/loader.py (the reference): the same order (the guard
 * judges the raw text first and alone), the same checks in the same order, the same French
 * messages, the same lines. Vocabularies, key lists and date formats come from the data the
 * build generates from the Python declarations (atelier-data.js, window.RepereAtelierData);
 * tests/test_atelier_differential.py runs both on thousands of texts and asserts identical
 * problems, guard verdicts and indicators. No message repeats the file's text.
 *
 * API: load(text, name, format, today) → {problems: [[name, line, message]…] sorted like
 * InvalidInput, refused: bool (guard), case: plain validated case or null}.
 * Classic script (window.RepereCaseEngine); also a CommonJS module for Node tests, where the
 * data is passed to create().
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = {
      create: function (data) {
        return factory(data, require("./case_reader.js"), require("./suggest.js"),
          require("./guard.js"), require("./indicators.js"));
      }
    };
  } else {
    root.RepereCaseEngine = factory(root.RepereAtelierData, root.RepereCaseReader, root.RepereSuggest,
      root.RepereGuard, root.RepereIndicators);
  }
}(this, function (DATA, reader, suggest, guard, indicators) {
  "use strict";

  var V = DATA.vocabularies;
  var K = DATA.keys;
  var DATE_FORMATS = DATA.date_formats;
  var SHAPES = DATA.shapes;
  var say = suggest.say(DATA.messages);
  suggest.configure(DATA.suggest);
  var CONTRACT_KEYS = new Set(DATA.contract_keys);
  var JUVENILE = new Set(DATA.juvenile_courts);
  var SKIP = { skip: true };
  var key = reader.pathKey;
  var strip = suggest.strip;
  var didYouMean = suggest.didYouMean;
  var oneOf = suggest.oneOf;

  function isSkip(v) { return v === SKIP; }
  function isDict(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function isStr(v) { return typeof v === "string"; }
  function has(node, name) { return Object.prototype.hasOwnProperty.call(node, name); }
  function get(node, name) { return has(node, name) ? node[name] : null; }
  function keysOf(node) { return Object.keys(node); }
  function vocab(name) { return Object.keys(V[name]); }

  function describe(value) {
    if (isDict(value)) return SHAPES.mapping;
    if (Array.isArray(value)) return SHAPES.list;
    if (value === null || value === undefined) return SHAPES.empty;
    return SHAPES.text;
  }

  function keyName(path) {
    for (var i = path.length - 1; i >= 0; i -= 1) if (isStr(path[i])) return path[i];
    return "document";
  }

  // --- dates (loader.parse_date) ----------------------------------------------------------------
  var DATE_SHAPES = [
    /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/,
    /^(?:(\d{2})\/)?(\d{2})\/(\d{4})$/
  ];

  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }

  function validDay(y, m, d) {
    if (y < 1 || m < 1 || m > 12 || d < 1) return false;
    var dt = new Date(Date.UTC(2000, m - 1, d));
    dt.setUTCFullYear(y);
    return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  }

  /** [first day ISO, ISO text at the precision written] or a French explanation. */
  function parseDate(value) {
    if (!isStr(value)) {
      return say("date_not_text", { shape: describe(value), formats: DATE_FORMATS });
    }
    var text = strip(value);
    var y = null, m = null, d = null, match;
    if ((match = DATE_SHAPES[0].exec(text))) { y = match[1]; m = match[2]; d = match[3]; } else if ((match = DATE_SHAPES[1].exec(text))) { d = match[1]; m = match[2]; y = match[3]; }
    if (y === null) return say("date_shape", { formats: DATE_FORMATS });
    var year = +y, month = m ? +m : 1, day = d ? +d : 1;
    if (year < 1000 || !validDay(year, month, day)) {
      return say("date_impossible", { formats: DATE_FORMATS });
    }
    var written = pad(year, 4) + (m ? "-" + pad(month, 2) : "") + (d ? "-" + pad(day, 2) : "");
    return [pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2), written];
  }

  // --- the checker (loader._Checker) ------------------------------------------------------------
  function Checker(shown, located, yamlText) {
    this.shown = shown;
    this.located = located;
    this.yamlText = yamlText;   // null for a CSV (no comments there)
    this.problems = [];
    this.dated = [];
  }
  var C = Checker.prototype;

  C.line = function (path) { return this.located.line(path); };
  C.report = function (path, message) { this.problems.push([this.shown, this.line(path), message]); };

  C.keys = function (node, path, allowed, required, where) {
    where = where || "";
    var self = this;
    keysOf(node).forEach(function (name) {
      if (allowed.indexOf(name) !== -1) return;
      var line = self.line(path.concat([name]));
      var birth = isBirthKey(name) && !path.length
        ? say("unknown_key_birth", {}) : "";
      self.report(path.concat([name]), say("unknown_key", { line: line, where: where, birth: birth, hint: didYouMean(name, allowed), keys: oneOf(allowed) }));
    });
    required.forEach(function (name) {
      if (!has(node, name)) self.report(path, say("missing_key", { key: name, where: where }));
    });
  };

  function isBirthKey(name) {
    var text = String(name).toLowerCase();
    return text.indexOf("naiss") !== -1 || DATA.birth_keys.indexOf(text) !== -1;
  }

  C.items = function (node, path, name) {
    var value = get(node, name);
    if (value === null) return [];
    if (!Array.isArray(value)) {
      this.report(path.concat([name]), say("not_a_list", { key: name, shape: describe(value) }));
      return [];
    }
    var out = [];
    var self = this;
    value.forEach(function (item, index) {
      if (isDict(item)) out.push([path.concat([name, index]), item]);
      else self.report(path.concat([name, index]), say("item_not_mapping", { key: name, shape: describe(item) }));
    });
    return out;
  };

  C.text = function (node, path, name) {
    var value = get(node, name);
    if (value === null) return null;
    if (!isStr(value)) {
      this.report(path.concat([name]), say("not_text", { key: name, shape: describe(value) }));
      return SKIP;
    }
    if (DATA.label_keys.indexOf(name) !== -1) this.checkComment(path.concat([name]));
    return strip(value) || null;
  };

  C.checkComment = function (path) {
    var end = this.located.valueEnds.get(key(path));
    if (this.yamlText === null || !end || !end.plain) return;
    var rest = this.yamlText.slice(end.offset).split(/\r\n|[\n\r\x85\u2028\u2029]/)[0];
    if (/^[ \t]+#/.test(rest)) {
      this.report(path, say("comment_in_label", { key: keyName(path) }));
    }
  };

  C.choice = function (node, path, name, vocabulary, required) {
    if (required === undefined) required = true;
    var allowed = vocab(vocabulary);
    var value = get(node, name);
    if (value === null) {
      if (has(node, name) && required) {
        this.report(path.concat([name]), say("choice_empty", { key: name, values: oneOf(allowed) }));
      }
      return required ? SKIP : null;
    }
    if (isStr(value) && allowed.indexOf(strip(value)) !== -1) return strip(value);
    var hint = isStr(value) ? didYouMean(value, allowed) : "";
    this.report(path.concat([name]), say("choice_unknown", { key: name, hint: hint, values: oneOf(allowed) }));
    return SKIP;
  };

  C.identifier = function (value, path, what) {
    if (!isStr(value) || !strip(value)) {
      this.report(path, say("identifier", { key: keyName(path), what: what, shape: value !== "" ? describe(value) : SHAPES.empty }));
      return SKIP;
    }
    return strip(value);
  };

  C.ownId = function (item, path) {
    if (!has(item, "id")) return SKIP;
    return this.identifier(item.id, path.concat(["id"]), "un identifiant");
  };

  C.date = function (node, path, name, event) {
    if (event === undefined) event = true;
    if (get(node, name) === null) {
      if (has(node, name)) {
        this.report(path.concat([name]), say("date_empty", { key: name, formats: DATE_FORMATS }));
        return SKIP;
      }
      return null;
    }
    var parsed = parseDate(node[name]);
    if (isStr(parsed)) {
      this.report(path.concat([name]), say("date_bad", { key: name, reason: parsed }));
      return SKIP;
    }
    if (event) this.dated.push([path.concat([name]), parsed[0]]);
    return parsed;
  };

  C.caseOf = function (today) {
    var data = this.located.data;
    var self = this;
    this.located.duplicateKeys.forEach(function (dup) {
      var name = dup[0].split(".").pop();
      var subject = CONTRACT_KEYS.has(name) ? "« " + name + " »" : "une clé";
      self.problems.push([self.shown, dup[1], say("duplicate_key", { subject: subject })]);
    });
    this.keys(data, [], K.top, ["dossier", "annee_naissance"]);
    var dossier = this.dossier(data);
    var birth = this.birthYear(data);
    var reference = this.date(data, [], "date_reference", false);
    if (reference === null) reference = [today, today];
    var offences = this.items(data, [], "faits").map(function (p) { return self.offence(p[0], p[1]); });
    var decisions = this.items(data, [], "decisions").map(function (p) { return self.decision(p[0], p[1]); });
    var measures = this.items(data, [], "mesures").map(function (p) { return self.measure(p[0], p[1]); });
    var events = this.items(data, [], "vie").map(function (p) { return self.lifeEvent(p[0], p[1]); });
    this.checkIds();
    if (!isSkip(birth) && !isSkip(reference)) this.checkBounds(birth, reference[0]);
    this.checkDecisions(data, birth);
    var parts = [dossier, birth, reference].concat(offences, decisions, measures, events);
    if (this.problems.length || parts.some(function (p) { return isSkip(p) || p === null; })) return null;
    return {
      dossier: dossier, annee_naissance: birth, date_reference: reference[0],
      date_reference_text: reference[1],
      faits: offences, decisions: decisions, mesures: measures, vie: events
    };
  };

  C.dossier = function (data) {
    if (!has(data, "dossier")) return SKIP;
    var value = this.identifier(data.dossier, ["dossier"], "un identifiant pseudonyme");
    if (isSkip(value)) return value;
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(value)) {
      this.report(["dossier"], say("dossier_pattern", {}));
      return SKIP;
    }
    // Reading (as the loader): a dossier of digits only ("0123") is valid text; real file
    // numbers are the guard's job.
    return value;
  };

  C.birthYear = function (data) {
    if (!has(data, "annee_naissance")) return SKIP;
    var value = data.annee_naissance;
    if (isStr(value) && /^\d{4}$/.test(strip(value))) return parseInt(strip(value), 10);
    var looksLikeDate = isStr(value) && /\d[-/.]\d/.test(value);
    var hint = looksLikeDate ? say("birth_year_full_date", {}) : "";
    this.report(["annee_naissance"], say("birth_year", { hint: hint }));
    return SKIP;
  };

  C.offence = function (path, item) {
    this.keys(item, path, K.offence, ["id", "date", "categorie", "gravite"], " dans « faits »");
    var ident = this.ownId(item, path);
    var date = this.date(item, path, "date");
    var end = this.date(item, path, "fin");
    this.checkOrder(path, date, end, "date", "fin");
    var categorie = this.choice(item, path, "categorie", "categorie");
    var gravite = this.choice(item, path, "gravite", "gravite");
    var libelle = this.text(item, path, "libelle");
    var personne = this.text(item, path, "libelle_personne");
    var natinf = this.natinf(item, path);
    var values = [ident, date, end, categorie, gravite, libelle, personne, natinf];
    if (values.some(isSkip) || date === null) return SKIP;
    return {
      id: ident, date: date[0], date_text: date[1], fin: end ? end[0] : null, fin_text: end ? end[1] : null,
      categorie: categorie, gravite: gravite, libelle: libelle, libelle_personne: personne, natinf: natinf
    };
  };

  C.natinf = function (item, path) {
    var value = get(item, "natinf");
    if (value === null) return null;
    if (isStr(value) && /^[0-9]+$/.test(strip(value)) && parseInt(strip(value), 10) > 0) return parseInt(strip(value), 10);
    this.report(path.concat(["natinf"]), say("natinf", {}));
    return SKIP;
  };

  C.decision = function (path, item) {
    var self = this;
    this.keys(item, path, K.decision, ["id", "date", "faits", "juridiction"], " dans « decisions »");
    var ident = this.ownId(item, path);
    var date = this.date(item, path, "date");
    var juridiction = this.choice(item, path, "juridiction", "juridiction");
    var nature = this.choice(item, path, "nature", "nature", false) || "condamnation";
    var faits = this.judged(item, path);
    var penalties = this.items(item, path, "peines").map(function (p) { return self.penalty(p[0], p[1]); });
    var peines = get(item, "peines");
    if (nature === "condamnation" && (peines === null || (Array.isArray(peines) && !peines.length))) {
      this.report(has(item, "peines") ? path.concat(["peines"]) : path, say("penalties_missing", {}));
    }
    if (nature === "relaxe" && truthy(peines)) {
      this.report(path.concat(["peines"]), say("penalties_of_relaxe", {}));
    }
    var values = [ident, date, juridiction, nature, faits].concat(penalties);
    if (values.some(isSkip) || date === null) return SKIP;
    return {
      id: ident, date: date[0], date_text: date[1], faits: faits, juridiction: juridiction,
      peines: penalties, nature: nature
    };
  };

  // Python truthiness of a raw value (a non-empty text, list or mapping).
  function truthy(value) {
    if (value === null || value === undefined) return false;
    if (isStr(value) || Array.isArray(value)) return value.length > 0;
    if (isDict(value)) return keysOf(value).length > 0;
    return true;
  }

  C.judged = function (item, path) {
    if (!has(item, "faits")) return SKIP;
    var value = item.faits;
    var list = Array.isArray(value);
    var refs = list ? value : [value];
    if (!refs.length || value === null) {
      this.report(path.concat(["faits"]), say("judged_empty", {}));
      return SKIP;
    }
    var base = path.concat(["faits"]);
    var self = this;
    var ids = refs.map(function (ref, i) {
      return self.identifier(ref, list ? base.concat([i]) : base, "un identifiant de fait");
    });
    if (ids.some(isSkip)) return SKIP;
    return ids;
  };

  C.penalty = function (path, item) {
    this.keys(item, path, K.penalty, ["type"], " dans « peines »");
    var kind = this.choice(item, path, "type", "peine.type");
    var quantum = this.text(item, path, "quantum");
    var trial = this.text(item, path, "duree_epreuve");
    if ([kind, quantum, trial].some(isSkip)) return SKIP;
    return { type: kind, quantum: quantum, duree_epreuve: trial };
  };

  C.measure = function (path, item) {
    var self = this;
    this.keys(item, path, K.measure, ["type", "debut"], " dans « mesures »");
    var kind = this.choice(item, path, "type", "mesure.type");
    var start = this.date(item, path, "debut");
    var end = this.date(item, path, "fin");
    var planned = this.date(item, path, "fin_prevue", false);
    this.checkOrder(path, start, end, "debut", "fin");
    this.checkOrder(path, start, planned, "debut", "fin_prevue");
    var decision = get(item, "decision") !== null
      ? this.identifier(item.decision, path.concat(["decision"]), "un identifiant de décision") : null;
    var issue = this.choice(item, path, "issue", "issue", false);
    this.checkIssue(path, issue, end);
    var obligations = this.items(item, path, "obligations").map(function (p) { return self.obligation(p[0], p[1]); });
    var values = [kind, start, end, planned, decision, issue].concat(obligations);
    if (values.some(isSkip) || start === null) return SKIP;
    return {
      type: kind, debut: start[0], debut_text: start[1], fin: end ? end[0] : null, fin_text: end ? end[1] : null,
      decision: decision, issue: issue, fin_prevue: planned ? planned[0] : null,
      fin_prevue_text: planned ? planned[1] : null, obligations: obligations
    };
  };

  C.checkIssue = function (path, issue, end) {
    if (issue === "en_cours" && end !== null) {
      this.report(path.concat(["issue"]), say("running_with_end", {}));
    } else if ((issue === "fin_normale" || issue === "revocation") && end === null) {
      this.report(path.concat(["issue"]), say("ended_without_end", { issue: issue }));
    }
  };

  C.obligation = function (path, item) {
    this.keys(item, path, K.obligation, ["type", "respect"], " dans « obligations »");
    var kind = this.choice(item, path, "type", "obligation.type");
    var libelle = this.text(item, path, "libelle");
    var respect = this.choice(item, path, "respect", "respect");
    if ([kind, libelle, respect].some(isSkip)) return SKIP;
    return { type: kind, libelle: libelle, respect: respect };
  };

  C.lifeEvent = function (path, item) {
    this.keys(item, path, K.life, ["domaine"], " dans « vie »");
    var domaine = this.choice(item, path, "domaine", "domaine");
    var point = this.date(item, path, "date");
    var start = this.date(item, path, "debut");
    var end = this.date(item, path, "fin");
    var libelle = this.text(item, path, "libelle");
    var personne = this.text(item, path, "libelle_personne");
    var sens = this.choice(item, path, "sens", "sens", false);
    var ok = true;
    if (has(item, "date") && has(item, "debut")) {
      this.report(path.concat(["debut"]), say("date_and_start", {}));
      ok = false;
    } else if (!has(item, "date") && !has(item, "debut")) {
      this.report(path, say("no_date_nor_start", {}));
      ok = false;
    } else if (has(item, "date") && has(item, "fin")) {
      this.report(path.concat(["fin"]), say("end_of_point", {}));
      ok = false;
    } else {
      this.checkOrder(path, start, end, "debut", "fin");
    }
    var values = [domaine, point, start, end, libelle, personne, sens];
    if (!ok || values.some(isSkip)) return SKIP;
    var first = point || start;
    return {
      index: path[path.length - 1], domaine: domaine, debut: first[0], debut_text: first[1],
      fin: end ? end[0] : null, fin_text: end ? end[1] : null, point: point !== null,
      libelle: libelle, sens: sens || "neutre", libelle_personne: personne
    };
  };

  C.checkOrder = function (path, start, end, startKey, endKey) {
    if (Array.isArray(start) && Array.isArray(end) && end[0] < start[0]) {
      this.report(path.concat([endKey]), say("end_before_start", { end: endKey, start: startKey }));
    }
  };

  function sectionItems(data, name) {
    var value = get(data, name);
    if (!Array.isArray(value)) return [];
    var out = [];
    value.forEach(function (item, i) { if (isDict(item)) out.push([[name, i], item]); });
    return out;
  }

  C.checkIds = function () {
    var data = this.located.data;
    var self = this;
    var declared = new Map();
    var offenceIds = new Set(), decisionIds = new Set();
    [["faits", offenceIds], ["decisions", decisionIds]].forEach(function (pair) {
      sectionItems(data, pair[0]).forEach(function (entry) {
        var path = entry[0], item = entry[1];
        var ident = get(item, "id");
        if (!isStr(ident) || !strip(ident)) return;
        ident = strip(ident);
        if (declared.has(ident)) {
          var first = self.line(declared.get(ident).concat(["id"]));
          self.report(path.concat(["id"]), say("duplicate_id", { line: first }));
        } else {
          declared.set(ident, path);
        }
        pair[1].add(ident);
      });
    });
    sectionItems(data, "decisions").forEach(function (entry) {
      var path = entry[0], item = entry[1];
      var value = get(item, "faits");
      var list = Array.isArray(value);
      (list ? value : [value]).forEach(function (ref, index) {
        var refPath = list ? path.concat(["faits", index]) : path.concat(["faits"]);
        if (isStr(ref) && strip(ref) && !offenceIds.has(strip(ref))) {
          self.report(refPath, say("unknown_offence", {}));
        }
      });
    });
    sectionItems(data, "mesures").forEach(function (entry) {
      var ref = get(entry[1], "decision");
      if (isStr(ref) && strip(ref) && !decisionIds.has(strip(ref))) {
        self.report(entry[0].concat(["decision"]), say("unknown_decision", {}));
      }
    });
  };

  C.checkBounds = function (birth, reference) {
    var self = this;
    this.dated.forEach(function (entry) {
      var path = entry[0], date = entry[1];
      var name = keyName(path);
      if (+date.slice(0, 4) < birth) {
        self.report(path, say("before_birth", { key: name }));
      } else if (date > reference) {
        var hint = name === "fin" ? say("after_reference_end", {}) : "";
        self.report(path, say("after_reference", { key: name, hint: hint }));
      }
    });
    if (+reference.slice(0, 4) < birth) {
      this.report(["date_reference"], say("reference_before_birth", {}));
    }
  };

  C.checkDecisions = function (data, birth) {
    var self = this;
    var starts = new Map();
    sectionItems(data, "faits").forEach(function (entry) {
      var item = entry[1];
      var parsed = parseDate(get(item, "date"));
      if (isStr(get(item, "id")) && !isStr(parsed)) {
        var ident = strip(item.id);
        if (!starts.has(ident)) starts.set(ident, [parsed[0], entry[0]]);
      }
    });
    sectionItems(data, "decisions").forEach(function (entry) {
      var path = entry[0], item = entry[1];
      var parsed = parseDate(get(item, "date"));
      var value = get(item, "faits");
      var refs = (Array.isArray(value) ? value : [value])
        .filter(function (r) { return isStr(r) && starts.has(strip(r)); })
        .map(function (r) { return strip(r); });
      if (!isStr(parsed) && refs.some(function (r) { return parsed[0] < starts.get(r)[0]; })) {
        self.report(path.concat(["date"]), say("decision_before_offence", {}));
      }
      if (JUVENILE.has(get(item, "juridiction")) && !isSkip(birth)) {
        refs.filter(function (r) { return +starts.get(r)[0].slice(0, 4) - birth - 1 > 17; })
          .forEach(function (r) {
            var line = self.line(starts.get(r)[1].concat(["date"]));
            self.report(path.concat(["juridiction"]), say("juvenile_court_adult", { line: line }));
          });
      }
    });
  };

  // --- the whole chain (loader.load_case) -------------------------------------------------------
  function compareProblems(a, b) {
    if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
    if (a[1] !== b[1]) return a[1] - b[1];
    return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
  }

  function todayIso() {
    var now = new Date();
    return pad(now.getFullYear(), 4) + "-" + pad(now.getMonth() + 1, 2) + "-" + pad(now.getDate(), 2);
  }

  /** Guard, read, check: {problems, refused, case}. ``format`` is "yaml" or "csv". */
  function load(text, name, format, today) {
    today = today || todayIso();
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);   // utf-8-sig
    var findings = guard.scanText(text, guard.readBirthYear(text));
    if (findings.length) {
      return {
        refused: true, case: null, findings: findings,
        problems: findings.map(function (f) { return [name, f.line, guard.message(f)]; }).sort(compareProblems)
      };
    }
    var located, shape = [];
    try {
      if (format === "csv") {
        var read = reader.readCsv(text, name, say);
        located = read.located;
        shape = read.problems;
      } else {
        located = reader.readYaml(text);
        var top = yamlTopProblem(located, name);
        if (top) return { refused: false, case: null, findings: [], problems: [top], raw: null };
      }
    } catch (error) {
      if (error instanceof reader.SyntaxProblem) {
        return { refused: false, case: null, findings: [], problems: [[name, error.line, error.message]] };
      }
      if (error instanceof reader.Invalid) {
        return { refused: false, case: null, findings: [], problems: error.problems.slice().sort(compareProblems) };
      }
      throw error;
    }
    var checker = new Checker(name, located, format === "csv" ? null : text);
    var built = checker.caseOf(today);
    var problems = shape.concat(checker.problems);
    if (!problems.length && built === null) problems = [[name, 0, say("invalid", {})]];
    return {
      refused: false, case: problems.length ? null : built, findings: [], raw: located.data,
      problems: problems.sort(compareProblems)
    };
  }

  function yamlTopProblem(located, name) {
    if (located.data === null) {
      return [name, 1, say("empty", {})];
    }
    if (!isDict(located.data)) {
      return [name, 1, say("not_mapping", { shape: describe(located.data) })];
    }
    return null;
  }

  /** The validated case as indicators.js reads it. */
  function indicatorInput(c) {
    return {
      dossier: c.dossier, annee_naissance: c.annee_naissance, date_reference: c.date_reference,
      faits: c.faits.map(function (o) { return { id: o.id, date: o.date, fin: o.fin, categorie: o.categorie, gravite: o.gravite }; }),
      decisions: c.decisions.map(function (d) { return { id: d.id, date: d.date, faits: d.faits.slice(), juridiction: d.juridiction, nature: d.nature }; }),
      mesures: c.mesures.map(function (m) {
        return { type: m.type, debut: m.debut, fin: m.fin, issue: m.issue,
          obligations: m.obligations.map(function (o) { return { type: o.type, respect: o.respect }; }) };
      }),
      vie: c.vie.map(function (e) { return { domaine: e.domaine, debut: e.debut, fin: e.fin, point: e.point, sens: e.sens }; })
    };
  }

  function run(text, name, format, today) {
    var result = load(text, name, format, today);
    result.indicators = result.case ? indicators.compute(indicatorInput(result.case)) : null;
    return result;
  }

  return { load: load, run: run, parseDate: parseDate, indicatorInput: indicatorInput, data: DATA, say: say };
}));
