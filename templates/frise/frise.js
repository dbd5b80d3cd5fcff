/* Draws the figures of the page from the JSON in #frise-donnees (no network, no eval), and
   wires the page's controls: preset views, lane toggles, print layout, table copy. */
(function () {
  "use strict";
  var holder = document.getElementById("frise-donnees");
  var figures = JSON.parse(holder.textContent);
  var ids = Object.keys(figures);

  // Say something in the page's live region (screen readers read it; sighted users see it).
  function announce(message) {
    var region = document.getElementById("frise-annonce");
    if (!region) { return; }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  wireTableCopy();

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
      "Image download succeeded": "Image enregistrée",
      "Preparing image - this may take a few seconds": "Préparation de l'image, quelques secondes…",
      "Sorry, there was a problem downloading your image!": "L'image n'a pas pu être enregistrée.",
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

  function copy(value) { return JSON.parse(JSON.stringify(value)); }

  var WIDE = 900;  // below this chart width, the legend flows in rows

  var charts = {};
  ids.forEach(function (id) {
    var element = document.getElementById(id);
    if (!element) { return; }
    var figure = figures[id];
    charts[id] = { element: element, figure: figure, hidden: {}, printing: false };
    var chart = charts[id];
    var drawn = id === "frise-graphique" && element.getBoundingClientRect().width < WIDE
      ? window.Plotly.newPlot(element, [], {}, figure.config).then(function () { return redraw(chart); })
      : window.Plotly.newPlot(element, copy(figure.data), copy(figure.layout), figure.config);
    drawn.then(function () {
        chart.ready = true;
        hideDrawing(element);
        element.on("plotly_afterplot", function () { hideDrawing(element); });
        element.setAttribute("data-dessine", "oui");
      });
  });

  // ------------------------------------------------------------------------------------------
  // Lanes: the main chart's layout.meta lists them (key, label, base, height in tracks). Hiding
  // one removes it entirely (its traces, its label and its room), and the lanes below move up.

  function laneLayout(chart) {
    var meta = chart.figure.layout.meta;
    var data = copy(chart.figure.data);
    var layout = copy(chart.figure.layout);
    var shift = {};
    var y = 0;
    var visible = meta.lanes.filter(function (lane) { return !chart.hidden[lane.key]; });
    visible.forEach(function (lane) {
      shift[lane.key] = y - lane.base;
      lane.newBase = y;
      y += lane.height + meta.lane_gap;
    });
    var total = Math.max(y - meta.lane_gap, 1);
    data.forEach(function (trace) {
      var key = trace.meta;
      if (!key || key === "axe") { return; }
      if (chart.hidden[key]) { trace.visible = false; return; }
      trace.y = trace.y.map(function (value) { return value === null ? null : value + shift[key]; });
    });
    layout.shapes = layout.shapes.filter(function (shape) { return shape.name !== "fond-ligne"; });
    visible.forEach(function (lane, number) {
      if (number % 2 === 0) {
        layout.shapes.unshift({
          type: "rect", xref: "paper", yref: "y", layer: "below", name: "fond-ligne",
          x0: 0, x1: 1, y0: lane.newBase - 0.5, y1: lane.newBase + lane.height - 0.5,
          fillcolor: "#f4f5f7", line: { width: 0 }
        });
      }
    });
    layout.yaxis.range = [total - 0.4, -0.6];
    layout.yaxis.tickvals = visible.map(function (lane) { return lane.newBase + (lane.height - 1) / 2; });
    layout.yaxis.ticktext = visible.map(function (lane) { return lane.label; });
    var plot = Math.round(total * meta.track_px + 24);
    layout.height = layout.margin.t + plot + layout.margin.b;
    layout.legend.y = -Math.round(meta.axis_px / plot * 10000) / 10000;
    // Keep the range the reader chose (zoom, preset), once the chart has been drawn.
    var current = chart.ready && chart.element.layout && chart.element.layout.xaxis;
    if (current && current.range) { layout.xaxis.range = current.range.slice(); }
    return { data: data, layout: layout };
  }

  // Narrow screens and paper: the legend flows in rows (no group columns), and the chart grows
  // by the room it takes, so that it never covers the axis or the lanes.
  function fitLegend(chart, data, layout, width, fontSize) {
    var meta = chart.figure.layout.meta;
    var names = data.filter(function (trace) {
      return trace.showlegend !== false && trace.visible !== false && trace.name;
    }).map(function (trace) { return trace.name; });
    var longest = names.reduce(function (most, name) { return Math.max(most, name.length); }, 0);
    var itemWidth = 46 + longest * fontSize * 0.55;
    var perRow = Math.max(1, Math.floor((width - 20) / itemWidth));
    var legendPx = Math.ceil(names.length / perRow) * (fontSize + 8) + 12;
    var plot = layout.height - layout.margin.t - layout.margin.b;
    // Few ticks far apart are drawn on two lines (« janv. » over « 2010 »): more room then.
    var axisPx = width < 600 ? meta.axis_px + 20 : meta.axis_px;
    layout.legend.traceorder = "normal";
    layout.legend.font = { size: fontSize };
    layout.margin.b = axisPx + legendPx;
    layout.height = layout.margin.t + plot + layout.margin.b;
    layout.legend.y = -Math.round(axisPx / plot * 10000) / 10000;
    if (width < 600) {  // phones: fewer, flat date ticks; no age-axis title
      layout.margin.l = 110;
      layout.xaxis2.title = { text: "" };
      layout.xaxis.nticks = Math.max(3, Math.floor((width - 110) / 70));
      layout.xaxis.tickangle = 0;
    }
  }

  function redraw(chart) {
    var next = laneLayout(chart);
    var width = chart.element.getBoundingClientRect().width;
    if (chart.printing) {
      applyPrint(chart, next.data, next.layout);
    } else if (width && width < WIDE) {
      fitLegend(chart, next.data, next.layout, width, 12);
    }
    return window.Plotly.react(chart.element, next.data, next.layout, chart.figure.config);
  }

  var resizeTimer = null;
  var lastNarrow = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () {
      var chart = charts["frise-graphique"];
      if (!chart || chart.printing) { return; }
      var narrow = chart.element.getBoundingClientRect().width < WIDE;
      if (narrow || lastNarrow) { redraw(chart); }
      lastNarrow = narrow;
    }, 150);
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-ligne]"), function (button) {
    var chart = charts["frise-graphique"];
    if (!chart) { return; }
    button.addEventListener("click", function () {
      var key = button.getAttribute("data-ligne");
      var shown = button.getAttribute("aria-pressed") === "true";
      button.setAttribute("aria-pressed", shown ? "false" : "true");
      chart.hidden[key] = shown;
      redraw(chart);
      announce((shown ? "Ligne masquée : " : "Ligne affichée : ") + button.textContent.trim());
    });
  });

  // ------------------------------------------------------------------------------------------
  // Preset views: buttons that set the time range (their ranges come from Python).

  var presetButtons = document.querySelectorAll("[data-plage]");
  Array.prototype.forEach.call(presetButtons, function (button) {
    button.addEventListener("click", function () {
      var range = JSON.parse(button.getAttribute("data-plage"));
      Array.prototype.forEach.call(presetButtons, function (other) {
        other.setAttribute("aria-pressed", other === button ? "true" : "false");
      });
      Object.keys(charts).forEach(function (id) {
        window.Plotly.relayout(charts[id].element, { "xaxis.range": range.slice() });
      });
      announce("Vue : " + button.textContent.trim());
    });
  });

  var controls = document.querySelectorAll(".commandes-frise");
  Array.prototype.forEach.call(controls, function (group) { group.hidden = false; });

  // ------------------------------------------------------------------------------------------
  // Print: the main chart at the width of an A4 landscape page and short enough to share the
  // first page with the key figures; bar labels kept (text outside when it does not fit
  // inside). Then the screen layout comes back.

  var PRINT_WIDTH = 1040;
  var PRINT_MAX_HEIGHT = 430;

  function applyPrint(chart, data, layout) {
    layout.width = PRINT_WIDTH;
    layout.hovermode = false;
    if (chart.element.id !== "frise-graphique") {
      layout.height = Math.min(layout.height, 260);
      return;
    }
    layout.margin.t = 56;
    layout.annotations[0].yshift = 26;
    fitLegend(chart, data, layout, PRINT_WIDTH, 10);
    if (layout.height > PRINT_MAX_HEIGHT) {
      var room = PRINT_MAX_HEIGHT - layout.margin.t - layout.margin.b;
      layout.height = PRINT_MAX_HEIGHT;
      layout.legend.y = -Math.round(chart.figure.layout.meta.axis_px / room * 10000) / 10000;
    }
    // Smaller labels on paper, all kept (inside the bar or just after it).
    data.forEach(function (trace) {
      if (trace.type === "bar") {
        trace.textfont = { color: trace.textfont.color, size: 9 };
        trace.outsidetextfont = { color: "#111111", size: 9 };
      } else if (trace.mode === "text") {
        trace.textfont = { color: "#111111", size: 9 };
      }
    });
  }

  function printMode(on) {
    Object.keys(charts).forEach(function (id) {
      var chart = charts[id];
      if (chart.printing === on) { return; }
      chart.printing = on;
      if (id === "frise-graphique") { redraw(chart); return; }
      var layout = copy(chart.figure.layout);
      if (on) { applyPrint(chart, [], layout); }
      window.Plotly.react(chart.element, copy(chart.figure.data), layout, chart.figure.config);
    });
  }

  window.addEventListener("beforeprint", function () { printMode(true); });
  window.addEventListener("afterprint", function () { printMode(false); });
  if (window.matchMedia) {
    var media = window.matchMedia("print");
    var onChange = function (event) { printMode(event.matches); };
    if (media.addEventListener) { media.addEventListener("change", onChange); }
    else if (media.addListener) { media.addListener(onChange); }
  }

  // ------------------------------------------------------------------------------------------
  // « Copier le tableau »: the chronological table as an HTML table (pastes into Word/Writer as
  // a table) and as tab-separated text.

  function wireTableCopy() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-copier]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var table = document.getElementById(button.getAttribute("data-copier"));
        if (!table) { return; }
        copyTable(table).then(function () {
          announce("Tableau copié : collez-le dans votre traitement de texte.");
        }, function () {
          announce("La copie n'a pas fonctionné : sélectionnez le tableau puis copiez-le (Ctrl+C).");
        });
      });
    });
  }

  function cellText(cell) { return cell.textContent.replace(/\s+/g, " ").trim(); }

  function tableParts(table) {
    var rows = Array.prototype.map.call(table.querySelectorAll("tr"), function (row) {
      return Array.prototype.map.call(row.children, cellText);
    });
    var caption = table.querySelector("caption");
    var html = ["<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">"];
    if (caption) { html.push("<caption>" + escapeHtml(cellText(caption)) + "</caption>"); }
    rows.forEach(function (cells, number) {
      var tag = number === 0 ? "th" : "td";
      html.push("<tr>" + cells.map(function (text) {
        return "<" + tag + ">" + escapeHtml(text) + "</" + tag + ">";
      }).join("") + "</tr>");
    });
    html.push("</table>");
    var text = rows.map(function (cells) { return cells.join("\t"); }).join("\r\n");
    return { html: html.join(""), text: text };
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  function copyTable(table) {
    var parts = tableParts(table);
    if (navigator.clipboard && window.ClipboardItem && navigator.clipboard.write) {
      var item = new window.ClipboardItem({
        "text/html": new Blob([parts.html], { type: "text/html" }),
        "text/plain": new Blob([parts.text], { type: "text/plain" })
      });
      return navigator.clipboard.write([item]).catch(function () { return copyBySelection(table); });
    }
    return copyBySelection(table);
  }

  // Fallback: select the table itself and let the browser copy it (it keeps it as a table).
  function copyBySelection(table) {
    return new Promise(function (resolve, reject) {
      var selection = window.getSelection();
      var range = document.createRange();
      range.selectNode(table);
      selection.removeAllRanges();
      selection.addRange(range);
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      selection.removeAllRanges();
      if (done) { resolve(); } else { reject(new Error("copie refusée")); }
    });
  }
})();
