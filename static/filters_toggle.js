// On narrow screens the timeline's filters start folded behind a "Filters" button, so the
// results come first; on wide screens (and without JavaScript) they are always shown.
(function () {
  "use strict";

  const narrow = window.matchMedia("(max-width: 60rem)");

  function parts() {
    return {
      button: document.querySelector(".filters-toggle"),
      body: document.getElementById("filters-body"),
    };
  }

  function show(open) {
    const { button, body } = parts();
    if (!button || !body) return;
    body.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
  }

  function fit() {
    const { button } = parts();
    if (!button) return;
    button.hidden = !narrow.matches;
    show(!narrow.matches);
  }

  // The count of active filters follows HTMX's swaps of the results.
  function countActive() {
    const label = document.querySelector(".filters-active");
    if (!label) return;
    const active = document.querySelectorAll(".active-filters li").length;
    label.textContent = active ? " (" + active + " active)" : "";
  }

  document.addEventListener("DOMContentLoaded", function () {
    const { button } = parts();
    if (!button) return;
    fit();
    button.addEventListener("click", function () {
      show(button.getAttribute("aria-expanded") !== "true");
    });
    narrow.addEventListener("change", fit);
  });
  document.addEventListener("htmx:afterSettle", countActive);
})();
