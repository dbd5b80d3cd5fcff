/* Draws the figures of the page from the JSON in #frise-donnees (no network, no eval). */
(function () {
  "use strict";
  var holder = document.getElementById("frise-donnees");
  var figures = JSON.parse(holder.textContent);
  var ids = Object.keys(figures);

  if (typeof window.Plotly === "undefined") {
    // Shared script missing or blocked: say so; the table below holds the same content.
    Array.prototype.forEach.call(document.querySelectorAll(".sans-graphique"), function (note) {
      note.hidden = false;
    });
    return;
  }

  window.Plotly.register({
    moduleType: "locale",
    name: "fr",
    dictionary: {
      "Autoscale": "Échelle automatique",
      "Box Select": "Sélection rectangulaire",
      "Compare data on hover": "Comparer les données au survol",
      "Double-click on legend to isolate one trace": "Double-cliquez sur la légende pour isoler une série",
      "Double-click to zoom back out": "Double-cliquez pour revenir à la vue entière",
      "Download plot as a PNG": "Enregistrer le graphique en image PNG",
      "Download plot": "Enregistrer le graphique",
      "Lasso Select": "Sélection au lasso",
      "Pan": "Déplacer",
      "Produced with Plotly.js": "Réalisé avec Plotly.js",
      "Reset axes": "Revenir à la vue entière",
      "Reset view": "Revenir à la vue entière",
      "Show closest data on hover": "Afficher la donnée la plus proche au survol",
      "Snapshot succeeded": "Image enregistrée",
      "Sorry, there was a problem downloading your snapshot!": "L'image n'a pas pu être enregistrée.",
      "Taking snapshot - this may take a few seconds": "Enregistrement de l'image, quelques secondes…",
      "Toggle Spike Lines": "Afficher ou masquer les repères",
      "Toggle show closest data on hover": "Activer ou désactiver le survol",
      "Zoom": "Zoomer sur une zone",
      "Zoom in": "Zoom avant",
      "Zoom out": "Zoom arrière",
      "new text": "nouveau texte",
      "trace": "série"
    },
    format: {
      days: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
      shortDays: ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
      months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
               "septembre", "octobre", "novembre", "décembre"],
      shortMonths: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août",
                    "sept.", "oct.", "nov.", "déc."],
      date: "%d/%m/%Y",
      decimal: ",",
      thousands: "\u00a0",
      year: "%Y",
      month: "%b %Y",
      dayMonth: "%-d %b",
      dayMonthYear: "%-d %b %Y"
    }
  });

  // The drawing is described by the tables (screen readers skip it); the modebar buttons stay
  // reachable, since they are real, labelled buttons.
  function hideDrawing(element) {
    Array.prototype.forEach.call(element.querySelectorAll("svg.main-svg"), function (svg) {
      svg.setAttribute("aria-hidden", "true");
    });
  }

  var charts = [];
  ids.forEach(function (id) {
    var element = document.getElementById(id);
    if (!element) { return; }
    var figure = figures[id];
    window.Plotly.newPlot(element, figure.data, figure.layout, figure.config).then(function () {
      hideDrawing(element);
      element.on("plotly_afterplot", function () { hideDrawing(element); });
    });
    charts.push(element);
  });

  // Print: draw the charts at the width of an A4 landscape page, and short enough for the main
  // one to share a page with its heading; then give them back the screen.
  var PRINT_WIDTH = 1000;
  var PRINT_MAX_HEIGHT = 560;
  var screenHeights = {};
  window.addEventListener("beforeprint", function () {
    charts.forEach(function (element) {
      var height = element.layout.height;
      screenHeights[element.id] = height;
      window.Plotly.relayout(element, { width: PRINT_WIDTH, height: Math.min(height, PRINT_MAX_HEIGHT) });
    });
  });
  window.addEventListener("afterprint", function () {
    charts.forEach(function (element) {
      window.Plotly.relayout(element, { width: null, autosize: true, height: screenHeights[element.id] });
    });
  });
})();
