/* Material's inline head script (partials/javascripts/base.html), moved to a file so that the
   pages' Content-Security-Policy allows no inline script. Same globals, same behaviour; the
   scope (the site root, relative to the page) comes from the script element's data-scope. */
(function (script) {
  "use strict";
  window.__md_scope = new URL(script.getAttribute("data-scope"), location);
  window.__md_hash = function (value) {
    return Array.from(value).reduce(function (hash, character) {
      return (hash << 5) - hash + character.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    try { storage.setItem(scope.pathname + "." + key, JSON.stringify(value)); } catch (error) { /* full or blocked */ }
  };
})(document.currentScript);
