// Golden fixtures for `req.query`: what Express 4.22.3's own "extended" query parser (the
// function `app.get('query parser fn')` holds, i.e. qs 6.16's `parse` with
// `{ allowPrototypes: true, arrayLimit: 1000 }`) makes of 230 hand-written query strings
// (nesting, indices, the depth and array limits, mixed and repeated keys, prototype names,
// broken escapes, odd brackets) and 1,000 seeded random ones built from the same pieces.
//
//   node tests/parity/qs.js > tests/fixtures/js/qs.json
//
// Each case holds `query`, `json` (JSON.stringify of the result: key order as JavaScript
// enumerates it, arrays as `[...]`, objects as `{...}`) and `inspected` (util.inspect of it,
// what console.log shows). The script checks what JSON alone could hide: every object in a
// result has Object.prototype (qs builds its scratch object with a null prototype, but never
// hands one out with these options), no array has a hole (qs compacts them) and every leaf is
// a string. Seeded, so the file is the same on every run.
'use strict';
const path = require('path');
const util = require('util');
const nm = path.join(__dirname, 'node_modules');
const express = require(path.join(nm, 'express'));
const qs = require(path.join(nm, 'qs'));
const { pick, one } = require('./seeded')(20260611);

// Express's own parser, as its query middleware calls it
const parse = express().get('query parser fn');
const expected = qs.parse('a[0]=1&b[c]=2', { allowPrototypes: true, arrayLimit: 1000 });
if (JSON.stringify(parse('a[0]=1&b[c]=2')) !== JSON.stringify(expected)) {
  throw new Error('express no longer parses with qs { allowPrototypes: true, arrayLimit: 1000 }');
}

const rep = (piece, n, sep = '&') => Array.from({ length: n }, (_, i) => piece(i)).join(sep);

