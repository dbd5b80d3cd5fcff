/* Repère — anonymisation guard, browser twin of generator/timeline/guard.py (the reference).
 *
 * A classic script (no ES modules): in a page it defines window.RepereGuard from the data the
 * build inlines as window.RepereGuardData (the content of guard_patterns.json); under Node,
 * module.exports is the same API built from ../guard_patterns.json. Same patterns, same checks,
 * in the same order as the Python module: tests/test_guard_differential.py runs both on the same
 * texts and asserts identical findings (kinds and lines). Findings never carry the value.
 */
(function (root, factory) {
  "use strict";
  var data = null;
  if (typeof module === "object" && module.exports && typeof require === "function") {
    data = require("../guard_patterns.json");
  } else if (root && root.RepereGuardData) {
    data = root.RepereGuardData;
  }
  var api = data ? factory(data) : { create: factory };
  api.create = factory;
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  }
  if (root && typeof root === "object" && typeof window !== "undefined") {
    root.RepereGuard = api;
  }
}(typeof window !== "undefined" ? window : this, function (DATA) {
  "use strict";

  var KINDS = DATA.kinds;
  var KIND_RANK = {};
  DATA.kind_order.forEach(function (name, rank) { KIND_RANK[KINDS[name]] = rank; });

  // --- the shared data ---------------------------------------------------------------------------
  function substitute(source, fragments) {
    Object.keys(fragments).forEach(function (name) {
      source = source.split("<<" + name + ">>").join(fragments[name]);
    });
    return source;
  }

  var FRAGMENTS = {};
  Object.keys(DATA.fragments).forEach(function (name) {
    FRAGMENTS[name] = substitute(DATA.fragments[name], FRAGMENTS);
  });

  function compile(spec, global) {
    var flags = "u" + (global ? "g" : "") + spec.flags.replace(/[^im]/g, "");
    return new RegExp(substitute(spec.source, FRAGMENTS), flags);
  }

  var P = {};   // first match only (search / test)
  var G = {};   // every match (finditer / findall)
  Object.keys(DATA.patterns).forEach(function (name) {
    P[name] = compile(DATA.patterns[name], false);
    G[name] = compile(DATA.patterns[name], true);
  });
  var NORMALISE = {};
  Object.keys(DATA.normalise).forEach(function (name) {
    NORMALISE[name] = new RegExp(DATA.normalise[name], "gu");
  });

  function finditer(name, text) {
    return Array.from(text.matchAll(G[name]));
  }

  function findall(name, text) {
    return text.match(G[name]) || [];
  }

  function search(name, text) {
    return P[name].exec(text);
  }

  // --- normalisation -----------------------------------------------------------------------------
  function normalise(text) {
    text = text.replace(NORMALISE.line_breaks, "\n");
    text = text.replace(NORMALISE.yaml_escape, unescape);
    text = text.normalize("NFKC");
    text = text.replace(NORMALISE.spaces, " ");
    return text.replace(NORMALISE.invisible, "");
  }

  var ESCAPED_CONTROL = new RegExp("^" + DATA.normalise.escaped_control + "$", "u");

  // A YAML escape as the reader will see it (see guard.py: _unescape).
  function unescape(match, x, u, bigU, literal, single) {
    var hexa = x || u || bigU;
    if (hexa) {
      var code = parseInt(hexa, 16);
      var char = code <= 0x10FFFF ? String.fromCodePoint(code) : " ";
      return ESCAPED_CONTROL.test(char) ? " " : char;
    }
    if (literal) {
      return literal;
    }
    return single ? " " : "";
  }

  function lineFinder(text) {
    var breaks = [];
    for (var i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
      breaks.push(i);
    }
    return function (offset) {
      return bisectLeft(breaks, offset) + 1;
    };
  }

  function bisectLeft(list, value) {
    var low = 0;
    var high = list.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (list[middle] < value) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  // --- detectors: each pushes [offset where the identifier starts, kind key] -----------------------
  function nirOk(window) {
    var compact = window.replace(/[ .\/_\n-]/g, "").toUpperCase();
    var department = compact.slice(5, 7);
    var corsica = DATA.nir.corsica;
    if (!/^[0-9]+$/.test(compact)) {
      if (!Object.prototype.hasOwnProperty.call(corsica, department) ||
          !/^[0-9]+$/.test(compact.slice(0, 6) + compact.slice(7))) {
        return false;
      }
    }
    if (compact.length === 13) {
      var month = parseInt(compact.slice(3, 5), 10);
      var monthsOk = DATA.nir.months_13.some(function (r) { return r[0] <= month && month <= r[1]; });
      var number = parseInt(department, 10);
      var departmentOk = Object.prototype.hasOwnProperty.call(corsica, department) ||
        DATA.nir.departments_13.some(function (r) { return r[0] <= number && number <= r[1]; });
      return monthsOk && departmentOk;
    }
    var dep = Object.prototype.hasOwnProperty.call(corsica, department) ? corsica[department] : department;
    var body = compact.slice(0, 5) + dep + compact.slice(7, 13);
    return 97 - (parseInt(body, 10) % 97) === parseInt(compact.slice(13), 10);
  }

  function nir(text, hits) {
    finditer("nir_at", text).forEach(function (m) {
      if (nirOk(m[1] + m[2] + (m[3] || ""))) {
        hits.push([m.index, "nir"]);
      }
    });
  }

  function phones(text, hits) {
    finditer("phone_at", text).forEach(function (m) {
      var groups = findall("digit_group", "0" + m[1]);
      var sizes = JSON.stringify(groups.map(function (g) { return g.length; }));
      var nirTail = DATA.phone_nir_tails.some(function (tail) { return JSON.stringify(tail) === sizes; });
      if (!nirTail && !groups.slice(1).some(isYear)) {
        hits.push([m.index, "phone"]);
      }
    });
    finditer("phone_intl", text).forEach(function (m) {
      var range = DATA.phone_country_digits[m[1]];
      var digits = findall("digit_group", m[2]).join("");
      if (range[0] <= digits.length && digits.length <= range[1] &&
          !(m[1] === "33" && digits[0] === "0")) {
        hits.push([m.index, "phone"]);
      }
    });
  }

  function emails(text, hits) {
    finditer("email", text).forEach(function (m) { hits.push([m.index, "email"]); });
  }

  function addresses(text, hits) {
    finditer("address", text).forEach(function (m) {
      var name = m[2];
      if (name === undefined) {
        return;
      }
      if (search("street_needs_name", m[1]) && name[0] === name[0].toLowerCase()) {
        return;
      }
      hits.push([m.index, "address"]);
    });
  }

  function civilities(text, hits) {
    finditer("civility", text).forEach(function (m) { hits.push([m.index, "civility"]); });
  }

  function isYear(group) {
    var value = parseInt(group, 10);
    return group.length === 4 && DATA.year_range[0] <= value && value <= DATA.year_range[1];
  }

  // --- dates of birth ----------------------------------------------------------------------------
  var DATE_SEPARATOR = /[./-]/;

  function dayDates(text) {
    var found = [];
    finditer("date_dmy_at", text).forEach(function (m) {
      var day = parseInt(m[1] + m[3], 10);
      var month = parseInt(m[5], 10);
      var year = m[7];
      if (year.length === 2 && !(DATE_SEPARATOR.test(m[4]) && DATE_SEPARATOR.test(m[6]))) {
        return;
      }
      if (day >= 1 && day <= 31 && month >= 1 && month <= 12) {
        found.push({ start: m.index, end: m.index + m[0].length + m[2].length, year: year });
      }
    });
    finditer("date_ymd_at", text).forEach(function (m) {
      var month = parseInt(m[4], 10);
      var day = parseInt(m[5], 10);
      if (day >= 1 && day <= 31 && month >= 1 && month <= 12) {
        found.push({ start: m.index, end: m.index + m[0].length + m[2].length, year: m[1] + m[3] });
      }
    });
    finditer("date_words_at", text).forEach(function (m) {
      var day = parseInt(m[1] + m[3], 10);
      if (day >= 1 && day <= 31) {
        found.push({ start: m.index, end: m.index + m[0].length + m[2].length, year: m[4] });
      }
    });
    // Stable sort on the start, as Python's list.sort.
    return found.map(function (d, i) { return [d, i]; })
      .sort(function (a, b) { return a[0].start - b[0].start || a[1] - b[1]; })
      .map(function (pair) { return pair[0]; });
  }

  function close(gap, limit) {
    // Lengths in code points, as Python counts them (not UTF-16 units).
    if (Array.from(gap).length > DATA.gap_max_chars || search("field_boundary", gap)) {
      return false;
    }
    var words = findall("word", gap).filter(function (w) { return search("has_letter_or_digit", w); });
    return words.length <= limit;
  }

  function sameYear(written, birthYear) {
    if (written.length === 4) {
      return parseInt(written, 10) === birthYear;
    }
    return parseInt(written, 10) === birthYear % 100;
  }

  var WORD_AT = new RegExp(G.word.source, "uy");  // sticky: a match starting exactly there

  function inKey(text, hintEnd) {
    WORD_AT.lastIndex = hintEnd;
    var rest = WORD_AT.exec(text);
    return rest !== null && search("key_end", rest[0]) !== null;
  }

  function birthDates(text, birthYear, hits) {
    var hints = finditer("birth_word", text).map(function (m) { return [m.index, m.index + m[0].length]; });
    var starts = hints.map(function (h) { return h[0]; });
    var limit = DATA.birth_words_between;
    dayDates(text).forEach(function (date) {
      if (birthYear !== null && birthYear !== undefined && sameYear(date.year, birthYear)) {
        hits.push([date.start, "birth_date"]);
        return;
      }
      var index = bisectLeft(starts, date.start);
      var before = index > 0 ? hints[index - 1] : null;
      var after = index < hints.length ? hints[index] : null;
      if ((before && before[1] <= date.start && close(text.slice(before[1], date.start), limit)) ||
          (after && after[0] >= date.end && close(text.slice(date.end, after[0]), limit) &&
           !inKey(text, after[1]))) {
        hits.push([date.start, "birth_date"]);
      }
    });
  }

  // --- numéros d'écrou and de parquet --------------------------------------------------------------
  function yearOrDate(groups) {
    var year = isYear;
    function small(g, top) {
      return g.length <= 2 && parseInt(g, 10) >= 1 && parseInt(g, 10) <= top;
    }
    if (year(groups[0])) {
      return true;
    }
    if (groups.length >= 2 && small(groups[0], 12) && year(groups[1])) {
      return true;
    }
    return groups.length >= 3 && small(groups[0], 31) && small(groups[1], 12) &&
      (year(groups[2]) || groups[2].length === 2);
  }

  function isNumber(chain, localGap, announced) {
    var groups = findall("digit_group", chain);
    var digits = groups.join("").length;
    if (announced || search("number_word", localGap)) {
      return digits >= DATA.number_min_digits_after_number_word;
    }
    return digits >= DATA.number_min_digits && !yearOrDate(groups);
  }

  function numbers(text, hits) {
    var limit = DATA.number_words_between;
    finditer("number_trigger", text).forEach(function (m) {
      var kind = m[1] ? "ecrou" : "parquet";
      var end = m.index + m[0].length;
      var before = Array.from(text.slice(Math.max(0, m.index - 2 * DATA.number_word_before), m.index))
        .slice(-DATA.number_word_before).join("");  // code points, as in Python
      var announced = search("number_word_just_before", before) !== null;
      var window = Array.from(text.slice(end, end + 2 * DATA.gap_max_chars))
        .slice(0, DATA.gap_max_chars).join("");  // code points, as in Python
      var chains = finditer("digit_chain", window).slice(0, limit + 2);
      var previousEnd = 0;
      for (var i = 0; i < chains.length; i += 1) {
        var chain = chains[i];
        var gap = window.slice(0, chain.index);
        if (search("field_boundary", gap)) {
          break;
        }
        var words = findall("word", gap).filter(function (w) { return search("has_letter", w); });
        if (words.length > limit) {
          break;
        }
        if (isNumber(chain[0], window.slice(previousEnd, chain.index), announced)) {
          hits.push([end + chain.index, kind]);
          break;
        }
        previousEnd = chain.index + chain[0].length;
      }
    });
  }

  function npp(text, hits) {
    finditer("npp", text).forEach(function (m) { hits.push([m.index, "parquet"]); });
  }

  // --- entry points ------------------------------------------------------------------------------
  function scanText(text, birthYear) {
    var copy = normalise(text);
    var lineOf = lineFinder(copy);
    var hits = [];
    [nir, emails, phones, addresses, civilities, numbers, npp].forEach(function (detect) {
      detect(copy, hits);
    });
    birthDates(copy, birthYear === undefined ? null : birthYear, hits);
    var seen = {};
    var findings = [];
    hits.forEach(function (hit) {
      var finding = { line: lineOf(hit[0]), kind: KINDS[hit[1]] };
      var key = finding.line + "|" + finding.kind;
      if (!seen[key]) {
        seen[key] = true;
        findings.push(finding);
      }
    });
    return findings.sort(function (a, b) {
      return a.line - b.line || KIND_RANK[a.kind] - KIND_RANK[b.kind];
    });
  }

  function csvCells(line, separator) {
    var cells = [];
    var cell = "";
    var quoted = false;
    for (var index = 0; index < line.length; index += 1) {
      var char = line[index];
      if (quoted) {
        if (char === '"' && line[index + 1] === '"') {
          cell += '"';
          index += 1;
        } else if (char === '"') {
          quoted = false;
        } else {
          cell += char;
        }
      } else if (char === '"') {
        quoted = true;
      } else if (char === separator) {
        cells.push(cell);
        cell = "";
      } else {
        cell += char;
      }
    }
    cells.push(cell);
    return cells;
  }

  function csvBirthYear(text) {
    var rows = text.split("\n").filter(function (line) { return line.trim() !== ""; });
    if (!rows.length) {
      return null;
    }
    var separator = rows[0].indexOf(";") !== -1 ? ";" : ",";
    var header = csvCells(rows[0], separator).map(function (c) { return c.trim(); });
    var kindAt = header.indexOf("rubrique");
    var yearAt = header.indexOf("annee_naissance");
    if (kindAt === -1 || yearAt === -1) {
      return null;
    }
    for (var i = 1; i < rows.length; i += 1) {
      var cells = csvCells(rows[i], separator);
      if (cells.length > Math.max(kindAt, yearAt) && cells[kindAt].trim() === "dossier") {
        var value = cells[yearAt].trim();
        return /^[0-9]{4}$/.test(value) ? parseInt(value, 10) : null;
      }
    }
    return null;
  }

  function readBirthYear(text) {
    var copy = normalise(text);
    var match = search("birth_year_yaml", copy);
    if (match) {
      return parseInt(match[1], 10);
    }
    return csvBirthYear(copy);
  }

  function message(finding) {
    var kind = finding.kind;
    var article = /^(numéro|nom)/.test(kind) ? "Un" : "Une";
    return DATA.message.replace("{article}", article).replace("{kind}", kind);
  }

  return {
    kinds: KINDS,
    normalise: normalise,
    scanText: scanText,
    readBirthYear: readBirthYear,
    message: message
  };
}));
