/* Repère search: the query engine over window.REPERE_SEARCH_INDEX (assets/search-index.js, built
 * by generator/catalogue/search_index.py) and the results UI of the search dialog.
 *
 * Loaded on demand by the loader of templates/overrides/partials/repere-search.html (after
 * search-normalise.js and the index), never on a page load where nobody searches. No framework,
 * no network: works from file://. The engine also loads in Node (module.exports) for the tests.
 *
 * The reference is the Python engine, generator/catalogue/search_engine.py: same steps, same
 * numbers, checked against each other (tests/test_search_engine.py, bench/search_bench.py).
 *
 * Matching: every word of the query must match (AND). A word matches, by tier:
 *   0 exact: the index term equal to its normalised form;
 *   1 prefix: terms it starts (last word, while typing);
 *   2 thesaurus: the equivalents the index's thesaurus gives for it (an expression matches a
 *     sheet holding all its words; generator/catalogue/thesaurus.yaml);
 *   3 typo: only when the word matched no sheet in tiers 0-2, the terms at the smallest edit
 *     distance (Damerau) within its bound: none below 5 letters, 1 from 5 to 8, 2 from 9.
 * A sheet's tier is the worst tier among the query's words; results are ordered by tier, then
 * score, then catalogue order. Score: for each query word, the weights of the fields containing
 * it x match quality x rarity of the word; summed over the words. Nothing found: the nearest
 * indexed word of each word that matched nothing is suggested (« Vouliez-vous dire … ? »). */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./search-normalise.js"), require("./facets.js"));
  } else {
    root.RepereSearch = factory(root.RepereNormalise, root.RepereFacets);
    root.RepereSearch.ui = root.RepereSearch.start(document, root.REPERE_SEARCH_INDEX, root.REPERE_CATALOGUE);
  }
})(typeof self !== "undefined" ? self : this, function (normalise, facetsModule) {
  "use strict";

  // Must match generator/catalogue/search_index.py.
  var ALPHABET = "";
  for (var code = 35; code < 127; code++) {
    if (code !== 60 && code !== 92) { ALPHABET += String.fromCharCode(code); }
  }
  var BASE = 38;
  var FIELD_COUNT = 6;
  var DIGIT = new Int16Array(128).fill(-1); // char code → value; final digits 0..37, more 38..75
  var GAP_MARKER = new Int8Array(128).fill(-1);
  var BITSET_MARKER = new Int8Array(128).fill(-1);
  var BITSET_DIGIT = new Int8Array(128).fill(-1);
  for (var i = 0; i < ALPHABET.length; i++) {
    var c = ALPHABET.charCodeAt(i);
    if (i < 2 * BASE) { DIGIT[c] = i; }
    if (i >= 2 * BASE && i < 2 * BASE + FIELD_COUNT) { GAP_MARKER[c] = i - 2 * BASE; }
    if (i >= 2 * BASE + FIELD_COUNT && i < 2 * BASE + 2 * FIELD_COUNT) {
      BITSET_MARKER[c] = i - 2 * BASE - FIELD_COUNT;
    }
    if (i < 64) { BITSET_DIGIT[c] = i; }
  }
  var QUALITY = { exact: 1, prefix: 0.75, synonym: 0.6, typo1: 0.55, typo2: 0.35 };
  var TIER = { exact: 0, prefix: 1, synonym: 2, typo: 3, none: 9 };
  var MIN_PREFIX = 2;
  var SHORT_PREFIX = 3; // prefixes shorter than this expand to the most frequent terms only
  var SHORT_PREFIX_TERMS = 24;
  var TYPO1_LENGTH = 5; // of the normalised word: 1 typo from 5 letters, 2 from 9
  var TYPO2_LENGTH = 9;
  var FUZZY_PREFIX_LENGTH = 6;
  var PART_CACHE_SIZE = 200;
  // Doc row: kind (0 tool, 1 programme, 2 method), slug, title, duration label. Filter values
  // are in the catalogue's data file (assets/facets.js reads them); summaries come in their own
  // file, window.REPERE_SEARCH_RESUMES, after the first results.
  var KIND = 0, SLUG = 1, TITLE = 2, DURATION = 3;
  var FOLDERS = ["outils/", "programmes/", "methodes/"];
  var KIND_LABELS = [null, "Programme", "Méthode"]; // shown before the title; tools are the default
  var SCORE_CEILING = 1e6; // above any score: sort keys are (tier, ceiling - score, sheet number)

  /* ---------- Engine (no DOM) ---------- */

  /* facets: a RepereFacets.Facets over the catalogue's data file, or null (no filtering). */
  function Engine(index, facets) {
    this.index = index;
    this.facets = facets || null;
    this.docs = index.docs;
    this.terms = index.terms ? index.terms.split(" ") : [];
    this.encoded = index.postings ? index.postings.split(" ") : [];
    this.weights = index.weights;
    this.postings = new Array(this.terms.length); // decoded on first use
    this.scratch = new Float32Array(this.docs.length); // zero between two decodings
    this.touched = new Int32Array(this.docs.length);
    this.partCache = Object.create(null);
    this.partCount = 0;
    this.byLength = null; // term numbers by length, built on the first typo search
    this.words = index.words ? index.words.split(" ") : []; // display word of a term ("" = the term)
    this.thesaurus = index.thesaurus || {}; // term → equivalents, each a list of terms
  }

  // Typo candidates are within 2 letters of the word's length: no need to scan the others.
  Engine.prototype.termsOfLength = function (length) {
    if (!this.byLength) {
      this.byLength = [];
      for (var t = 0; t < this.terms.length; t++) {
        var size = this.terms[t].length;
        (this.byLength[size] = this.byLength[size] || []).push(t);
      }
    }
    return this.byLength[length] || [];
  };

  // The sheets of term number t and their weight for it (the sum of the weights of the fields
  // that contain it): {docs: Int32Array, weights: Float32Array}, decoded on first use.
  // One flat loop, no closure: it runs cold (not yet optimised by the JIT) on a fresh page.
  Engine.prototype.postingsOf = function (t) {
    if (this.postings[t]) { return this.postings[t]; }
    var text = this.encoded[t], length = text.length, n = this.docs.length;
    var sum = this.scratch, touched = this.touched, count = 0;
    var width = Math.ceil(n / 6);
    var pos = 0, rank = 0, weight = 0, previous = -1, value = 0, d = 0;
    while (pos < length) {
      var code = text.charCodeAt(pos++);
      var digit = DIGIT[code];
      if (digit === -1) { // a marker: the list of the next field starts
        rank = GAP_MARKER[code];
        previous = -1;
        value = 0;
        if (rank === -1) { // a bit set: every sheet of the field, 6 bits a character
          weight = this.weights[BITSET_MARKER[code]];
          for (var k = 0; k < width; k++) {
            var chunk = BITSET_DIGIT[text.charCodeAt(pos + k)];
            for (var bit = 0; chunk !== 0; bit++, chunk >>= 1) {
              if (chunk & 1) {
                d = k * 6 + bit;
                if (sum[d] === 0) { touched[count++] = d; }
                sum[d] += weight;
              }
            }
          }
          pos += width;
        } else {
          weight = this.weights[rank];
        }
      } else if (digit >= BASE) {
        value = value * BASE + digit - BASE;
      } else {
        previous += value * BASE + digit + 1;
        value = 0;
        if (sum[previous] === 0) { touched[count++] = previous; }
        sum[previous] += weight;
      }
    }
    var result = { docs: new Int32Array(count), weights: new Float32Array(count) };
    for (var i = 0; i < count; i++) {
      result.docs[i] = touched[i];
      result.weights[i] = sum[touched[i]];
      sum[touched[i]] = 0;
    }
    this.postings[t] = result;
    return result;
  };

  // First index of the sorted vocabulary whose term is >= word.
  Engine.prototype.lowerBound = function (word) {
    var low = 0, high = this.terms.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (this.terms[middle] < word) { low = middle + 1; } else { high = middle; }
    }
    return low;
  };

  Engine.prototype.addPrefixed = function (prefix, found) {
    if (prefix.length < MIN_PREFIX) { return; }
    var first = this.lowerBound(prefix), end = first;
    while (end < this.terms.length && this.terms[end].lastIndexOf(prefix, 0) === 0) { end++; }
    var candidates = [];
    for (var t = first; t < end; t++) { candidates.push(t); }
    if (prefix.length < SHORT_PREFIX && candidates.length > SHORT_PREFIX_TERMS) {
      // "en" starts hundreds of words: keep the most frequent (longest posting lists), the
      // likeliest ends of what is being typed, and stay fast on the first letters.
      var encoded = this.encoded;
      candidates.sort(function (x, y) { return encoded[y].length - encoded[x].length; });
      candidates.length = SHORT_PREFIX_TERMS;
    }
    var terms = this.terms;
    candidates.forEach(function (t) {
      keepBest(found, t, terms[t] === prefix ? QUALITY.exact : QUALITY.prefix);
    });
  };

  /* The index terms one query word matches exactly or as a prefix: term number → quality. */
  Engine.prototype.expand = function (part) {
    var found = new Map();
    var exact = this.lowerBound(part.term);
    if (this.terms[exact] === part.term) { found.set(exact, QUALITY.exact); }
    if (part.prefix) {
      this.addPrefixed(part.term, found);
      this.addPrefixed(part.folded, found);
    }
    return found;
  };

  /* Typos are a fallback (the caller only asks when nothing else matched): the terms at the
   * smallest distance within the word's bound, term number → quality. Keeping only the nearest
   * ones stops a long word from matching half the vocabulary 2 typos away. */
  Engine.prototype.fuzzy = function (part) {
    var found = new Map();
    var word = part.term;
    var typos = typoBound(word.length);
    if (!typos) { return found; }
    var best = typos + 1, candidates = [], self = this;
    function consider(t, distance) {
      if (distance > typos || distance > best) { return; }
      if (distance < best) { best = distance; candidates = []; }
      if (candidates.indexOf(t) === -1) { candidates.push(t); }
    }
    for (var length = word.length - typos; length <= word.length + typos; length++) {
      this.termsOfLength(length).forEach(function (t) { consider(t, editDistance(word, self.terms[t], typos)); });
    }
    // While a word is being typed, also accept 1 typo in what is typed so far, from 6 letters
    // and never on the first one: shorter fuzzy prefixes match half the vocabulary.
    if (part.prefix && word.length >= FUZZY_PREFIX_LENGTH) {
      var end = this.lowerBound(String.fromCharCode(word.charCodeAt(0) + 1));
      for (var t = this.lowerBound(word[0]); t < end; t++) {
        if (this.terms[t].length >= word.length - 1) { consider(t, prefixDistance(word, this.terms[t], 1)); }
      }
    }
    candidates.forEach(function (t) { found.set(t, best === 1 ? QUALITY.typo1 : QUALITY.typo2); });
    return found;
  };

  function typoBound(length) {
    return length >= TYPO2_LENGTH ? 2 : length >= TYPO1_LENGTH ? 1 : 0;
  }

  /* Per sheet, the weight of an exact term (0 if absent), as a Float64Array. */
  Engine.prototype.exactWeights = function (term) {
    var weights = new Float64Array(this.docs.length);
    var t = this.lowerBound(term);
    if (this.terms[t] !== term) { return weights; }
    var list = this.postingsOf(t);
    for (var k = 0; k < list.docs.length; k++) { weights[list.docs[k]] = list.weights[k]; }
    return weights;
  };

  /* Per sheet, the best score of one query word and the tier it matched in: {scores,
   * tiers, count, matched terms (for highlighting)}. Cached: typing the next word reuses the
   * previous ones. */
  Engine.prototype.scorePart = function (part) {
    var key = (part.prefix ? "*" : "=") + part.folded;
    if (this.partCache[key]) { return this.partCache[key]; }
    var n = this.docs.length, d, k;
    var scores = new Float64Array(n), tiers = new Int8Array(n).fill(TIER.none);
    var self = this, matched = [];
    function add(expansions) {
      expansions.forEach(function (quality, t) {
        matched.push(self.terms[t]);
        var tier = quality === QUALITY.exact ? TIER.exact : quality === QUALITY.prefix ? TIER.prefix : TIER.typo;
        var list = self.postingsOf(t);
        for (k = 0; k < list.docs.length; k++) {
          keep(list.docs[k], list.weights[k] * quality, tier);
        }
      });
    }
    function keep(doc, score, tier) {
      if (score > scores[doc]) { scores[doc] = score; }
      if (tier < tiers[doc]) { tiers[doc] = tier; }
    }
    add(this.expand(part));
    (this.thesaurus[part.term] || []).forEach(function (terms) {
      var least = null;
      terms.forEach(function (term) {
        var weights = self.exactWeights(term);
        if (least === null) { least = weights; return; }
        for (d = 0; d < n; d++) { if (weights[d] < least[d]) { least[d] = weights[d]; } }
      });
      terms.forEach(function (term) { matched.push(term); });
      for (d = 0; d < n; d++) { if (least[d] > 0) { keep(d, least[d] * QUALITY.synonym, TIER.synonym); } }
    });
    var count = 0;
    for (d = 0; d < n; d++) { if (scores[d] > 0) { count++; } }
    if (!count) {
      add(this.fuzzy(part));
      for (d = 0; d < n; d++) { if (scores[d] > 0) { count++; } }
    }
    var result = { scores: scores, tiers: tiers, count: count, matched: matched };
    if (++this.partCount > PART_CACHE_SIZE) { // one array per sheet each: forget old words
      this.partCache = Object.create(null);
      this.partCount = 1;
    }
    this.partCache[key] = result;
    return result;
  };

  /* The words of a query: stop words dropped, except the last one while it is being typed
   * (it may be the start of a longer word: "en" → "entretien"). */
  function queryParts(query) {
    var text = query.normalize("NFC");
    var words = normalise.allWords(text);
    var parts = [];
    words.forEach(function (word, position) {
      var typing = position === words.length - 1 && word.end === text.length;
      if (!word.stop || typing) {
        parts.push({ folded: word.folded, term: word.term, prefix: typing, start: word.start, end: word.end });
      }
    });
    return parts;
  }

  /* Search: {results: [sheet numbers, best first], matched: {term: true}, words: count}.
   * filters: the chosen facets, {group name: [values]} (assets/facets.js). */
  Engine.prototype.search = function (query, filters) {
    filters = filters || {};
    var facets = this.facets;
    var filtered = !!facets && !facets.isEmpty(filters);
    var parts = queryParts(query);
    var matched = Object.create(null);
    if (!parts.length && !filtered) { return { results: [], matched: matched, words: 0 }; }
    var n = this.docs.length, d;
    var total = new Float64Array(n).fill(1), tiers = new Int8Array(n);
    var self = this;
    parts.forEach(function (part) {
      var scored = self.scorePart(part);
      var rarity = Math.log(1 + n / Math.max(1, scored.count));
      scored.matched.forEach(function (term) { matched[term] = true; });
      for (d = 0; d < n; d++) {
        total[d] = total[d] && scored.scores[d] ? total[d] + scored.scores[d] * rarity : 0;
        if (scored.tiers[d] > tiers[d]) { tiers[d] = scored.tiers[d]; }
      }
    });
    var results = [];
    for (d = 0; d < n; d++) {
      if (total[d] && (!filtered || facets.matches(this.entry(d), filters))) { results.push(d); }
    }
    if (parts.length) { sortByScore(results, total, tiers, n); }
    return { results: results, matched: matched, words: parts.length };
  };

  /* « Vouliez-vous dire … ? »: the query with each word that matches no sheet replaced by the
   * nearest indexed word (edit distance at most a third of its length, at least 1; ties: the
   * more frequent word, then the first in the vocabulary). null when no word can be replaced. */
  Engine.prototype.suggest = function (query) {
    var text = query.normalize("NFC"), self = this, out = "", last = 0, changed = false;
    var parts = queryParts(query);
    for (var p = 0; p < parts.length; p++) {
      if (this.scorePart(parts[p]).count) { continue; }
      var t = this.nearest(parts[p].term);
      if (t === -1) { return null; }
      out += text.slice(last, parts[p].start) + (self.words[t] || self.terms[t]);
      last = parts[p].end;
      changed = true;
    }
    return changed ? out + text.slice(last) : null;
  };

  Engine.prototype.nearest = function (word) {
    var bound = Math.max(1, Math.floor(word.length / 3)), best = bound + 1, found = -1;
    for (var length = Math.max(1, word.length - bound); length <= word.length + bound; length++) {
      var list = this.termsOfLength(length);
      for (var k = 0; k < list.length; k++) {
        var t = list[k], distance = editDistance(word, this.terms[t], bound);
        if (distance < best || (distance === best && found !== -1 && this.frequent(t, found))) {
          best = distance;
          found = t;
        }
      }
    }
    return best <= bound ? found : -1;
  };

  // Is term a more frequent than term b (longer posting list; equal: earlier in the vocabulary)?
  Engine.prototype.frequent = function (a, b) {
    var la = this.encoded[a].length, lb = this.encoded[b].length;
    return la > lb || (la === lb && a < b);
  };

  /* The facet entry of sheet number d (null for a method: it has no facets). */
  Engine.prototype.entry = function (d) {
    var doc = this.docs[d];
    return this.facets ? this.facets.entry(doc[KIND], doc[SLUG]) : null;
  };

  /* Best score first, then catalogue order: one numeric key per result and the browser's native
   * typed-array sort, much faster than a comparator over thousands of results. */
  function sortByScore(results, total, tiers, n) {
    var keys = new Float64Array(results.length), r;
    for (r = 0; r < results.length; r++) {
      var d = results[r];
      keys[r] = Math.round((tiers[d] * SCORE_CEILING + SCORE_CEILING - total[d]) * 1000) * n + d;
    }
    keys.sort();
    for (r = 0; r < results.length; r++) { results[r] = keys[r] % n; }
  }

  function keepBest(map, key, value) {
    if (!(map.get(key) >= value)) { map.set(key, value); }
  }

  /* Optimal string alignment distance (one transposition = one typo), or max + 1 if above max. */
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) { return max + 1; }
    return alignment(a, b, max, false);
  }

  /* Distance from a to the closest prefix of b: "motivationel" is 1 typo from "motivationnel…". */
  function prefixDistance(a, b, max) {
    if (b.length < a.length - max) { return max + 1; }
    return alignment(a, b, max, true);
  }

  // Three rows of the alignment table, reused: the scan runs over thousands of terms. Only the
  // band |i - j| <= max is computed; a cell outside it is more than max anyway.
  var rows = [new Int32Array(66), new Int32Array(66), new Int32Array(66)];

  function alignment(a, b, max, prefix) {
    var m = a.length, n = Math.min(b.length, m + max), far = max + 1;
    if (n + 2 > rows[0].length) { return far; }
    var before = rows[0], previous = rows[1], row = rows[2], swap, i, j;
    for (j = 0; j <= Math.min(n, far); j++) { previous[j] = j <= max ? j : far; }
    for (i = 1; i <= m; i++) {
      var from = Math.max(1, i - max), to = Math.min(n, i + max);
      var ca = a.charCodeAt(i - 1), best = far;
      row[0] = i <= max ? i : far;
      if (from > 1) { row[from - 1] = far; } else { best = row[0]; }
      for (j = from; j <= to; j++) {
        var cb = b.charCodeAt(j - 1);
        var value = previous[j - 1] + (ca === cb ? 0 : 1);
        if (previous[j] + 1 < value) { value = previous[j] + 1; }
        if (row[j - 1] + 1 < value) { value = row[j - 1] + 1; }
        if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb &&
            before[j - 2] + 1 < value) {
          value = before[j - 2] + 1;
        }
        row[j] = value;
        if (value < best) { best = value; }
      }
      if (to < n) { row[to + 1] = far; }
      if (best > max) { return far; }
      swap = before; before = previous; previous = row; row = swap;
    }
    if (!prefix) { return b.length === n ? Math.min(previous[n], far) : far; }
    var least = far;
    for (j = Math.max(0, m - max); j <= n; j++) { if (previous[j] < least) { least = previous[j]; } }
    return least;
  }

  /* ---------- User interface ---------- */

  var PAGE = 20;
  var ANNOUNCE_DELAY = 600; // ms of quiet typing before the count is read out, not every letter
  // Phones and narrow windows, as the catalogue page (assets/catalogue.js): the count and the
  // sort come first, the filters stay folded below them.
  var NARROW = "(max-width: 59.99em)";
  // The catalogue list's sort keys (assets/catalogue.js), after « pertinence », the search's own
  // order (the engine's, best match first) and the default. Display only: which sheets match is
  // the engine's business, the sort only reorders them.
  var SORT_LABELS = [["pertinence", "pertinence"], ["titre", "titre"], ["duree", "durée"],
    ["seances", "nombre de séances"], ["relecture", "dernière relecture"]];

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function plural(count, singular, pluralForm) {
    return count + " " + (count > 1 ? pluralForm || singular + "s" : singular);
  }

  /* Text with the words whose term was matched wrapped in <mark>, built as DOM nodes (never
   * HTML from sheet text). */
  function highlighted(target, text, matched) {
    text = text.normalize("NFC");
    var last = 0;
    normalise.words(text).forEach(function (word) {
      if (!matched[word.term]) { return; }
      target.appendChild(document.createTextNode(text.slice(last, word.start)));
      target.appendChild(element("mark", null, text.slice(word.start, word.end)));
      last = word.end;
    });
    target.appendChild(document.createTextNode(text.slice(last)));
    return target;
  }

  function Ui(dialog, engine) {
    this.dialog = dialog;
    this.engine = engine;
    this.root = dialog.getAttribute("data-root") || ".";
    this.input = dialog.querySelector("[data-recherche=champ]");
    this.list = dialog.querySelector("[data-recherche=resultats]");
    this.count = dialog.querySelector("[data-recherche=compte]");
    this.live = dialog.querySelector("[data-recherche=annonce]");
    this.more = dialog.querySelector("[data-recherche=plus]");
    this.filters = dialog.querySelector("[data-recherche=filtres]");
    this.shown = PAGE;
    this.timer = null;
    this.filters.hidden = !engine.facets;
    // « Vouliez-vous dire … ? »: a button that runs the suggested query (made here: the dialog's
    // markup belongs to the theme override).
    this.suggestion = element("button", "md-button repere-recherche__suggestion");
    this.suggestion.type = "button";
    this.suggestion.hidden = true;
    this.count.parentNode.insertBefore(this.suggestion, this.count.nextSibling);
    this.sortLabel = this.buildSorter();
    this.count.parentNode.insertBefore(this.sortLabel, this.suggestion.nextSibling);
    if (window.matchMedia && window.matchMedia(NARROW).matches) {
      // The count first (and what goes with it), then the folded filters.
      var filters = this.filters;
      [this.count, this.suggestion, this.sortLabel].forEach(function (node) {
        filters.parentNode.insertBefore(node, filters);
      });
      filters.open = false;
    }
    this.bind();
    this.render();
  }

  /* « Trier par » and its select, made here (the dialog's markup belongs to the theme override). */
  Ui.prototype.buildSorter = function () {
    var label = element("label", "repere-tri repere-recherche__tri", "Trier par ");
    this.sorter = element("select");
    this.sorter.id = "repere-recherche-tri";
    label.htmlFor = this.sorter.id;
    var sorter = this.sorter;
    SORT_LABELS.forEach(function (pair) {
      var option = element("option", null, pair[1]);
      option.value = pair[0];
      sorter.appendChild(option);
    });
    label.appendChild(this.sorter);
    label.hidden = true;
    return label;
  };

  /* The results in the chosen order. Keys as on the catalogue list: « titre » in French order,
   * « durée » and « nombre de séances » ascending, « dernière relecture » the most recent first;
   * ties, and sheets without the key (programmes, methods, or before the catalogue's data has
   * come), by title after the others. */
  Ui.prototype.sortResults = function (results) {
    var key = this.sorter.value;
    if (key === "pertinence" || !SORT_LABELS.some(function (pair) { return pair[0] === key; })) {
      return results;
    }
    var docs = this.engine.docs, self = this;
    var data = this.engine.facets ? this.engine.facets.data : null;
    function title(d) { return docs[d][TITLE]; }
    function value(d) {
      var entry = self.engine.entry(d);
      if (!entry) { return null; }
      if (key === "duree") { return entry.m ? entry.m[0] * 1e4 + entry.m[1] : null; }
      if (key === "seances") {
        var band = entry.seances && data && data.bornes ? data.bornes[entry.seances[0]] : null;
        return band ? band[0] : null;
      }
      if (key === "relecture") { return entry.u || null; }
      return null;
    }
    var keyed = Array.prototype.map.call(results, function (d) { return [d, key === "titre" ? null : value(d)]; });
    keyed.sort(function (a, b) {
      var va = a[1], vb = b[1], order = 0;
      if (key !== "titre") {
        if (va === null || vb === null) {
          order = (va === null) - (vb === null);
        } else if (key === "relecture") {
          order = vb < va ? -1 : vb > va ? 1 : 0;
        } else {
          order = va - vb;
        }
      }
      return order || title(a[0]).localeCompare(title(b[0]), "fr", {sensitivity: "base"}) || a[0] - b[0];
    });
    return keyed.map(function (pair) { return pair[0]; });
  };

  // The filters are built when first opened: nothing to draw before the first results.
  Ui.prototype.buildFilters = function () {
    var body = this.filters.querySelector("[data-recherche=groupes]");
    if (body.firstChild || !this.engine.facets) { return; }
    body.replaceChildren(this.engine.facets.fieldsets(document,
      { fieldset: "repere-recherche__groupe", option: "repere-recherche__option" }));
  };

  Ui.prototype.selectedFilters = function () {
    return this.engine.facets ? this.engine.facets.chosenIn(this.filters) : {};
  };

  Ui.prototype.bind = function () {
    var self = this;
    this.input.addEventListener("input", function () { self.shown = PAGE; self.render(); });
    this.filters.addEventListener("toggle", function () { self.buildFilters(); });
    this.filters.addEventListener("change", function () { self.shown = PAGE; self.render(); });
    this.sorter.addEventListener("change", function () { self.shown = PAGE; self.render(); });
    this.filters.querySelector("[data-recherche=effacer]").addEventListener("click", function () {
      self.filters.querySelectorAll("input:checked").forEach(function (box) { box.checked = false; });
      self.shown = PAGE;
      self.render();
      self.input.focus();
    });
    this.suggestion.addEventListener("click", function () {
      self.input.value = self.suggested;
      self.shown = PAGE;
      self.render();
      self.input.focus();
    });
    this.more.addEventListener("click", function () {
      var first = self.shown;
      self.shown += PAGE;
      self.render();
      var link = self.list.querySelectorAll("a")[first];
      if (link) { link.focus(); }
    });
    this.dialog.addEventListener("keydown", function (event) { self.onKey(event); });
  };

  Ui.prototype.links = function () {
    return Array.prototype.slice.call(this.list.querySelectorAll("a.repere-recherche__titre"));
  };

  /* ↓/↑ move between the field and the results, Enter in the field opens the first result,
   * typing on a result goes back to the field. Keys stop here so that Material's own
   * shortcuts (n, p…) do not fire while the dialog is open. */
  Ui.prototype.onKey = function (event) {
    event.stopPropagation();
    var links = this.links();
    var at = links.indexOf(document.activeElement);
    var inField = document.activeElement === this.input;
    if (event.key === "ArrowDown" && (inField || at !== -1)) {
      if (links[at + 1]) { links[at + 1].focus(); }
      event.preventDefault();
    } else if (event.key === "ArrowUp" && at !== -1) {
      (at > 0 ? links[at - 1] : this.input).focus();
      event.preventDefault();
    } else if (event.key === "Enter" && inField) {
      if (links[0]) { links[0].click(); }
      event.preventDefault();
    } else if (at !== -1 && (event.key.length === 1 || event.key === "Backspace") &&
               !event.ctrlKey && !event.metaKey && !event.altKey) {
      this.input.focus();
    }
  };

  Ui.prototype.render = function () {
    var query = this.input.value;
    var filters = this.selectedFilters();
    var filtered = !!this.engine.facets && !this.engine.facets.isEmpty(filters);
    var found = this.engine.search(query, filters);
    this.updateFilterCount(filters);
    var fragment = document.createDocumentFragment();
    var self = this;
    this.sortLabel.hidden = !(found.words || filtered) || found.results.length < 2;
    if (found.words || filtered) {
      this.sortResults(found.results).slice(0, this.shown).forEach(function (d, position) {
        fragment.appendChild(self.result(d, position, found.matched));
      });
    }
    this.list.replaceChildren(fragment);
    this.matched = found.matched;
    this.more.hidden = !(found.words || filtered) || found.results.length <= this.shown;
    this.suggested = found.words && !found.results.length ? this.engine.suggest(query) : null;
    if (this.suggested) { this.suggested = this.suggested.trim(); }
    this.suggestion.hidden = !this.suggested;
    if (this.suggested) { this.suggestion.textContent = "Rechercher « " + this.suggested + " »"; }
    this.setCount(this.message(query, found, filtered));
  };

  Ui.prototype.message = function (query, found, filtered) {
    if (!found.words && !filtered) {
      return query.trim() ? "Tapez au moins deux lettres." : "";
    }
    if (!found.results.length) {
      if (!found.words) { return "Aucune fiche ne correspond à ces filtres."; }
      return "Aucun résultat pour « " + query.trim() + " »" + (filtered ? " avec ces filtres." : ".") +
        (this.suggested ? " Vouliez-vous dire « " + this.suggested.trim() + " »\u00a0?" : "");
    }
    return plural(found.results.length, "résultat") + (filtered ? " avec les filtres." : ".");
  };

  Ui.prototype.setCount = function (text) {
    var live = this.live;
    this.count.textContent = text;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { live.textContent = text; }, ANNOUNCE_DELAY);
  };

  Ui.prototype.updateFilterCount = function (filters) {
    var chosen = this.engine.facets ? this.engine.facets.count(filters) : 0;
    this.filters.querySelector("[data-recherche=nombre-filtres]").textContent =
      chosen ? " (" + chosen + ")" : "";
    this.filters.querySelector("[data-recherche=effacer]").hidden = !chosen;
  };

  /* The catalogue's data file (filters, factor and modality tags) comes after the engine, in the
   * loader's order: the first results do not wait for its bytes (2 MB at 3,000 sheets). Once it
   * is there, the filters show and the results already listed get their tags, in place. */
  Ui.prototype.attachFacets = function () {
    // facets.js too comes after this file: read it from window now, not when this file ran.
    var module = facetsModule || window.RepereFacets;
    if (this.engine.facets || !module || !window.REPERE_CATALOGUE) { return; }
    this.engine.facets = new module.Facets(window.REPERE_CATALOGUE);
    this.filters.hidden = false;
    var self = this;
    if (this.sorter.value !== "pertinence" && this.sorter.value !== "titre") {
      this.render(); // the sort keys have come with the catalogue's data
      return;
    }
    this.list.querySelectorAll("li[data-fiche]").forEach(function (item) {
      self.fillTags(item.querySelector(".repere-recherche__etiquettes"), Number(item.getAttribute("data-fiche")));
    });
  };

  /* The result's tags: its risk factors, duration, modalities (factors and modalities once the
   * catalogue's data is there). */
  Ui.prototype.fillTags = function (tags, d) {
    var doc = this.engine.docs[d], facets = this.engine.facets, entry = this.engine.entry(d);
    tags.replaceChildren();
    if (facets && entry) {
      facets.labelsOf(entry, "facteur").forEach(function (label) {
        tags.appendChild(element("li", "repere-recherche__facteur", label));
      });
    }
    if (doc[DURATION]) { tags.appendChild(element("li", null, doc[DURATION])); }
    if (facets && entry) { tags.appendChild(element("li", null, facets.labelsOf(entry, "modalite").join(" et "))); }
  };

  Ui.prototype.result = function (d, position, matched) {
    var doc = this.engine.docs[d];
    var id = "repere-recherche-" + position;
    var item = element("li", "repere-recherche__resultat");
    if (doc[KIND] === 1) { item.classList.add("repere-recherche__resultat--programme"); }
    if (doc[KIND] === 2) { item.classList.add("repere-recherche__resultat--methode"); }
    var link = element("a", "repere-recherche__titre");
    link.href = this.root + "/" + FOLDERS[doc[KIND]] + doc[SLUG] + ".html";
    link.setAttribute("aria-describedby", id + "-infos");
    if (KIND_LABELS[doc[KIND]]) {
      link.appendChild(element("span", "repere-recherche__type", KIND_LABELS[doc[KIND]]));
      link.appendChild(document.createTextNode(" "));
    }
    highlighted(link, doc[TITLE], matched);
    item.appendChild(link);
    item.setAttribute("data-fiche", d);
    var summaries = window.REPERE_SEARCH_RESUMES;
    item.appendChild(summaries ? highlighted(element("p", "repere-recherche__resume"), summaries[d], matched)
      : element("p", "repere-recherche__resume"));
    var tags = element("ul", "repere-etiquettes repere-recherche__etiquettes");
    tags.id = id + "-infos";
    tags.setAttribute("aria-label", "Caractéristiques");
    this.fillTags(tags, d);
    item.appendChild(tags);
    return item;
  };

  /* The summaries file has come: fill the results already shown, in place (a new list would
   * take the focus away from a result someone is on). */
  Ui.prototype.fillSummaries = function () {
    this.attachFacets(); // the loader calls this last, after the catalogue's data file too
    var summaries = window.REPERE_SEARCH_RESUMES, matched = this.matched || {};
    if (!summaries) { return; }
    this.list.querySelectorAll("li[data-fiche]").forEach(function (item) {
      var summary = item.querySelector(".repere-recherche__resume");
      if (!summary.firstChild) {
        highlighted(summary, summaries[Number(item.getAttribute("data-fiche"))], matched);
      }
    });
  };

  /* Called when this file runs, after the normaliser and the index; the dialog may already be
   * open with a query. */
  function start(document, index, data) {
    var dialog = document.getElementById("repere-recherche");
    if (!dialog || !index) { return null; }
    var facets = data && facetsModule ? new facetsModule.Facets(data) : null; // on the catalogue page
    return new Ui(dialog, new Engine(index, facets));
  }

  return { Engine: Engine, start: start, editDistance: editDistance, prefixDistance: prefixDistance,
           queryParts: queryParts };
});
