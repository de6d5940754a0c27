// Countdowns to a moment ([data-countdown="ISO instant"]) in words with units ("in 2 days 3 h", "in 8 h 31 min",
// "in 4 min 12 s"), the words from the bundles (data-in, data-day, data-days, data-hours, data-minutes, data-seconds,
// each with {0} for the number). At zero the page is read again, so that what opens then (the video interview's
// link, the room) appears by itself.
(function () {
  'use strict';
  let reloading = false;
  function fill(pattern, n) {
    return (pattern || '{0}').replace('{0}', String(n));
  }
  // Hours and minutes while it is an hour or more away; minutes and seconds within the hour; seconds in the last one.
  function words(el, left) {
    const days = Math.floor(left / 86400);
    const d0 = el.dataset;
    // A day or more away: days and hours ("in 3 Tagen 4 Std.", "in 1 day 2 h").
    if (days) {
      const hours = Math.floor((left % 86400) / 3600);
      const ds = [fill(days === 1 ? d0.day : d0.days, days)];
      if (hours) ds.push(fill(d0.hours, hours));
      return fill(d0['in'], ds.join(' '));
    }
    const h = Math.floor(left / 3600);
    const m = Math.floor((left % 3600) / 60);
    const s = left % 60;
    const d = el.dataset;
    const parts = [];
    if (h) {
      parts.push(fill(d.hours, h));
      if (m) parts.push(fill(d.minutes, m));
    } else if (m) {
      parts.push(fill(d.minutes, m));
      if (s) parts.push(fill(d.seconds, s));
    } else {
      parts.push(fill(d.seconds, s));
    }
    return fill(d['in'], parts.join(' '));
  }
  function tick() {
    const now = Date.now();
    document.querySelectorAll('[data-countdown]').forEach(function (el) {
      const left = Math.max(0, Math.round((Date.parse(el.dataset.countdown) - now) / 1000));
      el.textContent = words(el, left);
      if (left === 0 && !reloading) {
        reloading = true;
        setTimeout(function () { location.reload(); }, 1000);
      }
    });
  }
  tick();
  setInterval(tick, 1000);
})();
