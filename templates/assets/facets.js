/* Repère's one facet engine: the filters of the catalogue page (assets/catalogue.js) and of the
 * search results (assets/search.js), over the one data file window.REPERE_CATALOGUE
 * (assets/catalogue-data.js, built by generator/catalogue/facets.py).
 *
 * The groups (name, legend, options) come from the data: a facet declared in Python appears in
 * both UIs with no change here. Within a group, options add up (OR); across groups, they narrow
 * (AND). An entry without values for a filtered group (a method page) is filtered out.
 * A chosen filter set is {group name: [values]}; in the address it reads
 * #facteur=addictions,loisirs&modalite=collectif.
 * Classic script (window.RepereFacets), no module: the site works from file://. Loads in Node too. */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.RepereFacets = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var KINDS = ["tools", "programmes"]; // entry lists of the data, by kind number (0 tool, 1 programme)

  function Facets(data) {
    this.data = data;
    this.groups = data.groups || [];
    this.names = this.groups.map(function (group) { return group.name; });
    this.labels = {};
    var labels = this.labels;
    this.groups.forEach(function (group) {
      var map = labels[group.name] = {};
      group.options.forEach(function (option) { map[option[0]] = option[1]; });
    });
    this.byKey = Object.create(null);
    var byKey = this.byKey;
    KINDS.forEach(function (list, kind) {
      (data[list] || []).forEach(function (entry) { byKey[kind + "/" + entry.s] = entry; });
    });
  }

  /* The entry of a sheet (kind number, slug), or null (no facets: methods). */
  Facets.prototype.entry = function (kind, slug) {
    return this.byKey[kind + "/" + slug] || null;
  };

  Facets.prototype.isEmpty = function (chosen) {
    return Object.keys(chosen).every(function (name) { return !chosen[name].length; });
  };

  Facets.prototype.matches = function (entry, chosen) {
    return Object.keys(chosen).every(function (name) {
      var values = chosen[name];
      if (!values.length) { return true; }
      var own = entry && entry[name];
      return !!own && values.some(function (value) { return own.indexOf(value) !== -1; });
    });
  };

  Facets.prototype.filter = function (entries, chosen) {
    var self = this;
    return entries.filter(function (entry) { return self.matches(entry, chosen); });
  };

  /* Labels of an entry's values in one group, in option order. */
  Facets.prototype.labelsOf = function (entry, name) {
    var own = (entry && entry[name]) || [];
    var group = this.groups[this.names.indexOf(name)];
    if (!group) { return []; }
    return group.options.filter(function (option) { return own.indexOf(option[0]) !== -1; })
      .map(function (option) { return option[1]; });
  };

  /* What the checked boxes of a form (or any element) choose: boxes named after the groups. */
  Facets.prototype.chosenIn = function (container) {
    var chosen = {};
    this.names.forEach(function (name) {
      var values = [];
      container.querySelectorAll('input[type=checkbox][name="' + name + '"]:checked').forEach(function (box) {
        values.push(box.value);
      });
      if (values.length) { chosen[name] = values; }
    });
    return chosen;
  };

  Facets.prototype.check = function (container, chosen) {
    var names = this.names;
    container.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      if (names.indexOf(box.name) !== -1) {
        box.checked = (chosen[box.name] || []).indexOf(box.value) !== -1;
      }
    });
  };

  Facets.prototype.count = function (chosen) {
    return Object.keys(chosen).reduce(function (sum, name) { return sum + chosen[name].length; }, 0);
  };

  /* #facteur=addictions&modalite=collectif ↔ {facteur: ["addictions"], modalite: ["collectif"]}. */
  Facets.prototype.toHash = function (chosen) {
    var names = this.names;
    var parts = names.filter(function (name) { return chosen[name] && chosen[name].length; })
      .map(function (name) { return name + "=" + chosen[name].map(encodeURIComponent).join(","); });
    return parts.length ? "#" + parts.join("&") : "";
  };

  Facets.prototype.fromHash = function (hash) {
    var chosen = {}, names = this.names;
    hash.replace(/^#/, "").split("&").forEach(function (part) {
      var pair = part.split("=");
      if (pair.length === 2 && names.indexOf(pair[0]) !== -1 && pair[1]) {
        chosen[pair[0]] = pair[1].split(",").map(function (value) {
          try { return decodeURIComponent(value); } catch (error) { return value; }
        });
      }
    });
    return chosen;
  };

  /* One <fieldset> per group, a labelled checkbox per option, as DOM nodes (never HTML from
   * data). classes: {fieldset, option} class names. */
  Facets.prototype.fieldsets = function (document, classes) {
    var fragment = document.createDocumentFragment();
    this.groups.forEach(function (group) {
      var fieldset = document.createElement("fieldset");
      fieldset.className = classes.fieldset || "";
      var legend = document.createElement("legend");
      legend.textContent = group.legend;
      fieldset.appendChild(legend);
      group.options.forEach(function (option) {
        var label = document.createElement("label");
        if (classes.option) { label.className = classes.option; }
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = group.name;
        box.value = option[0];
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + option[1]));
        fieldset.appendChild(label);
      });
      fragment.appendChild(fieldset);
    });
    return fragment;
  };

  return { Facets: Facets, KINDS: KINDS };
});
