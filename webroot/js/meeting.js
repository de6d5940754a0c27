// The meeting room page. Two providers:
//  - built in: the browsers connect to each other directly (WebRTC); offers, answers and ICE candidates go through
//    the product's own WebSocket (cfg.signal), which only relays between people entitled to the room and in the call.
//    Whoever enters the call offers to everyone already in it, so two sides never offer to each other at once.
//    The socket may be on any node of a cluster: when it closes for any reason but a deliberate one (left, full, the
//    same person opened the room elsewhere), the page reconnects with a growing pause (at once after 1012, "service
//    restart": the node stops and the balancer sends us to another), drops every old peer connection and offers to
//    whoever is in the call again. The other side hears our old id leave and the new one join, and answers.
//  - Jitsi: the IFrame API from the configured domain, with the token the server minted for this person; joins and
//    leaves are reported to the server as attendance evidence.
// Every text comes from the page (data-texts, from the message bundles).
(function () {
  'use strict';
  const root = document.getElementById('meeting');
  if (!root) return;
  const cfg = JSON.parse(root.dataset.config);
  const T = JSON.parse(root.dataset.texts);
  const statusEl = document.getElementById('meeting-status');
  const errorEl = document.getElementById('media-error');
  const afterLeave = document.getElementById('after-leave');
  const eventsUrl = cfg.bookingId ? '/api/bookings/' + cfg.bookingId + '/meeting/events'
    : '/api/fairs/' + cfg.fairId + '/orientation/events';

  function csrf() {
    return window.jobfair && window.jobfair.csrf ? window.jobfair.csrf() : '';
  }
  function status(text, state) {
    statusEl.textContent = text;
    if (state) root.dataset.state = state;
  }
  function showError(text) {
    errorEl.textContent = text;
    errorEl.hidden = false;
  }
  function api(method, url, body) {
    return fetch(url, {
      method: method, credentials: 'same-origin', keepalive: true,
      headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrf() },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
  }
  function report(event, detail) {
    if (!cfg.bookingId && event === 'failed') return;
    api('POST', eventsUrl, { event: event, detail: detail }).catch(function () {});
  }

  if (cfg.provider === 'jitsi') jitsi(); else builtin();

  // --- Jitsi -------------------------------------------------------------------------------------------------------
  function jitsi() {
    const script = document.createElement('script');
    script.src = 'https://' + cfg.domain + '/external_api.js';
    script.onload = start;
    script.onerror = function () {
      status(T.jitsiFailed, 'failed');
      report('failed', 'external_api.js could not be loaded from ' + cfg.domain);
    };
    document.head.appendChild(script);

    function start() {
      let joined = false;
      const api = new window.JitsiMeetExternalAPI(cfg.domain, {
        roomName: cfg.roomName,
        jwt: cfg.jwt,
        parentNode: document.getElementById('jitsi'),
        width: '100%',
        height: '100%',
        lang: root.dataset.lang,
        userInfo: { displayName: cfg.displayName },
        configOverwrite: {
          disableDeepLinking: true,
          deeplinking: { disabled: true },
          prejoinConfig: { enabled: true },
          lobby: { autoKnock: true, enableChat: false },
          disableInviteFunctions: true
        },
        interfaceConfigOverwrite: { MOBILE_APP_PROMO: false }
      });
      const lobbyOn = function () { if (cfg.moderator) api.executeCommand('toggleLobby', true); };
      api.addListener('videoConferenceJoined', function () {
        joined = true;
        status(T.connected, 'in-call');
        report('joined');
        lobbyOn();
      });
      api.addListener('participantRoleChanged', function (e) {
        if (e && e.role === 'moderator') lobbyOn();
      });
      api.addListener('videoConferenceLeft', function () {
        if (joined) report('left');
        joined = false;
        status(T.left, 'left');
        afterLeave.hidden = false;
      });
      api.addListener('readyToClose', function () { api.dispose(); });
      window.addEventListener('pagehide', function () { if (joined) report('left'); });
    }
  }

  // --- Built in ----------------------------------------------------------------------------------------------------
  function builtin() {
    const localVideo = document.getElementById('local-video');
    const remotes = document.getElementById('remotes');
    const camSel = document.getElementById('camera-select');
    const micSel = document.getElementById('mic-select');
    const btnMute = document.getElementById('btn-mute');
    const btnCam = document.getElementById('btn-camera');
    const btnLeave = document.getElementById('btn-leave');
    const lobbyList = document.getElementById('lobby-list');
    const autoAdmit = document.getElementById('auto-admit');
    const peers = new Map(); // peer id -> { pc, name, queued, figure }
    const names = new Map();
    let stream = null;
    let ws = null;
    let leaving = false;
    let retries = 0;
    // Close codes the server sends on purpose: the room is full, or this person's newer socket replaced this one.
    const FINAL = [4409, 4001];
    const closesAt = cfg.closesAt ? Date.parse(cfg.closesAt) : NaN;

    async function media() {
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        showError(T.mediaFailed);
        return null;
      }
      try {
        return await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' }, audio: true });
      } catch (e) {
        showError(e.name === 'NotAllowedError' || e.name === 'SecurityError' ? T.mediaDenied
          : e.name === 'NotFoundError' || e.name === 'OverconstrainedError' ? T.mediaMissing : T.mediaFailed);
        root.dataset.media = 'none';
        return null;
      }
    }

    async function devices() {
      if (!stream) return;
      const list = await navigator.mediaDevices.enumerateDevices();
      fill(camSel, list.filter(function (d) { return d.kind === 'videoinput'; }), stream.getVideoTracks()[0]);
      fill(micSel, list.filter(function (d) { return d.kind === 'audioinput'; }), stream.getAudioTracks()[0]);
    }

    function fill(select, list, track) {
      const current = track && track.getSettings ? track.getSettings().deviceId : '';
      select.textContent = '';
      list.forEach(function (d, i) {
        const o = document.createElement('option');
        o.value = d.deviceId;
        o.textContent = d.label || (d.kind === 'videoinput' ? 'Kamera ' : 'Mikrofon ') + (i + 1);
        if (d.deviceId === current) o.selected = true;
        select.appendChild(o);
      });
    }

    async function switchDevice(kind, deviceId) {
      if (!stream || !deviceId) return;
      let fresh;
      try {
        fresh = await navigator.mediaDevices.getUserMedia(kind === 'video' ? { video: { deviceId: { exact: deviceId } } }
          : { audio: { deviceId: { exact: deviceId } } });
      } catch (e) {
        showError(e.name === 'NotAllowedError' ? T.mediaDenied : T.mediaFailed);
        return;
      }
      const track = kind === 'video' ? fresh.getVideoTracks()[0] : fresh.getAudioTracks()[0];
      const old = kind === 'video' ? stream.getVideoTracks()[0] : stream.getAudioTracks()[0];
      if (old) {
        track.enabled = old.enabled;
        stream.removeTrack(old);
        old.stop();
      }
      stream.addTrack(track);
      peers.forEach(function (p) {
        p.pc.getSenders().forEach(function (s) { if (s.track && s.track.kind === kind) s.replaceTrack(track); });
      });
      localVideo.srcObject = stream;
    }

    function send(msg) {
      if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
    }

    function peer(id) {
      let p = peers.get(id);
      if (p) return p;
      const pc = new RTCPeerConnection({ iceServers: cfg.iceServers || [] });
      p = { pc: pc, queued: [], figure: null };
      peers.set(id, p);
      if (stream) stream.getTracks().forEach(function (t) { pc.addTrack(t, stream); });
      else {
        pc.addTransceiver('audio', { direction: 'recvonly' });
        pc.addTransceiver('video', { direction: 'recvonly' });
      }
      pc.onicecandidate = function (e) {
        if (e.candidate) send({ type: 'signal', to: id, data: { candidate: e.candidate.toJSON() } });
      };
      pc.ontrack = function (e) { show(id, p, e.streams[0] || new MediaStream([e.track])); };
      pc.onconnectionstatechange = function () {
        if (pc.connectionState === 'connected') status(T.connected, 'in-call');
        if (pc.connectionState === 'failed') {
          status(T.failed, 'failed');
          report('failed', 'peer connection failed');
        }
      };
      return p;
    }

    function show(id, p, remoteStream) {
      if (!p.figure) {
        p.figure = document.createElement('figure');
        p.figure.className = 'remote';
        p.figure.dataset.peer = id;
        const v = document.createElement('video');
        v.autoplay = true;
        v.playsInline = true;
        v.className = 'remote-video';
        const c = document.createElement('figcaption');
        c.textContent = names.get(id) || '';
        p.figure.appendChild(v);
        p.figure.appendChild(c);
        remotes.appendChild(p.figure);
      }
      const video = p.figure.querySelector('video');
      if (video.srcObject !== remoteStream) {
        video.srcObject = remoteStream;
        video.play().catch(function () {
          // The browser wants a tap before it plays sound: play muted and offer the tap.
          video.muted = true;
          video.play().catch(function () {});
          if (!p.figure.querySelector('button')) {
            const b = document.createElement('button');
            b.type = 'button';
            b.className = 'big';
            b.textContent = T.tapForSound;
            b.onclick = function () { video.muted = false; video.play(); b.remove(); };
            p.figure.appendChild(b);
          }
        });
      }
    }

    function close(id) {
      const p = peers.get(id);
      if (!p) return;
      p.pc.close();
      if (p.figure) p.figure.remove();
      peers.delete(id);
    }

    async function offer(id) {
      const p = peer(id);
      await p.pc.setLocalDescription(await p.pc.createOffer());
      send({ type: 'signal', to: id, data: { description: p.pc.localDescription.toJSON() } });
    }

    async function signal(from, data) {
      const p = peer(from);
      if (data.description) {
        await p.pc.setRemoteDescription(data.description);
        if (data.description.type === 'offer') {
          await p.pc.setLocalDescription(await p.pc.createAnswer());
          send({ type: 'signal', to: from, data: { description: p.pc.localDescription.toJSON() } });
        }
        p.queued.splice(0).forEach(function (c) { p.pc.addIceCandidate(c).catch(function () {}); });
      } else if (data.candidate) {
        if (p.pc.remoteDescription) p.pc.addIceCandidate(data.candidate).catch(function () {});
        else p.queued.push(data.candidate);
      }
    }

    function lobby(waiting) {
      if (!lobbyList) return;
      lobbyList.textContent = '';
      if (!waiting.length) {
        const li = document.createElement('li');
        li.className = 'meta';
        li.textContent = T.nobodyWaiting;
        lobbyList.appendChild(li);
        return;
      }
      waiting.forEach(function (w) {
        const li = document.createElement('li');
        li.className = 'waiting';
        li.textContent = w.name + ' ';
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'big admit';
        b.textContent = T.admit;
        b.onclick = function () {
          b.disabled = true;
          api('POST', '/api/bookings/' + cfg.bookingId + '/meeting/admit').catch(function () { b.disabled = false; });
        };
        li.appendChild(b);
        lobbyList.appendChild(li);
      });
    }

    function connect() {
      ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + cfg.signal);
      ws.onmessage = function (event) {
        let m;
        try { m = JSON.parse(event.data); } catch (e) { return; }
        if (m.type === 'welcome') {
          // A fresh start (also after a reconnect): old peer connections go, offers follow for whoever is in the call.
          retries = 0;
          Array.from(peers.keys()).forEach(close);
          if (m.inCall) status(T.alone, 'in-call');
          else status(cfg.autoAdmit ? T.waitingAuto : T.waiting, 'waiting');
        } else if (m.type === 'admitted') {
          status(T.admitted, 'in-call');
        } else if (m.type === 'peers') {
          if (!m.peers.length) status(T.alone, 'in-call');
          m.peers.forEach(function (p) { names.set(p.id, p.name); offer(p.id); });
        } else if (m.type === 'joined') {
          names.set(m.peer.id, m.peer.name);
          status(T.connecting);
        } else if (m.type === 'left') {
          close(m.peer);
          if (!peers.size) status(T.otherLeft, 'in-call');
        } else if (m.type === 'signal') {
          signal(m.from, m.data).catch(function (e) { report('failed', 'signalling: ' + e.name); });
        } else if (m.type === 'lobby') {
          lobby(m.waiting);
        } else if (m.type === 'full') {
          // No place in the room: say so, do not retry, and let go of camera and microphone.
          stop(T.full, 'full');
        } else if (m.type === 'replaced') {
          // The same person opened the room again (another tab or device): this page steps aside for good.
          stop(T.replaced, 'replaced');
        }
      };
      ws.onclose = function (event) {
        if (leaving) return;
        if (FINAL.indexOf(event.code) >= 0) {
          stop(event.code === 4409 ? T.full : T.replaced, event.code === 4409 ? 'full' : 'replaced');
          return;
        }
        Array.from(peers.keys()).forEach(close);
        if (!isNaN(closesAt) && Date.now() > closesAt) {
          status(T.failed, 'failed');
          afterLeave.hidden = false;
          return;
        }
        status(T.connectionLost, 'reconnecting');
        // After "service restart" at once (a little spread, so a node's people do not all arrive in one instant);
        // otherwise, and when that did not help, 0.5 s doubling up to 10 s, so a struggling installation is not hammered.
        const pause = event.code === 1012 && retries === 0 ? 100 + Math.random() * 400
          : Math.min(10000, 500 * Math.pow(2, retries)) * (0.75 + Math.random() / 2);
        retries++;
        setTimeout(connect, pause);
      };
    }

    /** Ends the page's part in the call for good: no reconnect, camera and microphone let go. */
    function stop(text, state) {
      leaving = true;
      if (ws) ws.close();
      Array.from(peers.keys()).forEach(close);
      if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
      localVideo.srcObject = null;
      status(text, state);
      document.querySelectorAll('.controls button').forEach(function (b) { b.disabled = true; });
      afterLeave.hidden = false;
    }

    function leave() {
      stop(T.left, 'left');
    }

    btnMute.onclick = function () {
      if (!stream) return;
      const on = !stream.getAudioTracks().some(function (t) { return t.enabled; });
      stream.getAudioTracks().forEach(function (t) { t.enabled = on; });
      btnMute.textContent = on ? T.mute : T.unmute;
      btnMute.setAttribute('aria-pressed', String(!on));
    };
    btnCam.onclick = function () {
      if (!stream) return;
      const on = !stream.getVideoTracks().some(function (t) { return t.enabled; });
      stream.getVideoTracks().forEach(function (t) { t.enabled = on; });
      btnCam.textContent = on ? T.cameraOff : T.cameraOn;
      btnCam.setAttribute('aria-pressed', String(!on));
    };
    btnLeave.onclick = leave;
    camSel.onchange = function () { switchDevice('video', camSel.value); };
    micSel.onchange = function () { switchDevice('audio', micSel.value); };
    if (autoAdmit) {
      autoAdmit.onchange = function () {
        api('PUT', '/api/bookings/' + cfg.bookingId + '/meeting/auto-admit', { autoAdmit: autoAdmit.checked })
          .catch(function () { autoAdmit.checked = !autoAdmit.checked; });
      };
    }

    media().then(function (s) {
      stream = s;
      if (s) {
        localVideo.srcObject = s;
        devices().catch(function () {});
      }
      connect();
    });
  }
})();
