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
      tool.modalite.map(function (m) { return modalities[m]; }).join(" et ")]; // the sheet's order
    if (tool.stade && tool.stade.length < Object.keys(STAGES).length) {
      labels.push(tool.stade.map(function (s) { return STAGES[s].split(" (")[0]; }).join(", "));
    }
    if (tool.n) { labels.push(tool.n + " retour" + (tool.n > 1 ? "s" : "") + " d'expérience"); }
    labels.forEach(function (label) { tags.appendChild(element("li", null, label)); });
    item.appendChild(tags);
    item.appendChild(planButton(tool));
    return item;
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
    var found = facets.filter(data.tools, chosen);
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
  window.addEventListener("hashchange", function () { readHash(); shown = PAGE; render(); });

  readHash();
  render();
})();