const hand = [
  // plain pairs, empty parts and values, '+', escapes
  '', 'a', 'a=', '=', '==', '=a', '&', '&&', 'a=1', 'a=1&b=2', 'a=1&&b=2&', '&a=1', 'a==1', 'a=1=2',
  'a+b=c+d', 'a%20b=c%20d', 'a=%2B', 'a=%ZZ+b&c', 'a=%', 'a=%2', 'a%=1', '%=%', 'a=%E2%9C%93', 'a=%E2%9C',
  'a=%C3%A9', 'a=%C3', 'a=%ED%A0%80', 'a=%F0%9F%98%80', 'a=é&é=😀', 'a=%00', 'a=%0A%0D%09', 'a=%22%27%5C',
  'username=alice', "username=it's", 'username=%3Cb%3Ehi%3C%2Fb%3E',
  // repeated keys: combine into arrays
  'a=1&a=2', 'a=1&a=2&a=3', 'a=&a=', 'a&a', 'a=1&b=2&a=3', 'a=1&a=',
  // one level: objects and arrays
  'a[b]=1', 'a[]=1', 'a[]=1&a[]=2', 'a[]=', 'a[]', 'a[0]=x', 'a[1]=x', 'a[0]=x&a[1]=y', 'a[1]=y&a[0]=x',
  'a[2]=c&a[0]=a', 'a[0]=a&a[0]=b', 'a[b]=1&a[c]=2', 'a[b]=1&a[b]=2', 'a[01]=x', 'a[-1]=x', 'a[+1]=x',
  'a[ 1]=x', 'a[1.0]=x', 'a[1e2]=x', 'a[0x1]=x', 'a[00]=x',
  // deeper nesting and the depth limit of 5
  'username[b][c]=2', 'a[b][c][d]=1', 'a[b][c][d][e][f]=1', 'a[b][c][d][e][f][g]=1', 'a[b][c][d][e][f][g][h]=1',
  'a[0][1][2][3][4][5][6]=x', 'a[][][][][][][]=x', 'a[b][0]=1&a[b][1]=2', 'a[0][b]=1&a[0][c]=2',
  'a[0][b]=1&a[1][b]=2', 'a[][b]=1&a[][c]=2', 'a[][b]=1&a[][b]=2', 'a[b][]=1&a[b][]=2', 'a[][]=1', 'a[][0]=1',
  'a[][1]=1', 'a[0][]=1&a[0][]=2', 'a[1][0]=x&a[0][0]=y',
  // the array limit: indices up to 999 make arrays, 1000 and over make objects
  'a[20]=x', 'a[21]=x', 'a[999]=x', 'a[1000]=x', 'a[1001]=x', 'a[999]=x&a[1000]=y', 'a[1000]=x&a[]=y',
  'a[1000]=x&a=y', 'a=y&a[1000]=x', 'a[1000]=x&a[b]=y', 'a[b]=y&a[1000]=x', 'a[1000][b]=x&a[1000][c]=y',
  'a[][1000]=x', 'a[1000][]=x&a[1000][]=y', 'a[4294967294]=x&a[b]=y&a[4294967295]=z&a[5]=w',
  'a[100000000000000000000]=x&a=y', 'a[9007199254740993]=x', 'a[1e21]=x', 'a[1000000000000000000000]=x',
  'a[9999999999999999]=x&a=y&a=z',
  // sparse indices compact
  'a[5]=x', 'a[1]=b&a[5]=c&a[3]=d', 'a[3]=&a[1]=x', 'a[0][2]=x&a[0][7]=y',
  // '[]' mixed with named keys: the array becomes an object with index keys
  'a[]=1&a[b]=2', 'a[b]=2&a[]=1', 'a[]=1&a[b]=2&a[]=3', 'a[b]=1&a[]=2&a[c]=3', 'a[0]=1&a[b]=2', 'a[b]=2&a[0]=1',
  'a[]=1&a[]=2&a[x]=3', 'a[1]=1&a[x]=2', 'a[x][]=1&a[x][y]=2',
  // a plain value meets a nested one
  'a=1&a[b]=2', 'a[b]=1&a=2', 'a[b]=1&a=2&a=3', 'a[b]=1&a=2&a[c]=3', 'a=1&a[]=2', 'a[]=1&a=2', 'a=1&a[0]=2',
  'a[0]=1&a=2', 'a=&a[b]=1', 'a[b]=1&a=', 'a[b]=&a=x', 'a[b][c]=1&a[b]=2', 'a[b]=2&a[b][c]=1', 'a=1&a[b]=2&a[c]=3',
  'a[b]=1&a=2&a[b]=3', '5[a]=1&5=2', '5=2&5[a]=1', 'a=1&a[1000]=2', 'a[0]=1&a[1000]=2&a=3',
  // keys with dots, brackets that do not close, keys starting with '[', odd bracket runs
  'a.b=1', 'a.b.c=1&a.b=2', 'a[b.c]=1', 'a.[b]=1', 'a[=1', 'a[b=1', 'a[b][c=1', 'a]=1', 'a]b=1', 'a[b]c=1',
  'a[b]c[d]=1', 'a[[b]]=1', 'a[[b]c]=1', 'a[b]]=1', 'a[]]=1', 'a[[]=1', 'a[[]]=1', '[a]=1', '[0]=1', '[]=1',
  '[]=1&[]=2', '[a][b]=1', '[=1', ']=1', '[]', '[', '][', 'a[b]=1]=2', 'a=b]=c', 'a[b]=c=d', 'a[]=b]=c',
  'a%5Bb%5D=1', 'a%5bb%5d=1', 'a%255Bb%255D=1', 'a%%5Bb%5D=1', 'a=%5B%5D', 'a[%5D=1', 'a%5B0%5D=x',
  'a[b%20c]=1', 'a+b[c+d]=e+f', '%20=1', ' =1', 'a[ ]=1',
  // prototype names (allowPrototypes lets them through; __proto__ is never written)
  '__proto__=x', '__proto__[a]=1', 'a[__proto__]=1', 'a[__proto__][b]=1', 'a[b][__proto__]=1', '[__proto__]=1',
  '%5F_proto__=x', '__proto__=x&a=1', 'a=1&__proto__[a]=2', 'constructor=x', 'constructor[prototype][x]=1',
  'toString=x', 'hasOwnProperty=x&a=1', 'a[hasOwnProperty]=x', 'a[toString]=1&a[toString]=2',
  'valueOf=1&valueOf=2', 'prototype[a]=1', 'a[constructor][prototype]=1', 'a[0]=x&a[__proto__]=y',
  'a[]=x&a[__proto__]=y', 'a[__proto__]=y&a[]=x', '__proto__[]=x', 'a=1&a[__proto__]=2',
  // the marks qs keeps on containers: a conflict (an object met a string) goes on taking
  // strings at its next index, an overflow object at its highest index plus one. Keys that
  // differ but reach the same place (`a`, `[a]`, `[a]x`) get there without being combined first
  'a[c][b]=1&a[c]=2&a[c][d]=3&a[c]x=4', 'a[b]=1&a=2&[a]=3&a[d]=4&[a]x=5', 'a[b]=1&a=2&a[c]=3&a[5]=x&[a]=y',
  'a[b]=1&a=2&a[c]=3&[a]=4', 'a[b]=1&a=2&a[c]=3&[a]=4&[a]x=5', 'a[b]=1&a=2&a[0]=3', 'a[b]=1&a=2&a[0][c]=3',
  'a=1&[a]=2&a[b]=3', 'a=1&[a][]=2&[a]x[]=3', 'a[b]=1&[a][b]=2&[a]x[b]=3', 'a[1000]=x&a[2000]=y&[a]=z',
  'a[2000]=y&a[1000]=x&[a]=z', 'a[1000]=x&a[b][c]=y&a[b]=z', 'a=x&a[1000]=y&[a]=z', 'a[9007199254740993]=x&[a]=y',
  'a[999]=x&[a][999]=y', 'a[999]=x&[a]=y&[a]x=z', 'a[b]=1&a=2&a[5]=x&a[c]=y&[a]=z',
  // holes count in an array's length until the end: where the next element goes, its key
  'a=1&[a][2]=x&[a]x=y&a[b]=z', 'a=1&[a][2]=x&a[b]=y', 'a[3]=x&[a]=y&a[b]=z', 'a[1]=x&a[3]=y&[a][]=z&a[b]=w',
  // the parameter limit: only the first 1,000 parts count (empty ones too)
  rep((i) => 'a' + i + '=' + i, 1005),
  rep((i) => (i % 2 ? '' : 'k' + i + '=' + i), 1003),
  rep((i) => 'a=' + i, 1001),
  rep((i) => 'a[]=' + i, 1001),
  rep((i) => 'a[' + i + ']=' + i, 1000),
  rep((i) => 'a[' + (999 - i) + ']=' + i, 1000),
  rep((i) => 'a=' + i, 999) + '&a[b]=x',
  'a[b]=x&' + rep((i) => 'a=' + i, 999),
  rep((i) => 'a[]=' + i, 998) + '&a[1000]=x&a[]=y',
  rep((i) => 'a[' + i + ']=' + i, 1000) + '&a[b]=1',
];
const hands = new Set(hand);
if (hands.size !== hand.length) throw new Error('a hand-written case is repeated');

