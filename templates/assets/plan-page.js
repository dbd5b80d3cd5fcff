/* The "Mon plan" page (plan.html): the plan of assets/plan.js (model and storage explained at the
 * top of that file) drawn with the catalogue's data (assets/catalogue-data.js).
 * Every sheet value is inserted as text (textContent, DOM nodes), never as markup. */
(function () {
  "use strict";
  var api = window.ReperePlan;
  var data = window.REPERE_CATALOGUE;
  var box = document.getElementById("repere-plan");
  if (!api || !data || !box) { return; }
  var TOOLS = {};
  data.tools.forEach(function (tool) { TOOLS[tool.s] = tool; });
  var SHORT = data.labels.facteur;
  var FACTORS = Object.keys(SHORT);
  var LONG = {};
  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre"];
  var $ = function (id) { return document.getElementById(id); };
  var factorBoxes = $("repere-plan-facteurs");
  var groups = $("repere-plan-groupes");
  var fileInput = $("repere-plan-fichier");
  var plan;
  var pendingNote = null;
  var confirmAction = null;
  var confirmOrigin = null;

  factorBoxes.querySelectorAll("label").forEach(function (label) {
    LONG[label.querySelector("input").value] = label.textContent.trim();
  });

  /* ---- Small helpers ---- */

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function quoted(text) { return "«\u00a0" + text + "\u00a0»"; }

  function titleOf(slug) { return TOOLS[slug] ? TOOLS[slug].t : slug; }

  function plural(count, word) { return count + " " + word + (count > 1 ? "s" : ""); }

  function frenchDate(day) { return day.getDate() + " " + MONTHS[day.getMonth()] + " " + day.getFullYear(); }

  function isoDay(day) {
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate());
  }

  function hours(minutes) {
    if (minutes < 60) { return minutes + " min"; }
    var rest = minutes % 60;
    return Math.floor(minutes / 60) + " h" + (rest ? " " + (rest < 10 ? "0" : "") + rest : "");
  }

  /* One message at a time, next to what caused it: at the top of the page (factors, storage),
   * or under the buttons of the "actions" section (import, export, clear). */
  var MESSAGES = ["repere-plan-erreur", "repere-plan-info", "repere-plan-erreur-actions", "repere-plan-info-actions"];

  function showMessage(kind, text, where) {
    var target = "repere-plan-" + kind + (where === "actions" ? "-actions" : "");
    MESSAGES.forEach(function (id) { $(id).textContent = id === target ? text : ""; });
  }

  function commit(message) {
    api.save(plan);
    render();
    if (message) { api.announce(message); }
  }

  /* ---- Totals: honest ranges from the sheets' bands (see catalogue_data_script) ---- */

  function range(low, high, unit) {
    if (high === null) { return "au moins " + unit(low); }
    return low === high ? unit(low) : "entre " + unit(low).replace(/ (séances?)$/, "") + " et " + unit(high);
  }

  function totals() {
    var known = plan.outils.filter(function (entry) { return TOOLS[entry.s]; });
    var sum = {low: 0, high: 0, minLow: 0, minHigh: 0};
    known.forEach(function (entry) {
      var tool = TOOLS[entry.s];
      var bounds = data.bornes[tool.seances[0]];
      sum.low += bounds[0];
      sum.minLow += bounds[0] * tool.m[0];
      sum.high = sum.high === null || bounds[1] === null ? null : sum.high + bounds[1];
      sum.minHigh = sum.high === null ? null : sum.minHigh + bounds[1] * tool.m[1];
    });
    if (!known.length) {
      return plan.outils.length ? "Aucun des outils du plan n’est dans ce catalogue."
        : "Aucun outil dans le plan pour l’instant. Ajoutez-en depuis les fiches, les pages des facteurs ou le catalogue.";
    }
    return plural(known.length, "outil") + "\u00a0: " + range(sum.low, sum.high, function (n) { return plural(n, "séance"); })
      + ", soit " + range(sum.minLow, sum.minHigh, hours) + " de séances en tout.";
  }

  /* ---- Drawing ---- */

  function actionButton(text, hidden, key, onClick, disabled) {
    var button = element("button", "md-button repere-plan-petit-bouton", text);
    button.type = "button";
    button.appendChild(api.hiddenText(hidden));
    button.dataset.cle = key;
    if (disabled) { button.setAttribute("aria-disabled", "true"); }
    button.addEventListener("click", function () {
      if (button.getAttribute("aria-disabled") === "true") {
        api.announce(disabled);
      } else {
        onClick();
      }
    });
    return button;
  }

  function infoLine(tool) {
    return "Durée d’une séance\u00a0: " + tool.d + " · " + data.sessions[tool.seances[0]];
  }

  function supportsOf(tool) {
    var block = element("div", "repere-plan-supports");
    if (!tool.sp.length) { return block; }
    block.appendChild(element("p", "repere-plan-supports__titre", "Supports à télécharger\u00a0:"));
    var list = element("ul");
    tool.sp.forEach(function (support) {
      var item = element("li");
      var link = element("a", null, support.t);
      link.href = support.h;
      link.setAttribute("download", "");
      item.append(link, element("span", "repere-fichier", " (" + support.x + ", " + support.o + ")"));
      list.appendChild(item);
    });
    block.appendChild(list);
    return block;
  }

  function factorSelect(entry, tool) {
    var wrapper = element("p", "repere-plan-classement repere-plan-ecran");
    var id = "repere-plan-facteur-" + entry.s;
    var label = element("label", null, "Classé sous le facteur");
    label.htmlFor = id;
    label.appendChild(api.hiddenText("\u00a0: " + titleOf(entry.s)));
    var select = element("select");
    select.id = id;
    select.dataset.cle = "facteur:" + entry.s;
    var choices = tool.facteur.indexOf(entry.f) === -1 ? tool.facteur.concat([entry.f]) : tool.facteur;
    choices.forEach(function (factor) {
      var option = element("option", null, SHORT[factor]);
      option.value = factor;
      option.selected = factor === entry.f;
      select.appendChild(option);
    });
    select.addEventListener("change", function () { refile(entry.s, select.value); });
    wrapper.append(label, " ", select);
    return wrapper;
  }

  function noteField(entry) {
    var block = element("div", "repere-plan-note");
    var id = "repere-plan-note-" + entry.s;
    var label = element("label", null, "Note");
    label.htmlFor = id;
    label.appendChild(api.hiddenText(" sur " + quoted(titleOf(entry.s))));
    var area = element("textarea");
    area.id = id;
    area.rows = 2;
    area.maxLength = api.NOTE_MAX;
    area.value = entry.note;
    area.dataset.cle = "note:" + entry.s;
    area.setAttribute("aria-describedby", "repere-plan-avertissement");
    var printed = element("p", "repere-plan-note__imprimee", entry.note);
    area.addEventListener("input", function () {
      printed.textContent = area.value;
      noteChanged(entry.s, area.value);
    });
    block.append(label, area, printed);
    return block;
  }

  function toolItem(entry, position, count) {
    var tool = TOOLS[entry.s];
    var title = titleOf(entry.s);
    var item = element("li", "repere-plan-outil");
    var heading = element("h4", "repere-plan-outil__titre");
    if (tool) {
      var link = element("a", null, title);
      link.href = "outils/" + encodeURIComponent(entry.s) + ".html";
      heading.appendChild(link);
    } else {
      heading.textContent = title;
    }
    item.appendChild(heading);
    if (tool) {
      item.append(element("p", "repere-plan-outil__infos", infoLine(tool)), supportsOf(tool));
      if (tool.facteur.length > 1) { item.appendChild(factorSelect(entry, tool)); }
    } else {
      item.appendChild(element("p", "repere-plan-outil__infos", "Cette fiche n’est plus dans le catalogue."));
    }
    item.appendChild(noteField(entry));
    var buttons = element("div", "repere-plan-outil__boutons repere-plan-ecran");
    if (count > 1) { buttons.append(moveButtons(entry.s, title, position, count)); }
    buttons.append(actionButton("Retirer du plan", "\u00a0: " + title, "retirer:" + entry.s, function () { removeTool(entry.s); }));
    item.appendChild(buttons);
    return item;
  }

  function moveButtons(slug, title, position, count) {
    var pair = document.createDocumentFragment();
    pair.append(
      actionButton("Monter", " " + quoted(title), "monter:" + slug, function () { moveTool(slug, -1); },
        position === 0 && quoted(title) + " est déjà le premier outil de ce facteur."),
      actionButton("Descendre", " " + quoted(title), "descendre:" + slug, function () { moveTool(slug, 1); },
        position === count - 1 && quoted(title) + " est déjà le dernier outil de ce facteur."));
    return pair;
  }

  function groupHeader(factor, index) {
    var header = element("div", "repere-plan-groupe__entete");
    var heading = element("h3", null, LONG[factor] || factor);
    heading.id = "repere-plan-groupe-" + factor;
    header.appendChild(heading);
    if (plan.facteurs.length > 1) {
      var name = " le facteur " + quoted(SHORT[factor] || factor);
      var buttons = element("div", "repere-plan-ecran repere-plan-groupe__boutons");
      buttons.append(
        actionButton("Monter", name, "fmonter:" + factor, function () { moveFactor(factor, -1); },
          index === 0 && "Ce facteur est déjà le premier du plan."),
        actionButton("Descendre", name, "fdescendre:" + factor, function () { moveFactor(factor, 1); },
          index === plan.facteurs.length - 1 && "Ce facteur est déjà le dernier du plan."));
      header.appendChild(buttons);
    }
    return header;
  }

  function group(factor, index) {
    var entries = plan.outils.filter(function (entry) { return entry.f === factor; });
    var section = element("section", "repere-plan-groupe" + (entries.length ? "" : " repere-plan-groupe--vide"));
    section.setAttribute("aria-labelledby", "repere-plan-groupe-" + factor);
    section.appendChild(groupHeader(factor, index));
    if (!entries.length) {
      section.appendChild(element("p", "repere-plan-vide", "Pas encore d’outil pour ce facteur."));
      return section;
    }
    var list = element("ol", "repere-plan-liste");
    entries.forEach(function (entry, position) { list.appendChild(toolItem(entry, position, entries.length)); });
    section.appendChild(list);
    return section;
  }

  function drawUncovered() {
    var missing = plan.facteurs.filter(function (factor) {
      return !plan.outils.some(function (entry) { return entry.f === factor; });
    });
    var list = $("repere-plan-manques");
    list.replaceChildren();
    missing.forEach(function (factor) {
      var item = element("li");
      var link = element("a", null, LONG[factor] || factor);
      link.href = "facteurs/" + encodeURIComponent(factor) + ".html";
      item.append(link, element("span", "repere-plan-ecran", "\u00a0: voir les outils de ce facteur"));
      list.appendChild(item);
    });
    $("repere-plan-manques-bloc").hidden = !missing.length;
  }

  // Redraw everything, keeping the focus (and the caret of a note) where it was.
  function render() {
    var active = document.activeElement;
    var key = active && active.dataset ? active.dataset.cle : null;
    var caret = key && active.tagName === "TEXTAREA" ? [active.selectionStart, active.selectionEnd] : null;
    factorBoxes.querySelectorAll("input").forEach(function (input) {
      input.checked = plan.facteurs.indexOf(input.value) !== -1;
    });
    groups.replaceChildren.apply(groups, plan.facteurs.map(group));
    if (!plan.facteurs.length) {
      groups.appendChild(element("p", "repere-plan-vide",
        "Le plan ne travaille encore aucun facteur\u00a0: cochez-en ci-dessus, ou ajoutez un outil depuis une fiche."));
    }
    $("repere-plan-totaux").replaceChildren(element("strong", null, totals()), element("span", null,
      plan.outils.length ? " Estimation d’après les fourchettes des fiches (nombre et durée des séances)." : ""));
    $("repere-plan-date").textContent = "Plan établi le " + frenchDate(new Date())
      + " · " + plural(plan.outils.length, "outil");
    drawUncovered();
    restoreFocus(key, caret);
  }

  function restoreFocus(key, caret) {
    if (!key) { return; }
    var target = box.querySelector('[data-cle="' + CSS.escape(key) + '"]');
    if (!target) { return; }
    target.focus();
    if (caret) { target.setSelectionRange(caret[0], caret[1]); }
  }

  /* ---- Changes ---- */

  function entryOf(slug) { return plan.outils[api.indexOfTool(plan, slug)]; }

  function moveTool(slug, step) {
    var entry = entryOf(slug);
    var same = plan.outils.filter(function (other) { return other.f === entry.f; });
    var position = same.indexOf(entry) + step;
    var neighbour = same[position];
    var a = plan.outils.indexOf(entry);
    var b = plan.outils.indexOf(neighbour);
    plan.outils[a] = neighbour;
    plan.outils[b] = entry;
    commit(quoted(titleOf(slug)) + "\u00a0: position " + (position + 1) + " sur " + same.length
      + " sous " + quoted(SHORT[entry.f] || entry.f) + ".");
  }

  function moveFactor(factor, step) {
    var index = plan.facteurs.indexOf(factor);
    plan.facteurs.splice(index, 1);
    plan.facteurs.splice(index + step, 0, factor);
    commit(quoted(SHORT[factor] || factor) + "\u00a0: facteur " + (index + step + 1) + " sur " + plan.facteurs.length + ".");
  }

  function removeTool(slug) {
    var entry = entryOf(slug);
    var siblings = plan.outils.filter(function (other) { return other.f === entry.f; });
    var next = siblings[siblings.indexOf(entry) + 1] || siblings[siblings.indexOf(entry) - 1];
    api.removeTool(plan, slug);
    commit(quoted(titleOf(slug)) + " retiré du plan. " + api.toolCount(plan) + " dans le plan.");
    // The focus goes to the next tool of the same factor, else to the factor's heading.
    var target = next ? box.querySelector('[data-cle="' + CSS.escape("retirer:" + next.s) + '"]')
      : $("repere-plan-groupe-" + entry.f);
    if (target) {
      if (!next) { target.tabIndex = -1; }
      target.focus();
    }
  }

  function refile(slug, factor) {
    entryOf(slug).f = factor;
    if (plan.facteurs.indexOf(factor) === -1) { plan.facteurs.push(factor); }
    commit(quoted(titleOf(slug)) + " classé sous " + quoted(SHORT[factor] || factor) + ".");
  }

  function noteChanged(slug, text) {
    var entry = entryOf(slug);
    if (!entry) { return; }  // removed meanwhile, in another tab
    entry.note = text;
    clearTimeout(pendingNote);
    pendingNote = setTimeout(flushNote, 400);
  }

  function flushNote() {
    if (pendingNote === null) { return; }
    clearTimeout(pendingNote);
    pendingNote = null;
    api.save(plan);
  }

  // Unticking a factor re-files its tools under another factor of the plan they work on; a tool
  // with no such factor keeps the factor in the plan (the CPIP removes the tool first).
  function factorToggled(input) {
    var factor = input.value;
    if (input.checked) {
      plan.facteurs.push(factor);
      commit(quoted(SHORT[factor]) + " ajouté aux facteurs du plan.");
      return;
    }
    var stuck = [];
    plan.outils.forEach(function (entry) {
      if (entry.f !== factor) { return; }
      var other = (TOOLS[entry.s] ? TOOLS[entry.s].facteur : []).filter(function (f) {
        return f !== factor && plan.facteurs.indexOf(f) !== -1;
      })[0];
      if (other) { entry.f = other; } else { stuck.push(quoted(titleOf(entry.s))); }
    });
    if (stuck.length) {
      input.checked = true;
      commit();
      showMessage("erreur", quoted(SHORT[factor]) + " reste dans le plan\u00a0: " + stuck.join(", ")
        + (stuck.length > 1 ? " n’y travaillent" : " n’y travaille") + " aucun autre facteur du plan. "
        + "Retirez d’abord " + (stuck.length > 1 ? "ces outils" : "cet outil") + " du plan, ou cochez un autre de ses facteurs.");
      return;
    }
    plan.facteurs.splice(plan.facteurs.indexOf(factor), 1);
    commit(quoted(SHORT[factor]) + " retiré des facteurs du plan.");
  }

  /* ---- Confirmation step (clear, replace on import): inline, not window.confirm ---- */

  function askConfirmation(text, confirmLabel, origin, action) {
    $("repere-plan-confirmation-texte").textContent = text;
    $("repere-plan-confirmer").textContent = confirmLabel;
    $("repere-plan-confirmation").hidden = false;
    confirmAction = action;
    confirmOrigin = origin;
    $("repere-plan-confirmer").focus();
  }

  function closeConfirmation() {
    $("repere-plan-confirmation").hidden = true;
    confirmAction = null;
    if (confirmOrigin) { confirmOrigin.focus(); }
  }

  /* ---- Clear, export, import, print ---- */

  function clearPlan() {
    flushNote();
    if (!plan.outils.length && !plan.facteurs.length) {
      showMessage("info", "Le plan est déjà vide.", "actions");
      return;
    }
    askConfirmation("Vider le plan retire de ce navigateur ses " + plural(plan.outils.length, "outil")
      + ", leurs notes et ses facteurs. Pour le garder, exportez-le d’abord.", "Oui, vider le plan",
    $("repere-plan-vider"), function () {
      api.clear();
      plan = api.emptyPlan();
      render();
      showMessage("info", "Plan vidé.", "actions");
    });
  }

  function exportPlan() {
    flushNote();
    if (!plan.outils.length && !plan.facteurs.length) {
      showMessage("info", "Le plan est vide\u00a0: rien à exporter.", "actions");
      return;
    }
    var name = "plan-repere-" + isoDay(new Date()) + ".json";
    var blob = new Blob([JSON.stringify(plan, null, 2) + "\n"], {type: "application/json"});
    var link = element("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    showMessage("info", "Plan exporté dans le fichier " + quoted(name) + " (dossier des téléchargements).", "actions");
  }

  function refuse(name, problems) {
    var shown = problems.slice(0, 5).join("\u202f; ") + (problems.length > 5 ? "\u202f; …" : "");
    showMessage("erreur", "Fichier " + quoted(name) + " refusé\u00a0: " + shown + ". Le plan actuel n’a pas été modifié.", "actions");
  }

  function importText(name, text) {
    var raw;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      refuse(name, ["ce n’est pas un fichier de sauvegarde du plan lisible"]);
      return;
    }
    var result = api.validate(raw, {factors: FACTORS, tools: TOOLS});
    if (!result.plan) { refuse(name, result.errors); return; }
    var replace = function () {
      plan = result.plan;
      commit();
      showMessage("info", "Plan importé depuis " + quoted(name) + "\u00a0: " + api.toolCount(plan) + ", "
        + plural(plan.facteurs.length, "facteur") + ".", "actions");
    };
    if (plan.outils.length || plan.facteurs.length) {
      askConfirmation("Remplacer le plan actuel (" + api.toolCount(plan) + ") par celui du fichier " + quoted(name)
        + " (" + api.toolCount(result.plan) + ")\u202f?", "Oui, remplacer le plan", $("repere-plan-importer"), replace);
    } else {
      replace();
    }
  }

  function importFile() {
    var file = fileInput.files[0];
    fileInput.value = "";  // the same file can be chosen again
    if (!file) { return; }
    flushNote();
    if (file.size > 1024 * 1024) {
      refuse(file.name, ["il est bien trop gros pour un plan (" + Math.round(file.size / 1024) + " Ko)"]);
      return;
    }
    file.text().then(function (text) { importText(file.name, text); },
      function () { refuse(file.name, ["il n’a pas pu être lu"]); });
  }

  // From another page under Firefox on file:// (see plan.js): plan.html#ajouter=<slug>.
  function addFromAddress() {
    var match = /^#ajouter=([^&]+)$/.exec(location.hash);
    if (!match) { return; }
    history.replaceState(null, "", location.pathname + location.search);
    var slug = decodeURIComponent(match[1]);
    if (!TOOLS[slug]) {
      showMessage("erreur", "Outil inconnu de ce catalogue\u00a0: " + quoted(slug) + ".");
      return;
    }
    var present = api.indexOfTool(plan, slug) !== -1;
    api.addTool(plan, slug, TOOLS[slug].facteur);
    commit();
    showMessage("info", quoted(TOOLS[slug].t) + (present ? " est déjà dans le plan." : " ajouté au plan."));
  }

  function start() {
    var stored = api.read();
    plan = stored.plan;
    box.hidden = false;
    document.documentElement.classList.add("repere-page-plan");  // scopes the print rules of plan.css
    factorBoxes.addEventListener("change", function (event) { showMessage(); factorToggled(event.target); });
    $("repere-plan-imprimer").addEventListener("click", function () { flushNote(); render(); window.print(); });
    $("repere-plan-exporter").addEventListener("click", exportPlan);
    $("repere-plan-importer").addEventListener("click", function () { fileInput.click(); });
    fileInput.addEventListener("change", importFile);
    $("repere-plan-vider").addEventListener("click", clearPlan);
    $("repere-plan-confirmer").addEventListener("click", function () {
      var action = confirmAction;
      closeConfirmation();
      if (action) { action(); }
    });
    $("repere-plan-annuler").addEventListener("click", closeConfirmation);
    window.addEventListener("pagehide", flushNote);
    window.addEventListener("beforeprint", function () { flushNote(); render(); });
    api.onChange(function (changed) { plan = changed; render(); });
    render();
    if (!api.available) {
      showMessage("erreur", "Ce navigateur n’autorise pas l’enregistrement local\u00a0: le plan ne sera pas gardé. "
        + "Exportez-le avant de fermer la page.");
    } else if (stored.damaged) {
      showMessage("erreur", "Le plan enregistré dans ce navigateur est illisible\u00a0: la page part d’un plan vide.");
    }
    addFromAddress();
  }

  start();
})();
