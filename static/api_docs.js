// Starts Swagger UI on /docs (app/web/api_docs.py) from a file rather than an inline script,
// which the page's Content-Security-Policy refuses. The same options as FastAPI's own page.
(function () {
  "use strict";

  const holder = document.getElementById("swagger-ui");
  window.ui = window.SwaggerUIBundle({
    url: holder.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    validatorUrl: null, // the default badge fetches an image from validator.swagger.io
    presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
})();
