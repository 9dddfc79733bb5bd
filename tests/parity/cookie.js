// Golden Cookie-header fixtures: what jshttp/cookie 0.7.2's `parse` (the version
// express-session and cookie-parser pin) makes of request `Cookie` headers, so the server's
// parser (src/engine/cookie_header.rs) is compared with the real one.
//
//   node tests/parity/cookie.js > tests/fixtures/cookie/parse.json
//
// The headers are the corner cases below plus seeded combinations of the same pieces, so the
// file is the same on every run.
'use strict';

const cookie = require('cookie');
if (require('cookie/package.json').version !== '0.7.2') throw new Error('expected cookie 0.7.2');

const names = ['connect.sid', 'a', 'b', 'balance', ' a', 'a ', '\ta', '', '__proto__', 'constructor',
  'toString', '1', '0', 'x y', 'é', 'a"b', '$x', 'connect.sid'];
const values = ['1', '', 's%3Aabc.def', 's%3Aabc.de%2Bf%2F', '"quoted"', '"', '""', '"a', 'a"', ' spaced ',
  '%', '%zz', 'a%41b', '%E4%BD%A0', '%E4%BD', '%C0%80', '%ED%A0%80', '%F0%9F%98%80', 'a=b', '=',
  'x\ty', '中文', '%25', '100', 'a b', '\t1\t'];
const joins = ['; ', ';', ' ; ', ';;', '; ;', ';\t'];
const junk = ['', 'novalue', ' ', '=', '==', 'a;b', ';'];

// mulberry32: a small seeded generator, so the headers are the same on every run
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = rng(20261202);
const one = (g) => g[Math.floor(pick() * g.length)];

const headers = new Set(['', 'a', 'a=', '=a', 'a=1', 'a=1;', ';a=1', 'a=1; a=2', 'a; b=2', 'a=1; b; c=3',
  'a=1; b=2; a=3', '__proto__=1; b=2', 'a="1"; b="', 'a=%41%42; b=%', ' a = 1 ; b = 2 ']);
for (const n of names) for (const v of values) headers.add(`${n}=${v}`);
while (headers.size < 1500) {
  const k = 1 + Math.floor(pick() * 4);
  const parts = [];
  for (let i = 0; i < k; i++) parts.push(pick() < 0.15 ? one(junk) : `${one(names)}=${one(values)}`);
  headers.add(parts.map((p, i) => (i ? one(joins) : '') + p).join(''));
}

const cases = [...headers].map((header) => {
  const parsed = cookie.parse(header);
  // every own key with its value; the order is JavaScript's (integer-like keys first)
  return { header, cookies: Object.keys(parsed).map((k) => [k, parsed[k]]) };
});
process.stdout.write(JSON.stringify({ source: `jshttp/cookie ${require('cookie/package.json').version} parse, Node ${process.version}`, cases }, null, 1) + '\n');
