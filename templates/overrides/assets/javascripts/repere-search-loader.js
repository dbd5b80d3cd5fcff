/* Loader of Repère's search (partials/repere-search.html), a file rather than an inline script
   for the pages' Content-Security-Policy. */
(function () {
  "use strict";
  var dialog = document.getElementById("repere-recherche");
  var button = document.getElementById("repere-recherche-bouton");
  if (!dialog || !button || !dialog.showModal) { return; }
  var input = dialog.querySelector("[data-recherche=champ]");
  var loading = false;
  function say(text) {
    dialog.querySelector("[data-recherche=compte]").textContent = text;
    dialog.querySelector("[data-recherche=annonce]").textContent = text;
  }
  function add(src, then) {
    var script = document.createElement("script");
    script.src = src;
    script.async = false;  /* run in order: normaliser, index, UI */
    script.onload = then;
    script.onerror = function () { say("La recherche n'a pas pu être chargée (" + src + ")."); };
    document.body.appendChild(script);
  }
  function load() {
    if (loading) { return; }
    loading = true;
    say("Chargement de la recherche…");
    var scripts = dialog.getAttribute("data-scripts").trim().split(" ");
    scripts.forEach(function (src, position) {
      /* The summaries only once the UI runs: the first results do not wait for their bytes. */
      add(src, position < scripts.length - 1 ? null : function () {
        add(dialog.getAttribute("data-resumes"), function () {
          if (window.RepereSearch && window.RepereSearch.ui) { window.RepereSearch.ui.fillSummaries(); }
        });
      });
    });
  }
  function open() {
    load();
    if (!dialog.open) { dialog.showModal(); }
    input.focus();
    input.select();
  }
  /* Shortcuts must not steal letters typed into a field; checkboxes and buttons are not fields. */
  function typing(target) {
    if (target.isContentEditable || /^(TEXTAREA|SELECT)$/.test(target.tagName)) { return true; }
    return target.tagName === "INPUT" && !/^(checkbox|radio|button|submit|reset)$/.test(target.type);
  }
  button.addEventListener("focus", load);
  button.addEventListener("click", open);
  dialog.querySelector("[data-recherche=fermer]").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (event) { if (event.target === dialog) { dialog.close(); } });
  dialog.addEventListener("keydown", function (event) {
    /* In a search field Escape would first empty it: close at once and keep the query. */
    if (event.key === "Escape") { event.preventDefault(); dialog.close(); }
  });
  document.addEventListener("keydown", function (event) {
    if ((event.key === "s" || event.key === "/") && !event.ctrlKey && !event.metaKey && !event.altKey &&
        !dialog.open && !typing(event.target)) {
      event.preventDefault();
      open();
    }
  });
})();
