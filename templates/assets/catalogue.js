/* Catalogue filters: plain JavaScript over window.REPERE_CATALOGUE (assets/catalogue-data.js).
 * No framework, no network: works from file://. The filter state lives in the URL fragment
 * (#facteur=addictions&modalite=collectif) so that a filtered list can be bookmarked or shared.
 * Within a group, options add up (OR); across groups, they narrow (AND). */
(function () {
  "use strict";
  var data = window.REPERE_CATALOGUE;
  var form = document.getElementById("repere-filtres");
  if (!data || !form) { return; }
  var list = document.getElementById("repere-liste");
  var count = document.getElementById("repere-compte");
  var more = document.getElementById("repere-plus");
  var PAGE = 50;
  var GROUPS = Object.keys(data.labels);
  var shown = PAGE;
  var STAGES = data.labels.stade;

  function selection() {
    var chosen = {};
    GROUPS.forEach(function (group) {
      var values = [];
      form.querySelectorAll('input[name="' + group + '"]:checked').forEach(function (box) {
        values.push(box.value);
      });
      if (values.length) { chosen[group] = values; }
    });
    return chosen;
  }

  function matches(tool, chosen) {
    return Object.keys(chosen).every(function (group) {
      return chosen[group].some(function (value) { return tool[group].indexOf(value) !== -1; });
    });
  }

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
    var labels = [tool.d, data.sessions[tool.seances[0]],
      tool.modalite.map(function (m) { return data.labels.modalite[m]; }).join(" et ")];
    if (tool.stade.length < Object.keys(STAGES).length) {
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
    var chosen = selection();
    var found = data.tools.filter(function (tool) { return matches(tool, chosen); });
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
    var parts = Object.keys(chosen).map(function (group) {
      return group + "=" + chosen[group].map(encodeURIComponent).join(",");
    });
    var url = location.pathname + location.search + (parts.length ? "#" + parts.join("&") : "");
    history.replaceState(null, "", url);
  }

  function readHash() {
    var chosen = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var pair = part.split("=");
      if (pair.length === 2 && GROUPS.indexOf(pair[0]) !== -1) {
        chosen[pair[0]] = pair[1].split(",").map(decodeURIComponent);
      }
    });
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = (chosen[box.name] || []).indexOf(box.value) !== -1;
    });
  }

  form.addEventListener("change", function () {
    shown = PAGE;
    writeHash(selection());
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
