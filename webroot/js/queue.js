// The person's place in a walk-up queue (/me/queue): the position and the estimated wait follow the booth's queue
// live over the /live WebSocket; the page says "still here" regularly (a silent page is passed over); when staff
// press "next" the person's own topic says so and the page goes into the room at once.
(function () {
  'use strict';
  const el = document.querySelector('[data-queue-place]');
  if (!el || !('WebSocket' in window)) return;
  const booth = el.dataset.queueBooth;
  const ticket = Number(el.dataset.ticket);
  const user = el.dataset.user;
  const defaultSeconds = Number(el.dataset.defaultSeconds) || 480;
  let pace = Number(el.dataset.pace) || 0;
  const hereEvery = Math.max(5, Number(el.dataset.hereEvery) || 30) * 1000;
  const positionEl = el.querySelector('[data-queue-position]');
  const estimateEl = el.querySelector('[data-queue-estimate]');
  const offlineEl = el.querySelector('[data-queue-offline]');
  let delay = 500;
  let gone = false;

  function csrf() {
    return window.jobfair && window.jobfair.csrf ? window.jobfair.csrf() : '';
  }

  function show(position) {
    if (position <= 0) { settle(); return; }
    positionEl.textContent = position;
    const seconds = position * (pace > 0 ? pace : defaultSeconds);
    estimateEl.textContent = Math.max(1, Math.ceil(seconds / 60));
    document.body.dataset.queuePosition = String(position);
  }

  // No longer waiting: called (then into the room, even if the call's own message is still on its way) or not.
  function settle() {
    if (gone) return;
    fetch('/api/me/queue', { credentials: 'same-origin' }).then((r) => r.json()).then((j) => {
      const p = j.place;
      if (p && p.status === 'CALLED' && p.bookingId) enter(p.bookingId);
      else if (!p || p.status !== 'WAITING' || p.id !== Number(el.dataset.queuePlace)) reload();
      else show(p.position);
    }).catch(reload);
  }

  function reload() {
    if (gone) return;
    gone = true;
    location.reload();
  }

  function enter(booking) {
    if (gone) return;
    gone = true;
    location.assign('/meetings/' + booking);
  }

  // "Still here": a page that stops saying so (closed, phone locked for long) is passed over after the configured time.
  function here() {
    if (gone) return;
    fetch('/api/me/queue/here', { method: 'POST', credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': csrf() } })
      .then((r) => { if (r.status === 404) reload(); })
      .catch(() => {});
  }

  function connect() {
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/live');
    ws.onopen = () => {
      ws.send(JSON.stringify({ subscribe: ['queue:' + booth, 'user:' + user] }));
      delay = 500;
      offlineEl.hidden = true;
      here();
    };
    ws.onmessage = (event) => {
      let m;
      try { m = JSON.parse(event.data); } catch (e) { return; }
      if (m.type === 'subscribed') { document.body.dataset.queueLive = 'true'; return; }
      if (m.type === 'resync') { reload(); return; }
      if (m.type === 'queue-place' && String(m.jobseeker) === user) {
        if (m.status === 'CALLED' && m.booking) enter(m.booking);
        else reload();
        return;
      }
      if (m.type === 'queue' && String(m.booth) === booth && Array.isArray(m.tickets)) {
        if (m.paceSeconds) pace = m.paceSeconds;
        show(m.tickets.indexOf(ticket) + 1);
      }
    };
    ws.onclose = () => {
      delete document.body.dataset.queueLive;
      if (gone) return;
      offlineEl.hidden = false;
      setTimeout(() => {
        // Missed messages while away: the server's page is the truth.
        fetch('/api/me/queue', { credentials: 'same-origin' }).then((r) => r.json()).then((j) => {
          const p = j.place;
          if (!p || p.status !== 'WAITING' || p.id !== Number(el.dataset.queuePlace)) { if (p && p.status === 'CALLED' && p.bookingId) enter(p.bookingId); else reload(); return; }
          if (p.paceSeconds) pace = p.paceSeconds;
          show(p.position);
        }).catch(() => {});
        connect();
      }, delay);
      delay = Math.min(delay * 2, 15000);
    };
  }

  setInterval(here, hereEvery);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') here(); });
  connect();
})();
