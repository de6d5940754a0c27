// Shared page helpers. Pages work without JavaScript; this only adds live updates where a page asks for them.
(function () {
  'use strict';
  window.jobfair = window.jobfair || {};
  /** The CSRF token to echo in X-XSRF-TOKEN on state-changing fetch requests. */
  window.jobfair.csrf = function () {
    const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : '';
  };
})();
