// GreenMine shell behaviour. Loaded as a file (the CSP allows no inline script).
(function () {
  "use strict";
  // HTMX requests carry the CSRF token read from the page's cookie-less token field.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
  });
  // Forms that change things ask once before a destructive action.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
})();
