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
// A page that arrives with the answer to what the person just did (booked, cancelled, refused) puts the focus on that
// message: a screen reader reads it, and the next Tab goes on from there instead of from the top of the page.
(function () {
  const message = document.querySelector('main > .notice[role=status], main > [role=alert]');
  if (!message || (document.activeElement && document.activeElement !== document.body)) return;
  if (!message.hasAttribute('tabindex')) message.setAttribute('tabindex', '-1');
  message.focus();
})();
// Escape closes what the keyboard opened: first the language menu, then the phone's menu, each giving the focus back
// to the control that opened it (details elements do not close on Escape by themselves).
document.addEventListener('keydown', function (e) {
  if (e.key !== 'Escape') return;
  const langs = document.querySelector('details.langs[open]');
  if (langs) {
    langs.open = false;
    langs.querySelector('summary').focus();
    e.preventDefault();
    return;
  }
  const header = document.querySelector('header.top.folds.open');
  if (header && header.contains(document.activeElement)) {
    const toggle = header.querySelector('.menu-toggle');
    toggle.click();
    toggle.focus();
    e.preventDefault();
  }
});
