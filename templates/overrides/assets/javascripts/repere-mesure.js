/* Optional audience measure (partials/repere-mesure.html): a self-hosted Matomo, cookie-less,
   honouring Do Not Track and Global Privacy Control, http(s) only. A file rather than an inline
   script for the pages' Content-Security-Policy, which names the Matomo origin when it is set. */
(function (script) {
  "use strict";
  if (location.protocol !== "http:" && location.protocol !== "https:") { return; }
  if (navigator.doNotTrack === "1" || window.doNotTrack === "1" || navigator.globalPrivacyControl) { return; }
  var base = script.getAttribute("data-url");
  var queue = window._paq = window._paq || [];
  queue.push(["disableCookies"], ["setDoNotTrack", true], ["trackPageView"], ["enableLinkTracking"]);
  queue.push(["setTrackerUrl", base + "matomo.php"], ["setSiteId", script.getAttribute("data-site")]);
  var tracker = document.createElement("script");
  tracker.async = true;
  tracker.src = base + "matomo.js";
  document.head.appendChild(tracker);
})(document.currentScript);
