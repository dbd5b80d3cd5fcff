/* Small behaviours of every page (partials/repere-marque.html), for both brands:
 * - the printed page says when and from where it was printed (partials/repere-impression.html);
 * - « Tout imprimer » on a sheet prints it (its printed form lists the supports);
 * - closing the search gives the focus back to the header's search button.
 * No inline script (the Content-Security-Policy allows none); works from file://. */
(function () {
  "use strict";

  function stamp() {
    var now = new Date();
    var date = String(now.getDate()).padStart(2, "0") + "/" + String(now.getMonth() + 1).padStart(2, "0")
      + "/" + now.getFullYear();
    document.querySelectorAll('[data-impression="date"]').forEach(function (node) { node.textContent = date; });
    // The address without its fragment: a filtered catalogue keeps its filters (#…) though.
    var address = location.protocol === "file:" ? "version hors ligne, " + decodeURI(location.pathname.split("/").slice(-2).join("/"))
      : location.href;
    if (document.getElementById("repere-filtres")) { address = location.protocol === "file:" ? address + location.hash : location.href; }
    document.querySelectorAll('[data-impression="adresse"]').forEach(function (node) { node.textContent = address; });
  }

  window.addEventListener("beforeprint", stamp);
  stamp();

  document.querySelectorAll("[data-repere-imprimer]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  var dialog = document.getElementById("repere-recherche");
  var opener = document.getElementById("repere-recherche-bouton");
  if (dialog && opener) {
    dialog.addEventListener("close", function () { opener.focus(); });
  }
})();

/* Sort of static lists (factor and programme pages): the catalogue's four keys, over the cards'
 * data-tri-* attributes (templates/catalogue/_cards.j2). The select appears only with JavaScript. */
(function () {
  "use strict";
  var KEYS = {
    titre: function (a, b) { return a.dataset.triTitre.localeCompare(b.dataset.triTitre, "fr", {sensitivity: "base"}); },
    duree: function (a, b) { return Number(a.dataset.triDuree) - Number(b.dataset.triDuree); },
    seances: function (a, b) { return Number(a.dataset.triSeances) - Number(b.dataset.triSeances); },
    relecture: function (a, b) { return (b.dataset.triRelecture || "").localeCompare(a.dataset.triRelecture || ""); }
  };
  var LABELS = [["", "ordre de la page"], ["titre", "titre"], ["duree", "durée"], ["seances", "nombre de séances"],
    ["relecture", "dernière relecture"]];

  document.querySelectorAll("ul[data-repere-tri]").forEach(function (list, index) {
    var original = Array.prototype.slice.call(list.children);
    var label = document.createElement("label");
    label.className = "repere-tri";
    label.textContent = "Trier par ";
    var select = document.createElement("select");
    select.id = "repere-tri-" + (index + 1);
    LABELS.forEach(function (pair) {
      var option = document.createElement("option");
      option.value = pair[0];
      option.textContent = pair[1];
      select.appendChild(option);
    });
    label.htmlFor = select.id;
    label.appendChild(select);
    list.parentNode.insertBefore(label, list);
    select.addEventListener("change", function () {
      var key = KEYS[select.value];
      var items = key ? original.slice().sort(function (a, b) { return key(a, b) || KEYS.titre(a, b); }) : original;
      list.replaceChildren.apply(list, items);
    });
  });
})();

/* « Ajouter ses outils au plan » on a programme page: each tool of the programme goes into the
 * plan (assets/plan.js), under a factor of the programme it works on. */
(function () {
  "use strict";
  var plan = window.ReperePlan;
  var buttons = document.querySelectorAll("button.repere-plan-programme");
  if (!plan || !plan.available || plan.isolated || !buttons.length) { return; }
  buttons.forEach(function (button) { button.hidden = false; });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.repere-plan-programme");
    if (!button) { return; }
    var current = plan.read().plan;
    var context = button.dataset.planFacteurs.split(" ").filter(Boolean);
    var added = 0;
    button.dataset.planOutils.split(" ").filter(Boolean).forEach(function (entry) {
      var parts = entry.split(":");
      if (plan.indexOfTool(current, parts[0]) === -1) {
        plan.addTool(current, parts[0], (parts[1] || "").split(",").filter(Boolean), context);
        added += 1;
      }
    });
    if (plan.save(current)) {
      plan.refresh();
      plan.announce(added
        ? added + " outil" + (added > 1 ? "s" : "") + " du programme «\u00a0" + button.dataset.planProgramme + "\u00a0» ajouté"
          + (added > 1 ? "s" : "") + " au plan. " + plan.toolCount(current) + " dans le plan."
        : "Les outils du programme sont déjà dans le plan.");
    }
  });
})();
