// Live updates over the /live WebSocket. An element with data-live="topic ..." subscribes to those topics.
//  - Seat changes ({"type":"slot"}) update [data-slot] elements in place: the free count, and a full slot
//    disappears (data-hide-when-full) for everyone at once.
//  - Elements with data-live-refresh (and an id) are re-read from the server when one of their topics changes.
//  - After a lost connection the page reconnects and re-reads every live element: the server is the truth.
//  - Other scripts (chat.js) hear every message as a 'jobfair:live' event on document (detail: the message, or
//    {type:'resync'}) and add topics later with window.jobfairLive.subscribe([...]).
(function () {
  'use strict';
  const regions = Array.from(document.querySelectorAll('[data-live]'));
  if (!regions.length || !('WebSocket' in window)) return;
  const topicsOf = (el) => el.dataset.live.split(/\s+/).filter(Boolean);
  const topics = Array.from(new Set(regions.flatMap(topicsOf)));
  let delay = 500;
  let connectedBefore = false;
  let refreshing = null;
  let socket = null;
  const tell = (m) => document.dispatchEvent(new CustomEvent('jobfair:live', { detail: m }));
  window.jobfairLive = {
    subscribe(more) {
      const fresh = more.filter((t) => !topics.includes(t));
      fresh.forEach((t) => topics.push(t));
      if (fresh.length && socket && socket.readyState === 1) socket.send(JSON.stringify({ subscribe: fresh }));
    }
  };

  function connect() {
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/live');
    socket = ws;
    ws.onopen = () => {
      ws.send(JSON.stringify({ subscribe: topics }));
      if (connectedBefore) tell({ type: 'resync' });
      if (connectedBefore) refresh(regions);
      connectedBefore = true;
      delay = 500;
    };
    ws.onmessage = (event) => {
      let m;
      try { m = JSON.parse(event.data); } catch (e) { return; }
      tell(m);
      if (m.type === 'subscribed') { document.body.dataset.liveReady = 'true'; return; }
      if (m.type === 'resync') { refresh(regions); return; }
      if (m.type === 'slot') updateSlot(m);
      // A walk-up queue changed: its counts are updated in place; only regions that list the queue are read again.
      const queue = m.type === 'queue' || m.type === 'queue-place';
      if (m.type === 'queue') updateQueue(m);
      const stale = regions.filter((r) => r.hasAttribute(queue ? 'data-live-queue-refresh' : 'data-live-refresh') && topicsOf(r).includes(m.topic));
      if (stale.length) refresh(stale);
    };
    ws.onclose = () => {
      delete document.body.dataset.liveReady;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 15000);
    };
  }

  function updateSlot(m) {
    const items = document.querySelectorAll('[data-slot="' + m.slot + '"]');
    if (!items.length && m.free > 0 && !m.removed) {
      // A slot this page does not show yet (just added): read the page again.
      refresh(regions.filter((r) => topicsOf(r).includes(m.topic)));
      return;
    }
    items.forEach((el) => {
      el.dataset.free = m.free;
      const count = el.querySelector('.free-count');
      if (count) count.textContent = m.free;
      if (el.hasAttribute('data-hide-when-full')) el.hidden = m.removed || m.free <= 0;
      else if (m.removed) el.remove();
    });
    showEmpty();
  }

  function updateQueue(m) {
    document.querySelectorAll('[data-queue-booth="' + m.booth + '"]').forEach((el) => {
      el.dataset.queueOpen = String(!!m.open);
      el.querySelectorAll('.queue-waiting').forEach((c) => { c.textContent = m.waiting; });
      el.querySelectorAll('[data-queue-state]').forEach((s) => { s.hidden = s.dataset.queueState !== (m.open ? 'open' : 'paused'); });
    });
  }

  function showEmpty() {
    regions.forEach((r) => {
      const empty = r.querySelector('.slots-empty');
      if (empty) empty.hidden = r.querySelectorAll('[data-slot]:not([hidden])').length > 0;
    });
  }

  // What someone is typing in a region read again (a note, a reason) survives it: fields are matched by their id.
  function typedIn(el) {
    const active = document.activeElement;
    return {
      focused: active && el.contains(active) ? active.id : null,
      values: Array.from(el.querySelectorAll('input[id]:not([type=hidden]), textarea[id]'))
        .filter((f) => f.value !== f.defaultValue).map((f) => [f.id, f.value])
    };
  }

  function restore(el, typed) {
    typed.values.forEach(([id, value]) => {
      const f = document.getElementById(id);
      if (f && el.contains(f)) f.value = value;
    });
    const again = typed.focused && document.getElementById(typed.focused);
    if (again && el.contains(again)) again.focus();
  }

  // One fetch of the page serves every element that needs re-reading; requests during a fetch are merged.
  function refresh(elements) {
    if (refreshing) { refreshing.pending = true; return; }
    refreshing = { pending: false };
    fetch(location.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
      .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
      .then((html) => {
        const doc = new DOMParser().parseFromString(html, 'text/html');
        regions.forEach((el) => {
          const fresh = el.id && doc.getElementById(el.id);
          if (fresh && elements.includes(el)) {
            const typed = typedIn(el);
            el.innerHTML = fresh.innerHTML;
            restore(el, typed);
          }
        });
        showEmpty();
        document.body.dataset.liveRefreshed = String(Number(document.body.dataset.liveRefreshed || 0) + 1);
      })
      .catch(() => {})
      .finally(() => {
        const again = refreshing.pending;
        refreshing = null;
        if (again) refresh(regions);
      });
  }

  showEmpty();
  connect();
})();
