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
// A button with data-print prints the page (the dossier); inline handlers are not allowed by the CSP.
document.addEventListener('click', function (e) {
  const b = e.target.closest && e.target.closest('[data-print]');
  if (b) window.print();
});
