// The camera and microphone test before an appointment: asks for both, shows the own picture and a level bar, and says
// in the bundles' words whether it works. Nothing is recorded or sent: the stream stays in this page and is stopped on leaving.
(function () {
  'use strict';
  var root = document.getElementById('device-check');
  if (!root) return;
  var texts = JSON.parse(root.getAttribute('data-texts') || '{}');
  var status = document.getElementById('check-status');
  var video = document.getElementById('check-video');
  var levelBox = document.getElementById('check-level-box');
  var level = document.getElementById('check-level');
  var heard = document.getElementById('check-heard');
  var start = document.getElementById('check-start');
  var stream = null, audio = null, timer = null;
  document.getElementById('check-noscript').hidden = true;

  function say(key, bad) {
    status.textContent = texts[key] || key;
    status.className = bad ? 'error' : 'notice';
    status.setAttribute('role', bad ? 'alert' : 'status');
    status.hidden = false;
    root.setAttribute('data-state', key);
  }

  function stop() {
    if (timer) { clearInterval(timer); timer = null; }
    if (audio) { audio.close().catch(function () {}); audio = null; }
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
  }

  function listen(s) {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx || s.getAudioTracks().length === 0) return;
    audio = new Ctx();
    var analyser = audio.createAnalyser();
    analyser.fftSize = 512;
    audio.createMediaStreamSource(s).connect(analyser);
    var data = new Uint8Array(analyser.fftSize);
    timer = setInterval(function () {
      if (audio.state === 'suspended') audio.resume().catch(function () {});
      analyser.getByteTimeDomainData(data);
      var sum = 0;
      for (var i = 0; i < data.length; i++) { var v = (data[i] - 128) / 128; sum += v * v; }
      var value = Math.min(100, Math.round(Math.sqrt(sum / data.length) * 300));
      level.value = value;
      level.textContent = String(value);
      if (value >= 5) heard.textContent = texts.heard;
    }, 100);
  }

  function run() {
    stop();
    start.hidden = true;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { say('unsupported', true); return; }
    say('asking', false);
    navigator.mediaDevices.getUserMedia({ video: true, audio: true }).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.hidden = false;
      levelBox.hidden = false;
      listen(s);
      say('ok', false);
      start.textContent = texts.again;
      start.hidden = false;
    }).catch(function (e) {
      var name = e && e.name;
      say(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied'
        : name === 'NotFoundError' || name === 'OverconstrainedError' ? 'missing' : 'busy', true);
      start.textContent = texts.again;
      start.hidden = false;
    });
  }

  start.addEventListener('click', run);
  window.addEventListener('pagehide', stop);
  run();
})();
