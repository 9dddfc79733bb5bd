#!/usr/bin/env node
// Fixtures for the cookie inspector (src/model/inspector.rs): Set-Cookie lines made by the
// real express 4 + express-session 1.19 (its own cookie-signature), for a few secrets and
// cookie options, and what the real middleware does with each cookie sent back, untouched
// and tampered.
//
//   node tests/parity/inspect.js > tests/fixtures/inspector/real-cookies.json
//
// Each case starts an app with its options and makes one request; the app answers with
// req.sessionID. Each check sends a Cookie header to an app with the check's secrets (over
// the same MemoryStore) and records whether express-session took up the same session
// (`accepted`). Ids come from uid-safe unless the case sets genid, so a new run gives new
// ids and MACs: the host test (tests/inspector.rs) reads whatever the file holds.
'use strict';
process.env.NODE_ENV = 'test';
const path = require('path');
const nm = path.join(__dirname, 'node_modules');
const express = require(path.join(nm, 'express'));
const session = require(path.join(nm, 'express-session'));
const { inject } = require(path.join(nm, 'light-my-request'));

function app(options, store) {
  const a = express();
  a.use(session(Object.assign({ resave: false, saveUninitialized: false, store }, options)));
  a.get('/', (req, res) => {
    req.session.visits = (req.session.visits || 0) + 1;
    res.json({ sid: req.sessionID, visits: req.session.visits });
  });
  return a;
}

async function get(a, cookie) {
  const headers = { 'X-Forwarded-Proto': 'https' };
  if (cookie !== undefined) headers.Cookie = cookie;
  const res = await inject(a, { method: 'GET', url: '/', headers });
  const sc = res.headers['set-cookie'];
  return { body: JSON.parse(res.payload), setCookie: Array.isArray(sc) ? sc[0] : sc };
}

// A character of `s` at `i` replaced by another one of the same kind.
function flip(s, i) {
  const c = s[i];
  const to = c === 'A' ? 'B' : c === 'a' ? 'b' : c === '0' ? '1' : /[A-Z]/.test(c) ? 'A' : /[a-z]/.test(c) ? 'a' : '0';
  return s.slice(0, i) + to + s.slice(i + 1);
}

// The first position from `from` whose character is a letter or digit.
function alnumAt(s, from) {
  for (let i = from; i < s.length; i++) if (/[A-Za-z0-9]/.test(s[i])) return i;
  return from;
}

const CASES = [
  { label: 'defaults', secrets: ['keyboard cat'], options: {} },
  {
    label: 'max-age, secure, strict',
    secrets: ['x7Qe9tLw2Rz4Kp8Vm3Nb6Hy1Jc5Fd0Ga'],
    options: { proxy: true, cookie: { maxAge: 3600000, secure: true, sameSite: 'strict' } },
  },
  {
    label: 'cross-site: none, secure, partitioned, priority, own name and domain',
    secrets: ['q2W8e4R6t1Y9u3I7o5P0aSdFgHjKlZxC'],
    options: {
      name: 'app.sid',
      proxy: true,
      cookie: { sameSite: 'none', secure: true, partitioned: true, priority: 'high', domain: 'example.com' },
    },
  },
  {
    label: 'SameSite=None without Secure, no HttpOnly, the course secret',
    secrets: ['zfpx'],
    options: { cookie: { sameSite: 'none', httpOnly: false, maxAge: 60000 } },
  },
  {
    label: 'rotation: signed with the first of two',
    secrets: ['new-2f9c8e1d7b6a5f4e3d2c1b0a99887766', 'old-secret'],
    options: {},
  },
  {
    label: 'a short, counting genid',
    secrets: ['secret'],
    options: { genid: (() => { let n = 41; return () => String(++n); })(), cookie: { sameSite: 'lax' } },
  },
];

async function main() {
  const out = [];
  for (const c of CASES) {
    const store = new session.MemoryStore();
    const first = await get(app(Object.assign({ secret: c.secrets.length === 1 ? c.secrets[0] : c.secrets }, c.options), store));
    const setCookie = first.setCookie;
    const pair = setCookie.split(';')[0];
    const name = pair.slice(0, pair.indexOf('='));
    const value = pair.slice(pair.indexOf('=') + 1);
    const decoded = decodeURIComponent(value);
    const signed = decoded.slice(2);
    const dot = signed.lastIndexOf('.');
    const sid = signed.slice(0, dot);
    const mac = signed.slice(dot + 1);
    const enc = (v) => name + '=' + encodeURIComponent(v);
    const tries = [
      { what: 'untouched', cookie: pair, secrets: c.secrets },
      { what: 'mac-changed', cookie: enc('s:' + sid + '.' + flip(mac, alnumAt(mac, 10))), secrets: c.secrets },
      { what: 'id-changed', cookie: enc('s:' + flip(sid, alnumAt(sid, 0)) + '.' + mac), secrets: c.secrets },
      { what: 'unsigned', cookie: enc(sid), secrets: c.secrets },
      { what: 'no-mac', cookie: enc('s:' + sid), secrets: c.secrets },
      { what: 'wrong-secret', cookie: pair, secrets: ['not-' + c.secrets[0]] },
      { what: 'not-url-encoded', cookie: name + '=' + decoded, secrets: c.secrets },
    ];
    if (c.secrets.length > 1) {
      tries.push({ what: 'old-secret-after-rotation', cookie: pair, secrets: ['newest-secret'].concat(c.secrets) });
    }
    const checks = [];
    for (const t of tries) {
      const opts = Object.assign({}, c.options, { secret: t.secrets.length === 1 ? t.secrets[0] : t.secrets });
      delete opts.genid;
      const r = await get(app(opts, store), t.cookie);
      checks.push({ what: t.what, cookie: t.cookie, secrets: t.secrets, accepted: r.body.sid === first.body.sid && r.body.visits > 1 });
    }
    out.push({ label: c.label, secrets: c.secrets, set_cookie: setCookie, name, sid, checks });
  }
  process.stdout.write(JSON.stringify({
    generator: 'tests/parity/inspect.js',
    packages: {
      express: require(path.join(nm, 'express/package.json')).version,
      'express-session': require(path.join(nm, 'express-session/package.json')).version,
      'cookie-signature': require(path.join(nm, 'express-session/node_modules/cookie-signature/package.json')).version,
    },
    cases: out,
  }, null, 2) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(2);
});
