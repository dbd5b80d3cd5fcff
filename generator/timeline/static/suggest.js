/* Repère — "did you mean" suggestions, browser twin of generator/suggest.py.
 *
 * ``closest`` is difflib.get_close_matches(text, allowed, n=1, cutoff=0.6) ported line by line
 * (SequenceMatcher without junk function, with the "popular element" heuristic of autojunk), so
 * the atelier suggests exactly what the command line suggests. Strings are handled as arrays of
 * code points, as Python's len() and indexing count them.
 * Classic script (window.RepereSuggest); also a CommonJS module for Node tests.
 */
(function (root) {
  "use strict";

  // Python's str.strip(): the characters str.isspace() accepts (not JavaScript's trim set).
  var PY_SPACE = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  var STRIP = new RegExp("^" + PY_SPACE + "+|" + PY_SPACE + "+$", "g");
  function strip(text) { return text.replace(STRIP, ""); }

  function chainB(b) {
    var b2j = new Map();
    b.forEach(function (elt, i) {
      var list = b2j.get(elt);
      if (!list) { list = []; b2j.set(elt, list); }
      list.push(i);
    });
    var n = b.length;
    if (n >= 200) {   // autojunk: popular elements are dropped from the index
      var ntest = Math.floor(n / 100) + 1;
      Array.from(b2j.keys()).forEach(function (elt) {
        if (b2j.get(elt).length > ntest) b2j.delete(elt);
      });
    }
    return b2j;
  }

  function longestMatch(a, b, b2j, alo, ahi, blo, bhi) {
    var besti = alo, bestj = blo, bestsize = 0;
    var j2len = new Map();
    for (var i = alo; i < ahi; i += 1) {
      var newj2len = new Map();
      var indexes = b2j.get(a[i]) || [];
      for (var x = 0; x < indexes.length; x += 1) {
        var j = indexes[x];
        if (j < blo) continue;
        if (j >= bhi) break;
        var k = (j2len.get(j - 1) || 0) + 1;
        newj2len.set(j, k);
        if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
      }
      j2len = newj2len;
    }
    // No junk function: the extensions over "junk" of difflib reduce to equal neighbours.
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
      besti -= 1; bestj -= 1; bestsize += 1;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) {
      bestsize += 1;
    }
    return [besti, bestj, bestsize];
  }

  function matches(a, b) {
    var b2j = chainB(b);
    var queue = [[0, a.length, 0, b.length]];
    var total = 0;
    while (queue.length) {
      var q = queue.pop();
      var m = longestMatch(a, b, b2j, q[0], q[1], q[2], q[3]);
      var i = m[0], j = m[1], k = m[2];
      if (k) {
        total += k;
        if (q[0] < i && q[2] < j) queue.push([q[0], i, q[2], j]);
        if (i + k < q[1] && j + k < q[3]) queue.push([i + k, q[1], j + k, q[3]]);
      }
    }
    return total;
  }

  function ratio(a, b) {
    var length = a.length + b.length;
    return length ? 2.0 * matches(a, b) / length : 1.0;
  }

  function closest(value, allowed) {
    var word = Array.from(strip(String(value)).toLowerCase());
    var best = null;
    allowed.forEach(function (candidate) {
      var score = ratio(Array.from(candidate), word);
      if (score < 0.6) return;
      // heapq.nlargest over (score, candidate): the highest score, then the greatest text.
      if (best === null || score > best[0] || (score === best[0] && candidate > best[1])) {
        best = [score, candidate];
      }
    });
    return best ? best[1] : null;
  }

  // The words of generator/suggest.py, set by configure() from the generated data (these
  // defaults only serve before it, in unit use).
  var WORDS = { did_you_mean: " Vouliez-vous dire « {match} » ?", quote: "« {item} »", separator: ", ", last: " ou " };

  /** A formatter of ``str.format`` templates: {name} fields, {{ and }} literal braces. */
  function say(messages) {
    return function (name, fields) {
      return messages[name].replace(/\{\{|\}\}|\{(\w+)\}/g, function (all, field) {
        if (all === "{{") return "{";
        if (all === "}}") return "}";
        return String(fields[field]);
      });
    };
  }
  var word = say(WORDS);

  function configure(words) { Object.keys(words).forEach(function (k) { WORDS[k] = words[k]; }); }

  function didYouMean(value, allowed) {
    var match = closest(value, allowed);
    return match ? word("did_you_mean", { match: match }) : "";
  }

  function oneOf(allowed) {
    var quoted = allowed.map(function (item) { return word("quote", { item: item }); });
    if (quoted.length <= 1) return quoted.join("");
    return quoted.slice(0, -1).join(WORDS.separator) + WORDS.last + quoted[quoted.length - 1];
  }

  var api = { strip: strip, closest: closest, didYouMean: didYouMean, oneOf: oneOf, ratio: ratio, say: say,
    configure: configure };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.RepereSuggest = api;
})(this);
