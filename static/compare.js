// The compare form, without inline handlers or HTMX trigger filters (the page's
// Content-Security-Policy refuses both): choosing the columns (by side / by speaker)
// submits at once, and an error response loads its URL, as htmx does not swap errors,
// so the error page says what was wrong.
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    const form = event.target.form;
    if (form && form.id === "compare-form" && event.target.name === "by") form.requestSubmit();
  });

  document.addEventListener("htmx:responseError", function (event) {
    if (event.target.id === "compare-form") window.location.assign(event.detail.xhr.responseURL);
  });
})();
