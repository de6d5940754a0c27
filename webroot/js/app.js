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
// A button with data-print prints the page (the dossier, an appointment's confirmation); inline handlers are not
// allowed by the CSP. A print button that is hidden until now shows only where it works (without JavaScript the
// browser's own print prints the page the same way).
document.addEventListener('click', function (e) {
  const b = e.target.closest && e.target.closest('[data-print]');
  if (b) window.print();
});
document.querySelectorAll('[data-print][hidden]').forEach(function (b) { b.hidden = false; });
// On a phone, a signed-in person's many links fold into a menu behind one button (without JavaScript they all show).
(function () {
  const toggle = document.querySelector('header.top .menu-toggle');
  if (!toggle) return;
  const header = toggle.closest('header');
  header.classList.add('folds');
  toggle.hidden = false;
  toggle.addEventListener('click', function () {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    header.classList.toggle('open', open);
  });
})();
// A table wider than the screen scrolls sideways inside its box; the keyboard can reach and scroll it too.
(function () {
  function mark() {
    document.querySelectorAll('table.table').forEach(function (t) {
      if (t.scrollWidth > t.clientWidth + 1) t.setAttribute('tabindex', '0');
      else if (t.getAttribute('tabindex') === '0') t.removeAttribute('tabindex');
    });
  }
  mark();
  window.addEventListener('resize', mark);
})();
