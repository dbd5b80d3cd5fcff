/* Repère — the frise's main chart in JavaScript: generator/timeline/figure.py's build_figure,
 * ported line by line so that the atelier draws the very chart the `frise` page draws.
 *
 * Python is the reference; tests/test_atelier_differential.py builds the figure of every example,
 * fixture and thousands of random cases on both sides and asserts identical Plotly JSON. The
 * styles, sizes and words (vocabulary labels, the personne view's plain words, the months) come
 * from the Python declarations through atelier-data.js (``DATA.figure``), never typed here.
 * Input: the validated case of case_engine.js (ISO dates and the written text of each date).
 * Classic script (window.RepereFigure); also a CommonJS module for Node tests.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = { create: factory };
  else root.RepereFigure = factory(root.RepereAtelierData);
}(this, function (DATA) {
  "use strict";

  var FIG = DATA.figure;
  var V = DATA.vocabularies;
  var W = FIG.words;
  var MS_PER_DAY = 86400000;
  var NBSP = "\u00a0";
  var CUSTODY = new Set(FIG.custody_types);

  // --- dates as day numbers (UTC: no daylight-saving hour) ---------------------------------
  function day(iso) {
    var p = iso.split("-");
    var d = new Date(Date.UTC(2000, +p[1] - 1, +p[2]));
    d.setUTCFullYear(+p[0]);
    return Math.round(d.getTime() / MS_PER_DAY);
  }
  function iso(n) {
    var d = new Date(n * MS_PER_DAY);
    var y = d.getUTCFullYear();
    return (y < 1000 ? ("000" + y).slice(-4) : String(y)) + "-" + pad2(d.getUTCMonth() + 1) + "-" + pad2(d.getUTCDate());
  }
  function pad2(n) { return (n < 10 ? "0" : "") + n; }
  function year(isoText) { return +isoText.slice(0, 4); }

  // --- Python's numbers --------------------------------------------------------------------
  function roundHalfEven(x) {
    var r = Math.round(x);
    if (Math.abs(x % 1) === 0.5) r = 2 * Math.round(x / 2);
    return r;
  }
  function roundTo(x, digits) {   // round(x, digits): the exact value, ties to even
    var scale = Math.pow(10, digits);
    var v = x * scale;
    if (Number.isInteger(2 * v) && !Number.isInteger(v) && v / scale === x) return roundHalfEven(v) / scale;
    return Number(x.toFixed(digits));
  }
  function number(value) {   // french.number(int)
    var text = String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
    return (value < 0 ? "\u2212" : "") + text;
  }
  function plural(count, singular) {
    return number(count) + NBSP + (Math.abs(count) < 2 ? singular : singular + "s");
  }
  function duration(days) {
    if (days < 31) return plural(days, "jour");
    var months = roundHalfEven(days / (FIG.days_per_year / 12));
    var years = Math.floor(months / 12);
    months -= years * 12;
    if (years === 0) return number(months) + NBSP + "mois";
    var text = plural(years, "an");
    return months ? text + " et " + number(months) + NBSP + "mois" : text;
  }
  function shortDate(isoText) {
    var p = isoText.split("-");
    return p[2] + "/" + p[1] + "/" + p[0];
  }

  // --- page_words --------------------------------------------------------------------------
  function escape(value) {   // html.escape(value, quote=True)
    return String(value || "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }
  function precision(text) {
    return ["year", "month", "day"][Math.min(text.replace(/\//g, "-").split("-").length, 3) - 1];
  }
  function dateWords(isoDay, written) {
    var kind = written ? precision(written) : "day";
    if (kind === "year") return String(year(isoDay));
    if (kind === "month") return DATA.months[+isoDay.slice(5, 7) - 1] + " " + year(isoDay);
    return shortDate(isoDay);
  }
  function ageAt(isoDay, birth) {
    var y = year(isoDay) - birth;
    return y - 1 === y ? y + NBSP + "ans" : (y - 1) + " ou " + y + NBSP + "ans";
  }
  function categoryLabel(slug) { return V.categorie[slug].split(" (")[0]; }
  function pro(view) { return view === "professionnel"; }
  function categoryWords(slug, view) { return pro(view) ? categoryLabel(slug) : W.categories[slug]; }
  function capitalize(text) { return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase(); }
  function gravityWords(slug, view) { return pro(view) ? V.gravite[slug] : capitalize(W.gravites[slug]); }
  function measureWords(slug, view) { return pro(view) ? V["mesure.type"][slug] : W.measures[slug]; }
  function penaltyWords(slug, view) { return pro(view) ? V["peine.type"][slug] : W.penalties[slug]; }
  function obligationWords(slug, view) { return pro(view) ? V["obligation.type"][slug] : W.obligations[slug]; }
  function respectWords(slug, view) { return pro(view) ? V.respect[slug] : W.respects[slug]; }
  function courtWords(slug, view) { return pro(view) ? V.juridiction[slug] : "Jugement"; }
  function labelFor(libelle, personne, view) { return view === "personne" && personne ? personne : libelle; }

  // --- lanes and tracks --------------------------------------------------------------------
  function Lane(key, label, strict) {
    this.key = key; this.label = label; this.strict = !!strict;
    this.spans = []; this.tracks = []; this.base = 0.0;
  }
  Lane.prototype.height = function () {
    return (this.tracks.length ? Math.max.apply(null, this.tracks) : 0) + 1;
  };
  Lane.prototype.add = function (start, end) { this.spans.push([start, end]); return this.spans.length - 1; };
  Lane.prototype.pack = function () {
    var spans = this.spans;
    var order = spans.map(function (_, i) { return i; }).sort(function (a, b) {
      return spans[a][0] - spans[b][0] || spans[a][1] - spans[b][1];
    });
    var trackEnds = [];
    var self = this;
    this.tracks = spans.map(function () { return 0; });
    order.forEach(function (index) {
      var start = spans[index][0], end = spans[index][1];
      for (var track = 0; track < trackEnds.length; track += 1) {
        if (start > trackEnds[track] || (start === trackEnds[track] && !self.strict)) {
          trackEnds[track] = end;
          self.tracks[index] = track;
          return;
        }
      }
      trackEnds.push(end);
      self.tracks[index] = trackEnds.length - 1;
    });
  };
  Lane.prototype.y = function (index) { return this.base + this.tracks[index]; };
  Lane.prototype.centre = function () { return this.base + (this.height() - 1) / 2; };

  function padDays(first, last) { return Math.max(45, Math.floor((last - first) / 40)); }

  function Layout(start, end) {
    this.origin = start;
    var span = Math.max(end - start, 365);
    this.pointWidth = span * FIG.point_width_share;
    this.charDays = span * FIG.label_char_px / FIG.print_plot_px;
    this.right = this.day(end) + padDays(start, end);
    this.lanes = new Map();
  }
  Layout.prototype.lane = function (key, label, strict) {
    if (!this.lanes.has(key)) this.lanes.set(key, new Lane(key, label, strict));
    return this.lanes.get(key);
  };
  Layout.prototype.day = function (value) { return value - this.origin; };
  Layout.prototype.addPoint = function (lane, when) {
    var start = this.day(when);
    return lane.add(start - this.pointWidth / 2, start + this.pointWidth / 2);
  };
  Layout.prototype.addRange = function (lane, start, end, label) {
    label = label || "";
    var first = this.day(start);
    var last = Math.max(this.day(end), first + this.pointWidth / 4);
    var needed = Array.from(label).length * this.charDays + this.charDays;
    if (!label || last - first >= needed) return [lane.add(first, last), "inside"];
    if (last + needed <= this.right) return [lane.add(first, last + needed), "outside"];
    return [lane.add(first - needed, last), "before"];
  };
  Layout.prototype.finish = function () {
    var y = 0.0;
    this.lanes.forEach(function (lane) {
      lane.pack();
      lane.base = y;
      y += lane.height() + FIG.lane_gap;
    });
    return y - FIG.lane_gap;
  };

  // --- hover texts -------------------------------------------------------------------------
  function period(start, startText, end, endText) {
    var length = duration(day(end) - day(start));
    if (endText === null || endText === undefined) return "depuis " + dateWords(start, startText) + " (en cours, " + length + ")";
    return dateWords(start, startText) + " → " + dateWords(end, endText) + " (" + length + ")";
  }

  function offenceHover(c, o, view) {
    var when = dateWords(o.date, o.date_text);
    if (o.fin !== null) when = "de " + when + " à " + dateWords(o.fin, o.fin_text);
    var lines = [
      "<b>Infraction</b> · " + when + " (à " + ageAt(o.date, c.annee_naissance) + ")",
      categoryWords(o.categorie, view) + " · " + gravityWords(o.gravite, view)
    ];
    var label = labelFor(o.libelle, o.libelle_personne, view);
    if (label) lines.push(escape(label));
    if (pro(view)) {
      var natinf = o.natinf !== null ? " · NATINF " + o.natinf : "";
      lines.push("Identifiant : " + escape(o.id) + natinf);
    }
    return lines.join("<br>");
  }

  function penaltyText(p, view) {
    var details = [p.quantum].filter(function (x) { return x; });
    if (p.duree_epreuve) details.push(pro(view) ? "épreuve " + p.duree_epreuve : "suivi pendant " + p.duree_epreuve);
    var label = penaltyWords(p.type, view);
    return details.length ? label + " : " + details.join(", ") : label;
  }

  function decisionHover(d, offences, view) {
    var lines = ["<b>" + (pro(view) ? "Décision" : "Jugement") + "</b> · " + dateWords(d.date, d.date_text)];
    if (pro(view)) lines.push(courtWords(d.juridiction, view));
    if (d.nature !== "condamnation") lines.push(pro(view) ? "Relaxe ou acquittement" : "Pas de peine");
    d.peines.forEach(function (p) { lines.push(escape(penaltyText(p, view))); });
    if (pro(view)) {
      var judged = d.faits.map(function (fid) {
        return offences.has(fid) ? escape(fid) + " (" + dateWords(offences.get(fid).date, offences.get(fid).date_text) + ")" : escape(fid);
      });
      if (judged.length) lines.push("Faits jugés : " + judged.join(", "));
    }
    return lines.join("<br>");
  }

  function measureEnd(m, reference) { return m.fin !== null ? m.fin : reference; }

  function obligationLine(kind, libelle, respect, view) {
    var what = obligationWords(kind, view);
    if (libelle && pro(view)) what += " (" + libelle + ")";
    return what + " : " + respectWords(respect, view).toLowerCase();
  }

  function measureHover(c, m, view) {
    var end = measureEnd(m, c.date_reference);
    var lines = ["<b>" + measureWords(m.type, view) + "</b>", period(m.debut, m.debut_text, end, m.fin_text)];
    if (m.fin_prevue !== null) lines.push("Fin prévue : " + dateWords(m.fin_prevue, m.fin_prevue_text));
    if (m.issue && pro(view)) lines.push("Issue : " + V.issue[m.issue]);
    if (m.decision && pro(view)) lines.push("Décision : " + escape(m.decision));
    m.obligations.forEach(function (o) { lines.push(escape(obligationLine(o.type, o.libelle, o.respect, view))); });
    return lines.join("<br>");
  }

  function lifeHover(c, e, view) {
    var lines = ["<b>" + V.domaine[e.domaine] + "</b> · " + V.sens[e.sens]];
    var label = labelFor(e.libelle, e.libelle_personne, view);
    if (label) lines.push(escape(label));
    if (e.point) {
      lines.push(dateWords(e.debut, e.debut_text) + " (à " + ageAt(e.debut, c.annee_naissance) + ")");
    } else {
      lines.push(period(e.debut, e.debut_text, e.fin !== null ? e.fin : c.date_reference, e.fin_text));
    }
    return lines.join("<br>");
  }

  // --- trace builders ----------------------------------------------------------------------
  function assign(target, extra) { Object.keys(extra || {}).forEach(function (k) { target[k] = extra[k]; }); return target; }

  function scatter(name, group, extra) {
    return assign({
      type: "scatter", mode: "markers", name: name, legendgroup: group, x: [], y: [], hovertext: [],
      hovertemplate: "%{hovertext}<extra></extra>"
    }, extra);
  }

  function bars(name, group, colour, pattern, patternColour, labelColour, extra) {
    var marker = { color: colour, line: { color: "#ffffff", width: 1.5 } };
    if (pattern) marker.pattern = { shape: pattern, fgcolor: patternColour || "#1b1f24", fgopacity: 0.45, size: 7 };
    return assign({
      type: "bar", orientation: "h", name: name, legendgroup: group, base: [], x: [], y: [], width: 0.62,
      marker: marker, hovertext: [], hovertemplate: "%{hovertext}<extra></extra>", text: [], textposition: [],
      insidetextanchor: "start", textfont: { color: labelColour || "#111111", size: 11 },
      outsidetextfont: { color: "#111111", size: 11 }, constraintext: "none", cliponaxis: true
    }, extra);
  }

  function addBar(trace, start, end, y, hover, label, position) {
    label = label || ""; position = position || "inside";
    trace.base.push(start);
    trace.x.push((day(end) - day(start)) * MS_PER_DAY);
    trace.y.push(y);
    trace.hovertext.push(hover);
    trace.text.push(position === "before" ? "" : label);
    if (Array.isArray(trace.textposition)) trace.textposition.push(position === "before" ? "outside" : position);
  }

  function labelText(traces, lane, when, y, label, side) {
    var trace = traces.get("etiquettes", lane, function () {
      return { type: "scatter", mode: "text", name: "étiquettes", showlegend: false, x: [], y: [], text: [],
        textposition: [], hoverinfo: "skip", textfont: { color: "#111111", size: 11 }, cliponaxis: true };
    });
    trace.x.push(when); trace.y.push(y); trace.text.push(label);
    trace.textposition.push("middle " + (side || "left"));
  }

  function addPoint(trace, when, y, hover) { trace.x.push(when); trace.y.push(y); trace.hovertext.push(hover); }

  function Traces() { this.items = new Map(); this.named = new Set(); }
  Traces.prototype.get = function (series, lane, make) {
    var k = series + "\u0000" + lane;
    if (!this.items.has(k)) {
      var trace = make();
      trace.meta = lane;
      if (this.named.has(trace.name)) trace.showlegend = false;
      this.named.add(trace.name);
      this.items.set(k, { series: series, trace: trace });
    }
    return this.items.get(k).trace;
  };
  Traces.prototype.ordered = function (order) {
    var rank = new Map(order.map(function (s, n) { return [s, n]; }));
    var items = Array.from(this.items.values());
    var at = function (item) { return rank.has(item.series) ? rank.get(item.series) : rank.size; };
    return items.map(function (item, i) { return [at(item), i, item.trace]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .map(function (x) { return x[2]; });
  };

  function byDate(key) {   // Python's sorted(…, key=lambda x: x.<key>): stable
    return function (a, b) { return a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0; };
  }

  function timeBounds(c) {
    var starts = c.faits.map(function (o) { return o.date; })
      .concat(c.decisions.map(function (d) { return d.date; }), c.mesures.map(function (m) { return m.debut; }),
        c.vie.map(function (e) { return e.debut; }));
    var ref = day(c.date_reference);
    var first = starts.length ? Math.min.apply(null, starts.map(day)) : ref - 365;
    var last = ref;
    c.mesures.forEach(function (m) { if (m.fin === null && m.fin_prevue !== null) last = Math.max(last, day(m.fin_prevue)); });
    return [first, last];
  }

  function offenceColours(c) {
    var present = Object.keys(V.categorie).filter(function (slug) { return c.faits.some(function (o) { return o.categorie === slug; }); });
    var size = FIG.offence_palette.length;
    var out = {};
    present.forEach(function (slug, n) { out[slug] = [FIG.offence_palette[n % size], n >= size]; });
    return out;
  }
  function symbol(gravity, hollow) { return FIG.gravity_symbols[gravity] + (hollow ? "-open" : ""); }

  function offenceTraces(c, layout, view) {
    var lane = layout.lane("faits", pro(view) ? "Infractions" : "Faits");
    var colours = offenceColours(c);
    var traces = new Traces();
    c.faits.slice().sort(byDate("date")).forEach(function (o) {
      var colour = colours[o.categorie][0], hollow = colours[o.categorie][1];
      var name = categoryWords(o.categorie, view);
      var hover = offenceHover(c, o, view);
      var index;
      if (o.fin !== null) {
        index = layout.addRange(lane, day(o.date), day(o.fin))[0];
        var b = traces.get("periode:" + o.categorie, "faits", function () {
          return bars(name, "faits", colour, "/", FIG.outline, undefined, { showlegend: false, textposition: "none" });
        });
        addBar(b, o.date, o.fin, { lane: lane, index: index }, hover);
        b.marker.line = { color: FIG.outline, width: 1 };
      } else {
        index = layout.addPoint(lane, day(o.date));
      }
      var points = traces.get("point:" + o.categorie, "faits", function () {
        return scatter(name, "faits", {
          marker: { color: colour, symbol: [], size: [], line: { color: FIG.outline, width: 1 } },
          legendgrouptitle: { text: "Infractions (couleur : catégorie)" }
        });
      });
      addPoint(points, o.date, { lane: lane, index: index }, hover);
      points.marker.symbol.push(symbol(o.gravite, hollow));
      points.marker.size.push(FIG.gravity_sizes[o.gravite]);
    });
    var slugs = Object.keys(V.categorie);
    var result = traces.ordered(slugs.map(function (s) { return "point:" + s; }).concat(slugs.map(function (s) { return "periode:" + s; })));
    if (c.faits.length) {
      var present = new Set(c.faits.map(function (o) { return o.gravite; }));
      Object.keys(V.gravite).filter(function (s) { return present.has(s); }).forEach(function (slug) {
        result.push({
          type: "scatter", mode: "markers", name: gravityWords(slug, view), legendgroup: "gravite", meta: "faits",
          legendgrouptitle: { text: "Gravité (forme)" }, x: [null], y: [null], hoverinfo: "skip",
          marker: { color: "#5c6470", symbol: FIG.gravity_symbols[slug], size: 11 }
        });
      });
    }
    return result;
  }

  function decisionTraces(c, layout, view) {
    if (!c.decisions.length) return [];
    var lane = layout.lane("decisions", pro(view) ? "Décisions" : "Jugements");
    var offences = new Map(c.faits.map(function (o) { return [o.id, o]; }));
    var traces = new Traces();
    c.decisions.slice().sort(byDate("date")).forEach(function (d) {
      var trace;
      if (d.nature === "condamnation") {
        trace = traces.get("condamnation", "decisions", function () {
          return scatter(pro(view) ? "Décision de justice" : "Jugement", "justice", {
            marker: { color: FIG.decision_colour, symbol: "line-ns-open", size: 18, line: { color: FIG.decision_colour, width: 3 } },
            legendgrouptitle: { text: "Justice" }
          });
        });
      } else {
        trace = traces.get("relaxe", "decisions", function () {
          return scatter(pro(view) ? "Relaxe ou acquittement" : "Pas de peine", "justice", {
            marker: { color: FIG.decision_colour, symbol: "circle-open", size: 13, line: { color: FIG.decision_colour, width: 2 } },
            legendgrouptitle: { text: "Justice" }
          });
        });
      }
      var index = layout.addPoint(lane, day(d.date));
      addPoint(trace, d.date, { lane: lane, index: index }, decisionHover(d, offences, view));
    });
    return traces.ordered(["condamnation", "relaxe"]);
  }

  function measureTraces(c, layout, view) {
    var reference = c.date_reference;
    var isPro = pro(view);
    var custody = function (m) { return CUSTODY.has(m.type); };
    if (c.mesures.some(custody)) layout.lane("detention", isPro ? "Détention" : "Prison", true);
    if (!c.mesures.every(custody)) layout.lane("mesures", isPro ? "Mesures de suivi" : "Suivi par la justice", true);
    var traces = new Traces();
    c.mesures.slice().sort(byDate("debut")).forEach(function (m) {
      var key = custody(m) ? "detention" : "mesures";
      var lane = layout.lanes.get(key);
      var end = measureEnd(m, reference);
      var planned = m.fin === null && m.fin_prevue !== null && m.fin_prevue > reference ? m.fin_prevue : null;
      var label = measureWords(m.type, view);
      var placed = layout.addRange(lane, day(m.debut), day(planned || end), label);
      var index = placed[0], position = placed[1];
      var where = { lane: lane, index: index };
      var hover = measureHover(c, m, view);
      var style = FIG.measure_style[m.type];
      var b = traces.get("mesure:" + m.type, key, function () {
        return bars(label, "justice", style[0], style[1], FIG.outline, style[2], { legendgrouptitle: { text: "Justice" } });
      });
      if (planned !== null && position !== "before") {
        var fits = day(end) - day(m.debut) >= (Array.from(label).length + 1) * layout.charDays;
        if (!fits) {
          labelText(traces, key, position === "outside" ? planned : m.debut, where, label, "right");
          position = "text";
        }
      }
      addBar(b, m.debut, end, where, hover, position === "text" ? "" : label, position === "text" ? "inside" : position);
      if (position === "before") labelText(traces, key, m.debut, where, label);
      if (planned !== null) {
        var line = traces.get("prevue", key, function () {
          return scatter("Fin prévue (pointillés, après la date de référence)", "justice", {
            mode: "lines+markers", line: { color: FIG.planned_colour, width: 2.5, dash: "dot" },
            marker: { symbol: ["line-ns"], size: 14, line: { color: FIG.planned_colour, width: 2 } },
            legendgrouptitle: { text: "Justice" }
          });
        });
        [reference, planned].forEach(function (when) {
          addPoint(line, when, where, hover);
          line.marker.symbol.push("line-ns");
        });
        addPoint(line, planned, null, "");
        line.x[line.x.length - 1] = null;
        line.marker.symbol.push("line-ns");
      }
      obligationMarks(traces, m, end, where, key, view);
      if (m.issue === "revocation" || m.issue === "incident") {
        var marker = traces.get(m.issue, key, function () { return issueTrace(m.issue, view); });
        addPoint(marker, end, where, hover);
      }
    });
    var order = Object.keys(FIG.measure_style).map(function (s) { return "mesure:" + s; })
      .concat(["prevue"], Object.keys(V.respect).map(function (s) { return "obligation:" + s; }),
        ["revocation", "incident", "etiquettes"]);
    return traces.ordered(order);
  }

  function obligationMarks(traces, m, end, where, lane, view) {
    var count = m.obligations.length;
    var span = day(end) - day(m.debut);
    m.obligations.forEach(function (o, i) {
      var number = i + 1;
      var style = FIG.respect_style[o.respect];
      var trace = traces.get("obligation:" + o.respect, lane, function () {
        var open = style.symbol.indexOf("open") !== -1 || style.symbol === "x";
        return scatter("Obligation " + respectWords(o.respect, view).toLowerCase(), "obligations", {
          marker: { color: style.color, symbol: style.symbol, size: 11, line: { color: open ? style.color : "#ffffff", width: 2 } },
          legendgrouptitle: { text: "Obligations (marques sur la mesure)" }
        });
      });
      var when = iso(day(m.debut) + roundHalfEven(span * number / (count + 1)));
      var text = obligationLine(o.type, o.libelle, o.respect, view);
      addPoint(trace, when, where, "<b>" + measureWords(m.type, view) + "</b><br>" + escape(text));
    });
  }

  function issueTrace(issue, view) {
    var marker, name;
    if (issue === "revocation") {
      marker = { color: FIG.revocation_colour, symbol: "x-thin-open", size: 16, line: { color: FIG.revocation_colour, width: 3 } };
      name = pro(view) ? "Révocation (fin de la mesure)" : "Mesure arrêtée";
    } else {
      marker = { color: FIG.incident_colour, symbol: "triangle-down", size: 13, line: { color: "#ffffff", width: 1 } };
      name = pro(view) ? "Incident (fin de la mesure)" : "Incident";
    }
    return scatter(name, "justice", { marker: marker, legendgrouptitle: { text: "Justice" } });
  }

  function lifeTraces(c, layout, view) {
    Object.keys(V.domaine).forEach(function (slug) {
      if (c.vie.some(function (e) { return e.domaine === slug; })) layout.lane("vie:" + slug, V.domaine[slug]);
    });
    var traces = new Traces();
    var title = { text: "Vie personnelle" };
    c.vie.slice().sort(function (a, b) { return a.debut < b.debut ? -1 : a.debut > b.debut ? 1 : a.index - b.index; })
      .forEach(function (e) {
        var key = "vie:" + e.domaine;
        var lane = layout.lanes.get(key);
        var style = FIG.sens_style[e.sens];
        var hover = lifeHover(c, e, view);
        var trace, index;
        if (e.point) {
          trace = traces.get("point:" + e.sens, key, function () {
            return scatter(FIG.point_legend[e.sens], "vie", {
              marker: { color: style.line, symbol: style.symbol, size: 12, line: { color: style.line, width: 2 } },
              legendgrouptitle: title
            });
          });
          index = layout.addPoint(lane, day(e.debut));
          addPoint(trace, e.debut, { lane: lane, index: index }, hover);
        } else {
          trace = traces.get("periode:" + e.sens, key, function () {
            return bars(FIG.period_legend[e.sens], "vie", style.fill, style.pattern, style.line, undefined, { legendgrouptitle: title });
          });
          trace.marker.line = { color: style.line, width: 1 };
          var end = e.fin !== null ? e.fin : c.date_reference;
          var label = labelFor(e.libelle, e.libelle_personne, view) || "";
          var placed = layout.addRange(lane, day(e.debut), day(end), label);
          addBar(trace, e.debut, end, { lane: lane, index: placed[0] }, hover, escape(label), placed[1]);
          if (placed[1] === "before") labelText(traces, key, e.debut, { lane: lane, index: placed[0] }, escape(label));
        }
      });
    var sens = Object.keys(V.sens);
    return traces.ordered(sens.map(function (s) { return "periode:" + s; }).concat(sens.map(function (s) { return "point:" + s; }), ["etiquettes"]));
  }

  // --- layout ------------------------------------------------------------------------------
  function custodySpells(c) {
    var periods = c.mesures.filter(function (m) { return CUSTODY.has(m.type); })
      .map(function (m) { return [day(m.debut), day(measureEnd(m, c.date_reference))]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var spells = [];
    periods.forEach(function (p) {
      var lastSpell = spells[spells.length - 1];
      if (lastSpell && p[0] <= lastSpell[1]) lastSpell[1] = Math.max(lastSpell[1], p[1]);
      else spells.push([p[0], p[1]]);
    });
    return spells;
  }

  function legendHeight(traces) {
    var groups = new Map();
    traces.forEach(function (t) {
      if (t.showlegend === false || !("name" in t)) return;
      var g = t.legendgroup || "";
      groups.set(g, (groups.get(g) || 0) + 1);
    });
    var sizes = Array.from(groups.values());
    var total = 0;
    for (var i = 0; i < sizes.length; i += FIG.legend_groups_per_row) {
      total += FIG.legend_title_px + FIG.legend_item_px * Math.max.apply(null, sizes.slice(i, i + FIG.legend_groups_per_row));
    }
    return total + 8;
  }

  function ageAxis(c, start, end) {
    var first = year(iso(start)), last = year(iso(end));
    var years = last - first + 1;
    var step = years <= 10 ? 1 : years <= 20 ? 2 : 5;
    var values = [], labels = [];
    for (var y = first; y <= last; y += 1) {
      var age = y - c.annee_naissance;
      if (((age % step) + step) % step === 0 || step === 1) {
        values.push(y + "-07-01");
        labels.push((age - 1) + "–" + age);
      }
    }
    return {
      overlaying: "x", side: "top", matches: "x", type: "date", tickmode: "array", tickvals: values, ticktext: labels,
      showgrid: false, ticks: "outside", tickfont: { size: 11, color: "#4b5563" },
      title: { text: "Âge (en années, d'après l'année de naissance)", font: { size: 11, color: "#4b5563" }, standoff: 2 }
    };
  }

  function plotConfig(c, name) {
    return {
      locale: "fr", displaylogo: false, displayModeBar: true, responsive: true, showLink: false,
      showSendToCloud: false, showEditInChartStudio: false, scrollZoom: false,
      modeBarButtonsToRemove: ["select2d", "lasso2d", "toggleSpikelines"],
      toImageButtonOptions: { format: "png", filename: name + "-" + c.dossier, scale: 2 }
    };
  }

  /** figure.build_figure: {data, layout, config} for Plotly.newPlot. */
  function build(c, view) {
    view = view || "professionnel";
    var bounds = timeBounds(c);
    var first = bounds[0], last = bounds[1];
    var layout = new Layout(first, last);
    var traces = offenceTraces(c, layout, view)
      .concat(decisionTraces(c, layout, view), measureTraces(c, layout, view), lifeTraces(c, layout, view));
    var heightTracks = layout.finish();
    traces.forEach(function (t) {
      t.y = t.y.map(function (item) { return item === null ? null : item.lane.y(item.index); });
    });
    var pad = padDays(first, last);
    var xRange = [iso(first - pad), iso(last + pad)];
    var lanes = Array.from(layout.lanes.values());
    traces.push({ type: "scatter", mode: "markers", x: xRange, y: [null, null], xaxis: "x2", showlegend: false,
      hoverinfo: "skip", meta: "axe" });
    var when = c.date_reference;
    var refLine = { type: "line", xref: "x", yref: "paper", x0: when, x1: when, y0: 0, y1: 1, line: { color: "#1b1f24", width: 2 } };
    var refNote = {
      xref: "paper", yref: "paper", x: 0, y: 1, yanchor: "bottom", xanchor: "left", yshift: 34,
      text: "Date de référence : " + shortDate(c.date_reference) + " (trait vertical plein)", showarrow: false,
      font: { size: 11, color: "#1b1f24" }
    };
    var plotPx = Math.trunc(heightTracks * FIG.track_px + 24);
    var bottomPx = FIG.axis_px + legendHeight(traces);
    var laneShapes = [];
    lanes.forEach(function (lane, n) {
      if (n % 2 === 0) {
        laneShapes.push({ type: "rect", xref: "paper", yref: "y", layer: "below", name: "fond-ligne", x0: 0, x1: 1,
          y0: lane.base - 0.5, y1: lane.base + lane.height() - 0.5, fillcolor: "#f4f5f7", line: { width: 0 } });
      }
    });
    var custodyShapes = custodySpells(c).filter(function (s) { return s[1] > s[0]; }).map(function (s) {
      return { type: "rect", xref: "x", yref: "paper", layer: "below", x0: iso(s[0]), x1: iso(s[1]), y0: 0, y1: 1,
        fillcolor: "rgba(63, 71, 83, 0.13)", line: { width: 0 } };
    });
    return {
      data: traces,
      layout: {
        height: FIG.top_px + plotPx + bottomPx,
        margin: { l: 130, r: 20, t: FIG.top_px, b: bottomPx },
        font: { family: FIG.font, size: 12, color: "#1b1f24" },
        paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff", hovermode: "closest",
        hoverlabel: { bgcolor: "#ffffff", font: { color: "#1b1f24" }, align: "left" },
        dragmode: "zoom",
        modebar: { color: "#4b5563", activecolor: "#1f5fa8", bgcolor: "rgba(255, 255, 255, 0.9)" },
        barmode: "overlay",
        xaxis: { type: "date", range: xRange, showgrid: true, gridcolor: "#e3e5e8", ticks: "outside",
          hoverformat: "%d/%m/%Y", zeroline: false, showline: true, linecolor: "#9aa1ab" },
        xaxis2: ageAxis(c, first, last),
        yaxis: { range: [heightTracks - 0.4, -0.6], fixedrange: true, zeroline: false, showgrid: false,
          tickmode: "array", tickvals: lanes.map(function (l) { return l.centre(); }),
          ticktext: lanes.map(function (l) { return l.label; }), ticks: "", ticklabelstandoff: 6 },
        shapes: laneShapes.concat(custodyShapes, [refLine]),
        annotations: [refNote],
        legend: { orientation: "h", x: 0, xanchor: "left", yanchor: "top", y: -roundTo(FIG.axis_px / plotPx, 4),
          traceorder: "grouped", itemclick: false, itemdoubleclick: false, font: { size: 12 }, itemsizing: "constant" },
        showlegend: true,
        meta: {
          lanes: lanes.map(function (l) { return { key: l.key, label: l.label, base: l.base, height: l.height() }; }),
          lane_gap: FIG.lane_gap, track_px: FIG.track_px, axis_px: FIG.axis_px
        }
      },
      config: plotConfig(c, "frise")
    };
  }

  // --- gravity over time (figure.build_gravity_figure) ---------------------------------------
  var ORDINAL_1970 = 719163;   // datetime.date(1970, 1, 1).toordinal()

  function numberDecimals(value, decimals) {   // french.number(value, decimals)
    var scale = Math.pow(10, decimals), v = value * scale, text;
    if (Number.isInteger(2 * v) && !Number.isInteger(v) && v / scale === value) text = (roundHalfEven(v) / scale).toFixed(decimals);
    else text = value.toFixed(decimals);
    var negative = text.charAt(0) === "-";
    if (negative) text = text.slice(1);
    var parts = text.split(".");
    var out = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, NBSP) + (parts[1] ? "," + parts[1] : "");
    if (/^[0,\u00a0]*$/.test(out)) negative = false;
    return (negative ? "\u2212" : "") + out;
  }

  function trendTrace(offences, slope) {
    var years = offences.map(function (o) { return (day(o.date) + ORDINAL_1970) / FIG.days_per_year; });
    var scores = offences.map(function (o) { return FIG.gravity_score[o.gravite]; });
    var sum = function (list) { return list.reduce(function (a, b) { return a + b; }, 0); };
    var meanX = sum(years) / years.length, meanY = sum(scores) / scores.length;
    var first = offences[0], last = offences[0];
    offences.forEach(function (o) { if (o.date < first.date) first = o; if (o.date > last.date) last = o; });
    var ends = [first, last].map(function (o) {
      return [o.date, meanY + slope * ((day(o.date) + ORDINAL_1970) / FIG.days_per_year - meanX)];
    });
    var label = "Tendance de la gravité : " + numberDecimals(slope, 3) + " par an";
    return {
      type: "scatter", mode: "lines", name: label, x: ends.map(function (e) { return e[0]; }),
      y: ends.map(function (e) { return roundTo(e[1], 4); }),
      line: { color: "#1b1f24", width: 2, dash: "dash" }, hovertemplate: label + "<extra></extra>"
    };
  }

  /** figure.build_gravity_figure: offences by date and gravity; null without offences. */
  function buildGravity(c, indicators, view) {
    view = view || "professionnel";
    if (!c.faits.length) return null;
    var colours = offenceColours(c);
    var traces = {};
    c.faits.slice().sort(byDate("date")).forEach(function (o) {
      var trace = traces[o.categorie];
      if (!trace) {
        trace = traces[o.categorie] = scatter(categoryWords(o.categorie, view), o.categorie, {
          marker: { color: colours[o.categorie][0], symbol: [], size: 12, line: { color: FIG.outline, width: 1 } }
        });
      }
      addPoint(trace, o.date, FIG.gravity_score[o.gravite], offenceHover(c, o, view));
      trace.marker.symbol.push(symbol(o.gravite, colours[o.categorie][1]));
    });
    var data = Object.keys(V.categorie).filter(function (s) { return traces[s]; }).map(function (s) { return traces[s]; });
    var slope = indicators.tendance_gravite;
    if (pro(view) && slope !== null) data.push(trendTrace(c.faits, slope));
    var bounds = timeBounds(c);
    var pad = padDays(bounds[0], bounds[1]);
    var custodyShapes = custodySpells(c).filter(function (s) { return s[1] > s[0]; }).map(function (s) {
      return { type: "rect", xref: "x", yref: "paper", layer: "below", x0: iso(s[0]), x1: iso(s[1]), y0: 0, y1: 1,
        fillcolor: "rgba(63, 71, 83, 0.13)", line: { width: 0 } };
    });
    return {
      data: data,
      layout: {
        height: 300, margin: { l: 130, r: 20, t: 16, b: 40 },
        legend: { x: 1.02, xanchor: "left", y: 1, yanchor: "top", font: { size: 12 }, title: { text: "Catégorie" },
          itemclick: false, itemdoubleclick: false },
        font: { family: FIG.font, size: 12, color: "#1b1f24" }, paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff",
        hovermode: "closest", hoverlabel: { bgcolor: "#ffffff", font: { color: "#1b1f24" }, align: "left" },
        modebar: { color: "#4b5563", activecolor: "#1f5fa8", bgcolor: "rgba(255, 255, 255, 0.9)" },
        xaxis: { type: "date", range: [iso(bounds[0] - pad), iso(bounds[1] + pad)], gridcolor: "#e3e5e8", ticks: "outside",
          zeroline: false, showline: true, linecolor: "#9aa1ab", hoverformat: "%d/%m/%Y" },
        yaxis: { range: [0.5, 3.5], fixedrange: true, tickmode: "array",
          tickvals: Object.keys(FIG.gravity_score).map(function (s) { return FIG.gravity_score[s]; }),
          ticktext: Object.keys(FIG.gravity_score).map(function (s) { return gravityWords(s, view); }),
          gridcolor: "#e3e5e8", zeroline: false },
        shapes: custodyShapes, showlegend: true
      },
      config: plotConfig(c, "gravite")
    };
  }

  /** figure.presets: the period buttons of the frise page, and the first day drawn. */
  function presets(c, indicators) {
    var bounds = timeBounds(c);
    var first = bounds[0], last = bounds[1];
    var end = iso(last + padDays(first, last));
    var ref = day(c.date_reference);
    var found = [{ key: "tout", label: "Tout le parcours", range: [iso(first - padDays(first, last)), end] }];
    if (indicators.jours_depuis_derniere_sortie !== null) {
      var release = ref - indicators.jours_depuis_derniere_sortie;
      found.push({ key: "sortie", label: "Depuis la dernière sortie", range: [iso(release - padDays(release, last)), end] });
    }
    var cut = ref - FIG.recent_days;
    found.push({ key: "recent", label: "Les 3 dernières années", range: [iso(cut - padDays(cut, last)), end] });
    return { first: iso(first), list: found };
  }

  // page_words.py's helpers, shared with page.js (one copy in the browser, as in Python).
  var words = {
    categoryLabel: categoryLabel, categoryWords: categoryWords, gravityWords: gravityWords,
    measureWords: measureWords, penaltyWords: penaltyWords, obligationWords: obligationWords,
    respectWords: respectWords, courtWords: courtWords, labelFor: labelFor
  };
  return { build: build, buildGravity: buildGravity, presets: presets, duration: duration, dateWords: dateWords,
    words: words };
}));
