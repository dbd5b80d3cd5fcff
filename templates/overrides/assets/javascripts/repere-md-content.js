/* Material's inline content script (partials/javascripts/content.html), moved to a file for the
   Content-Security-Policy: opens the content tab named by the address's #fragment. */
(function () {
  "use strict";
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) { target.checked = target.name.indexOf("__tabbed_") === 0; }
})();