// seeded random queries: pairs from a small alphabet, so keys collide and merge
const bases = ['a', 'a', 'a', 'b', '', '0', '5', '_', '__proto__', '_proto__', 'a.b', 'a b', 'constructor', '%5F_proto__'];
const groups = ['[]', '[]', '[0]', '[0]', '[1]', '[2]', '[20]', '[21]', '[999]', '[1000]', '[1001]', '[b]', '[b]',
  '[c]', '[__proto__]', '[', ']', '[[]', '[b', '[ ]', '[00]', '[-1]', '%5B%5D', '%5B0%5D', '%5Bb%5D', '[a.b]',
  '[toString]', '.b', '[]]'];
const values = ['', '1', '2', 'x', 'a+b', '%20', '%', '%ZZ', '%E2%9C%93', '%C3', '0', '=', ']', '[', '.'];
const soup = ['a', 'b', '[', ']', '=', '&', '%', '2', '0', '+', '.', '_', '_proto__', '[]', '[0]', '[21]',
  '[1000]', '5', 'B', 'D', '%5B', '%5D', '__proto__'];
const n = (max) => Math.floor(pick() * max);
const random = [];
while (random.length < 1000) {
  let q;
  if (pick() < 0.75) {
    const parts = [];
    for (let i = 1 + n(6); i > 0; i--) {
      let key = one(bases);
      for (let g = n(pick() < 0.2 ? 9 : 4); g > 0; g--) key += one(groups);
      const r = pick();
      parts.push(r < 0.1 ? key : r < 0.15 ? '' : key + '=' + one(values));
    }
    q = parts.join('&');
  } else {
    q = '';
    for (let i = 1 + n(14); i > 0; i--) q += one(soup);
  }
  if (!hands.has(q)) {
    hands.add(q);
    random.push(q);
  }
}

// what JSON text could hide: a null prototype, a hole, a non-string leaf
const check = (v, where) => {
  if (typeof v === 'string') return;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) throw new Error(`a hole in ${where}`);
      check(v[i], where);
    }
    return;
  }
  if (v === null || typeof v !== 'object') throw new Error(`a ${typeof v} leaf in ${where}`);
  if (Object.getPrototypeOf(v) !== Object.prototype) throw new Error(`an object without Object.prototype in ${where}`);
  for (const k of Object.keys(v)) check(v[k], where);
};

const cases = [...hand, ...random].map((query) => {
  const parsed = parse(query);
  check(parsed, JSON.stringify(query));
  return { query, json: JSON.stringify(parsed), inspected: util.inspect(parsed) };
});

process.stdout.write(JSON.stringify({
  express: require(path.join(nm, 'express', 'package.json')).version,
  qs: require(path.join(nm, 'qs', 'package.json')).version,
  options: { allowPrototypes: true, arrayLimit: 1000 },
  hand: hand.length,
  cases,
}, null, 1) + '\n');
