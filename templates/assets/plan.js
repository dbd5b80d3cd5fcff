/* "Mon plan": the support plan (plan d'accompagnement) of one CPIP, kept in this browser only.
 *
 * This file runs on every page (templates/overrides/main.html): it keeps the plan in
 * localStorage, wires the "Ajouter au plan" buttons of sheets and lists, and shows the number of
 * tools next to the "Mon plan" tab. The Mon plan page itself is drawn by assets/plan-page.js,
 * which uses window.ReperePlan below. Nothing is ever sent anywhere: no request is made.
 *
 * Model, under one localStorage key ("repere.plan.v1"), also the export file:
 *   {format: "plan-repere", version: 1, facteurs: ["addictions", ...],
 *    outils: [{s: slug, f: factor, note: "..."}, ...], modifie_le: ISO date and time}
 * - "facteurs": the risk factors the plan works on, in the order the CPIP sets. The CPIP ticks
 *   them on the Mon plan page.
 * - Each tool is filed under ONE factor ("f"): when added, under the first of its factors that is
 *   already in the plan, else under its own first factor, which then joins the plan (adding a tool
 *   from the Addictions page means the plan works on addictions; a plan never shows a tool under a
 *   factor it does not list). The Mon plan page lets the CPIP file it under another of its factors.
 * - The order of "outils" is the order the CPIP sets within each factor.
 * - "Uncovered" factors: factors of the plan with no tool filed under them; the page links each
 *   to its factor page.
 *
 * Storage across file:// pages (the offline zip): Chromium and Edge share one localStorage for
 * every file:// page (tests/test_plan_browser.py checks it: a tool added on a sheet shows on
 * plan.html). Firefox gives each file its own storage. There (detected by location.origin being
 * "null" on file://, where Chromium says "file://") the buttons of other pages become links to
 * plan.html#ajouter=<slug>: plan.html adds the tool to the plan it keeps in its own storage.
 * Over http(s) (the intranet), every page shares one origin and one storage.
 */
