/* Repère — the frise page's indicator cards in JavaScript: plain_words.professional_cards and
 * person_cards, ported line by line, so that the atelier shows the very cards of the `frise`
 * page (label, value, counts, definition), in both views.
 *
 * Python is the reference; tests/test_atelier_differential.py compares the cards of every
 * example, fixture and random case. Input: the validated case of case_engine.js and the
 * indicators of indicators.js (the `--json` object). Thresholds, labels and months come from
 * the Python declarations (atelier-data.js: DATA.cards, DATA.vocabularies, DATA.months).
 * Classic script (window.RepereCards); also a CommonJS module for Node tests.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = { create: factory };
  else root.RepereCards = factory(root.RepereAtelierData);
}(this, function (DATA) {
  "use strict";

  var K = DATA.cards;
  var V = DATA.vocabularies;
  var NBSP = "\u00a0";
  var MS_PER_DAY = 86400000;

  // --- french.py ---------------------------------------------------------------------------
  function fixed(value, decimals) {   // f"{value:.{decimals}f}": the exact value, ties to even
    var scale = Math.pow(10, decimals);
    var v = value * scale;
    if (Number.isInteger(2 * v) && !Number.isInteger(v) && v / scale === value) {
      var even = 2 * Math.round(v / 2);
      return (even / scale).toFixed(decimals);
    }
    return value.toFixed(decimals);
  }
  function number(value, decimals) {
    var text = fixed(value, decimals || 0);
    var negative = text.charAt(0) === "-";
    if (negative) text = text.slice(1);
    var parts = text.split(".");
    var out = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, NBSP) + (parts[1] ? "," + parts[1] : "");
    if (/^[0,\u00a0]*$/.test(out)) negative = false;   // no "-0,00"
    return (negative ? "\u2212" : "") + out;
  }
  function plural(count, singular, pluralForm) {
    return number(count) + NBSP + (Math.abs(count) < 2 ? singular : (pluralForm || singular + "s"));
  }
  function roundHalfEven(x) {
    return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x);
  }
  function duration(days) {
    if (days < 31) return plural(days, "jour");
    var months = roundHalfEven(days / (K.days_per_year / 12));
    var years = Math.floor(months / 12);
    months -= years * 12;
    if (years === 0) return number(months) + NBSP + "mois";
    var text = plural(years, "an");
    return months ? text + " et " + number(months) + NBSP + "mois" : text;
  }
  function day(iso) { var p = iso.split("-"); return Date.UTC(+p[0], +p[1] - 1, +p[2]) / MS_PER_DAY; }

  // --- page_words.py -----------------------------------------------------------------------
  function precision(text) { return ["year", "month", "day"][Math.min(text.replace(/\//g, "-").split("-").length, 3) - 1]; }
  function dateWords(iso, written) {
    var kind = written ? precision(written) : "day";
    if (kind === "year") return iso.slice(0, 4);
    if (kind === "month") return DATA.months[+iso.slice(5, 7) - 1] + " " + iso.slice(0, 4);
    return iso.slice(8, 10) + "/" + iso.slice(5, 7) + "/" + iso.slice(0, 4);
  }
  function ageWords(age) {
    if (age === null) return "—";
    return age.min === age.max ? age.min + NBSP + "ans" : age.min + " ou " + age.max + NBSP + "ans";
  }
  function categoryLabel(slug) { return V.categorie[slug].split(" (")[0]; }

  // --- plain_words.py ----------------------------------------------------------------------
  function card(label, value, definition, note) { return { label: label, value: value, definition: definition, note: note || "" }; }
  function days(value) { return plural(value, "jour"); }
  function about(value) { return value === null || value < 62 ? "" : "≈ " + duration(value); }
  function episodes(count) { return count + " passage" + (count > 1 ? "s" : "") + " à l’acte"; }
  function rate(value) { return number(value, 2) + " par an"; }
  function withheldRate(count) {
    if (count < K.min_episodes) return "moins de " + K.min_episodes + " passages à l’acte";
    return "moins de " + number(K.min_liberty_days) + " jours en liberté";
  }
  function offenceWhen(o) {
    var when = dateWords(o.date, o.date_text);
    return o.fin !== null ? "de " + when + " à " + dateWords(o.fin, o.fin_text) : when;
  }
  function offenceDate(c, iso) {
    for (var i = 0; i < c.faits.length; i += 1) {
      if (c.faits[i].date === iso) return dateWords(c.faits[i].date, c.faits[i].date_text);
    }
    return dateWords(iso);
  }
  function obligationCounts(ind) {
    return Object.keys(V.respect).map(function (slug) {
      var count = ind.obligations[slug] || 0;
      var word = V.respect[slug].toLowerCase();
      if (count > 1 && slug !== "en_cours") word = word.replace("respectée", "respectées");
      return count + " " + word;
    }).join(", ");
  }

  function professional(c, ind) {
    var custodyRunning = c.mesures.some(function (m) { return K.custody_types.indexOf(m.type) !== -1 && m.fin === null; });
    var cards = [
      card("Passages à l’acte", number(ind.nb_episodes),
        "Faits datés du même jour comptés une fois\u202f; un fait sur une période compte pour un.",
        plural(ind.nb_faits, "infraction") + " au dossier"),
      card("Condamnations", number(ind.nb_condamnations),
        "Condamnations jugeant au moins un fait encore jamais jugé\u00a0: un appel ne compte pas deux fois.",
        "sur " + plural(ind.nb_decisions, "décision")),
      card("Âge au premier fait", ageWords(ind.age_premier_fait),
        "D’après l’année de naissance seule\u202f; plafonné à 17 ans si un tribunal pour enfants l’a jugé."),
      card("Âge à la première condamnation", ageWords(ind.age_premiere_condamnation),
        "D’après l’année de naissance seule, à la date de la décision."),
      categoriesCard(ind), mostSeriousCard(c, ind), gravityTrendCard(ind),
      card("Faits violents", number(ind.nb_faits_violents),
        "Violences physiques contre une personne (menaces et outrages n’en sont pas).",
        "dernier\u00a0: " + (ind.dernier_fait_violent ? offenceDate(c, ind.dernier_fait_violent) : "aucun")),
      card("Temps en détention", days(ind.jours_detention),
        "Détention, détention provisoire et semi-liberté réunies\u202f; les chevauchements comptent une fois.",
        ind.nb_periodes_detention
          ? "en " + plural(ind.nb_periodes_detention, "période") + (about(ind.jours_detention) ? ", " + about(ind.jours_detention) : "")
          : "aucune détention au dossier"),
      libertyCard(c, ind), frequencyCard(ind), trendCard(ind), sinceOffenceCard(ind), sinceReleaseCard(ind, custodyRunning),
      card("Plus long intervalle sans fait",
        ind.plus_long_intervalle_jours === null ? "—" : days(ind.plus_long_intervalle_jours),
        "Jours en liberté entre deux passages à l’acte, ou depuis le dernier (tableau des intervalles).",
        about(ind.plus_long_intervalle_jours)),
      card("Révocations et incidents", ind.nb_revocations + " / " + ind.nb_incidents,
        "Mesures terminées par une révocation / par un incident.")
    ];
    var obligations = Object.keys(ind.obligations).reduce(function (sum, k) { return sum + ind.obligations[k]; }, 0);
    if (obligations) {
      cards.push(card("Obligations", number(obligations),
        "Obligations des mesures, selon leur respect (tableau des mesures).", obligationCounts(ind)));
    }
    return cards;
  }

  function categoriesCard(ind) {
    // In the vocabulary's order, as indicators.category_counts gives them.
    var listed = Object.keys(V.categorie).filter(function (slug) { return ind.categories[slug]; }).map(function (slug) {
      return categoryLabel(slug).toLowerCase() + " " + ind.categories[slug];
    }).join(", ") || "aucune";
    var note = ind.nb_faits >= K.min_diversity_offences
      ? "indice de diversité " + number(ind.indice_diversite, 2) + " (0 à 1)"
      : "indice de diversité non affiché\u00a0: moins de " + K.min_diversity_offences + " faits";
    return card("Catégories d’infractions", ind.nb_categories + " sur " + Object.keys(V.categorie).length,
      "Faits par catégorie\u00a0: " + listed + ".", note);
  }

  function mostSeriousCard(c, ind) {
    if (ind.fait_le_plus_grave === null) return card("Fait le plus grave", "—", "Aucun fait au dossier.");
    var o = c.faits.filter(function (f) { return f.id === ind.fait_le_plus_grave.id; })[0];
    return card("Fait le plus grave", V.gravite[o.gravite].toLowerCase() + ", " + offenceWhen(o),
      "Crime, puis délit, puis contravention\u202f; le plus récent à gravité égale.", categoryLabel(o.categorie));
  }

  function gravityTrendCard(ind) {
    var definition = "Pente par an de la gravité (contravention 1, délit 2, crime 3), droite des " +
      "moindres carrés\u00a0: négative = faits moins graves avec le temps.";
    if (ind.tendance_gravite === null) {
      var why = ind.nb_episodes < K.min_episodes_gravity ? "moins de " + K.min_episodes_gravity + " passages à l’acte"
        : "tous les faits le même jour";
      return card("Tendance de la gravité", "non calculée", definition, why);
    }
    var text = number(ind.tendance_gravite, 3);
    var sign = ind.tendance_gravite > 0 ? "+" : "";
    return card("Tendance de la gravité", sign + text + " par an", definition,
      "sur " + plural(ind.nb_faits, "fait") + " (" + episodes(ind.nb_episodes) + ")");
  }

  function libertyCard(c, ind) {
    if (ind.jours_liberte === null || !c.faits.length) return card("Temps en liberté", "—", "Aucun fait\u00a0: pas de période observée.");
    var start = c.faits.reduce(function (first, o) { return o.date < first ? o.date : first; }, c.faits[0].date);
    return card("Temps en liberté", days(ind.jours_liberte),
      "Du premier passage à l’acte (" + dateWords(start) + ") à la date de référence, hors détention.",
      about(ind.jours_liberte));
  }

  function frequencyCard(ind) {
    var definition = "Passages à l’acte ÷ années passées en liberté depuis le premier.";
    var counts = episodes(ind.nb_episodes) + " en " + duration(ind.jours_liberte || 0) + " de liberté";
    if (ind.lambda_par_an === null) {
      return card("Fréquence", "non calculée", definition, withheldRate(ind.nb_episodes, ind.jours_liberte) + " (" + counts + ")");
    }
    return card("Fréquence", rate(ind.lambda_par_an), definition, counts);
  }

  function recentWords(ind) {
    var trend = ind.tendance_frequence;
    var liberty = trend.jours_liberte_recent !== null ? trend.jours_liberte_recent : 0;
    return "les 3 dernières années (" + number(K.recent_days) + " jours, dont " + number(liberty) + " en liberté)";
  }

  function trendCard(ind) {
    var trend = ind.tendance_frequence;
    if (ind.nb_episodes === 0) return card("Fréquence récente", "non calculée", "Aucun passage à l’acte au dossier.");
    var recentDays = trend.jours_liberte_recent || 0;
    var beforeDays = trend.jours_liberte_avant || 0;
    var value = trend.recent === null ? "non calculée" : rate(trend.recent);
    var note = episodes(trend.episodes_recent) + " sur " + recentWords(ind);
    if (trend.recent === null) note = withheldRate(ind.nb_episodes, recentDays) + "\u00a0: " + note;
    var before = episodes(trend.episodes_avant) + " en " + number(beforeDays) + " jours de liberté";
    before = trend.avant === null ? "non calculée, " + withheldRate(ind.nb_episodes, beforeDays) + " (" + before + ")"
      : rate(trend.avant) + " (" + before + ")";
    return card("Fréquence récente", value, "Avant ces 3 ans\u00a0: " + before + ".", note);
  }

  function sinceOffenceCard(ind) {
    var value = ind.jours_depuis_dernier_fait === null ? "—" : days(ind.jours_depuis_dernier_fait) + " en liberté";
    return card("Depuis le dernier fait", value,
      "Jours en liberté depuis la fin du dernier passage à l’acte (dernière ligne du tableau des intervalles).",
      about(ind.jours_depuis_dernier_fait));
  }

  function sinceReleaseCard(ind, custodyRunning) {
    var definition = "Jours de calendrier depuis la fin de la dernière détention.";
    if (custodyRunning) return card("Depuis la dernière sortie", "en détention", definition, "détention en cours à la date de référence");
    if (ind.jours_depuis_derniere_sortie === null) return card("Depuis la dernière sortie", "—", definition, "aucune détention au dossier");
    return card("Depuis la dernière sortie", days(ind.jours_depuis_derniere_sortie), definition, about(ind.jours_depuis_derniere_sortie));
  }

  function person(ind) {
    var cards = [
      card("Faits notés", number(ind.nb_faits), "Les faits notés dans votre dossier."),
      card("Jugements", number(ind.nb_decisions), "Les décisions des juges.")
    ];
    if (ind.age_premier_fait !== null) cards.push(card("Premier fait", "à " + ageWords(ind.age_premier_fait), "Votre âge au premier fait noté."));
    if (ind.nb_periodes_detention) {
      cards.push(card("Temps en prison", duration(ind.jours_detention), "En tout, en " + plural(ind.nb_periodes_detention, "fois", "fois") + "."));
    }
    if (ind.jours_depuis_dernier_fait !== null) {
      cards.push(card("Depuis le dernier fait", duration(ind.jours_depuis_dernier_fait), "Le temps passé dehors sans nouveau fait."));
    }
    if (ind.jours_depuis_derniere_sortie !== null) {
      cards.push(card("Depuis la sortie de prison", duration(ind.jours_depuis_derniere_sortie), "Le temps passé depuis votre dernière sortie."));
    }
    if (ind.plus_long_intervalle_jours) {
      cards.push(card("Plus longue période sans fait", duration(ind.plus_long_intervalle_jours), "Le temps dehors sans nouveau fait, au plus long."));
    }
    return cards;
  }

  /** The cards of the frise page for ``view``; each names its `--json` key when it has one. */
  function build(c, ind, view) {
    var cards = view === "personne" ? person(ind) : professional(c, ind);
    cards.forEach(function (x) { x.indicateur = DATA.card_indicators[x.label] || null; });
    return cards;
  }

  return { build: build, number: number, duration: duration };
}));
