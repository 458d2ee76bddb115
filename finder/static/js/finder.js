/* finder: small enhancements. Every page works without this file. */
(function () {
  "use strict";

  // "Exit this page": pressing Shift three times in a row leaves, like the button does.
  var shiftPresses = 0;
  var shiftTimer = null;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { shiftPresses = 0; return; }
    shiftPresses += 1;
    clearTimeout(shiftTimer);
    shiftTimer = setTimeout(function () { shiftPresses = 0; }, 2000);
    if (shiftPresses >= 3) {
      var exit = document.querySelector("[data-exit-this-page]");
      if (exit) { window.location.replace(exit.href); }
    }
  });
  document.addEventListener("click", function (event) {
    var exit = event.target.closest && event.target.closest("[data-exit-this-page]");
    if (exit) { event.preventDefault(); window.location.replace(exit.href); }
  });

  // After htmx swaps new content in, move focus to the error summary or the updated heading,
  // so screen reader and keyboard users land where the change happened.
  document.addEventListener("htmx:afterSettle", function (event) {
    var region = event.detail.target;
    if (!region || !region.querySelector) { return; }
    var target = region.querySelector("[data-focus-after-swap]");
    if (target) {
      if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
      target.focus();
    }
  });

  // "Use my location": fill in coordinates (only coordinates are sent) and submit the form.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-use-my-location]");
    if (!button || !navigator.geolocation) { return; }
    event.preventDefault();
    var form = button.form;
    var status = document.getElementById(button.getAttribute("aria-controls") || "");
    if (status) { status.textContent = button.getAttribute("data-finding-text") || ""; }
    navigator.geolocation.getCurrentPosition(function (position) {
      form.elements.lat.value = position.coords.latitude.toFixed(5);
      form.elements.lng.value = position.coords.longitude.toFixed(5);
      if (form.elements.near) { form.elements.near.value = ""; }
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }, function () {
      if (status) { status.textContent = button.getAttribute("data-failed-text") || ""; }
    }, { timeout: 10000, maximumAge: 300000 });
  });

  // The location button needs JavaScript, so it is only shown when JavaScript runs.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-use-my-location]").forEach(function (button) {
      if (navigator.geolocation) { button.hidden = false; }
    });
  });
})();
