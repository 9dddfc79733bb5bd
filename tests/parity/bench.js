#!/usr/bin/env node
// Real express 4 + express-session 1.19 on the lab's workload, in-process (light-my-request,
// no sockets): the counter app (src/engine/server/js/counter.js, the course's options),
// a returning visitor (its cookie every time) and a new visitor (no cookie).
// Prints one JSON line: {"returning": rps, "new": rps}.
'use strict';
process.env.NODE_ENV = 'production';
const fs = require('fs');
const path = require('path');
const express = require('express');
const session = require('express-session');
const { inject } = require('light-my-request');

const src = fs.readFileSync(path.resolve(__dirname, '../../src/engine/server/js/counter.js'), 'utf8');
let app;
const req = (name) => {
  if (name === 'express') {
    return Object.assign((...a) => {
      app = express(...a);
      app.listen = () => {};
      return app;
    }, express);
  }
  if (name === 'express-session') return session;
  throw new Error('unexpected require ' + name);
};
const quiet = { warn() {}, log() {}, error() {} };
new Function('require', 'console', src)(req, quiet);

async function measure(cookie, seconds) {
  let n = 0;
  const t0 = process.hrtime.bigint();
  const until = t0 + BigInt(seconds * 1e9);
  while (process.hrtime.bigint() < until) {
    for (let i = 0; i < 200; i++) {
      const res = await inject(app, { method: 'GET', url: '/', headers: cookie ? { cookie } : {} });
      if (res.statusCode !== 200) throw new Error('status ' + res.statusCode);
      n++;
    }
  }
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

(async () => {
  const first = await inject(app, { method: 'GET', url: '/' });
  const sc = first.headers['set-cookie'];
  const cookie = (Array.isArray(sc) ? sc[0] : sc).split(';')[0];
  await measure(cookie, 0.5); // warm up
  const returning = await measure(cookie, 2);
  const fresh = await measure(null, 2);
  process.stdout.write(JSON.stringify({ returning, new: fresh }) + '\n');
})();
