/* Repère — the case-file indicators in JavaScript, for the browser atelier.
 *
 * Written from the "Exact definitions" of docs/spec/case-file.md (version 2), independently of the
 * Python reference (generator/timeline/indicators.py); tests/test_indicators_differential.py runs
 * both on the same cases and asserts identical JSON. Input: a validated case as plain data, every
 * date already resolved to "YYYY-MM-DD" (partial dates to their first day):
 *   {dossier, annee_naissance, date_reference,
 *    faits: [{id, date, fin|null, categorie, gravite}],
 *    decisions: [{id, date, faits: [ids], juridiction, nature}],
 *    mesures: [{type, debut, fin|null, issue|null, obligations: [{type, respect|null}]}],
 *    vie: [{domaine, debut, fin|null, point: bool, sens}]}
 * Output: the object printed by `frise --json`, keys in the contract's order.
 * Classic script (no modules: pages open from file://); also a CommonJS module for Node tests.
 */
(function (root) {
  "use strict";

  var DAYS_PER_YEAR = 365.25;
  var RECENT_DAYS = 1096;
  var LINK_DAYS = 92;
  var WITHHELD_EPISODES = 3;
  var WITHHELD_DAYS = 365;
  var CUSTODY = { detention: true, detention_provisoire: true, semi_liberte: true };
  var VIOLENT = {
    homicide: true, violences: true, violences_conjugales: true, sexuelles: true, vol_violence: true
  };
  var NB_CATEGORIES = 14;
  var GRAVITY = { contravention: 1, delit: 2, crime: 3 };
  var JUVENILE = { tribunal_enfants: true, juge_enfants: true };
  var RESPECT = ["respectee", "partiellement", "non_respectee", "en_cours"];

  // Days since 1970-01-01 of an ISO date (UTC, so no daylight-saving hour creeps in).
  function day(iso) {
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]) / 86400000;
  }
  function iso(d) {
    return new Date(d * 86400000).toISOString().slice(0, 10);
  }
  function year(iso) {
    return +iso.slice(0, 4);
  }

  // Round half away from zero on the shortest decimal form of the number, as Python's
  // Decimal(repr(x)).quantize(…, ROUND_HALF_UP) does (0.125 → 0.13, 1.005 → 1.01).
  function round(x, decimals) {
    if (x === null) return null;
    var negative = x < 0;
    var text = Math.abs(x).toString();
    if (text.indexOf("e") >= 0) text = Math.abs(x).toFixed(20);
    var parts = text.split(".");
    var whole = parts[0];
    var frac = (parts[1] || "") + "0".repeat(decimals + 1);
    var kept = whole + frac.slice(0, decimals);
    var value = BigInt(kept);
    if (+frac.charAt(decimals) >= 5) value += 1n;
    var result = Number(value) / Math.pow(10, decimals);
    result = +result.toFixed(decimals);
    return negative && result !== 0 ? -result : result;
  }

  // Union of [start, end) spans; touching spans merge (a zero-length span is still a spell).
  function union(spans) {
    var sorted = spans.slice().sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    sorted.forEach(function (span) {
      var last = merged[merged.length - 1];
      if (last && span[0] <= last[1]) {
        last[1] = Math.max(last[1], span[1]);
      } else {
        merged.push([span[0], span[1]]);
      }
    });
    return merged;
  }

  function overlap(spans, a, b) {
    var total = 0;
    spans.forEach(function (s) {
      var lo = Math.max(s[0], a), hi = Math.min(s[1], b);
      if (hi > lo) total += hi - lo;
    });
    return total;
  }

  function compute(c) {
    var ref = day(c.date_reference);
    var offences = c.faits.map(function (f, i) {
      return {
        id: f.id, start: day(f.date), end: f.fin ? day(f.fin) : null, categorie: f.categorie,
        gravite: f.gravite, order: i, date: f.date
      };
    });
    var byStart = offences.slice().sort(function (a, b) { return a.start - b.start || a.order - b.order; });

    var custodyPeriods = c.mesures.filter(function (m) { return CUSTODY[m.type]; });
    var spells = union(custodyPeriods.map(function (m) {
      return [day(m.debut), m.fin ? day(m.fin) : ref];
    }));
    var custodyRuns = custodyPeriods.some(function (m) { return !m.fin; });
    function liberty(a, b) {
      return b > a ? (b - a) - overlap(spells, a, b) : 0;
    }

    var episodes = episodesOf(offences);
    var out = {};
    out.dossier = c.dossier;
    out.nb_faits = offences.length;
    out.nb_episodes = episodes.length;
    out.nb_decisions = c.decisions.length;
    var convictions = countedConvictions(c.decisions);
    out.nb_condamnations = convictions.length;
    out.age_premier_fait = offences.length ? firstOffenceAge(c, byStart[0]) : null;
    out.age_premiere_condamnation = offences.length && convictions.length
      ? ageRange(year(convictions[0].date) - c.annee_naissance, null) : null;
    var categories = {};
    offences.forEach(function (o) { categories[o.categorie] = (categories[o.categorie] || 0) + 1; });
    out.categories = categories;
    out.nb_categories = Object.keys(categories).length;
    out.indice_diversite = diversity(categories, offences.length);
    var violent = offences.filter(function (o) { return VIOLENT[o.categorie]; });
    out.nb_faits_violents = violent.length;
    out.dernier_fait_violent = violent.length
      ? iso(Math.max.apply(null, violent.map(function (o) { return o.start; }))) : null;
    out.fait_le_plus_grave = mostSerious(offences);
    out.jours_detention = spells.reduce(function (t, s) { return t + (s[1] - s[0]); }, 0);
    out.nb_periodes_detention = spells.length;
    out.nb_revocations = c.mesures.filter(function (m) { return m.issue === "revocation"; }).length;
    out.nb_incidents = c.mesures.filter(function (m) { return m.issue === "incident"; }).length;
    var obligations = {};
    RESPECT.forEach(function (r) { obligations[r] = 0; });
    c.mesures.forEach(function (m) {
      (m.obligations || []).forEach(function (o) {
        if (o.respect in obligations) obligations[o.respect] += 1;
      });
    });
    out.obligations = obligations;

    if (!offences.length) {
      out.jours_liberte = null;
      out.lambda_par_an = null;
      out.intervalles = [];
      out.plus_long_intervalle_jours = null;
      out.jours_depuis_dernier_fait = null;
      out.jours_depuis_derniere_sortie = sinceRelease(spells, custodyRuns, ref);
      out.tendance_frequence = {
        recent: null, avant: null, episodes_recent: 0, episodes_avant: 0,
        jours_liberte_recent: null, jours_liberte_avant: null
      };
      out.tendance_gravite = null;
      out.liens = [];
      out.part_episodes_periodes_negatives = {};
      out.part_temps_periodes_negatives = {};
      return out;
    }

    var windowStart = byStart[0].start;
    var daysFree = liberty(windowStart, ref);
    out.jours_liberte = daysFree;
    out.lambda_par_an = rate(episodes.length, daysFree, episodes.length);
    var gaps = offenceFreeGaps(episodes, ref, liberty);
    out.intervalles = gaps;
    out.plus_long_intervalle_jours = Math.max.apply(null, gaps);
    out.jours_depuis_dernier_fait = gaps[gaps.length - 1];
    out.jours_depuis_derniere_sortie = sinceRelease(spells, custodyRuns, ref);
    var cut = ref - RECENT_DAYS;
    var recentEpisodes = episodes.filter(function (e) { return e.start >= cut; }).length;
    var earlierEpisodes = episodes.length - recentEpisodes;
    var recentDays = liberty(Math.max(cut, windowStart), ref);
    var earlierDays = windowStart >= cut ? 0 : liberty(windowStart, cut);
    out.tendance_frequence = {
      recent: rate(recentEpisodes, recentDays, episodes.length),
      avant: rate(earlierEpisodes, earlierDays, episodes.length),
      episodes_recent: recentEpisodes,
      episodes_avant: earlierEpisodes,
      jours_liberte_recent: recentDays,
      jours_liberte_avant: earlierDays
    };
    out.tendance_gravite = gravityTrend(offences, episodes.length);
    out.liens = byStart.map(function (o) {
      return { fait: o.id, evenements: sameTime(c.vie, o.start, ref) };
    });
    var shares = difficultShares(c.vie, episodes, ref, windowStart, daysFree, spells);
    out.part_episodes_periodes_negatives = shares.episodes;
    out.part_temps_periodes_negatives = shares.time;
    return out;
  }

  // Offences without `fin` on the same day are one episode; an offence with `fin` is its own.
  function episodesOf(offences) {
    var sameDay = {};
    var episodes = [];
    offences.forEach(function (o) {
      if (o.end !== null) {
        episodes.push({ start: o.start, end: o.end });
      } else if (!(o.start in sameDay)) {
        sameDay[o.start] = true;
        episodes.push({ start: o.start, end: o.start });
      }
    });
    return episodes.sort(function (a, b) { return a.start - b.start || a.end - b.end; });
  }

  // Episodes ÷ years at liberty, withheld below 3 episodes in all or 365 days at liberty.
  function rate(count, days, totalEpisodes) {
    if (totalEpisodes < WITHHELD_EPISODES || days < WITHHELD_DAYS) return null;
    return round(count / (days / DAYS_PER_YEAR), 2);
  }

  function ageRange(y, cap) {
    var max = cap === null ? y : Math.min(y, cap);
    return { min: y - 1, max: max };
  }

  function firstOffenceAge(c, first) {
    var y = year(first.date) - c.annee_naissance;
    var judging = c.decisions
      .map(function (d, i) { return { d: d, i: i }; })
      .filter(function (x) { return x.d.faits.indexOf(first.id) >= 0; })
      .sort(function (a, b) { return day(a.d.date) - day(b.d.date) || a.i - b.i; });
    var juvenile = judging.length && JUVENILE[judging[0].d.juridiction];
    return ageRange(y, juvenile ? 17 : null);
  }

  // Condamnations judging at least one offence no earlier condamnation judged (appeals don't count).
  function countedConvictions(decisions) {
    var judged = {};
    return decisions
      .map(function (d, i) { return { d: d, i: i }; })
      .filter(function (x) { return (x.d.nature || "condamnation") === "condamnation"; })
      .sort(function (a, b) { return day(a.d.date) - day(b.d.date) || a.i - b.i; })
      .filter(function (x) {
        var isNew = x.d.faits.some(function (id) { return !judged[id]; });
        x.d.faits.forEach(function (id) { judged[id] = true; });
        return isNew;
      })
      .map(function (x) { return x.d; });
  }

  function diversity(categories, total) {
    if (total <= 1) return 0;
    var sum = 0;
    Object.keys(categories).forEach(function (k) {
      var p = categories[k] / total;
      sum += p * p;
    });
    return round((1 - sum) / (1 - 1 / NB_CATEGORIES), 2);
  }

  function mostSerious(offences) {
    var best = null;
    offences.forEach(function (o) {
      if (best === null || GRAVITY[o.gravite] > GRAVITY[best.gravite] ||
          (GRAVITY[o.gravite] === GRAVITY[best.gravite] && o.start >= best.start)) {
        best = o;
      }
    });
    return best === null ? null : { id: best.id, gravite: best.gravite, date: iso(best.start) };
  }

  function offenceFreeGaps(episodes, ref, liberty) {
    var reach = episodes[0].end;
    var gaps = [];
    episodes.slice(1).forEach(function (e) {
      if (e.start > reach) gaps.push(liberty(reach, e.start));
      reach = Math.max(reach, e.end);
    });
    gaps.push(liberty(reach, ref));
    return gaps;
  }

  function sinceRelease(spells, custodyRuns, ref) {
    if (!spells.length || custodyRuns) return null;
    var lastEnd = Math.max.apply(null, spells.map(function (s) { return s[1]; }));
    return ref - lastEnd;
  }

  // Least-squares slope of gravity against the start date in years, one point per offence.
  function gravityTrend(offences, nbEpisodes) {
    if (nbEpisodes < 5) return null;
    var n = offences.length;
    var mx = 0, my = 0;
    offences.forEach(function (o) { mx += o.start; my += GRAVITY[o.gravite]; });
    mx /= n; my /= n;
    var sxy = 0, sxx = 0;
    offences.forEach(function (o) {
      sxy += (o.start - mx) * (GRAVITY[o.gravite] - my);
      sxx += (o.start - mx) * (o.start - mx);
    });
    if (sxx === 0) return null;
    return round(sxy / sxx * DAYS_PER_YEAR, 3);
  }

  function lifeSpan(event, ref) {
    var start = day(event.debut);
    if (event.point) return [start, start];
    return [start, event.fin ? day(event.fin) : ref];
  }

  function sameTime(vie, s, ref) {
    var found = [];
    vie.forEach(function (event, index) {
      var span = lifeSpan(event, ref);
      var hit = event.point
        ? s - LINK_DAYS <= span[0] && span[0] <= s
        : (span[0] <= s && s < span[1]) || (s - LINK_DAYS <= span[1] && span[1] <= s);
      if (hit) found.push(index);
    });
    return found;
  }

  function difficultShares(vie, episodes, ref, windowStart, daysFree, spells) {
    var byDomain = {};
    vie.forEach(function (event) {
      if (event.point || event.sens !== "negatif") return;
      (byDomain[event.domaine] = byDomain[event.domaine] || []).push(lifeSpan(event, ref));
    });
    var result = { episodes: {}, time: {} };
    Object.keys(byDomain).sort().forEach(function (domain) {
      var spans = byDomain[domain];
      var during = episodes.filter(function (e) {
        return spans.some(function (s) { return s[0] <= e.start && e.start < s[1]; });
      }).length;
      result.episodes[domain] = round(during / episodes.length, 2);
      if (daysFree === 0) {
        result.time[domain] = null;
        return;
      }
      var covered = 0;
      union(spans).forEach(function (s) {
        var lo = Math.max(s[0], windowStart), hi = Math.min(s[1], ref);
        if (hi > lo) covered += (hi - lo) - overlap(spells, lo, hi);
      });
      result.time[domain] = round(covered / daysFree, 2);
    });
    return result;
  }

  var api = { compute: compute, round: round };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.RepereIndicators = api;
})(this);
