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

  // A page that comes back with mistakes (a form sent without htmx) starts at its error
  // summary, as GOV.UK's pages do, so the first thing read is what to put right.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary[data-focus-after-swap]");
    if (summary) { summary.focus(); }
  });

  // Questions for one answer only (GOV.UK's conditional reveal): data-shown-when="made_by=
  // keyworker" shows a block while that radio button is chosen. Without JavaScript every
  // question is on the page, and the server ignores the ones that do not apply.
  function revealConditionals() {
    document.querySelectorAll("[data-shown-when]").forEach(function (block) {
      var rule = block.getAttribute("data-shown-when").split("=");
      var chosen = block.closest("form") &&
        block.closest("form").querySelector("input[name='" + rule[0] + "']:checked");
      block.hidden = !(chosen && chosen.value === rule[1]);
    });
  }
  document.addEventListener("DOMContentLoaded", revealConditionals);
  document.addEventListener("change", function (event) {
    if (event.target.type === "radio") { revealConditionals(); }
  });

  // Hidden fields are only in the form when they have a value, so links stay short.
  function setHidden(form, name, value) {
    var input = form.elements[name];
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  // "Use my location": fill in coordinates (only coordinates are sent) and submit the form.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-use-my-location]");
    if (!button || !navigator.geolocation) { return; }
    event.preventDefault();
    var form = button.form;
    var status = document.getElementById(button.getAttribute("aria-controls") || "");
    if (status) { status.textContent = button.getAttribute("data-finding-text") || ""; }
    navigator.geolocation.getCurrentPosition(function (position) {
      setHidden(form, "lat", position.coords.latitude.toFixed(5));
      setHidden(form, "lng", position.coords.longitude.toFixed(5));
      if (form.elements.near) { form.elements.near.value = ""; }
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }, function () {
      if (status) { status.textContent = button.getAttribute("data-failed-text") || ""; }
    }, { timeout: 10000, maximumAge: 300000 });
  });

  // A search htmx sends leaves out empty fields ("Any" choices, unused hidden fields), so the
  // address it puts in the location bar is short and shareable, like the app's own links.
  document.addEventListener("htmx:configRequest", function (event) {
    var data = event.detail.formData;
    if (event.detail.verb !== "get" || !data || !data.forEach) { return; }
    var empty = [];
    data.forEach(function (value, key) {
      if (value === "" && empty.indexOf(key) < 0) { empty.push(key); }
    });
    empty.forEach(function (key) {
      var kept = data.getAll(key).filter(function (value) { return value !== ""; });
      data.delete(key);
      kept.forEach(function (value) { data.append(key, value); });
    });
  });

  // Share this search: the device's own share sheet where there is one, else copy the link.
  // Without JavaScript the link itself is on the page to copy by hand.
  document.addEventListener("click", function (event) {
    var share = event.target.closest && event.target.closest("[data-share]");
    if (share && navigator.share) {
      navigator.share({ title: document.title, url: document.getElementById("search-link").value })
        .catch(function () {});
    }
    var copy = event.target.closest && event.target.closest("[data-copy-link]");
    if (copy && navigator.clipboard) {
      var field = document.getElementById(copy.getAttribute("data-copy-link"));
      navigator.clipboard.writeText(field.value).then(function () {
        var status = document.querySelector("[data-copy-status]");
        if (status) { status.textContent = copy.getAttribute("data-copied-text") || ""; }
      });
    }
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
  });

  // Buttons that need JavaScript (or a browser feature) are only shown when they can work.
  function showEnhancements() {
    document.querySelectorAll("[data-use-my-location]").forEach(function (button) {
      if (navigator.geolocation) { button.hidden = false; }
    });
    document.querySelectorAll("[data-share]").forEach(function (button) {
      if (navigator.share) { button.hidden = false; }
    });
    document.querySelectorAll("[data-copy-link]").forEach(function (button) {
      if (navigator.clipboard && window.isSecureContext) { button.hidden = false; }
    });
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
    });
  }
  document.addEventListener("DOMContentLoaded", showEnhancements);
  document.addEventListener("htmx:afterSettle", showEnhancements);
})();
