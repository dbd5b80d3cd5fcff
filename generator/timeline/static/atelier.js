/* Repère — the « Atelier frise » page: a form for the whole case-file contract, live checks,
 * the frise and its figures, and saving (YAML, CSV, page, print). Nothing is sent or stored.
 *
 * The form keeps the case as text as typed; every change writes it as YAML (with the line of
 * each field) and runs the browser engine (case_engine.js, proven equal to `frise` by
 * tests/test_atelier_differential.py) on that very text: the problems are those of `frise`,
 * each shown on the field of its line. What is saved is the text that was checked.
 * Classic script, run last.
 */
(function () {
  "use strict";

  var DATA = window.RepereAtelierData;
  var V = DATA.vocabularies;
  var engine = window.RepereCaseEngine;

  // --- the fields of the contract -----------------------------------------------------------
  // [key, label, kind ("text", "date" or a vocabulary name), help]; the keys are the contract's.
  var F = {
    dossier: [
      ["dossier", "Pseudonyme du dossier", "text", "1 à 32 lettres sans accent, chiffres, - ou _ (ex. EX-2026-001). Jamais un vrai numéro."],
      ["annee_naissance", "Année de naissance", "text", "L’année seule, sur 4 chiffres (ex. 1994)."],
      ["date_reference", "Date de la synthèse", "date", "Par défaut aujourd’hui. Ex. 11/2026."]
    ],
    faits: [
      ["id", "Identifiant", "text", "Court et unique (f1, f2…)."],
      ["date", "Date des faits", "date", "2019, 03/2019 ou 12/03/2019."],
      ["fin", "Fin des faits (s’ils ont duré)", "date", "Facultatif."],
      ["categorie", "Catégorie", "categorie", "Le type d’infraction (nomenclature simplifiée)."],
      ["gravite", "Gravité", "gravite", "Contravention, délit ou crime."],
      ["libelle", "Libellé (professionnel)", "text", "Court, facultatif, sans nom ni lieu précis."],
      ["libelle_personne", "Libellé pour la personne", "text", "Facultatif\u00a0: les mots montrés dans la vue «\u00a0personne\u00a0»."],
      ["natinf", "Code NATINF", "text", "Facultatif, un nombre (ex. 7875)."]
    ],
    decisions: [
      ["id", "Identifiant", "text", "Court et unique (d1, d2…)."],
      ["date", "Date de la décision", "date", "Le jour du jugement, ou le mois."],
      ["faits", "Faits jugés", "text", "Identifiants des faits, séparés par des espaces (ex. f1 f2)."],
      ["juridiction", "Juridiction", "juridiction", "Le tribunal ou la cour qui a jugé."],
      ["nature", "Nature", "nature", "Condamnation par défaut."]
    ],
    peines: [
      ["type", "Peine", "peine.type", "La peine prononcée."],
      ["quantum", "Quantum", "text", "Ex. 6 mois, 140 h, 500 €."],
      ["duree_epreuve", "Durée d’épreuve", "text", "Facultatif (ex. 2 ans)."]
    ],
    mesures: [
      ["type", "Mesure", "mesure.type", "La mesure exécutée ou suivie."],
      ["debut", "Début", "date", "2019, 03/2019 ou 12/03/2019."],
      ["fin", "Fin", "date", "Vide si la mesure court encore."],
      ["fin_prevue", "Fin prévue", "date", "Facultatif, peut être après la date de synthèse."],
      ["decision", "Décision liée", "text", "Facultatif\u00a0: l’identifiant d’une décision (ex. d1)."],
      ["issue", "Issue", "issue", "Facultatif."]
    ],
    obligations: [
      ["type", "Obligation", "obligation.type", "Ce que la mesure impose."],
      ["libelle", "Précision", "text", "Facultatif."],
      ["respect", "Respect", "respect", "Comment l’obligation est tenue."]
    ],
    vie: [
      ["domaine", "Domaine", "domaine", "Le domaine de vie concerné."],
      ["date", "Date (événement ponctuel)", "date", "Soit une date, soit un début (période)."],
      ["debut", "Début (période)", "date", "Pour une période\u00a0: son premier mois ou jour."],
      ["fin", "Fin (période)", "date", "Vide si la période continue."],
      ["libelle", "Libellé", "text", "Court, sans nom."],
      ["libelle_personne", "Libellé pour la personne", "text", "Facultatif."],
      ["sens", "Sens", "sens", "Positif, difficile ou neutre."]
    ]
  };
  var SECTIONS = [
    ["faits", "Faits", "Fait", "Ajouter un fait"],
    ["decisions", "Décisions", "Décision", "Ajouter une décision"],
    ["mesures", "Mesures", "Mesure", "Ajouter une mesure"],
    ["vie", "Vie", "Événement de vie", "Ajouter un événement de vie"]
  ];
  var CHILDREN = { decisions: ["peines", "Peine", "Ajouter une peine"], mesures: ["obligations", "Obligation", "Ajouter une obligation"] };

  // --- state --------------------------------------------------------------------------------
  var state = emptyCase();
  var dirty = false;
  var view = "professionnel";
  var last = null;        // the last engine result
  var lineFields = {};    // YAML line → field id

  function emptyCase() {
    return { dossier: {}, faits: [], decisions: [], mesures: [], vie: [] };
  }

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // --- the form -----------------------------------------------------------------------------
  function fieldId(path) { return "c-" + path.join("-"); }

  function field(def, values, path) {
    var id = fieldId(path.concat([def[0]]));
    var box = el("div", { "class": "champ" });
    box.appendChild(el("label", { "for": id }, def[1]));
    var input;
    if (V[def[2]]) {
      input = el("select", { id: id });
      input.appendChild(el("option", { value: "" }, "— choisir —"));
      Object.keys(V[def[2]]).forEach(function (slug) {
        input.appendChild(el("option", { value: slug }, V[def[2]][slug]));
      });
    } else {
      input = el("input", { id: id, type: "text", autocomplete: "off", spellcheck: "false" });
      if (def[2] === "date") input.setAttribute("inputmode", "numeric");
    }
    input.value = values[def[0]] || "";
    input.dataset.path = JSON.stringify(path.concat([def[0]]));
    var described = [];
    if (def[3]) {
      box.appendChild(el("p", { id: id + "-aide", "class": "aide" }, def[3]));
      described.push(id + "-aide");
    }
    if (described.length) input.setAttribute("aria-describedby", described.join(" "));
    input.dataset.aide = described.join(" ");
    box.insertBefore(input, box.childNodes[1]);
    return box;
  }

  function entryActions(section, list, index, label) {
    var box = el("div", { "class": "entree-actions" });
    [["dupliquer", "Dupliquer"], ["monter", "Monter"], ["descendre", "Descendre"], ["supprimer", "Supprimer"]]
      .forEach(function (action) {
        var button = el("button", {
          type: "button", "data-action": action[0], "data-liste": JSON.stringify(list), "data-index": String(index)
        }, action[1]);
        button.setAttribute("aria-label", action[1] + "\u00a0: " + label + " " + (index + 1));
        box.appendChild(button);
      });
    return box;
  }

  function entry(defs, values, path, label, list) {
    var index = path[path.length - 1];
    var box = el("fieldset", { "class": "entree", id: fieldId(path) });
    box.appendChild(el("legend", {}, label + " " + (index + 1)));
    var grid = el("div", { "class": "champs" });
    defs.forEach(function (def) { grid.appendChild(field(def, values, path)); });
    box.appendChild(grid);
    var child = CHILDREN[path[0]];
    if (child && path.length === 2) {
      var sub = el("fieldset", { "class": "sous-liste" });
      sub.appendChild(el("legend", {}, child[1] + "s"));
      (values[child[0]] || []).forEach(function (item, i) {
        sub.appendChild(entry(F[child[0]], item, path.concat([child[0], i]), child[1], path.concat([child[0]])));
      });
      sub.appendChild(el("button", { type: "button", "class": "ajouter", "data-action": "ajouter",
        "data-liste": JSON.stringify(path.concat([child[0]])) }, child[2]));
      box.appendChild(sub);
    }
    box.appendChild(entryActions(path[0], list, index, label));
    return box;
  }

  function renderForm(focusId) {
    var root = $("champs");
    root.textContent = "";
    var top = el("fieldset", { id: "c-entete" });
    top.appendChild(el("legend", {}, "Dossier"));
    var grid = el("div", { "class": "champs" });
    F.dossier.forEach(function (def) { grid.appendChild(field(def, state.dossier, [])); });
    top.appendChild(grid);
    root.appendChild(top);
    SECTIONS.forEach(function (s) {
      var box = el("fieldset", { id: "c-" + s[0] });
      box.appendChild(el("legend", {}, s[1]));
      state[s[0]].forEach(function (item, index) {
        box.appendChild(entry(F[s[0]], item, [s[0], index], s[2], [s[0]]));
      });
      box.appendChild(el("button", { type: "button", "class": "ajouter", "data-action": "ajouter",
        "data-liste": JSON.stringify([s[0]]) }, s[3]));
      root.appendChild(box);
    });
    if (focusId && $(focusId)) $(focusId).focus();
  }

  function listAt(path) {
    var node = state;
    path.forEach(function (part) {
      if (node[part] === undefined) node[part] = [];
      node = node[part];
    });
    return node;
  }

  function setValue(path, value) {
    var node = path.length === 1 ? state.dossier : state;
    for (var i = 0; i < path.length - 1; i += 1) node = node[path[i]];
    node[path[path.length - 1]] = value;
  }

  function onAction(button) {
    var action = button.dataset.action;
    var path = JSON.parse(button.dataset.liste);
    var list = listAt(path);
    var index = +button.dataset.index;
    var focus = null;
    if (action === "ajouter") {
      list.push({});
      focus = fieldId(path.concat([list.length - 1, firstKey(path)]));
    } else if (action === "dupliquer") {
      list.splice(index + 1, 0, JSON.parse(JSON.stringify(list[index])));
      focus = fieldId(path.concat([index + 1, firstKey(path)]));
    } else if (action === "supprimer") {
      list.splice(index, 1);
      focus = list.length ? fieldId(path.concat([Math.min(index, list.length - 1), firstKey(path)])) : null;
    } else if (action === "monter" || action === "descendre") {
      var to = action === "monter" ? index - 1 : index + 1;
      if (to < 0 || to >= list.length) return;
      var moved = list.splice(index, 1)[0];
      list.splice(to, 0, moved);
      focus = fieldId(path.concat([to, firstKey(path)]));
    }
    dirty = true;
    renderForm(focus);
    if (!focus) button = null;
    update();
    announceLater(action === "supprimer" ? "Entrée supprimée." : action === "ajouter" ? "Entrée ajoutée." : "");
  }

  function firstKey(path) { return F[path[path.length - 1]][0][0]; }

  // --- the case as text (YAML and CSV), with the line of each field -----------------------------
  var PLAIN = /^[A-Za-z0-9À-ÖØ-öø-ÿ_][A-Za-z0-9À-ÖØ-öø-ÿ_ .'’()€\/+-]*$/;
  var RESERVED = { "null": 1, "Null": 1, "NULL": 1, "~": 1 };

  function scalar(value) {
    if (PLAIN.test(value) && !/ $/.test(value) && !RESERVED[value]) return value;
    return JSON.stringify(value);   // a JSON string is a valid YAML double-quoted scalar
  }

  function ids(text) { return text.split(/[\s,]+/).filter(function (p) { return p; }); }

  function toYaml(c) {
    var lines = [];
    var map = {};
    function put(text, path) { lines.push(text); map[lines.length] = path; }
    F.dossier.forEach(function (def) {
      var v = (c.dossier[def[0]] || "").trim();
      if (v) put(def[0] + ": " + scalar(v), [def[0]]);
    });
    function items(list, defs, indent, path) {
      list.forEach(function (item, index) {
        var itemPath = path.concat([index]);
        var first = true;
        defs.forEach(function (def) {
          var v = (item[def[0]] || "").trim();
          if (!v) return;
          var text = def[0] === "faits" && path[0] === "decisions" && path.length === 1
            ? "[" + ids(v).map(scalar).join(", ") + "]" : scalar(v);
          put(indent + (first ? "- " : "  ") + def[0] + ": " + text, itemPath.concat([def[0]]));
          first = false;
        });
        var child = CHILDREN[path[0]];
        if (child && path.length === 1 && (item[child[0]] || []).length) {
          if (first) { put(indent + "- " + child[0] + ":", itemPath.concat([child[0]])); first = false; }
          else put(indent + "  " + child[0] + ":", itemPath.concat([child[0]]));
          items(item[child[0]], F[child[0]], indent + "    ", itemPath.concat([child[0]]));
        }
        if (first) put(indent + "- {}", itemPath);
      });
    }
    SECTIONS.forEach(function (s) {
      if (!c[s[0]].length) return;
      put(s[0] + ":", [s[0]]);
      items(c[s[0]], F[s[0]], "  ", [s[0]]);
    });
    return { text: lines.join("\n") + "\n", lines: map };
  }

  var CSV_KINDS = { faits: "fait", decisions: "decision", mesures: "mesure", vie: "vie", peines: "peine", obligations: "obligation" };

  function csvColumns() {
    var template = window.RepereCsvTemplate || "";
    if (template) {
      var header = template.split(/\r?\n/)[0];
      var sep = header.split(",").length > header.split(";").length ? "," : ";";
      return header.split(sep).map(function (c) { return c.trim(); });
    }
    var columns = ["rubrique"];
    Object.keys(F).forEach(function (name) {
      F[name].forEach(function (def) { if (columns.indexOf(def[0]) === -1) columns.push(def[0]); });
    });
    return columns;
  }

  function toCsv(c) {
    var columns = csvColumns();
    F.dossier.concat(F.faits, F.decisions, F.peines, F.mesures, F.obligations, F.vie).forEach(function (def) {
      if (columns.indexOf(def[0]) === -1) columns.push(def[0]);
    });
    function cell(v) { return /[;"\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; }
    function row(kind, values) {
      return columns.map(function (col) {
        return col === "rubrique" ? kind : cell(((values[col] || "") + "").trim());
      }).join(";");
    }
    var out = [columns.join(";"), row("dossier", c.dossier)];
    SECTIONS.forEach(function (s) {
      c[s[0]].forEach(function (item) {
        out.push(row(CSV_KINDS[s[0]], item));
        var child = CHILDREN[s[0]];
        if (child) (item[child[0]] || []).forEach(function (sub) { out.push(row(CSV_KINDS[child[0]], sub)); });
      });
    });
    return "\ufeff" + out.join("\r\n") + "\r\n";
  }

  // --- raw structure (from a file) → form state ----------------------------------------------
  function asText(value) {
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) return value.filter(function (v) { return typeof v === "string"; }).join(" ");
    return typeof value === "string" ? value : "";
  }

  function fromRaw(raw) {
    var c = emptyCase();
    var dropped = 0;
    function pick(source, defs, children) {
      var out = {};
      Object.keys(source).forEach(function (k) {
        var def = defs.filter(function (d) { return d[0] === k; })[0];
        if (def) out[k] = asText(source[k]);
        else if (!(children && children[0] === k)) dropped += 1;
      });
      if (children && Array.isArray(source[children[0]])) {
        out[children[0]] = source[children[0]].filter(isObject).map(function (item) { return pick(item, F[children[0]]); });
      }
      return out;
    }
    Object.keys(raw).forEach(function (k) {
      if (F.dossier.some(function (d) { return d[0] === k; })) c.dossier[k] = asText(raw[k]);
      else if (!F[k] || k === "dossier") dropped += 1;
    });
    SECTIONS.forEach(function (s) {
      if (!Array.isArray(raw[s[0]])) return;
      c[s[0]] = raw[s[0]].filter(isObject).map(function (item) { return pick(item, F[s[0]], CHILDREN[s[0]]); });
    });
    return { state: c, dropped: dropped };
  }

  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

  // --- checking and showing ------------------------------------------------------------------
  var pending = false;
  function update() {
    if (pending) return;
    pending = true;
    Promise.resolve().then(function () { pending = false; check(); });
  }

  function isEmpty(c) {
    return !Object.keys(c.dossier).some(function (k) { return c.dossier[k]; }) &&
      SECTIONS.every(function (s) { return !c[s[0]].length; });
  }

  function check() {
    var written = toYaml(state);
    if (isEmpty(state)) {
      lineFields = {};
      var nothing = { refused: false, case: null, problems: [], raw: null };
      last = { result: nothing, text: "" };
      showProblems(nothing);
      draw(nothing);
      document.body.dataset.etat = "vide";
      return nothing;
    }
    lineFields = written.lines;
    var result = engine.run(written.text, "dossier", "yaml");
    last = { result: result, text: written.text };
    showProblems(result);
    draw(result);
    document.body.dataset.etat = result.refused ? "refuse" : result.problems.length ? "invalide" : "valide";
    return result;
  }

  function clearErrors() {
    Array.prototype.forEach.call(document.querySelectorAll(".champ .erreur"), function (p) { p.remove(); });
    Array.prototype.forEach.call(document.querySelectorAll("[aria-invalid]"), function (input) {
      input.removeAttribute("aria-invalid");
      if (input.dataset.aide) input.setAttribute("aria-describedby", input.dataset.aide);
      else input.removeAttribute("aria-describedby");
    });
  }

  function targetOf(problem) {
    var path = lineFields[problem[1]];
    if (!path) return null;
    // The field the message names (« key » first) in the entry of that line, else the line's field.
    var named = /^« ([a-z_]+) »/.exec(problem[2]);
    var entryPath = path;
    while (entryPath.length && typeof entryPath[entryPath.length - 1] !== "number") entryPath = entryPath.slice(0, -1);
    var candidates = [];
    if (named) candidates.push(fieldId(entryPath.concat([named[1]])));
    candidates.push(fieldId(path));
    for (var i = 0; i < candidates.length; i += 1) {
      var node = $(candidates[i]);
      if (node && /^(INPUT|SELECT)$/.test(node.tagName)) return node;
    }
    var entry = $(fieldId(entryPath));
    return entry ? entry.querySelector("input, select") : null;
  }

  function showProblems(result) {
    clearErrors();
    var summary = $("resume-erreurs");
    summary.textContent = "";
    if (!result.problems.length) {
      summary.hidden = true;
      status(result.case ? "Dossier valide\u00a0: la frise et les chiffres sont à jour." : "", false);
      return;
    }
    var list = el("ul");
    result.problems.forEach(function (problem, n) {
      var target = targetOf(problem);
      var item = el("li");
      if (target) {
        var errorId = target.id + "-erreur-" + n;
        var message = el("p", { id: errorId, "class": "erreur" }, problem[2]);
        target.parentNode.appendChild(message);
        target.setAttribute("aria-invalid", "true");
        target.setAttribute("aria-describedby", ((target.getAttribute("aria-describedby") || "") + " " + errorId).trim());
        var link = el("a", { href: "#" + target.id }, problem[2]);
        item.appendChild(link);
      } else {
        item.textContent = problem[2];
      }
      list.appendChild(item);
    });
    summary.appendChild(el("p", {}, result.problems.length === 1 ? "1 problème à corriger\u00a0:" : result.problems.length + " problèmes à corriger\u00a0:"));
    summary.appendChild(list);
    summary.hidden = false;
    status(result.refused
      ? "Un identifiant direct semble figurer dans le dossier\u00a0: le champ est signalé, la frise est masquée tant qu’il est présent."
      : (result.problems.length === 1 ? "1 problème" : result.problems.length + " problèmes") + " à corriger\u00a0: voyez les champs signalés.", true);
  }

  var announced = "";
  function status(text, error) {
    var node = $("etat");
    if (announced === text) return;
    announced = text;
    node.textContent = text;
    node.className = "etat" + (error ? " erreur" : "");
  }
  function announceLater(text) { if (text) setTimeout(function () { status(text, false); announced = ""; }, 0); }

  // --- the figures and the frise --------------------------------------------------------------
  /** french.date_text: "2012" → "2012", "2012-03" → "mars 2012", "2012-03-01" → "1er mars 2012". */
  function dateText(text) {
    var parts = text.split("-");
    if (parts.length === 1) return parts[0];
    var month = DATA.months[+parts[1] - 1];
    if (parts.length === 2) return month + " " + parts[0];
    var day = +parts[2];
    return (day === 1 ? "1er" : String(day)) + " " + month + " " + parts[0];
  }

  function shown(value) {
    if (value === null || value === undefined) return "non calculé (trop peu de données)";
    if (typeof value === "object" && "min" in value) {
      return value.min === value.max ? value.min + " ans" : value.min + " ou " + value.max + " ans";
    }
    if (typeof value === "number") {   // french.number: no-break space between thousands
      var parts = String(value).split(".");
      return parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0") + (parts[1] ? "," + parts[1] : "");
    }
    return String(value);
  }

  // The cards of the `frise` page itself (static/cards.js is plain_words.py's cards, proven
  // equal), in the structure of templates/frise/_indicateurs.html.j2.
  function drawCards(result) {
    var box = $("cartes");
    box.textContent = "";
    if (!result) return;
    var list = el("ul", { "class": "cartes" });
    window.RepereCards.build(result.case, result.indicators, view).forEach(function (card) {
      var li = el("li", { "class": "carte" });
      if (card.indicateur) {
        li.setAttribute("data-indicateur", card.indicateur);
        li.setAttribute("data-valeur", JSON.stringify(result.indicators[card.indicateur]));
      }
      li.appendChild(el("p", { "class": "carte-libelle" }, card.label));
      li.appendChild(el("p", { "class": "carte-valeur" }, card.value));
      if (card.note) li.appendChild(el("p", { "class": "carte-note" }, card.note));
      li.appendChild(el("p", { "class": "carte-definition" }, card.definition));
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  // The chart of the `frise` page itself: static/figure.js is figure.py's build_figure, proven
  // equal by tests/test_atelier_differential.py.
  function figure(c) { return window.RepereFigure.build(c, view); }

  // The frise page's own rules (templates/frise/frise.js) for a chart narrower than 900 px and
  // for paper: the legend flows in rows and the chart grows by the room it takes; on paper the
  // chart is 1 040 px wide and at most 430 px high, with smaller labels, so that it shares the
  // page with the figures.
  var WIDE = 900, PRINT_WIDTH = 1040, PRINT_MAX_HEIGHT = 430;
  var printing = false, drawn = null;

  function fitLegend(fig, width, fontSize) {
    var layout = fig.layout, meta = layout.meta;
    var names = fig.data.filter(function (t) { return t.showlegend !== false && t.name; }).map(function (t) { return t.name; });
    var longest = names.reduce(function (most, name) { return Math.max(most, name.length); }, 0);
    var perRow = Math.max(1, Math.floor((width - 20) / (46 + longest * fontSize * 0.55)));
    var legendPx = Math.ceil(names.length / perRow) * (fontSize + 8) + 12;
    var plot = layout.height - layout.margin.t - layout.margin.b;
    var axisPx = width < 600 ? meta.axis_px + 20 : meta.axis_px;
    layout.legend.traceorder = "normal";
    layout.legend.font = { size: fontSize };
    layout.margin.b = axisPx + legendPx;
    layout.height = layout.margin.t + plot + layout.margin.b;
    layout.legend.y = -Math.round(axisPx / plot * 10000) / 10000;
    if (width < 600) {
      layout.margin.l = 110;
      layout.xaxis2.title = { text: "" };
      layout.xaxis.nticks = Math.max(3, Math.floor((width - 110) / 70));
      layout.xaxis.tickangle = 0;
    }
  }

  function forPaper(fig) {
    var layout = fig.layout;
    layout.width = PRINT_WIDTH;
    layout.hovermode = false;
    layout.margin.t = 56;
    layout.annotations[0].yshift = 26;
    fitLegend(fig, PRINT_WIDTH, 10);
    if (layout.height > PRINT_MAX_HEIGHT) {
      var room = PRINT_MAX_HEIGHT - layout.margin.t - layout.margin.b;
      layout.height = PRINT_MAX_HEIGHT;
      layout.legend.y = -Math.round(layout.meta.axis_px / room * 10000) / 10000;
    }
    fig.data.forEach(function (trace) {
      if (trace.type === "bar") {
        trace.textfont = { color: trace.textfont.color, size: 9 };
        trace.outsidetextfont = { color: "#111111", size: 9 };
      } else if (trace.mode === "text") {
        trace.textfont = { color: "#111111", size: 9 };
      }
    });
  }

  // The chart's width, read on resize only: reading it after each edit would force the
  // browser to lay the whole form out again first.
  var chartWidth = null;
  var plotted = null;   // the last figure drawn, as JSON
  function plot(fig) {
    var shown = JSON.parse(JSON.stringify(fig));
    if (chartWidth === null) chartWidth = $("frise").getBoundingClientRect().width;
    var width = chartWidth;
    if (printing) forPaper(shown);
    else if (width && width < WIDE) fitLegend(shown, width, 12);
    var key = JSON.stringify(shown);
    if (key === plotted) return null;   // nothing the chart shows has changed
    plotted = key;
    return window.Plotly.react($("frise"), shown.data, shown.layout, shown.config);
  }

  function draw(result) {
    var ok = !!result.case && !result.refused;
    $("frise-absente").hidden = ok;
    if (!ok) {
      drawCards(null);
      if (window.Plotly) {
        window.Plotly.purge($("frise"));
        if ($("frise-gravite")) window.Plotly.purge($("frise-gravite"));
      }
      $("suite").textContent = "";
      suiteShown = null;
      plotted = null;
      $("frise").textContent = "";
      $("frise").dataset.dessinee = "non";
      return;
    }
    drawCards(result);
    $("impression-entete").textContent = "Dossier " + result.case.dossier + " — synthèse au " +
      dateText(result.case.date_reference) + (view === "personne" ? " (vue pour la personne)" : "");
    var fig = figure(result.case);
    drawn = fig;
    plot(fig);
    // The frise page's second chart (figure.build_gravity_figure), drawn in its own place: the
    // categories section of the page's sections (static/page.js, proven equal to render.py).
    var gravity = window.RepereFigure.buildGravity(result.case, result.indicators, view);
    drawSuite(result, gravity);
    if (gravity) window.Plotly.react($("frise-gravite"), gravity.data, gravity.layout, gravity.config);
    $("frise").dataset.dessinee = "oui";
    $("frise").dataset.traces = String(fig.data.length);
  }

  // The rest of the frise page (tables, « Au même moment », leads, the personne view's
  // sentences), one element per section: only the sections whose text changed are replaced, and
  // the gravity chart's element is moved into its new section so that Plotly.react only redraws
  // what changed.
  var suiteShown = null;
  function drawSuite(result, gravity) {
    var parts = window.ReperePage.suiteParts(result.case, result.indicators, view, gravity);
    var box = $("suite");
    var chart = $("frise-gravite");
    var same = suiteShown !== null && suiteShown.length === parts.length;
    if (!same) {
      if (chart) chart.remove();
      box.innerHTML = parts.join("");
    } else {
      parts.forEach(function (html, i) {
        if (suiteShown[i] === html) return;
        var holder = document.createElement("div");
        holder.innerHTML = html;
        box.replaceChild(holder.firstElementChild, box.children[i]);
      });
    }
    suiteShown = parts;
    var slot = $("frise-gravite");
    if (chart && slot && slot !== chart) slot.replaceWith(chart);
    else if (chart && !slot && window.Plotly) window.Plotly.purge(chart);
  }

  // --- opening ------------------------------------------------------------------------------
  function sizeText(size) {   // input_limits._size_text
    return size >= 1000000 ? (Math.round(size / 100000) / 10).toFixed(1).replace(".", ",") + " Mo"
      : Math.floor(size / 1000) + " ko";
  }

  function open(file) {
    if (file.size > DATA.max_case_bytes) {
      status("Fichier non ouvert\u00a0: fichier trop gros (" + sizeText(file.size) + ")\u00a0: " + DATA.max_case_text +
        " au plus par dossier. Vérifiez qu’il s’agit bien du bon fichier.", true);
      return;
    }
    var reader = new FileReader();
    reader.onload = function () { openBytes(new Uint8Array(reader.result), file.name); };
    reader.onerror = function () { status("Le fichier n’a pas pu être lu.", true); };
    reader.readAsArrayBuffer(file);
  }

  /** UTF-8 with or without BOM, as `frise` reads it: anything else is refused with its line. */
  function openBytes(bytes, name) {
    var text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (error) {
      var loose = new TextDecoder("utf-8").decode(bytes);
      var line = loose.slice(0, loose.indexOf("\ufffd")).split("\n").length;
      state = emptyCase();
      renderForm();
      draw({ refused: false, case: null, problems: [] });
      status("Fichier non ouvert\u00a0: ligne " + line + "\u00a0: " + engine.say("not_utf8", {}), true);
      return;
    }
    openText(text, name);
  }

  function openText(text, name) {
    var format = /\.csv$/i.test(name) ? "csv" : "yaml";
    var result = engine.run(text, "fichier", format);
    if (result.refused || !result.raw) {
      // Refused or unreadable: the form is not filled (an identifier must not be shown back).
      state = emptyCase();
      renderForm();
      showProblems(result);
      draw(result);
      status((result.refused ? "Fichier refusé\u00a0: un identifiant direct semble y figurer (" : "Fichier illisible (") +
        result.problems.map(function (p) { return "ligne " + p[1] + "\u00a0: " + p[2]; }).join("\u202f; ") + ")", true);
      return;
    }
    var read = fromRaw(result.raw);
    state = read.state;
    dirty = false;
    renderForm();
    var checked = check();
    var note = read.dropped ? " " + read.dropped + " clé(s) inconnue(s) n’ont pas été reprises dans le formulaire." : "";
    status("Dossier ouvert" + (checked.problems.length ? "\u00a0: " + checked.problems.length + " problème(s) à corriger." : "\u00a0: la frise est à jour.") + note, checked.problems.length > 0);
  }

  // --- saving -------------------------------------------------------------------------------
  function download(text, name, type) {
    var blob = new Blob([text], { type: type });
    var link = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  function baseName() {
    var name = (state.dossier.dossier || "").trim();
    return /^[A-Za-z0-9_-]{1,32}$/.test(name) ? name : "dossier";
  }

  function saveAllowed() {
    var result = check();
    if (result.refused) {
      status("Enregistrement impossible\u00a0: un identifiant direct semble figurer dans le dossier.", true);
      return false;
    }
    return true;
  }

  /** The name `frise` gives the page (cli.page_name): ``X.html``, ``X-personne.html``, and
   * ``X.professionnel.html`` for the professional page of an id ending in « -personne ». */
  function pageName(dossier) {
    if (view !== "professionnel") return dossier + "-personne.html";
    return /-personne$/.test(dossier.toLowerCase()) ? dossier + ".professionnel.html" : dossier + ".html";
  }

  /** The page `frise` writes for this case and view (static/page.js, proven equal to render.py),
   * with the plotly.js this page carries. */
  function pageHtml() {
    var plotly = document.querySelector('script[data-nom="plotly"]').textContent;
    return window.ReperePage.page(last.result.case, last.result.indicators, view, plotly);
  }

  // --- wiring -------------------------------------------------------------------------------
  function init() {
    renderForm();
    $("champs").addEventListener("input", function (event) {
      var target = event.target;
      if (!target.dataset.path) return;
      setValue(JSON.parse(target.dataset.path), target.value);
      dirty = true;
      update();
    });
    $("champs").addEventListener("change", function (event) {
      if (event.target.tagName === "SELECT" && event.target.dataset.path) {
        setValue(JSON.parse(event.target.dataset.path), event.target.value);
        dirty = true;
        update();
      }
    });
    $("champs").addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (button) onAction(button);
    });
    $("resume-erreurs").addEventListener("click", function (event) {
      var link = event.target.closest("a");
      if (!link) return;
      event.preventDefault();
      var target = $(link.getAttribute("href").slice(1));
      if (target) target.focus();
    });
    $("fichier").addEventListener("change", function () { if (this.files[0]) open(this.files[0]); this.value = ""; });
    var zone = $("zone-depot");
    ["dragenter", "dragover"].forEach(function (name) {
      document.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("survol"); });
    });
    document.addEventListener("dragleave", function () { zone.classList.remove("survol"); });
    document.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("survol");
      var file = event.dataTransfer && event.dataTransfer.files[0];
      if (file) open(file);
    });
    $("nouveau").addEventListener("click", function () {
      if (dirty && !window.confirm("Commencer un nouveau dossier\u202f? Les modifications non enregistrées seront perdues.")) return;
      state = emptyCase();
      state.faits.push({});
      dirty = false;
      renderForm(fieldId(["dossier"]));
      check();
      status("Nouveau dossier\u00a0: commencez par le pseudonyme et l’année de naissance.", false);
    });
    $("effacer").addEventListener("click", function () {
      if (!window.confirm("Tout effacer\u202f? Le dossier affiché sera retiré de la page.")) return;
      state = emptyCase();
      dirty = false;
      renderForm();
      check();
      status("Tout est effacé\u00a0: rien n’a été gardé.", false);
    });
    Array.prototype.forEach.call(document.querySelectorAll('input[name="vue"]'), function (radio) {
      radio.addEventListener("change", function () {
        view = radio.value;
        document.body.className = "vue-" + view;
        check();
      });
    });
    $("enregistrer-yaml").addEventListener("click", function () {
      if (!saveAllowed()) return;
      download(last.text, baseName() + ".yaml", "text/yaml;charset=utf-8");
      dirty = false;
      status("Dossier enregistré en YAML (" + baseName() + ".yaml).", false);
    });
    $("enregistrer-csv").addEventListener("click", function () {
      if (!saveAllowed()) return;
      download(toCsv(state), baseName() + ".csv", "text/csv;charset=utf-8");
      dirty = false;
      status("Dossier enregistré en CSV (" + baseName() + ".csv).", false);
    });
    $("enregistrer-page").addEventListener("click", function () {
      if (!saveAllowed()) return;
      if (!last.result.case) { status("La page ne peut être enregistrée qu’avec un dossier valide.", true); return; }
      download(pageHtml(), pageName(last.result.case.dossier), "text/html;charset=utf-8");
      status("Page de la frise enregistrée.", false);
    });
    $("imprimer").addEventListener("click", function () { window.print(); });
    function printMode(on) {
      if (printing === on) return;
      printing = on;
      if (drawn && $("frise").dataset.dessinee === "oui") plot(drawn);
    }
    window.addEventListener("beforeprint", function () { printMode(true); });
    window.addEventListener("afterprint", function () { printMode(false); });
    if (window.matchMedia) {
      var media = window.matchMedia("print");
      var onChange = function (event) { printMode(event.matches); };
      if (media.addEventListener) media.addEventListener("change", onChange);
    }
    var resizeTimer = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(resizeTimer);
      resizeTimer = window.setTimeout(function () {
        chartWidth = null;
        if (drawn && !printing) plot(drawn);
      }, 150);
    });
    if ($("modele")) {
      $("modele").addEventListener("click", function () {
        download(window.RepereCsvTemplate, "modele-dossier.csv", "text/csv;charset=utf-8");
      });
    }
    window.addEventListener("beforeunload", function (event) {
      if (!dirty) return undefined;
      event.preventDefault();
      event.returnValue = "";
      return "";
    });
    check();
    window.RepereAtelierReadyAt = performance.now();   // for the benchmark: opened → ready
    document.body.dataset.pret = "oui";
  }

  // Exposed for the tests and the benchmark only (no data leaves the page through it).
  window.RepereAtelier = { openText: openText, check: check, toYaml: function () { return toYaml(state).text; },
    toCsv: function () { return toCsv(state); } };
  init();
}());
