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