(function () {
  "use strict";
  var KEY = "repere.plan.v1";
  var FORMAT = "plan-repere";
  var VERSION = 1;
  var NOTE_MAX = 2000;
  var script = document.currentScript;
  var root = script ? script.src.replace(/assets\/plan\.js(?:[?#].*)?$/, "") : "";
  var planUrl = root + "plan.html";
  var onPlanPage = Boolean(document.getElementById("repere-plan"));
  // Tests set window.REPERE_PLAN_ISOLE to exercise the Firefox path in Chromium.
  var isolated = window.REPERE_PLAN_ISOLE !== undefined ? Boolean(window.REPERE_PLAN_ISOLE)
    : location.protocol === "file:" && location.origin === "null";
  var listeners = [];
  var liveRegion = null;

  function emptyPlan() {
    return {format: FORMAT, version: VERSION, facteurs: [], outils: [], modifie_le: null};
  }

  function storageWorks() {
    try {
      localStorage.setItem(KEY + ".test", "1");
      localStorage.removeItem(KEY + ".test");
      return true;
    } catch (error) {
      return false;
    }
  }

  function isText(value) { return typeof value === "string"; }

  function checkFactors(value, vocabulary, errors) {
    if (!Array.isArray(value) || !value.every(isText)) {
      errors.push("la liste des facteurs de risque («\u00a0facteurs\u00a0») est absente ou mal formée");
      return;
    }
    value.forEach(function (factor, index) {
      if (vocabulary && vocabulary.indexOf(factor) === -1) {
        errors.push("facteur de risque inconnu\u00a0: «\u00a0" + factor + "\u00a0»");
      } else if (value.indexOf(factor) !== index) {
        errors.push("le facteur «\u00a0" + factor + "\u00a0» figure deux fois");
      }
    });
  }

  function checkTool(tool, index, seen, vocabulary, errors) {
    var where = "outil n° " + (index + 1);
    if (!tool || typeof tool !== "object" || !isText(tool.s) || !tool.s) {
      errors.push(where + "\u00a0: identifiant («\u00a0s\u00a0») absent");
      return;
    }
    where = "outil «\u00a0" + tool.s + "\u00a0»";
    if (seen[tool.s]) { errors.push(where + "\u00a0: figure deux fois"); }
    seen[tool.s] = true;
    if (!isText(tool.f) || (vocabulary && vocabulary.indexOf(tool.f) === -1)) {
      errors.push(where + "\u00a0: facteur de risque («\u00a0f\u00a0») absent ou inconnu");
    }
    if (tool.note !== undefined && !isText(tool.note)) {
      errors.push(where + "\u00a0: la note n’est pas du texte");
    } else if (isText(tool.note) && tool.note.length > NOTE_MAX) {
      errors.push(where + "\u00a0: la note dépasse " + NOTE_MAX.toLocaleString("fr-FR") + " caractères ("
        + tool.note.length + ")");
    }
  }

  /* Check a plan read from storage or from an imported file. Returns {plan, errors}; the plan is a
   * clean copy (only known keys) and is null when there is any error. options.factors (the factor
   * vocabulary) and options.tools (slug → tool) are known on the Mon plan page only. */
  function validate(raw, options) {
    options = options || {};
    var errors = [];
    if (!raw || typeof raw !== "object" || Array.isArray(raw) || raw.format !== FORMAT) {
      return {plan: null, errors: ["ce n’est pas un plan Repère"]};
    }
    if (raw.version !== VERSION) {
      return {plan: null, errors: ["ce plan est au format " + JSON.stringify(raw.version)
        + ", ce catalogue lit le format " + VERSION + " (fichier d’une autre version de Repère\u202f?)"]};
    }
    checkFactors(raw.facteurs, options.factors, errors);
    if (!Array.isArray(raw.outils)) {
      errors.push("la liste des outils («\u00a0outils\u00a0») est absente ou mal formée");
      return {plan: null, errors: errors};
    }
    var seen = {};
    raw.outils.forEach(function (tool, index) { checkTool(tool, index, seen, options.factors, errors); });
    if (options.tools) {
      var unknown = raw.outils.filter(function (tool) { return tool && isText(tool.s) && !options.tools[tool.s]; })
        .map(function (tool) { return "«\u00a0" + tool.s + "\u00a0»"; });
      if (unknown.length) {
        errors.push((unknown.length > 1 ? "outils absents" : "outil absent") + " de ce catalogue\u00a0: " + unknown.join(", "));
      }
    }
    if (errors.length) { return {plan: null, errors: errors}; }
    var plan = emptyPlan();
    plan.facteurs = raw.facteurs.slice();
    plan.outils = raw.outils.map(function (tool) { return {s: tool.s, f: tool.f, note: tool.note || ""}; });
    // A tool is always under a factor of the plan (see the model above).
    plan.outils.forEach(function (tool) {
      if (plan.facteurs.indexOf(tool.f) === -1) { plan.facteurs.push(tool.f); }
    });
    plan.modifie_le = isText(raw.modifie_le) ? raw.modifie_le : null;
    return {plan: plan, errors: []};
  }

  /* The stored plan; {plan, damaged} where damaged says the stored text could not be read. */
  function read() {
    var text = null;
    try { text = localStorage.getItem(KEY); } catch (error) { text = null; }
    if (!text) { return {plan: emptyPlan(), damaged: false}; }
    try {
      var result = validate(JSON.parse(text));
      return result.plan ? {plan: result.plan, damaged: false} : {plan: emptyPlan(), damaged: true};
    } catch (error) {
      return {plan: emptyPlan(), damaged: true};
    }
  }

  /* Store the plan; the buttons and the count follow. Listeners (the Mon plan page) hear only of
   * changes made in another tab: the page redraws itself after its own changes. */
  function save(plan) {
    plan.modifie_le = new Date().toISOString();
    try {
      localStorage.setItem(KEY, JSON.stringify(plan));
    } catch (error) {
      announce("Le plan n’a pas pu être enregistré dans ce navigateur.");
      return false;
    }
    refresh();
    return true;
  }

  function clear() {
    try { localStorage.removeItem(KEY); } catch (error) { /* nothing stored, nothing to remove */ }
    refresh();
  }

  function indexOfTool(plan, slug) {
    for (var i = 0; i < plan.outils.length; i += 1) {
      if (plan.outils[i].s === slug) { return i; }
    }
    return -1;
  }

  /* File a new tool under a factor: see the model at the top of this file. contextFactors: the
   * factors of the page or filter it is added from (a factor page, the catalogue filtered on a
   * factor); the first of them that the tool works on wins, so that « Budget mensuel » added from
   * the Emploi page goes under Emploi even when the plan already lists Addictions. */
  function addTool(plan, slug, toolFactors, contextFactors) {
    if (indexOfTool(plan, slug) !== -1) { return; }
    var fromContext = (contextFactors || []).filter(function (f) { return toolFactors.indexOf(f) !== -1; })[0];
    var factor = fromContext
      || toolFactors.filter(function (f) { return plan.facteurs.indexOf(f) !== -1; })[0]
      || toolFactors[0];
    if (plan.facteurs.indexOf(factor) === -1) { plan.facteurs.push(factor); }
    plan.outils.push({s: slug, f: factor, note: ""});
  }

  function removeTool(plan, slug) {
    var index = indexOfTool(plan, slug);
    if (index !== -1) { plan.outils.splice(index, 1); }
  }

  function toolCount(plan) {
    return plan.outils.length + " outil" + (plan.outils.length > 1 ? "s" : "");
  }

  function hiddenText(text) {
    var span = document.createElement("span");
    span.className = "repere-sr";
    span.textContent = text;
    return span;
  }

  function announce(message) {
    if (!liveRegion) { return; }
    // Emptied first so that the same message twice in a row is read twice.
    liveRegion.textContent = "";
    setTimeout(function () { liveRegion.textContent = message; }, 50);
  }

  function labelButton(button, plan) {
    var inPlan = indexOfTool(plan, button.dataset.planOutil) !== -1;
    button.replaceChildren(document.createTextNode(inPlan ? "Retirer du plan" : "Ajouter au plan"),
      hiddenText("\u00a0: " + button.dataset.planTitre));
    button.classList.toggle("repere-plan-bouton--dans-plan", inPlan);
  }

  // Firefox on file://: this page cannot see the plan; the button becomes a link to plan.html.
  function linkInstead(button) {
    var link = document.createElement("a");
    link.className = button.className;
    link.href = planUrl + "#ajouter=" + encodeURIComponent(button.dataset.planOutil);
    link.append("Ajouter au plan", hiddenText("\u00a0: " + button.dataset.planTitre));
    button.replaceWith(link);
  }

  /* Show and label the plan buttons under `container` (the catalogue calls it after each render). */
  function refresh(container) {
    if (!liveRegion) { return; }  // not started: no storage, the buttons stay hidden
    var plan = read().plan;
    (container || document).querySelectorAll("button.repere-plan-bouton").forEach(function (button) {
      if (isolated && !onPlanPage) { linkInstead(button); return; }
      labelButton(button, plan);
      button.hidden = false;
    });
    document.querySelectorAll(".repere-plan-lien").forEach(function (link) { link.hidden = false; });
    showCount(plan);
  }

  // "Mon plan (3)" on the navigation tab and in the drawer.
  function showCount(plan) {
    if (isolated && !onPlanPage) { return; }
    document.querySelectorAll("a[href]").forEach(function (link) {
      if (link.href !== planUrl || link.classList.contains("repere-plan-lien")) { return; }
      var count = link.querySelector(".repere-plan-compte");
      if (!count) {
        count = document.createElement("span");
        count.className = "repere-plan-compte";
        (link.querySelector(".md-ellipsis") || link).appendChild(count);
      }
      // A no-break space: Material's tab links are flex boxes, which drop a plain leading space.
      count.textContent = plan.outils.length ? "\u00a0(" + plan.outils.length + ")" : "";
    });
  }

  /* The factors of where the button is: the nearest data-plan-contexte (factor pages set it,
   * the catalogue sets it to its chosen factor filters), as a list of slugs. */
  function contextOf(button) {
    var holder = button.closest("[data-plan-contexte]") || document.querySelector("[data-plan-contexte]");
    return holder ? holder.getAttribute("data-plan-contexte").split(" ").filter(Boolean) : [];
  }

  function toggle(button) {
    var plan = read().plan;
    var slug = button.dataset.planOutil;
    var title = "«\u00a0" + button.dataset.planTitre + "\u00a0»";
    if (indexOfTool(plan, slug) !== -1) {
      removeTool(plan, slug);
      if (save(plan)) { announce(title + " retiré du plan. " + toolCount(plan) + " dans le plan."); }
    } else {
      addTool(plan, slug, (button.dataset.planFacteurs || "").split(" ").filter(Boolean), contextOf(button));
      if (save(plan)) { announce(title + " ajouté au plan. " + toolCount(plan) + " dans le plan."); }
    }
  }

  function start() {
    if (!storageWorks()) { return; }  // buttons stay hidden: there is nowhere to keep a plan
    liveRegion = document.createElement("p");
    liveRegion.className = "repere-sr";
    liveRegion.setAttribute("role", "status");
    liveRegion.id = "repere-plan-annonce";
    document.body.appendChild(liveRegion);
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button.repere-plan-bouton");
      if (button) { toggle(button); }
    });
    // Another tab or window changed the plan.
    window.addEventListener("storage", function (event) {
      if (event.key !== KEY && event.key !== null) { return; }
      var plan = read().plan;
      refresh();
      listeners.forEach(function (listener) { listener(plan); });
    });
    refresh();
  }

  window.ReperePlan = {
    KEY: KEY, NOTE_MAX: NOTE_MAX, isolated: isolated, available: storageWorks(),
    emptyPlan: emptyPlan, validate: validate, read: read, save: save, clear: clear,
    addTool: addTool, removeTool: removeTool, indexOfTool: indexOfTool, toolCount: toolCount,
    announce: announce, refresh: refresh, hiddenText: hiddenText,
    onChange: function (listener) { listeners.push(listener); }
  };
  start();
})();
