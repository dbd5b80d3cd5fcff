/* Catalogue page: the tool cards, filtered by the one facet engine (assets/facets.js) over
 * window.REPERE_CATALOGUE (assets/catalogue-data.js). No framework, no network: works from
 * file://. The filter state lives in the URL fragment (#facteur=addictions&modalite=collectif)
 * so that a filtered list can be bookmarked or shared. */
(function () {
  "use strict";
  var data = window.REPERE_CATALOGUE;
  var form = document.getElementById("repere-filtres");
  if (!data || !form || !window.RepereFacets) { return; }
  var facets = new window.RepereFacets.Facets(data);
  var list = document.getElementById("repere-liste");
  var count = document.getElementById("repere-compte");
  var more = document.getElementById("repere-plus");
  // Issue 14: sort, active filters as chips, a helpful empty state, filters folded on phones.
  var sorter = document.getElementById("repere-tri");
  var chips = document.getElementById("repere-puces");
  var empty = document.getElementById("repere-vide");
  var fold = document.getElementById("repere-filtres-pli");
  var PAGE = 50;
  var shown = PAGE;
  var STAGES = facets.labels.stade || {};

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // Same markup as the tool_card macro of templates/catalogue/_cards.j2.
  function card(tool) {
    var item = element("li", "repere-carte");
    var link = element("a", "repere-carte__titre", tool.t);
    link.href = "outils/" + tool.s + ".html";
    item.appendChild(link);
    item.appendChild(element("p", "repere-carte__resume", tool.r));
    var tags = element("ul", "repere-etiquettes");
    tags.setAttribute("aria-label", "Caractéristiques");
    var modalities = facets.labels.modalite || {};
    var labels = [tool.d, data.sessions[tool.seances[0]],
      listeFr(tool.modalite.map(function (m) { return modalities[m]; }))]; // the sheet's order
    if (tool.stade && tool.stade.length < Object.keys(STAGES).length) {
      labels.push(listeFr(tool.stade.filter(function (s) { return STAGES[s]; })
        .map(function (s) { return STAGES[s].split(" (")[0]; })));
    }
    if (tool.n) { labels.push(tool.n + " retour" + (tool.n > 1 ? "s" : "") + " d\u2019expérience"); }
    labels.forEach(function (label) { tags.appendChild(element("li", null, label)); });
    item.appendChild(tags);
    item.appendChild(planButton(tool));
    return item;
  }

  // Same as the liste_fr filter (generator/catalogue/typography.py): « Individuel et collectif ».
  function listeFr(labels) {
    var items = labels.map(function (label, index) {
      return index && !/^.[A-Z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
    });
    return items.length < 2 ? items.join("") : items.slice(0, -1).join(", ") + " et " + items[items.length - 1];
  }

  // Sort keys: « titre » in French order, the others ascending with the title to break ties;
  // « dernière relecture »: the most recent first, sheets without a date last.
  var SORTS = {
    titre: function (a, b) { return a.t.localeCompare(b.t, "fr", {sensitivity: "base"}); },
    duree: function (a, b) { return a.m[0] - b.m[0] || a.m[1] - b.m[1]; },
    seances: function (a, b) { return data.bornes[a.seances[0]][0] - data.bornes[b.seances[0]][0]; },
    relecture: function (a, b) { return (b.u || "").localeCompare(a.u || ""); }
  };

  function sorted(tools) {
    var key = sorter && SORTS[sorter.value] ? sorter.value : "titre";
    return tools.slice().sort(function (a, b) { return SORTS[key](a, b) || SORTS.titre(a, b); });
  }

  function pluralTools(count) { return count + " outil" + (count > 1 ? "s" : ""); }

  // One removable chip per chosen value, then « Effacer les filtres ».
  function showChips(chosen) {
    if (!chips) { return; }
    var items = [];
    facets.names.forEach(function (name) {
      (chosen[name] || []).forEach(function (value) {
        var text = facets.groups[facets.names.indexOf(name)].legend + "\u00a0: " + (facets.labels[name][value] || value);
        // The name « Retirer le filtre … » is in a hidden span, not an aria-label: the chip must
        // not be a second « label » of the filter's checkbox.
        var button = element("button", "repere-puce");
        button.type = "button";
        button.append(element("span", "repere-invisible", "Retirer le filtre "), text);
        button.addEventListener("click", function () { uncheck(name, value); });
        var item = element("li");
        item.appendChild(button);
        items.push(item);
      });
    });
    if (items.length) {
      var clear = element("button", "md-button repere-puces__effacer", "Effacer les filtres");
      clear.type = "button";
      clear.addEventListener("click", function () { form.reset(); if (sorter) { sorter.focus(); } });
      var last = element("li");
      last.appendChild(clear);
      items.push(last);
    }
    chips.replaceChildren.apply(chips, items);
    chips.hidden = !items.length;
  }

  function uncheck(name, value) {
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      if (box.name === name && box.value === value) { box.checked = false; }
    });
    form.dispatchEvent(new Event("change"));
    // The focus stays in the chips (or goes to the sort) rather than on a removed button.
    var next = chips.querySelector("button");
    (next || sorter || count).focus();
  }

  // No tool: say which filter to loosen, with what each removal would give.
  function showEmpty(chosen, found) {
    if (!empty) { return; }
    empty.hidden = found.length > 0;
    if (found.length) { empty.replaceChildren(); return; }
    var nodes = [element("p", null, "Aucun outil ne correspond à tous ces filtres à la fois.")];
    var hints = [];
    facets.names.forEach(function (name) {
      (chosen[name] || []).forEach(function (value) {
        var looser = {};
        Object.keys(chosen).forEach(function (other) {
          looser[other] = chosen[other].filter(function (v) { return other !== name || v !== value; });
        });
        var found = facets.filter(data.tools, looser).length;
        if (found) { hints.push({name: name, value: value, count: found}); }
      });
    });
    hints.sort(function (a, b) { return b.count - a.count; });
    if (hints.length) {
      nodes.push(element("p", null, "Pour en trouver, retirez un de ces filtres\u00a0:"));
      hints.slice(0, 4).forEach(function (hint) {
        var button = element("button", "md-button", "Retirer «\u00a0" + facets.labels[hint.name][hint.value]
          + "\u00a0» (" + pluralTools(hint.count) + ")");
        button.type = "button";
        button.addEventListener("click", function () { uncheck(hint.name, hint.value); });
        nodes.push(button);
      });
    } else {
      nodes.push(element("p", null, "Retirez plusieurs filtres, ou effacez-les tous."));
    }
    empty.replaceChildren.apply(empty, nodes);
  }

  // Same as the plan_button macro of _cards.j2; assets/plan.js shows and labels it.
  function planButton(tool) {
    var button = element("button", "md-button repere-plan-bouton", "Ajouter au plan");
    button.type = "button";
    button.hidden = true;
    button.dataset.planOutil = tool.s;
    button.dataset.planTitre = tool.t;
    button.dataset.planFacteurs = tool.facteur.join(" ");
    return button;
  }

  function render() {
    var chosen = facets.chosenIn(form);
    var found = sorted(facets.filter(data.tools, chosen));
    // A tool added to the plan from a list filtered on factors goes under one of them (plan.js).
    list.setAttribute("data-plan-contexte", (chosen.facteur || []).join(" "));
    showChips(chosen);
    showEmpty(chosen, found);
    if (fold) {
      var active = facets.count(chosen);
      fold.querySelector("summary").textContent = "Filtres" + (active ? " (" + active + " actif" + (active > 1 ? "s" : "") + ")" : "");
    }
    var fragment = document.createDocumentFragment();
    found.slice(0, shown).forEach(function (tool) { fragment.appendChild(card(tool)); });
    list.replaceChildren(fragment);
    if (window.ReperePlan) { window.ReperePlan.refresh(list); }
    var total = data.tools.length;
    count.textContent = found.length === total
      ? total + " outil" + (total > 1 ? "s" : "") + "."
      : found.length + " outil" + (found.length > 1 ? "s" : "") + " sur " + total + " correspond"
        + (found.length > 1 ? "ent" : "") + " aux filtres.";
    more.hidden = found.length <= shown;
  }

  function writeHash(chosen) {
    history.replaceState(null, "", location.pathname + location.search + facets.toHash(chosen));
  }

  function readHash() {
    facets.check(form, facets.fromHash(location.hash));
  }

  form.addEventListener("change", function () {
    shown = PAGE;
    writeHash(facets.chosenIn(form));
    render();
  });
  form.addEventListener("reset", function () {
    // The reset event fires before the boxes are cleared.
    setTimeout(function () { shown = PAGE; writeHash({}); render(); }, 0);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  more.addEventListener("click", function () { shown += PAGE; render(); });
  // « Effacer les filtres » lives at the top, with the chips: the form's own reset button goes.
  var reset = document.getElementById("repere-effacer");
  if (chips && reset) { reset.hidden = true; }
  if (sorter) {
    document.getElementById("repere-outils-liste").hidden = false;
    sorter.addEventListener("change", function () { shown = PAGE; render(); });
  }
  // Phones and narrow windows: the filters start folded, the count and chips above them.
  if (fold && window.matchMedia && window.matchMedia("(max-width: 59.99em)").matches) { fold.open = false; }
  window.addEventListener("hashchange", function () { readHash(); shown = PAGE; render(); });

  readHash();
  render();
})();
