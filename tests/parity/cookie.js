// Golden Cookie-header fixtures: what jshttp/cookie 0.7.2's `parse` (the version
// express-session and cookie-parser pin) makes of request `Cookie` headers, so the server's
// parser (src/engine/cookie_header.rs) is compared with the real one.
//
//   node tests/parity/cookie.js > tests/fixtures/cookie/cookie.json
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

const { pick, one } = require('./seeded')(20261202);

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
// serialize: names, values and options as express-session hands them over (falsy options left
// out), including the ones that throw, with the TypeError's message
const sNames = ['connect.sid', 'a', 'sid', 'a b', 'a;b', 'a=b', '', 'é', 'x\ty', '__Host-id', 'a"b', 'a{b}', '!#$%&\'*+-.^_`|~'];
const sValues = ['s:abc.def', '', '1', 'a b', 'a;b', '你好', '"q"', '%', 'a+b/c=', '\u0000', '😀', 'x'.repeat(60)];
const sOpts = {
  maxAge: [undefined, 0, 60, 59.9, -1, 1.5e9, 1e21, -0.5, Infinity],
  domain: [undefined, 'localhost', 'example.com', '.example.com', 'a..b', 'ex ample', 'EXAMPLE.com', '-a.com', 'a-.com', 'xn--nxasmq6b.com', '1.2.3.4', 'a.b.c.d.e'],
  path: [undefined, '/', '/user', '/a b', '/a;b', '/ü', '/<x>', 'relative', '/a\u007f'],
  expires: [undefined, 0, 1700000000000, -62198755200000, 253402300800000, 8.64e15],
  httpOnly: [undefined, true],
  secure: [undefined, true],
  partitioned: [undefined, true],
  priority: [undefined, 'low', 'Medium', 'HIGH', 'urgent'],
  sameSite: [undefined, true, 'lax', 'Strict', 'none', 'NONE', 'sometimes'],
};
const serialized = [];
const seen = new Set();
while (serialized.length < 1200) {
  const opts = {};
  for (const [k, vs] of Object.entries(sOpts)) {
    const v = pick() < 0.55 ? undefined : one(vs);
    if (v !== undefined) opts[k] = v;
  }
  const name = pick() < 0.85 ? 'connect.sid' : one(sNames);
  const value = pick() < 0.7 ? 's:abc.def' : one(sValues);
  const key = JSON.stringify([name, value, opts]);
  if (seen.has(key)) continue;
  seen.add(key);
  const o = Object.assign({}, opts);
  if (o.expires !== undefined) o.expires = new Date(o.expires);
  let out;
  try {
    out = cookie.serialize(name, value, o);
  } catch (e) {
    out = { error: e.message };
  }
  // Infinity is not JSON: written as the string "Infinity"
  if (opts.maxAge === Infinity) opts.maxAge = 'Infinity';
  serialized.push({ name, value, opts, out });
}

// cookie-signature 1.0.7 (express-session's own copy): sign, then unsign of the signed value,
// of one with a character changed, of one signed with another secret, and of junk
const signature = require('express-session/node_modules/cookie-signature');
const sigSecrets = ['zfpx', 'keyboard cat', 's', '密钥', 'a'.repeat(100), 'x y\tz', '😀'];
const sigValues = ['abc', '', 'dPHMqKsUuew7109ZmdUKVICaDm3M5Va9', 'a.b.c', '你好', 's:abc', '.', 'x'.repeat(200)];
const signed = [];
while (signed.length < 300) {
  const value = pick() < 0.3 ? one(sigValues) : Math.floor(pick() * 1e12).toString(36);
  const secret = one(sigSecrets);
  const s = signature.sign(value, secret);
  const at = Math.floor(pick() * s.length);
  const tampered = s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
  const other = signature.sign(value, one(sigSecrets));
  const junk = one(['', '.', 'abc', 'abc.', '.abc', s + '=', s + ' ', s.slice(0, -1)]);
  signed.push({
    value,
    secret,
    signed: s,
    unsign: [s, tampered, other, junk].map((input) => [input, signature.unsign(input, secret)]),
  });
}

process.stdout.write(JSON.stringify({ source: `jshttp/cookie ${require('cookie/package.json').version} parse and serialize, cookie-signature ${require('express-session/node_modules/cookie-signature/package.json').version}, Node ${process.version}`, cases, serialized, signed }, null, 1) + '\n');
