/* French search normalisation at query time: the same steps as generator/search_text.py at
 * index time (fold, elisions, stop words, light stemming), so that a typed word meets the term
 * the build indexed. Both are checked against tests/fixtures/search/normalisation.tsv and against
 * each other on the whole starter content: change one, change the other.
 * Loads as a plain <script> (window.RepereNormalise) and in Node (module.exports) for the tests. */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.RepereNormalise = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var WORD = /[\p{L}\p{N}]+/gu;
  var LETTERS_ONLY = /^\p{L}+$/u;
  var COMBINING = /\p{Mn}/gu;
  var APOSTROPHES = "'’";
  var LETTER_APOSTROPHE = /ʼ/g; // U+02BC looks like an apostrophe but Unicode counts it as a letter
  var ELISIONS = set("l d j m n s t c qu jusqu lorsqu puisqu quoiqu");
  var STOP_WORDS = set(
    "au aux avec ce ces cet cette dans de des du elle elles en et il ils je la le les leur leurs " +
    "lui ma mais me mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses si son " +
    "sur ta te tes toi ton tu un une vos votre vous est sont etre ete ont avoir ai as avait " +
    "cela ca ceci celle celui ceux dont donc car ni or tout tous toute toutes tres plus");
  var LIGATURES = { "œ": "oe", "æ": "ae", "Œ": "oe", "Æ": "ae" };
  var MIN_LENGTH = 2;
  var STEM_MIN_LENGTH = 5;

  function set(words) {
    var result = Object.create(null);
    words.split(" ").forEach(function (word) { result[word] = true; });
    return result;
  }

  // Python's str.casefold() differs from toLowerCase() on ß and final sigma (and letters
  // French never uses).
  function fold(text) {
    return text.replace(/[œæŒÆ]/g, function (c) { return LIGATURES[c]; })
      .toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ")
      .normalize("NFKD").replace(COMBINING, "");
  }

  function endsWith(word, ending) {
    return word.slice(-ending.length) === ending;
  }

  function singular(word) {
    if (endsWith(word, "eaux")) { return word.slice(0, -1); }
    if (endsWith(word, "aux") && word.length >= 5) { return word.slice(0, -3) + "al"; }
    if (endsWith(word, "x")) { return word.slice(0, -1); }
    if (endsWith(word, "s") && !endsWith(word, "ss")) { return word.slice(0, -1); }
    return word;
  }

  function dropIfLong(word, ending, keep) {
    if (word.length >= STEM_MIN_LENGTH && endsWith(word, ending)) {
      return word.slice(0, word.length - ending.length) + (keep || "");
    }
    return word;
  }

  function stem(word) {
    if (word.length <= 3 || !LETTERS_ONLY.test(word)) { return word; }
    word = singular(word);
    if (word.length < STEM_MIN_LENGTH) { return word; }
    if (endsWith(word, "euse")) {
      word = word.slice(0, -4) + "eu";
    } else if (endsWith(word, "ive")) {
      word = word.slice(0, -3) + "if";
    }
    word = dropIfLong(word, "e");
    word = dropIfLong(word, "er", "e");
    word = dropIfLong(word, "e");
    if (word.length >= STEM_MIN_LENGTH && word[word.length - 1] === word[word.length - 2]) {
      word = word.slice(0, -1);
    }
    return word;
  }

  /* Every word of the text with its index term and its place in text.normalize("NFC"):
   * [{start, end, folded, term, stop}]. Elisions are dropped; stop words are kept but flagged,
   * because the last word of a query may be the start of a longer word ("en" → "entretien"). */
  function allWords(text) {
    var found = [];
    var match;
    text = readApostrophes(text);
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      var folded = fold(match[0]);
      var end = match.index + match[0].length;
      if (ELISIONS[folded] && end < text.length && APOSTROPHES.indexOf(text[end]) !== -1) { continue; }
      if (folded.length < MIN_LENGTH) { continue; }
      found.push({ start: match.index, end: end, folded: folded, term: stem(folded),
                   stop: !!STOP_WORDS[folded] });
    }
    return found;
  }

  function words(text) {
    return allWords(text.normalize("NFC")).filter(function (word) { return !word.stop; });
  }

  // Same length as the text: the places of words stay valid for highlighting.
  function readApostrophes(text) {
    return text.replace(LETTER_APOSTROPHE, "'");
  }

  function terms(text) {
    return words(text).map(function (word) { return word.term; });
  }

  return {
    fold: fold, stem: stem, allWords: allWords, words: words, terms: terms,
    STOP_WORDS: Object.keys(STOP_WORDS), ELISIONS: Object.keys(ELISIONS)
  };
});
