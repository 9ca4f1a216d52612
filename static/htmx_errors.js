// A failed HTMX request says why. HTMX leaves the page as it was on an error status (a
// sign-in that expired, a stale security token), which looks like nothing happened: the
// error page's message, or the API's detail, is shown in the banner at the top instead.
(function () {
  function show(message) {
    const flash = document.getElementById("flash");
    if (!flash) return;
    flash.textContent = message;
    flash.hidden = false;
    flash.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("htmx:responseError", (event) => {
    const xhr = event.detail.xhr;
    let message = `${xhr.status} ${xhr.statusText}`;
    const page = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
    const notice = page.querySelector("#main .notice, #main .form-error:not(#flash)");
    if (notice) {
      message = notice.textContent.trim();
    } else {
      try {
        message = JSON.parse(xhr.responseText).detail || message;
      } catch (error) {
        // not JSON either: keep the status line
      }
    }
    const next = { 401: " Sign in again (your changes were not saved).", 403: " Reload the page and try again." };
    show(message + (next[xhr.status] || ""));
  });

  document.addEventListener("htmx:sendError", () => {
    show("The server could not be reached; nothing was saved. Check the connection and try again.");
  });

  document.addEventListener("htmx:beforeRequest", () => {
    const flash = document.getElementById("flash");
    if (flash) flash.hidden = true;
  });
})();
