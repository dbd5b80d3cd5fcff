/* Repère — « J'ai utilisé cet outil »: an experience feedback entry prepared in one minute.
 *
 * The form (templates/overrides/partials/repere-retour.html) sits under every tool sheet. It
 * builds the sheet's `retours` entry ({date, contexte, texte}, shared/spec/tool-sheet.md) and
 * offers it to copy, to send by e-mail (mailto: link, the page itself sends nothing) and, on the
 * intranet, to propose as a new issue on the forge. It runs the build's checks before any of
 * that: window.RepereRetourData (assets/retour-data.js, written by the build from
 * generator/catalogue/feedback_check.py) names the refused kinds (e-mail, phone, civility +
 * name), their messages and the length limit; window.RepereGuard (assets/guard.js, the
 * anonymisation guard's browser twin) finds them with the guard's own patterns. A field with a
 * finding is refused with a message tied to it, never cleaned, and nothing is output.
 * Messages never repeat what was typed.
 */
(function () {
  "use strict";

  var DATA = window.RepereRetourData;
  var GUARD = window.RepereGuard;
  var section = document.getElementById("jai-utilise");
  if (!section || !DATA || !GUARD || typeof GUARD.scanText !== "function") {
    return; // no data, no form: the section stays hidden
  }

  // French labels of the two parts of `texte`; the no-break space before « : » is typography.
  var WORKED = "Ce qui a fonctionné\u00a0: ";
  var WATCH = "Points de vigilance\u00a0: ";
  var MAX = DATA.maxLength;

  var form = document.getElementById("retour-formulaire");
  var fields = {
    contexte: document.getElementById("retour-contexte"),
    date: document.getElementById("retour-date"),
    marche: document.getElementById("retour-marche"),
    vigilance: document.getElementById("retour-vigilance")
  };
  var counter = document.getElementById("retour-compteur");
  var result = document.getElementById("retour-resultat");
  var yamlBox = document.getElementById("retour-yaml");
  var copyButton = document.getElementById("retour-copier");
  var emailLink = document.getElementById("retour-email");
  var forgeLink = document.getElementById("retour-forge");
  var status = document.getElementById("retour-statut");

  // --- pure parts: text, checks, YAML ---------------------------------------------------------
  function codePoints(text) {
    return Array.from(text).length; // as Python's len(): an emoji counts once
  }

  function composeText(worked, watch) {
    var parts = [];
    if (worked) {
      parts.push(WORKED + worked);
    }
    if (watch) {
      parts.push(WATCH + watch);
    }
    return parts.join("\n");
  }

  /* Refused kinds (keys of DATA.kinds) found in a text, in DATA.kinds order. */
  function refusedKinds(text) {
    var labels = {};
    GUARD.scanText(text, null).forEach(function (finding) { labels[finding.kind] = true; });
    return Object.keys(DATA.kinds).filter(function (key) { return labels[DATA.kinds[key]]; });
  }

  function frenchNumber(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  }

  /* A YAML double-quoted scalar: JSON's escapes, which YAML reads the same, plus the characters
   * YAML would fold or refuse (C1 controls, U+2028/2029 line ends, BOM and non-characters). */
  function yamlString(text) {
    return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  function yamlEntry(entry) {
    // Indented as the entries under `retours:` in the starter sheets.
    return "  - date: " + entry.date + "\n" +
      "    contexte: " + yamlString(entry.contexte) + "\n" +
      "    texte: " + yamlString(entry.texte) + "\n";
  }

  function isIsoDate(value) {
    if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) {
      return false;
    }
    var parts = value.split("-").map(Number);
    var day = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    return day.getUTCFullYear() === parts[0] && day.getUTCMonth() === parts[1] - 1 && day.getUTCDate() === parts[2];
  }

  /* Every problem of the form: {field name: [messages]} (empty object: the entry is valid). */
  function check(values) {
    var problems = {};
    function add(name, message) {
      (problems[name] = problems[name] || []).push(message);
    }
    function refuse(name, text) {
      refusedKinds(text).forEach(function (kind) { add(name, DATA.messages[kind]); });
    }
    if (!values.contexte) {
      add("contexte", "Indiquez votre fonction et/ou votre service (sans nom).");
    } else {
      refuse("contexte", values.contexte);
    }
    if (!isIsoDate(values.date)) {
      add("date", "Indiquez la date à laquelle vous avez utilisé l’outil.");
    }
    if (!values.marche && !values.vigilance) {
      add("marche", "Écrivez au moins ce qui a fonctionné ou ce qui demande de la vigilance.");
      return problems;
    }
    refuse("marche", values.marche);
    refuse("vigilance", values.vigilance);
    // The build judges the whole `texte`: what only the joined text shows goes on the first part.
    var texte = composeText(values.marche, values.vigilance);
    var seen = (problems.marche || []).concat(problems.vigilance || []);
    refusedKinds(texte).forEach(function (kind) {
      if (seen.indexOf(DATA.messages[kind]) === -1) {
        add(values.marche ? "marche" : "vigilance", DATA.messages[kind]);
      }
    });
    var length = codePoints(texte);
    if (length > MAX) {
      add(values.vigilance ? "vigilance" : "marche", "Le retour fait " + frenchNumber(length) +
        " caractères, " + frenchNumber(MAX) + " au plus\u00a0: raccourcissez-le.");
    }
    return problems;
  }

  // --- the page ---------------------------------------------------------------------------------
  function values() {
    return {
      contexte: fields.contexte.value.trim(),
      date: fields.date.value.trim(),
      marche: fields.marche.value.trim(),
      vigilance: fields.vigilance.value.trim()
    };
  }

  function today() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function updateCounter() {
    var v = values();
    var length = codePoints(composeText(v.marche, v.vigilance));
    counter.textContent = frenchNumber(length) + "\u00a0/ " + frenchNumber(MAX) + " caractères" +
      (length > MAX ? " (" + frenchNumber(length - MAX) + " de trop)" : "");
    counter.classList.toggle("repere-retour-trop", length > MAX);
  }

  function showProblems(problems) {
    Object.keys(fields).forEach(function (name) {
      var box = document.getElementById("retour-" + name + "-erreur");
      var messages = problems[name] || [];
      box.textContent = messages.join(" ");
      box.hidden = messages.length === 0;
      if (messages.length) {
        fields[name].setAttribute("aria-invalid", "true");
      } else {
        fields[name].removeAttribute("aria-invalid");
      }
    });
  }

  function hideResult() {
    result.hidden = true;
    yamlBox.textContent = "";
    emailLink.removeAttribute("href");
    forgeLink.removeAttribute("href");
  }

  function mailtoHref(address, subject, body) {
    return "mailto:" + encodeURIComponent(address).replace(/%40/g, "@") +
      "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body);
  }

  function showResult(entry) {
    var yaml = yamlEntry(entry);
    var sheet = section.getAttribute("data-fiche");
    var subject = "Retour d’expérience : " + section.getAttribute("data-titre");
    var body = "Fiche : content/" + sheet + "\n\nÀ ajouter sous « retours: » :\n\n" + yaml;
    yamlBox.textContent = yaml;
    var email = section.getAttribute("data-email");
    emailLink.hidden = !email;
    if (email) {
      emailLink.href = mailtoHref(email, subject, body);
    }
    // The forge is reached from the intranet only: a page opened from the offline zip has none.
    var forge = section.getAttribute("data-forge");
    var online = /^https?:$/.test(window.location.protocol);
    forgeLink.hidden = !(forge && online);
    if (forge && online) {
      forgeLink.href = forge + (forge.indexOf("?") === -1 ? "?" : "&") +
        encodeURIComponent(section.getAttribute("data-forge-titre")) + "=" + encodeURIComponent(subject) + "&" +
        encodeURIComponent(section.getAttribute("data-forge-texte")) + "=" +
        encodeURIComponent(body);
    }
    result.hidden = false;
  }

  function onSubmit(event) {
    event.preventDefault(); // the CSP has form-action 'none': nothing is ever posted
    var v = values();
    var problems = check(v);
    var names = Object.keys(fields).filter(function (name) { return problems[name]; });
    showProblems(problems);
    if (names.length) {
      hideResult();
      status.textContent = "Retour non préparé\u00a0: " + (names.length === 1 ? "un champ est" :
        names.length + " champs sont") + " à corriger.";
      fields[names[0]].focus();
      return;
    }
    showResult({ date: v.date, contexte: v.contexte, texte: composeText(v.marche, v.vigilance) });
    status.textContent = "Votre retour est prêt. Un collègue le relira avant qu’il apparaisse sur la fiche.";
  }

  function onCopy() {
    var text = yamlBox.textContent;
    var done = function () { status.textContent = "Retour copié. Collez-le dans un message au groupe de travail."; };
    var failed = function () {
      // Clipboard refused (file://, old browser): select the text so that Ctrl+C copies it.
      var range = document.createRange();
      range.selectNodeContents(yamlBox);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      status.textContent = "La copie automatique n’est pas possible ici\u00a0: le texte est sélectionné, appuyez sur Ctrl+C.";
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, failed);
    } else {
      failed();
    }
  }

  fields.date.value = today();
  fields.date.max = today();
  ["marche", "vigilance"].forEach(function (name) {
    fields[name].addEventListener("input", updateCounter);
  });
  Object.keys(fields).forEach(function (name) {
    // A changed field makes the prepared entry stale: it is withdrawn until prepared again.
    fields[name].addEventListener("input", function () {
      if (!result.hidden) {
        hideResult();
        status.textContent = "";
      }
    });
  });
  form.addEventListener("submit", onSubmit);
  copyButton.addEventListener("click", onCopy);
  updateCounter();
  section.hidden = false;

  // For tests and the differential check: the same functions the form uses.
  window.RepereRetour = { check: check, composeText: composeText, yamlEntry: yamlEntry, refusedKinds: refusedKinds };
}());
