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
  // a narrated scenario that plays by itself: #scenario=<base64url JSON>&autoplay=1
  document.getElementById('autoplay').onclick = function () {
    var story = {
      title: { zh: '登录，再退出', en: 'Log in, then log out' },
      app: 'auth',
      steps: [
        { request: { url: 'http://localhost:8080/login?username=alice' },
          say: { zh: '登录：username 存进 session。', en: 'Log in: username goes into the session.' } },
        { request: { url: 'http://localhost:8080/user' },
          say: { zh: '用户页从 session 里读出 alice。', en: 'The user page reads alice from the session.' } },
        { request: { url: 'http://localhost:8080/logout' },
          say: { zh: '课程的退出写错了字段名：你还是 alice。', en: "The course's logout misspells the field: you are still alice." } }
      ]
    };
    var json = JSON.stringify(story);
    var b64 = btoa(unescape(encodeURIComponent(json))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    lab.hash = fragment + '&scenario=' + b64 + '&autoplay=1';
    frame.src = lab.href;
  };
  window.sendToLab = send;
})();
