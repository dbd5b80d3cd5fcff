/* Repère — the whole `frise` page in JavaScript: render.py, the sentences of plain_words.py, the
 * leads of catalogue_leads.py and the Jinja templates of templates/frise, ported so that the
 * atelier shows both views completely and saves the very page `frise` writes for the case.
 *
 * Python is the reference; tests/test_atelier_differential.py compares the text of every section
 * of the page (examples, fixtures, random cases, both views). Input: the validated case of
 * case_engine.js and the indicators of indicators.js (the `--json` object); what the page reads
 * besides the JSON (episodes, gaps with their dates, the timing of each link, the status of each
 * life period) is derived here from the case, by the definitions of indicators.py. Words,
 * thresholds, the factors of the catalogue and the page's own CSS and script come from
 * atelier-data.js (DATA.page), generated from the Python declarations.
 * Every string reaching HTML goes through `esc`. Classic script (window.ReperePage); also a
 * CommonJS module for Node tests.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = { create: factory };
  else root.ReperePage = factory(root.RepereAtelierData, root.RepereCards, root.RepereFigure);
}(this, function (DATA, CARDS, FIGURE) {
  "use strict";

  var P = DATA.page;
  var V = DATA.vocabularies;
  var NBSP = "\u00a0";
  var MS_PER_DAY = 86400000;
  var CUSTODY = DATA.cards.custody_types;
  var number = CARDS.number;
  var duration = CARDS.duration;

  // --- small words (french.py, page_words.py) ------------------------------------------------
  function esc(value) {   // markupsafe.escape
    return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&#34;").replace(/'/g, "&#39;");
  }
  function day(iso) { var p = iso.split("-"); return Date.UTC(+p[0], +p[1] - 1, +p[2]) / MS_PER_DAY; }
  function isoOf(n) { return new Date(n * MS_PER_DAY).toISOString().slice(0, 10); }
  function year(iso) { return +iso.slice(0, 4); }
  function plural(count, singular, pluralForm) {
    return number(count) + NBSP + (Math.abs(count) < 2 ? singular : (pluralForm || singular + "s"));
  }
  function precision(text) { return ["year", "month", "day"][Math.min(text.replace(/\//g, "-").split("-").length, 3) - 1]; }
  function dateWords(iso, written) {
    var kind = written ? precision(written) : "day";
    if (kind === "year") return String(year(iso));
    if (kind === "month") return DATA.months[+iso.slice(5, 7) - 1] + " " + year(iso);
    return iso.slice(8, 10) + "/" + iso.slice(5, 7) + "/" + iso.slice(0, 4);
  }
  function ageWords(min, max) { return min === max ? min + NBSP + "ans" : min + " ou " + max + NBSP + "ans"; }
  function ageAt(iso, birth) { var y = year(iso) - birth; return ageWords(y - 1, y); }
  function pro(view) { return view === "professionnel"; }
  // The words of page_words.py, from figure.js (one copy of them in the browser).
  var categoryLabel = FIGURE.words.categoryLabel, categoryWords = FIGURE.words.categoryWords;
  var gravityWords = FIGURE.words.gravityWords, measureWords = FIGURE.words.measureWords;
  var penaltyWords = FIGURE.words.penaltyWords, obligationWords = FIGURE.words.obligationWords;
  var respectWords = FIGURE.words.respectWords, courtWords = FIGURE.words.courtWords;
  var labelFor = FIGURE.words.labelFor;
  function isCustody(m) { return CUSTODY.indexOf(m.type) !== -1; }
  function lifeEnd(e, reference) { return e.point ? e.debut : (e.fin !== null ? e.fin : reference); }
  function joinParts(parts) { return parts.filter(function (p) { return p; }).join(" · "); }
  function joinWords(parts) {
    return parts.length === 1 ? parts[0] : parts.slice(0, -1).join(", ") + " et " + parts[parts.length - 1];
  }
  function penaltyText(p, view) {   // figure.penalty_text
    var details = [p.quantum].filter(function (x) { return x; });
    if (p.duree_epreuve) details.push(pro(view) ? "épreuve " + p.duree_epreuve : "suivi pendant " + p.duree_epreuve);
    var label = penaltyWords(p.type, view);
    return details.length ? label + " : " + details.join(", ") : label;
  }
  function obligationLine(kind, libelle, respect, view) {   // figure.obligation_line
    var what = obligationWords(kind, view);
    if (libelle && pro(view)) what += " (" + libelle + ")";
    return what + " : " + respectWords(respect, view).toLowerCase();
  }
  function byDate(list, key) {   // Python's sorted(key=date): stable
    return list.map(function (x, i) { return [x, i]; })
      .sort(function (a, b) { return a[0][key] < b[0][key] ? -1 : a[0][key] > b[0][key] ? 1 : a[1] - b[1]; })
      .map(function (x) { return x[0]; });
  }

  // --- what the page reads besides the JSON (indicators.py) -----------------------------------
  function spellsOf(c) {   // the custody union, zero-length spells kept
    var spans = c.mesures.filter(isCustody).map(function (m) {
      return [day(m.debut), day(m.fin !== null ? m.fin : c.date_reference)];
    }).sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    spans.forEach(function (s) {
      var lastSpan = merged[merged.length - 1];
      if (lastSpan && s[0] <= lastSpan[1]) lastSpan[1] = Math.max(lastSpan[1], s[1]);
      else merged.push([s[0], s[1]]);
    });
    return merged;
  }
  function liberty(spells, a, b) {
    if (b <= a) return 0;
    var custody = 0;
    spells.forEach(function (s) { custody += Math.max(0, Math.min(s[1], b) - Math.max(s[0], a)); });
    return (b - a) - custody;
  }
  function episodesOf(c) {   // indicators.episodes: by start, ties in written order
    var byDay = {};
    var found = [];
    c.faits.forEach(function (o, index) {
      if (o.fin !== null) found.push({ start: o.date, end: o.fin, offences: [o], index: index });
      else if (byDay[o.date]) byDay[o.date].push(o);
      else { byDay[o.date] = [o]; found.push({ start: o.date, end: o.date, offences: byDay[o.date], index: index }); }
    });
    return found.sort(function (a, b) { return a.start < b.start ? -1 : a.start > b.start ? 1 : a.index - b.index; });
  }
  function gapsOf(c, episodes) {
    if (!episodes.length) return [];
    var spells = spellsOf(c);
    var reach = episodes[0].end;
    var found = [];
    episodes.slice(1).forEach(function (e) {
      if (e.start > reach) found.push({ start: reach, end: e.start, days: liberty(spells, day(reach), day(e.start)), current: false });
      if (e.end > reach) reach = e.end;
    });
    found.push({ start: reach, end: c.date_reference, days: liberty(spells, day(reach), day(c.date_reference)), current: true });
    return found;
  }
  function linkTiming(e, offenceDay, reference) {
    var early = isoOf(day(offenceDay) - P.link_days);
    if (e.point) return early <= e.debut && e.debut <= offenceDay ? "peu_avant" : null;
    var end = lifeEnd(e, reference);
    if (e.debut <= offenceDay && offenceDay < end) return "au_meme_moment";
    if (early <= end && end <= offenceDay) return "peu_avant";
    return null;
  }
  function periodStatus(c, e) {
    if (!e.point && e.fin === null) return "en_cours";
    return lifeEnd(e, c.date_reference) >= isoOf(day(c.date_reference) - P.recent_period_days) ? "recente" : "passee";
  }

  // --- chronological table (render.chronology) ----------------------------------------------
  function cell(iso, written) { return [iso, dateWords(iso, written)]; }

  function chronology(c, view) {
    var isPro = pro(view);
    var rows = [];
    var offences = {};
    c.faits.forEach(function (o) { offences[o.id] = o; });
    function row(date, rank, sub, start, end, kind, description, details) {
      rows.push({ key: [date, rank, sub], start: start, end: end, kind: kind, description: description, details: joinParts(details) });
    }
    c.faits.forEach(function (o) {
      var details = [labelFor(o.libelle, o.libelle_personne, view) || "", "à " + ageAt(o.date, c.annee_naissance)];
      if (isPro) {
        details.push("id " + o.id);
        if (o.natinf !== null) details.push("NATINF " + o.natinf);
      }
      row(o.date, 0, 0, cell(o.date, o.date_text), o.fin !== null ? cell(o.fin, o.fin_text) : [null, ""],
        isPro ? "Infraction" : "Fait", categoryWords(o.categorie, view) + " · " + gravityWords(o.gravite, view).toLowerCase(), details);
    });
    c.decisions.forEach(function (d) {
      var details = d.peines.map(function (p) { return penaltyText(p, view); });
      if (d.nature !== "condamnation") details.unshift(isPro ? "relaxe ou acquittement" : "pas de peine");
      if (isPro) {
        var judged = d.faits.map(function (fid) {
          return offences[fid] ? fid + " (" + dateWords(offences[fid].date, offences[fid].date_text) + ")" : fid;
        });
        if (judged.length) details.push("faits jugés\u00a0: " + judged.join(", "));
      }
      row(d.date, 1, 0, cell(d.date, d.date_text), [null, ""], isPro ? "Décision" : "Jugement",
        courtWords(d.juridiction, view), details);
    });
    c.mesures.forEach(function (m) {
      var end = m.fin !== null ? m.fin : c.date_reference;
      var details = [duration(day(end) - day(m.debut))];
      if (m.fin_prevue !== null) details.push("fin prévue " + dateWords(m.fin_prevue, m.fin_prevue_text));
      if (m.issue && isPro) details.push("issue\u00a0: " + V.issue[m.issue].toLowerCase());
      if (m.decision && isPro) details.push("décision " + m.decision);
      m.obligations.forEach(function (o) { details.push(obligationLine(o.type, o.libelle, o.respect, view)); });
      var kind = isCustody(m) ? (isPro ? "Détention" : "Prison") : (isPro ? "Mesure de suivi" : "Suivi");
      row(m.debut, 2, 0, cell(m.debut, m.debut_text), m.fin !== null ? cell(m.fin, m.fin_text) : [null, null],
        kind, measureWords(m.type, view), details);
    });
    c.vie.forEach(function (e) {
      var details = [V.sens[e.sens].toLowerCase()];
      if (!e.point) details.push(duration(day(lifeEnd(e, c.date_reference)) - day(e.debut)));
      var end = e.point ? [null, ""] : e.fin !== null ? cell(e.fin, e.fin_text) : [null, null];
      var label = labelFor(e.libelle, e.libelle_personne, view);
      row(e.debut, 3, e.index, cell(e.debut, e.debut_text), end, "Vie\u00a0: " + V.domaine[e.domaine].toLowerCase(),
        label || (e.point ? "Événement" : "Période"), details);
    });
    return rows.map(function (r, i) { return [r, i]; }).sort(function (a, b) {
      var x = a[0].key, y = b[0].key;
      if (x[0] !== y[0]) return x[0] < y[0] ? -1 : 1;
      return (x[1] - y[1]) || (x[2] - y[2]) || (a[1] - b[1]);
    }).map(function (p) { return p[0]; });
  }

  // --- categories and measures (render.category_rows, measure_rows) --------------------------
  function categoryRows(c, view) {
    var rows = [];
    Object.keys(V.categorie).forEach(function (slug) {
      var list = byDate(c.faits.filter(function (o) { return o.categorie === slug; }), "date");
      if (!list.length) return;
      rows.push({
        label: categoryWords(slug, view), violent: pro(view) && P.violent_categories.indexOf(slug) !== -1,
        count: list.length,
        byGravity: Object.keys(V.gravite).map(function (g) { return list.filter(function (o) { return o.gravite === g; }).length; }),
        first: dateWords(list[0].date, list[0].date_text), last: dateWords(list[list.length - 1].date, list[list.length - 1].date_text)
      });
    });
    return rows;
  }

  function measureRows(c, view) {
    return byDate(c.mesures, "debut").map(function (m) {
      var start = dateWords(m.debut, m.debut_text);
      var planned = "";
      if (m.fin_prevue !== null) {
        planned = dateWords(m.fin_prevue, m.fin_prevue_text);
        if (m.fin === null && m.fin_prevue > c.date_reference) planned += " (à venir)";
      }
      return {
        label: measureWords(m.type, view),
        period: m.fin !== null ? start + " – " + dateWords(m.fin, m.fin_text) : "depuis " + start + " (en cours)",
        planned: planned,
        issue: m.issue && pro(view) ? V.issue[m.issue] : "",
        obligations: m.obligations.map(function (o) { return [obligationLine(o.type, o.libelle, o.respect, view), o.respect]; })
      };
    });
  }

  // --- plain_words: links, gaps, the personne view's sentences -------------------------------
  function offenceWhen(o) {
    var when = dateWords(o.date, o.date_text);
    return o.fin !== null ? "de " + when + " à " + dateWords(o.fin, o.fin_text) : when;
  }
  function eventWords(e, view) {
    var label = labelFor(e.libelle, e.libelle_personne, view);
    return V.domaine[e.domaine] + (label ? "\u00a0: " + label : "") + " (" + V.sens[e.sens].toLowerCase() + ")";
  }
  function sameTime(c, view) {   // plain_words.same_time, offences by start (ties written)
    return byDate(c.faits, "date").map(function (o) {
      var timed = [];
      c.vie.forEach(function (e) {
        var timing = linkTiming(e, o.date, c.date_reference);
        if (timing) timed.push({ event: e, timing: timing, words: eventWords(e, view) });
      });
      var when = offenceWhen(o);
      return {
        offence: o, when: when.charAt(0).toUpperCase() + when.slice(1),
        what: categoryWords(o.categorie, view) + " (" + gravityWords(o.gravite, view).toLowerCase() + ")",
        label: labelFor(o.libelle, o.libelle_personne, view),
        same: timed.filter(function (t) { return t.timing === "au_meme_moment"; }),
        before: timed.filter(function (t) { return t.timing === "peu_avant"; })
      };
    });
  }
  function share(value) { return number(value * 100) + NBSP + "%"; }
  function difficultPeriodSentences(ind) {
    var total = ind.nb_episodes;
    // In the vocabulary's order, as indicators.negative_shares gives them (the JSON object's
    // key order is not compared by the indicators' differential test).
    return Object.keys(V.domaine).filter(function (domain) {
      return domain in ind.part_episodes_periodes_negatives;
    }).map(function (domain) {
      var part = ind.part_episodes_periodes_negatives[domain];
      var count = Math.round(part * total);   // exact below 100 episodes (shares have 2 decimals)
      var time = ind.part_temps_periodes_negatives[domain];
      var covered = time === null || time === undefined
        ? "dont la part du temps en liberté n’est pas calculable (aucun jour en liberté)"
        : "qui couvrent " + share(time) + " du temps en liberté";
      return V.domaine[domain] + "\u00a0: " + count + " passage" + (count > 1 ? "s" : "") + " à l’acte sur " +
        total + " (" + share(part) + ") pendant des périodes difficiles " + covered + ".";
    });
  }
  function episodeDate(episodes, iso) {
    for (var i = 0; i < episodes.length; i += 1) {
      var first = episodes[i].offences[0];
      if (first.fin !== null && first.fin === iso) return dateWords(iso, first.fin_text);
      if (episodes[i].start === iso) return dateWords(iso, first.date_text);
    }
    return dateWords(iso);
  }
  function gapRows(episodes, gaps) {
    return gaps.map(function (g) {
      return {
        start: episodeDate(episodes, g.start),
        end: g.current ? dateWords(g.end) + " (date de référence)" : episodeDate(episodes, g.end),
        days: g.days, duration: duration(g.days), current: g.current
      };
    });
  }
  function personGapSentences(episodes, gaps) {
    return gaps.filter(function (g) { return g.days >= P.min_liberty_days || g.current; }).map(function (g) {
      var when = g.current ? "Depuis " + episodeDate(episodes, g.start)
        : year(g.start) === year(g.end) ? "En " + year(g.start) : "Entre " + year(g.start) + " et " + year(g.end);
      var outside = g.days < day(g.end) - day(g.start) ? " dehors" : "";
      return when + "\u00a0: " + duration(g.days) + outside + " sans nouveau fait.";
    });
  }
  function personEventWords(e) {
    var label = labelFor(e.libelle, e.libelle_personne, "personne");
    var domain = P.person_domains[e.domaine];
    return label ? domain + "\u00a0: " + label : domain;
  }
  function strengths(c) {
    return c.vie.filter(function (e) { return e.sens === "positif" && periodStatus(c, e) === "en_cours"; })
      .map(function (e) { return personEventWords(e) + ", depuis " + dateWords(e.debut, e.debut_text) + "."; });
  }
  function pastStrengths(c) {
    return c.vie.filter(function (e) { return e.sens === "positif" && !e.point && e.fin !== null; }).map(function (e) {
      var when = year(e.debut) === year(e.fin) ? "en " + year(e.debut) : "entre " + year(e.debut) + " et " + year(e.fin);
      return personEventWords(e) + ", " + when + ".";
    });
  }
  function custodySentence(ind) {
    if (!ind.nb_periodes_detention || !ind.jours_detention) return null;
    return "En tout, " + duration(ind.jours_detention) + " en prison, en " + plural(ind.nb_periodes_detention, "fois", "fois") + ".";
  }
  function eventLine(e) {
    var label = labelFor(e.libelle, e.libelle_personne, "personne");
    var text = label ? label : P.person_domains[e.domaine];
    return /[.!?]$/.test(text) ? text : text + ".";
  }
  function personSameTime(link) {
    var groups = [];
    [["Au même moment\u00a0:", link.same], ["Peu avant\u00a0:", link.before]].forEach(function (g) {
      if (g[1].length) groups.push([g[0], g[1].map(function (t) { return eventLine(t.event); })]);
    });
    return groups;
  }
  function obligationCounts(ind) {
    return Object.keys(V.respect).map(function (slug) {
      var count = ind.obligations[slug] || 0;
      var word = V.respect[slug].toLowerCase();
      if (count > 1 && slug !== "en_cours") word = word.replace("respectée", "respectées");
      return count + " " + word;
    }).join(", ");
  }

  // --- catalogue_leads.py --------------------------------------------------------------------
  function pageUrl(base, path) { return base ? base.replace(/\/+$/, "") + "/" + path : null; }
  function periodWords(e, status) {
    var label = e.libelle ? "\u00a0: " + e.libelle : "";
    var start = dateWords(e.debut, e.debut_text);
    var when = status === "en_cours" ? "depuis " + start + ", en cours"
      : e.fin !== null ? start + " – " + dateWords(e.fin, e.fin_text) : start;
    if (status === "recente") when += ", terminée depuis moins d’un an";
    return V.domaine[e.domaine] + label + " (" + when + ")";
  }
  function catalogueLeads(c, base) {
    var L = P.leads;
    var byFactor = {}, other = [], past = [], supports = [];
    c.vie.forEach(function (e) {
      if (e.point) return;
      var status = periodStatus(c, e);
      var words = periodWords(e, status);
      if (e.sens === "positif" && status === "en_cours") supports.push(words);
      if (e.sens !== "negatif") return;
      var factor = L.domain_to_factor[e.domaine];
      if (status === "passee") past.push(words);
      else if (factor) (byFactor[factor] = byFactor[factor] || []).push(words);
      else other.push(words);
    });
    var leads = Object.keys(L.factors).filter(function (f) { return byFactor[f]; }).map(function (f) {
      return { label: L.factors[f], periods: byFactor[f], url: pageUrl(base, "facteurs/" + f + ".html") };
    });
    var tools = L.tools.map(function (t) { return { title: t.title, url: pageUrl(base, t.path) }; });
    return { leads: leads, other: other, past: past, supports: supports, tools: tools, catalogue_url: base || null,
      any: !!(leads.length || other.length || past.length || supports.length) };
  }

  // --- the templates (templates/frise/*.html.j2) ---------------------------------------------
  function list(items, fn) { return items.map(fn).join(""); }
  function simpleList(items, cls) {
    return "<ul class=\"liste-simple\">" + list(items, function (x) {
      return "<li" + (cls ? " class=\"" + cls + "\"" : "") + ">" + esc(x) + "</li>";
    }) + "</ul>";
  }
  // json.dumps(sort_keys=True) as Jinja's tojson writes it (floats keep their ".0").
  var FLOAT_KEYS = { lambda_par_an: 1, tendance_gravite: 1, indice_diversite: 1, recent: 1, avant: 1 };
  function pyJson(value, key) {
    if (value === null || value === undefined) return "null";
    if (typeof value === "number") return FLOAT_KEYS[key] && Number.isInteger(value) ? value + ".0" : String(value);
    if (typeof value === "string") return JSON.stringify(value);
    return "{" + Object.keys(value).sort().map(function (k) { return JSON.stringify(k) + ": " + pyJson(value[k], k); }).join(", ") + "}";
  }
  function htmlJson(text) {   // tojson's \u0026-style escapes, then forceescape
    return esc(text.replace(/&/g, "\\u0026").replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/'/g, "\\u0027"));
  }

  function cardsSection(ctx) {
    return "<section class=\"indicateurs\" aria-labelledby=\"titre-indicateurs\">\n  <h2 id=\"titre-indicateurs\">" +
      (ctx.pro ? "Chiffres clés" : "En quelques chiffres") + "</h2>\n  <ul class=\"cartes\">\n" +
      list(CARDS.build(ctx.c, ctx.ind, ctx.view), function (card) {
        var key = card.indicateur;
        return "    <li class=\"carte\"" + (key ? " data-indicateur=\"" + esc(key) + "\" data-valeur=\"" + htmlJson(pyJson(ctx.ind[key], key)) + "\"" : "") + ">\n" +
          "      <p class=\"carte-libelle\">" + esc(card.label) + "</p>\n      <p class=\"carte-valeur\">" + esc(card.value) + "</p>\n" +
          (card.note ? "      <p class=\"carte-note\">" + esc(card.note) + "</p>\n" : "") +
          "      <p class=\"carte-definition\">" + esc(card.definition) + "</p>\n    </li>\n";
      }) + "  </ul>\n</section>\n";
  }

  function chartSummary(c, ind, view, first) {
    if (!pro(view)) return "La frise va de " + year(first) + " à " + year(c.date_reference) + ".";
    var counts = [
      [c.faits.length, "infraction", ""], [c.decisions.length, "décision", ""],
      [ind.nb_periodes_detention, "période", " de détention"],
      [c.mesures.filter(function (m) { return !isCustody(m); }).length, "mesure", " de suivi"],
      [c.vie.length, "événement", " de vie"]
    ];
    var parts = counts.filter(function (x) { return x[0]; }).map(function (x) { return plural(x[0], x[1]) + x[2]; });
    return "Frise de " + year(first) + " à " + year(c.date_reference) + "\u00a0: " + joinWords(parts.length ? parts : ["vide"]) + ".";
  }

  function friseSection(ctx) {
    var meta = ctx.figure.layout.meta;
    return "<section class=\"frise\" aria-labelledby=\"titre-frise\">\n  <h2 id=\"titre-frise\">Frise chronologique</h2>\n" +
      "  <figure class=\"graphique\">\n    <figcaption>\n      <p>" + esc(chartSummary(ctx.c, ctx.ind, ctx.view, ctx.presets.first)) +
      (ctx.pro ? " Les périodes de détention sont grisées sur toute la hauteur\u202f; les fins prévues sont en pointillés." : "") +
      " <a href=\"#chronologie\">Le tableau chronologique</a> reprend tout ce que montre la frise.</p>\n" +
      "      <p class=\"aide-graphique\">" + (ctx.pro
        ? "Survolez un élément pour le détail\u202f; tirez pour zoomer sur une période, double-cliquez pour revenir à la vue entière."
        : "Touchez ou survolez un élément pour le détail.") + "</p>\n    </figcaption>\n" +
      "    <div class=\"commandes-frise\" role=\"group\" aria-label=\"Période affichée\" hidden>\n" +
      "      <span class=\"commandes-titre\" aria-hidden=\"true\">Période\u00a0:</span>\n" +
      list(ctx.presets.list, function (p, i) {
        return "      <button type=\"button\" class=\"bouton\" data-plage='[\"" + esc(p.range[0]) + "\",\"" + esc(p.range[1]) +
          "\"]' aria-pressed=\"" + (i === 0 ? "true" : "false") + "\">" + esc(p.label) + "</button>\n";
      }) + "    </div>\n" +
      "    <div class=\"commandes-frise\" role=\"group\" aria-label=\"Lignes affichées\" hidden>\n" +
      "      <span class=\"commandes-titre\" aria-hidden=\"true\">Lignes\u00a0:</span>\n" +
      list(meta.lanes, function (lane) {
        return "      <button type=\"button\" class=\"bouton bouton-ligne\" data-ligne=\"" + esc(lane.key) + "\" aria-pressed=\"true\">" + esc(lane.label) + "</button>\n";
      }) + "    </div>\n" +
      "    <div id=\"frise-graphique\" class=\"graphique-zone\" role=\"group\" aria-label=\"Frise interactive\u00a0: boutons de zoom et d’export\u202f; le dessin lui-même est décrit par le tableau chronologique\"></div>\n" +
      "    <p class=\"sans-graphique\" hidden>Le graphique n’a pas pu être affiché (script absent ou bloqué). Le tableau chronologique plus bas contient les mêmes informations.</p>\n" +
      "  </figure>\n</section>\n";
  }

  function emptyCell(text) { return "<span class=\"vide\">" + text + "</span>"; }
  function timedList(items) {
    return "<ul class=\"liste-simple\">" + list(items, function (t) {
      return "<li class=\"sens-" + esc(t.event.sens) + "\">" + esc(t.words) + "</li>";
    }) + "</ul>";
  }

  function linksSection(ctx) {
    var links = ctx.links;
    var linked = links.filter(function (l) { return l.same.length || l.before.length; }).length;
    var out = "<section class=\"liens\" aria-labelledby=\"titre-liens\">\n  <h2 id=\"titre-liens\">Au même moment</h2>\n" +
      "  <p class=\"explication\">Pour chaque fait\u00a0: les périodes de vie en cours à sa date («\u00a0au même moment\u00a0») et celles terminées ou les événements survenus dans les 92 jours avant («\u00a0peu avant\u00a0»). Ce tableau montre des coïncidences dans le temps, pas des causes." +
      (links.length ? " " + linked + " fait" + (linked > 1 ? "s" : "") + " sur " + links.length + " " + (linked > 1 ? "ont" : "a") +
        " au moins un événement de vie au même moment ou peu avant." : " Aucun fait n’est noté dans ce dossier.") + "</p>\n";
    if (links.length) {
      out += "  <table class=\"tableau tableau-reflow\">\n    <caption>Ce qui se passait dans la vie à la date de chaque fait</caption>\n" +
        "    <thead><tr><th scope=\"col\">Fait</th><th scope=\"col\">Au même moment</th><th scope=\"col\">Peu avant</th></tr></thead>\n    <tbody>\n" +
        list(links, function (l) {
          return "      <tr>\n        <th scope=\"row\" data-titre=\"Fait\">" + esc(l.when) + " — " + esc(l.what) +
            (l.label ? "<span class=\"precision\">" + esc(l.label) + "</span>" : "") + "</th>\n" +
            "        <td data-titre=\"Au même moment\">" + (l.same.length ? timedList(l.same) : emptyCell("rien de noté")) + "</td>\n" +
            "        <td data-titre=\"Peu avant\">" + (l.before.length ? timedList(l.before) : emptyCell("rien de noté")) + "</td>\n      </tr>\n";
        }) + "    </tbody>\n  </table>\n";
    }
    var difficult = difficultPeriodSentences(ctx.ind);
    if (difficult.length) {
      out += "  <h3>Périodes difficiles\u00a0: part des passages à l’acte et part du temps</h3>\n" +
        "  <p class=\"explication\">Une période qui couvre presque tout le temps en liberté contient presque tous les faits\u00a0: comparez les deux parts.</p>\n" +
        "  <ul>\n" + list(difficult, function (s) { return "<li>" + esc(s) + "</li>"; }) + "\n  </ul>\n";
    }
    return out + "</section>\n";
  }

  function gapsSection(ctx) {
    var gaps = gapRows(ctx.episodes, ctx.gaps);
    if (!gaps.length) return "";
    return "<section class=\"intervalles\" aria-labelledby=\"titre-intervalles\">\n  <h2 id=\"titre-intervalles\">Intervalles sans fait</h2>\n" +
      "  <p class=\"explication\">Jours en liberté (détention retirée) entre la fin d’un passage à l’acte et le début du suivant, puis jusqu’à la date de référence. La dernière ligne est le chiffre «\u00a0Depuis le dernier fait\u00a0».</p>\n" +
      "  <table class=\"tableau tableau-reflow\">\n    <caption>Intervalles sans fait, en jours en liberté</caption>\n" +
      "    <thead><tr><th scope=\"col\">Du</th><th scope=\"col\">Au</th><th scope=\"col\" class=\"nombre\">Jours en liberté</th><th scope=\"col\">Soit</th></tr></thead>\n    <tbody>\n" +
      list(gaps, function (g) {
        return "      <tr" + (g.current ? " class=\"intervalle-actuel\"" : "") + "><td data-titre=\"Du\">" + esc(g.start) + "</td><td data-titre=\"Au\">" +
          esc(g.end) + "</td><td class=\"nombre\" data-titre=\"Jours en liberté\">" + esc(number(g.days)) + "</td><td data-titre=\"Soit\">" + esc(g.duration) + "</td></tr>\n";
      }) + "    </tbody>\n  </table>\n</section>\n";
  }

  function obligationItems(row, dot) {
    return "<ul class=\"liste-simple\">" + list(row.obligations, function (o) {
      return "<li class=\"respect-" + esc(o[1]) + "\">" + esc(o[0]) + dot + "</li>";
    }) + "</ul>";
  }

  function measuresSection(ctx) {
    if (!ctx.measures.length) return "";
    var withObligations = ctx.c.mesures.some(function (m) { return m.obligations.length; });
    var counts = obligationCounts(ctx.ind);
    return "<section class=\"mesures\" aria-labelledby=\"titre-mesures\">\n  <h2 id=\"titre-mesures\">Mesures et obligations</h2>\n" +
      (counts && withObligations ? "  <p class=\"explication\">Obligations\u00a0: " + esc(counts) + ". Sur la frise, une marque par obligation sur la barre de sa mesure.</p>\n" : "") +
      "  <table class=\"tableau tableau-reflow\">\n    <caption>Mesures, dans l’ordre des dates</caption>\n" +
      "    <thead><tr><th scope=\"col\">Mesure</th><th scope=\"col\">Période</th><th scope=\"col\">Fin prévue</th><th scope=\"col\">Issue</th><th scope=\"col\">Obligations et respect</th></tr></thead>\n    <tbody>\n" +
      list(ctx.measures, function (r) {
        return "      <tr>\n        <th scope=\"row\" data-titre=\"Mesure\">" + esc(r.label) + "</th>\n" +
          "        <td data-titre=\"Période\">" + esc(r.period) + "</td>\n        <td data-titre=\"Fin prévue\">" + esc(r.planned || "—") + "</td>\n" +
          "        <td data-titre=\"Issue\">" + esc(r.issue || "—") + "</td>\n" +
          "        <td data-titre=\"Obligations\">" + (r.obligations.length ? obligationItems(r, "") : "—") + "</td>\n      </tr>\n";
      }) + "    </tbody>\n  </table>\n</section>\n";
  }

  function link(url, text) { return url ? "<a href=\"" + esc(url) + "\">" + esc(text) + "</a>" : "<strong>" + esc(text) + "</strong>"; }

  function leadsSection(ctx) {
    var L = catalogueLeads(ctx.c, ctx.catalogueUrl);
    if (!L.any) return "";
    var out = "<section class=\"pistes\" aria-labelledby=\"titre-pistes\">\n  <h2 id=\"titre-pistes\">Pistes dans le catalogue</h2>\n" +
      "  <p class=\"explication\">À partir des périodes difficiles en cours ou terminées depuis moins d’un an. Le catalogue Repère propose des outils pour travailler chaque facteur" +
      (L.catalogue_url ? "" : " (adresse du catalogue non configurée\u00a0: option <code>--catalogue</code>)") + ".</p>\n";
    if (L.leads.length) {
      out += "  <ul class=\"pistes-liste\">\n" + list(L.leads, function (lead) {
        return "    <li>\n      " + link(lead.url, lead.label) + "\n      <ul class=\"liste-simple\">\n" +
          list(lead.periods, function (w) { return "<li>" + esc(w) + "</li>"; }) + "      </ul>\n    </li>\n";
      }) + "  </ul>\n";
    } else {
      out += "  <p>Aucune période difficile en cours ou récente ne correspond à un facteur du catalogue.</p>\n";
    }
    if (L.other.length) {
      out += "  <h3>Autres périodes difficiles en cours ou récentes</h3>\n  <p class=\"explication\">Sans facteur correspondant dans le catalogue.</p>\n  " + simpleList(L.other) + "\n";
    }
    if (L.supports.length) {
      out += "  <h3>Appuis actuels sur lesquels s’appuyer</h3>\n  <p class=\"explication\">Périodes positives en cours à la date de référence (facteurs de protection).</p>\n  " +
        simpleList(L.supports, "sens-positif") + "\n";
    }
    if (L.tools.length) {
      out += "  <h3>Travailler le parcours avec la personne</h3>\n  <ul class=\"liste-simple\">" + list(L.tools, function (t) {
        return "<li>" + link(t.url, t.title) + "\u00a0: l’outil du catalogue pour construire la frise avec la personne.</li>";
      }) + "</ul>\n";
    }
    if (L.past.length) {
      out += "  <h3>Périodes difficiles passées</h3>\n  <p class=\"explication\">Terminées depuis plus d’un an\u00a0: pour mémoire, pas une piste de travail en soi.</p>\n  " + simpleList(L.past) + "\n";
    }
    return out + "</section>\n";
  }

  function phrases(items, cls) {
    return "<ul class=\"phrases\">" + list(items, function (s) {
      return "<li" + (cls ? " class=\"" + cls + "\"" : "") + ">" + esc(s) + "</li>";
    }) + "</ul>";
  }

  function personSections(ctx) {
    var now = strengths(ctx.c), before = pastStrengths(ctx.c);
    var out = "<section class=\"appuis\" aria-labelledby=\"titre-appuis\">\n  <h2 id=\"titre-appuis\">Vos points d’appui</h2>\n";
    if (now.length) out += "  <p>Aujourd’hui, dans votre vie\u00a0:</p>\n  " + phrases(now, "sens-positif") + "\n";
    if (before.length) out += "  <p>Ce que vous avez déjà fait\u00a0:</p>\n  " + phrases(before, "sens-positif") + "\n";
    if (!now.length && !before.length) out += "  <p>Rien n’est encore noté ici. Vous pouvez en parler avec votre conseiller.</p>\n";
    out += "</section>\n<section class=\"liens\" aria-labelledby=\"titre-liens\">\n  <h2 id=\"titre-liens\">Le temps sans nouveau fait</h2>\n";
    var gaps = personGapSentences(ctx.episodes, ctx.gaps);
    var custody = custodySentence(ctx.ind);
    if (custody || gaps.length) {
      out += "  <ul class=\"phrases\">\n" + list(gaps, function (s) { return "<li>" + esc(s) + "</li>"; }) +
        (custody ? "<li>" + esc(custody) + "</li>\n" : "") + "  </ul>\n";
    } else {
      out += "  <p>Aucun fait n’est noté dans votre dossier.</p>\n";
    }
    if (ctx.links.length) {
      out += "  <h3>Dans votre vie, au moment de chaque fait</h3>\n  <ul class=\"faits-vie\">\n" + list(ctx.links, function (l) {
        var groups = personSameTime(l);
        return "    <li><p><strong>" + esc(l.when) + "</strong>\u00a0: " + esc(l.what) + ".</p>\n" +
          (l.label ? "      <p class=\"libelle\">" + esc(l.label) + "</p>\n" : "") +
          (groups.length ? list(groups, function (g) {
            return "      <p>" + esc(g[0]) + "</p>\n      " + phrases(g[1]) + "\n";
          }) : "      <p>Rien n’est noté dans votre vie à ce moment-là.</p>\n") + "    </li>\n";
      }) + "  </ul>\n";
    }
    out += "</section>\n";
    if (ctx.measures.length) {
      out += "<section class=\"mesures\" aria-labelledby=\"titre-mesures\">\n  <h2 id=\"titre-mesures\">Suivi et règles à respecter</h2>\n  <ul class=\"phrases\">\n" +
        list(ctx.measures, function (r) {
          return "    <li>" + esc(r.label) + "\u00a0: " + esc(r.period) + "." + (r.planned ? " Fin prévue\u00a0: " + esc(r.planned) + "." : "") + "\n" +
            (r.obligations.length ? "      " + obligationItems(r, ".") + "\n" : "") + "    </li>\n";
        }) + "  </ul>\n</section>\n";
    }
    return out;
  }

  function categoriesSection(ctx) {
    var isPro = ctx.pro;
    var out = "<section class=\"categories\" aria-labelledby=\"titre-categories\">\n  <h2 id=\"titre-categories\">" +
      (isPro ? "Catégories et gravité des faits dans le temps" : "Vos faits dans le temps") + "</h2>\n";
    if (!ctx.gravity) {
      return out + "  <p>" + (isPro ? "Aucun fait n’est noté dans ce dossier." : "Aucun fait n’est noté dans votre dossier.") + "</p>\n</section>\n";
    }
    var hasTrend = isPro && ctx.ind.tendance_gravite !== null;
    var gravities = Object.keys(V.gravite).map(function (g) { return gravityWords(g, ctx.view); });
    out += "  <figure class=\"graphique\">\n    <figcaption>\n      <p>" + (isPro
      ? "Chaque fait à sa date et à sa gravité (contravention, délit, crime), en couleur selon sa catégorie, la forme selon la gravité" +
        (hasTrend ? "\u202f; la ligne en tirets est la tendance de la gravité (droite des moindres carrés)" : "") + ". Le tableau ci-dessous donne le même contenu."
      : "Chaque fait à sa date. Le tableau dessous dit la même chose.") + "</p>\n    </figcaption>\n" +
      "    <div id=\"frise-gravite\" class=\"graphique-zone graphique-petit\" role=\"group\" aria-label=\"Graphique interactif de la gravité des faits\u202f; le tableau qui suit donne le même contenu\"></div>\n  </figure>\n" +
      "  <table class=\"tableau tableau-reflow\">\n    <caption>Faits par catégorie</caption>\n    <thead>\n      <tr>\n" +
      "        <th scope=\"col\">Catégorie</th>\n        <th scope=\"col\" class=\"nombre\">Faits</th>\n        " +
      list(gravities, function (g) { return "<th scope=\"col\" class=\"nombre\">" + esc(g) + "</th>"; }) + "\n" +
      "        <th scope=\"col\">Premier</th>\n        <th scope=\"col\">Dernier</th>\n      </tr>\n    </thead>\n    <tbody>\n" +
      list(categoryRows(ctx.c, ctx.view), function (r) {
        return "      <tr>\n        <th scope=\"row\" data-titre=\"Catégorie\">" + esc(r.label) + (r.violent ? " <span class=\"etiquette\">violences physiques</span>" : "") + "</th>\n" +
          "        <td class=\"nombre\" data-titre=\"Faits\">" + r.count + "</td>\n        " +
          list(r.byGravity, function (n, i) { return "<td class=\"nombre\" data-titre=\"" + esc(gravities[i]) + "\">" + n + "</td>"; }) + "\n" +
          "        <td data-titre=\"Premier\">" + esc(r.first) + "</td>\n        <td data-titre=\"Dernier\">" + esc(r.last) + "</td>\n      </tr>\n";
      }) + "    </tbody>\n  </table>\n</section>\n";
    return out;
  }

  function tableSection(ctx) {
    var rows = chronology(ctx.c, ctx.view);
    return "<section class=\"chronologie\" aria-labelledby=\"chronologie\">\n  <h2 id=\"chronologie\" tabindex=\"-1\">Tableau chronologique</h2>\n" +
      "  <p class=\"copie\"><button type=\"button\" class=\"bouton\" data-copier=\"tableau-chronologique\" hidden>Copier le tableau</button></p>\n" +
      "  <table class=\"tableau tableau-reflow\" id=\"tableau-chronologique\">\n    <caption>Tout le contenu de la frise, dans l’ordre des dates (" +
      rows.length + " ligne" + (rows.length > 1 ? "s" : "") + ")</caption>\n    <thead>\n      <tr>\n" +
      "        <th scope=\"col\">Date</th>\n        <th scope=\"col\">Fin</th>\n        <th scope=\"col\">Type</th>\n        <th scope=\"col\">Description</th>\n        <th scope=\"col\">Précisions</th>\n      </tr>\n    </thead>\n    <tbody>\n" +
      list(rows, function (r) {
        var end = r.end[1] === null ? "en cours" : r.end[0] ? "<time datetime=\"" + esc(r.end[0]) + "\">" + esc(r.end[1]) + "</time>" : "—";
        return "      <tr>\n        <td data-titre=\"Date\"><time datetime=\"" + esc(r.start[0]) + "\">" + esc(r.start[1]) + "</time></td>\n" +
          "        <td data-titre=\"Fin\">" + end + "</td>\n        <td data-titre=\"Type\">" + esc(r.kind) + "</td>\n" +
          "        <th scope=\"row\" data-titre=\"Description\">" + esc(r.description) + "</th>\n        <td data-titre=\"Précisions\">" + esc(r.details) + "</td>\n      </tr>\n";
      }) + "    </tbody>\n  </table>\n</section>\n";
  }

  // --- the page -----------------------------------------------------------------------------
  function context(c, ind, view, catalogueUrl) {
    var fig = FIGURE.build(c, view);
    var episodes = episodesOf(c);
    return {
      c: c, ind: ind, view: view, pro: pro(view), figure: fig, gravity: FIGURE.buildGravity(c, ind, view),
      presets: FIGURE.presets(c, ind), episodes: episodes, gaps: gapsOf(c, episodes), links: sameTime(c, view),
      measures: measureRows(c, view), catalogueUrl: catalogueUrl === undefined ? P.leads.catalogue_url : catalogueUrl
    };
  }

  /** The sections under the chart (`<div class="suite">` of page.html.j2), as HTML. */
  function suite(ctx) {
    return suiteParts(ctx).join("");
  }

  /** The same, one HTML text per <section> (the atelier replaces only those that changed). */
  function suiteParts(ctx) {
    var out = ctx.pro
      ? linksSection(ctx) + gapsSection(ctx) + measuresSection(ctx) + leadsSection(ctx)
      : personSections(ctx);
    return (out + categoriesSection(ctx) + tableSection(ctx)).split(/(?<=<\/section>\n)/)
      .filter(function (part) { return part; });
  }

  /** The sections under the charts for the atelier's display, one HTML text per section: only
   * what they read is computed (not the main chart); ``gravity`` is the gravity figure already
   * built, or null. */
  function suiteHtml(c, ind, view, gravity, catalogueUrl) {
    var episodes = episodesOf(c);
    return suiteParts({
      c: c, ind: ind, view: view, pro: pro(view), gravity: gravity, episodes: episodes, gaps: gapsOf(c, episodes),
      links: sameTime(c, view), measures: measureRows(c, view),
      catalogueUrl: catalogueUrl === undefined ? P.leads.catalogue_url : catalogueUrl
    });
  }

  /** The main part of the page: cards, chart section, then the suite. */
  function main(c, ind, view, catalogueUrl) {
    var ctx = context(c, ind, view, catalogueUrl);
    return { ctx: ctx, html: cardsSection(ctx) + friseSection(ctx) + "<div class=\"suite\">\n" + suite(ctx) + "</div>\n" };
  }

  function scriptJson(value) {   // render.script_json
    return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026")
      .replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  }

  /** The whole standalone page `frise` writes for this case; ``plotly`` is the bundle's text.
   * Around <main>, the frame is render.py's own (DATA.page.shells, rendered at build time with
   * placeholders for the case's three values), so head, CSP, styles, brand, footer and script
   * are the page's, whatever they become. */
  function page(c, ind, view, plotly, catalogueUrl) {
    var built = main(c, ind, view, catalogueUrl);
    var ctx = built.ctx;
    var shell = P.shells[view];
    var figures = { "frise-graphique": ctx.figure };
    if (ctx.gravity) figures["frise-gravite"] = ctx.gravity;
    var values = {
      dossier: esc(c.dossier),
      naissance: esc(c.annee_naissance + " (" + ageAt(c.date_reference, c.annee_naissance) + " en " + year(c.date_reference) + ")"),
      reference: esc(dateWords(c.date_reference)),
      figures: scriptJson(figures)
    };
    function fill(text) { return text.replace(/@@(dossier|naissance|reference|figures)@@/g, function (_, name) { return values[name]; }); }
    // One pass per part: a case value can never be read as a placeholder.
    return fill(shell.head) + "\n" + built.html + fill(shell.between) + fill(shell.before_plotly) + plotly + shell.after;
  }

  return { main: main, page: page, suiteParts: suiteHtml, chronology: chronology };
}));
