// Text chat (a conversation page, and the panel in every meeting room). Messages are built with textContent only:
// whatever people write is shown as text, links included (never clickable). New messages arrive over the live socket
// as ids ({"type":"chat","conversation":..,"seq":..}); the page then reads what came after the last one it shows, so
// a lost notice or a reconnect loses nothing and order follows the conversation's numbers.
// Unread badges ([data-chat-unread]) read /api/me/chats/unread and update when their live topic hears of a change.
(function () {
  'use strict';
  if (window.jobfairChat) return;
  window.jobfairChat = true;
  const csrf = () => {
    const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : '';
  };
  const send = (method, url, body) => fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': csrf() },
    body: body ? JSON.stringify(body) : undefined
  });
  const getJson = (url) => fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : Promise.reject(r.status)));

  // ---- unread badges
  const badges = Array.from(document.querySelectorAll('[data-chat-unread]'));
  function countUnread() {
    if (!badges.length) return;
    getJson('/api/me/chats/unread').then((u) => {
      badges.forEach((b) => {
        const booth = b.dataset.chatUnreadBooth;
        let n = u.unread;
        if (booth) n = (u.booths.find((x) => String(x.booth) === booth) || { unread: 0 }).unread;
        b.textContent = String(n);
        b.hidden = n === 0;
        b.dataset.count = String(n);
      });
    }).catch(() => {});
  }
  countUnread();

  // ---- conversations
  const roots = Array.from(document.querySelectorAll('[data-chat-root]'));
  roots.forEach(setUp);

  document.addEventListener('jobfair:live', (e) => {
    const m = e.detail;
    if (m.type === 'chat' || m.type === 'chat-read' || m.type === 'resync') {
      if (badges.some((b) => m.type === 'resync' || (b.dataset.live || '').split(/\s+/).includes(m.topic))) countUnread();
    }
  });

  function setUp(root) {
    const log = root.querySelector('.chat-log');
    const form = root.querySelector('form.chat-form');
    const error = root.querySelector('.chat-error');
    const empty = root.querySelector('.chat-empty');
    const t = root.dataset;
    let id = t.chatId ? Number(t.chatId) : null;
    let lastSeq = Number(t.lastSeq || 0);
    let reading = null;

    function item(m) {
      const li = document.createElement('li');
      li.className = 'msg ' + (m.own ? 'own' : 'theirs');
      li.dataset.seq = m.seq;
      li.dataset.id = m.id;
      const meta = document.createElement('p');
      meta.className = 'msg-meta';
      const who = document.createElement('span');
      who.className = 'sender';
      who.textContent = m.own ? t.tYou : m.sender;
      const when = document.createElement('time');
      when.dateTime = m.sentAt;
      when.textContent = new Date(m.sentAt).toLocaleTimeString(document.documentElement.lang || undefined, { hour: '2-digit', minute: '2-digit' });
      meta.append(who, ' ', when);
      const text = document.createElement('p');
      text.className = 'msg-text';
      text.textContent = m.text;
      text.dir = 'auto'; // a message is in its writer's language, whichever way the page runs
      li.append(meta, text);
      if (!m.own && t.reports === 'true') {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'link report';
        b.textContent = t.tReport;
        b.addEventListener('click', () => {
          b.disabled = true;
          send('POST', '/api/chat-messages/' + m.id + '/report', {}).then((r) => {
            b.textContent = r.ok ? t.tReported : t.tFailed;
            if (!r.ok) b.disabled = false;
          });
        });
        li.append(b);
      }
      return li;
    }

    function show(messages) {
      let added = false;
      messages.forEach((m) => {
        if (m.seq <= lastSeq || log.querySelector('[data-seq="' + m.seq + '"]')) return;
        log.append(item(m));
        lastSeq = m.seq;
        added = true;
      });
      if (empty) empty.hidden = log.children.length > 0;
      log.hidden = log.children.length === 0;
      if (added) log.scrollTop = log.scrollHeight;
      root.dataset.lastSeq = String(lastSeq);
    }

    // Reads what came after the last message shown; calls during a read are merged into one more read.
    function readNew() {
      if (id == null) return;
      if (reading) { reading.again = true; return; }
      reading = { again: false };
      getJson('/api/chats/' + id + '?after=' + lastSeq).then((c) => show(c.messages)).catch(() => {}).finally(() => {
        const again = reading.again;
        reading = null;
        if (again) readNew();
      });
    }

    function watch() {
      if (id == null || !window.jobfairLive) return;
      root.dataset.live = 'chat:' + id;
      window.jobfairLive.subscribe(['chat:' + id]);
    }

    document.addEventListener('jobfair:live', (e) => {
      const m = e.detail;
      if (m.type === 'subscribed' && id != null && (m.topics || []).includes('chat:' + id)) {
        root.dataset.chatLive = 'true';
        readNew(); // whatever came between the page's reading and the subscription
      }
      if (m.type === 'resync') readNew();
      if (m.type === 'chat' && id != null && m.conversation === id && m.seq > lastSeq) readNew();
    });

    if (t.chatSource) {
      // A meeting room's panel: the conversation is found (or started) by the room's booking or fair.
      getJson(t.chatSource).then((c) => {
        id = c.id;
        root.dataset.chatId = String(id);
        if (c.blocked && c.seat === 'BOOTH' && form) form.hidden = true;
        if (form && c.maxLength) form.querySelector('textarea').maxLength = c.maxLength;
        show(c.messages);
        watch();
        root.dataset.chatReady = 'true';
      }).catch(() => { root.hidden = true; });
    } else {
      if (empty) empty.hidden = log.children.length > 0;
      log.scrollTop = log.scrollHeight;
      watch();
      root.dataset.chatReady = 'true';
    }

    if (form) {
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const area = form.querySelector('textarea');
        const text = area.value;
        if (!text.trim()) { area.focus(); return; }
        const button = form.querySelector('button[type=submit]');
        button.disabled = true;
        button.textContent = t.tSending;
        if (error) error.hidden = true;
        const url = id != null ? '/api/chats/' + id + '/messages' : '/api/booths/' + t.booth + '/chat/messages';
        send('POST', url, { text }).then((r) => r.json().then((body) => ({ ok: r.ok, body }))).then(({ ok, body }) => {
          if (!ok) throw new Error(body.message || t.tFailed);
          area.value = '';
          if (id == null) {
            id = body.conversation;
            root.dataset.chatId = String(id);
            watch();
          }
          // Read from the last message shown: one of the other side's that was stored just before ours comes first.
          readNew();
        }).catch((err) => {
          if (error) { error.textContent = err.message || t.tFailed; error.hidden = false; }
        }).finally(() => {
          button.disabled = false;
          button.textContent = t.tSend;
        });
      });
      // Enter sends, Shift+Enter makes a new line (on a phone the keyboard's return makes a new line too).
      const area = form.querySelector('textarea');
      area.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && window.matchMedia('(pointer: fine)').matches) {
          e.preventDefault();
          form.requestSubmit();
        }
      });
    }
  }
})();
