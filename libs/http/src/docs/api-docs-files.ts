/** The page at /api/docs: Swagger UI (its own files, from swagger-ui-dist) and our two small files. */
export const DOCS_PATH = '/api/docs';

/**
 * What runs in the page. It fetches the document itself, so that with auth on it can ask
 * for a token (kept where the dashboard keeps its own: one sign-in serves both) instead of
 * Swagger UI's bare "Failed to load API definition"; then Swagger UI renders it, and
 * "Try it out" sends the same token.
 */
export const DOCS_SCRIPT = `'use strict';
(function () {
  var KEY = 'vm-system.token';
  var DOCUMENT = '/api/v1/openapi.json';
  var form = document.getElementById('sign-in');
  var why = document.getElementById('sign-in-why');
  var problem = document.getElementById('problem');

  function stored() {
    try { return sessionStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(token) {
    try { sessionStorage.setItem(KEY, token); } catch (e) { /* kept for this page only */ }
  }

  function load(token) {
    var headers = { accept: 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    return fetch(DOCUMENT, { headers: headers }).then(function (response) {
      if (response.status === 401) return ask(token ? 'The daemon refused that token.' : 'This daemon requires an access token with the read scope (vm-system token create --name NAME --scope read).');
      if (!response.ok) throw new Error('GET ' + DOCUMENT + ' answered HTTP ' + response.status);
      return response.json().then(function (spec) { render(spec, token); });
    });
  }

  function ask(reason) {
    why.textContent = reason;
    form.hidden = false;
    form.elements.token.focus();
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var token = form.elements.token.value.trim();
    if (!token) return;
    form.hidden = true;
    load(token).catch(fail);
  });

  function render(spec, token) {
    if (token) store(token);
    form.hidden = true;
    window.ui = SwaggerUIBundle({
      spec: spec,
      dom_id: '#swagger-ui',
      deepLinking: true,
      presets: [SwaggerUIBundle.presets.apis],
      layout: 'BaseLayout',
      // No badge from validator.swagger.io: the page asks nothing of other sites.
      validatorUrl: null,
      requestInterceptor: function (request) {
        var current = stored();
        if (current && !request.headers.Authorization) request.headers.Authorization = 'Bearer ' + current;
        return request;
      }
    });
  }

  function fail(error) {
    problem.textContent = error.message;
  }

  load(stored()).catch(fail);
})();
`;

export const DOCS_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>vm-system API</title>
    <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png" sizes="32x32" />
    <link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css" />
    <style>
      body { margin: 0; font-family: sans-serif; }
      #sign-in { max-width: 40rem; margin: 2rem auto; padding: 1rem; border: 1px solid #ccc; border-radius: 4px; }
      #sign-in input { width: 100%; box-sizing: border-box; padding: 0.5rem; margin: 0.5rem 0; font-family: monospace; }
      #problem:empty { display: none; }
      #problem { max-width: 40rem; margin: 2rem auto; color: #a00; }
    </style>
  </head>
  <body>
    <form id="sign-in" aria-label="sign in" hidden>
      <p id="sign-in-why"></p>
      <input type="password" name="token" placeholder="vms_…" autocomplete="off" aria-label="token" />
      <button type="submit">Show the API</button>
    </form>
    <p id="problem" role="alert"></p>
    <div id="swagger-ui"></div>
    <script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
    <script src="${DOCS_PATH}/docs.js"></script>
  </body>
</html>
`;

/** Swagger UI's files the page uses, served from the npm package as they are. */
export const SWAGGER_UI_FILES = ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-bundle.js.map', 'swagger-ui.css.map', 'favicon-32x32.png', 'favicon-16x16.png'];
