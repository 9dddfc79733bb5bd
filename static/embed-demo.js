// The host side of Session Lab's postMessage API (see README, "Embedding").
(function () {
  var params = new URLSearchParams(location.search);
  // where the lab is served (default: next to this page) and which origin it should trust
  var lab = new URL(params.get('lab') || './', location.href);
  var allow = params.get('allow') || location.origin;
  var panes = params.get('panes');
  var frame = document.getElementById('lab');
  var fragment = 'embed=1&lesson=auth&allow=' + encodeURIComponent(allow) + (panes ? '&panes=' + encodeURIComponent(panes) : '');
  lab.hash = fragment;
  frame.src = lab.href;

  // everything the lab said, for people and for tests
  window.labMessages = [];
  var log = document.getElementById('log');
  window.addEventListener('message', function (e) {
    if (e.origin !== lab.origin || e.source !== frame.contentWindow) return;
    var m = e.data;
    if (!m || typeof m.type !== 'string' || m.type.indexOf('session-lab:') !== 0) return;
    window.labMessages.push(m);
    if (m.type === 'session-lab:resize') frame.style.height = m.height + 'px';
    var li = document.createElement('li');
    li.textContent = JSON.stringify(m);
    log.appendChild(li);
  });

  function send(message) {
    frame.contentWindow.postMessage(message, lab.origin);
  }
  document.getElementById('set-zh').onclick = function () { send({ type: 'session-lab:set', lesson: 'auth', lang: 'zh' }); };
  document.getElementById('set-en').onclick = function () { send({ type: 'session-lab:set', lesson: 'middleware', lang: 'en' }); };
  document.getElementById('set-challenge').onclick = function () { send({ type: 'session-lab:set', challenge: 'tamper' }); };
  document.getElementById('load').onclick = function () {
    send({
      type: 'session-lab:load',
      scenario: {
        app: 'auth',
        steps: [
          { request: { url: 'http://localhost:8080/' } },
          { request: { url: 'http://localhost:8080/login?username=alice' } },
          { request: { url: 'http://localhost:8080/user' } }
        ]
      }
    });
  };
  window.sendToLab = send;
})();
