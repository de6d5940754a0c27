// Countdowns to a moment ([data-countdown="ISO instant"]): minutes and seconds left; at zero the page is read again,
// so that what opens then (the video interview's link, the room) appears by itself.
(function () {
  'use strict';
  let reloading = false;
  function tick() {
    const now = Date.now();
    document.querySelectorAll('[data-countdown]').forEach(function (el) {
      const left = Math.max(0, Math.round((Date.parse(el.dataset.countdown) - now) / 1000));
      const h = Math.floor(left / 3600);
      const m = Math.floor((left % 3600) / 60);
      const s = left % 60;
      el.textContent = (h ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(s).padStart(2, '0');
      if (left === 0 && !reloading) {
        reloading = true;
        setTimeout(function () { location.reload(); }, 1000);
      }
    });
  }
  tick();
  setInterval(tick, 1000);
})();
