// Golden fixtures for the pieces of JavaScript the engine re-implements (src/engine/js.rs,
// uri.rs, json/): what Node itself gives for String(number), Number(string),
// encodeURIComponent, decodeURIComponent (or its URIError), JSON.stringify of a string, and the
// escape-html and encodeurl packages express uses.
//
//   node tests/parity/js.js > tests/fixtures/js/builtins.json
//
// Seeded, so the file is the same on every run.
'use strict';

const escapeHtml = require('escape-html');
const encodeUrl = require('encodeurl');

const { pick, one } = require('./seeded')(20261203);

// numbers: edges, then doubles from random bits, random integers and short decimals
const numbers = [0, -0, 1, -1, 0.1, 0.2 + 0.1, 1 / 3, 100, -10, 90, 1e15, 1e15 - 1, 1e16, 1e21, 1e21 - 65536,
  123456789012345680000, 1e-6, 1e-7, 5e-324, 1.7976931348623157e308, 2 ** 53, 2 ** 53 + 2, -(2 ** 63),
  1209600000, 86400000, 0.5, 1.5, -1.5e-10, 4.35, 0.000001234, 1700000000000];
const buf = new DataView(new ArrayBuffer(8));
while (numbers.length < 1500) {
  const r = pick();
  if (r < 0.4) {
    buf.setUint32(0, Math.floor(pick() * 2 ** 32));
    buf.setUint32(4, Math.floor(pick() * 2 ** 32));
    const x = buf.getFloat64(0);
    if (Number.isFinite(x)) numbers.push(x);
  } else if (r < 0.7) {
    numbers.push(Math.floor(pick() * 2 ** 60) * (pick() < 0.5 ? -1 : 1));
  } else {
    numbers.push(Number((pick() * 10 ** Math.floor(pick() * 12)).toFixed(Math.floor(pick() * 6))));
  }
}

// strings for Number(): what a learner types into a balance, a maxAge, a query
const numberTexts = ['', ' ', '0', '-0', '12', ' 12 ', '\t\n12\r', '1e3', '1E3', '1e', '.5', '5.', '-.5', '+5',
  '0x1f', '0X1F', '0x', '0b11', '0o17', '-0x1f', 'Infinity', '-Infinity', '+Infinity', 'infinity', 'NaN',
  '1_000', '1,000', '12abc', '00012', '1e309', '-1e309', '1e-400', '0.1e1', '\u00a012\u2003', '１２', '\ufeff7'];
const digits = '0123456789.eE+-x _';
while (numberTexts.length < 400) {
  let s = '';
  const k = 1 + Math.floor(pick() * 8);
  for (let i = 0; i < k; i++) s += one(digits);
  numberTexts.push(s);
}

// strings for the URI functions, JSON and HTML: ASCII, punctuation, CJK, emoji, controls
const pieces = ['a', 'Z', '0', ' ', '%', '%41', '%zz', '%E4%BD%A0', '%E4%BD', '%C0%80', '%ED%A0%80', '%F0%9F%98%80',
  '%2F', '%2f', '%25', '/', '?', '#', '&', '=', '+', ';', ',', ':', '@', '$', '!', "'", '(', ')', '*', '~', '-',
  '_', '.', '"', '<', '>', '\\', '^', '`', '{', '|', '}', '[', ']', '\t', '\n', '\u0000', '\u001f', '\u007f',
  '你好', 'é', '\u2028', '😀', '\ud7ff', '\ue000'];
const texts = new Set(['', 'hello', 's:abc.def', 'alice', '<script>alert(1)</script>', 'a b&c', '100%']);
for (const p of pieces) texts.add(p);
while (texts.size < 1500) {
  let s = '';
  const k = 1 + Math.floor(pick() * 6);
  for (let i = 0; i < k; i++) s += one(pieces);
  texts.add(s);
}

// dates: the edges of what a Date holds, then random times across its range and near now
const times = [0, -1, 1, 1700000000000, 1700000000000 + 1209600000, 8.64e15, -8.64e15, 8.64e15 + 1,
  -8.64e15 - 1, 253402300799999, 253402300800000, -62167219200000, -62167219200001, -62198755200000,
  951782400000, 4107542400000, 1e15 + 0.75, -0.5];
while (times.length < 600) {
  const r = pick();
  if (r < 0.5) times.push(Math.floor((pick() * 2 - 1) * 8.64e15));
  else if (r < 0.8) times.push(1700000000000 + Math.floor((pick() * 2 - 1) * 4e12));
  else times.push(Math.floor((pick() * 2 - 1) * 3e14));
}
const iso = (d) => (Number.isNaN(d.getTime()) ? null : d.toISOString());
const dates = times.map((t) => {
  const d = new Date(t);
  return {
    t,
    utc: d.toUTCString(),
    iso: iso(d),
    // read back: what Date.parse makes of both forms (NaN as null)
    parsedUtc: Number.isNaN(Date.parse(d.toUTCString())) ? null : Date.parse(d.toUTCString()),
    parsedIso: iso(d) === null ? null : Date.parse(iso(d)),
  };
});

// cookie dates (RFC 6265 5.1.1) as the parity harness's browser, tough-cookie, reads an Expires
const { parseDate } = require('tough-cookie');
const datePieces = ['Wed,', 'Thu', 'wednesday', '21', '1', '01', '31', '32', '0', 'Oct', 'oct', 'OCTOBER', 'Feb', 'Xyz',
  '2015', '15', '69', '70', '99', '1600', '1601', '1969', '9999', '10000', '07:28:00', '7:8:9', '23:59:59',
  '24:00:00', '12:60:00', '00:00:60', 'GMT', 'UTC', '+0200', '-', ',', ';', '/', '  '];
const cookieDates = new Set(['', 'Wed, 21 Oct 2015 07:28:00 GMT', 'Thu, 01 Jan 1970 00:00:00 GMT',
  'Sun, 06 Nov 1994 08:49:37 GMT', 'Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994',
  '21 Oct 2015 07:28:00', 'Oct 21 2015 07:28:00', '2015 Oct 21 07:28:00', '21-oct-2015 07:28:00',
  'Wed, 31 Feb 2015 07:28:00 GMT', 'Wed, 21 Oct 1600 07:28:00 GMT', 'Wed, 21 Oct 15 07:28:00 GMT',
  'Wed, 21 Oct 70 07:28:00 GMT', 'Wed, 21 Oct 2015 07:28 GMT', 'Wed, 21 Oct 2015 7:28:00 GMT']);
const days = ['1', '01', '9', '21', '28', '29', '30', '31', '32', '0', '001', '7th'];
const months = ['Jan', 'feb', 'MAR', 'April', 'jun', 'Sep', 'Oct', 'Dec', 'Xyz', 'Ja'];
const years = ['2015', '15', '69', '70', '99', '00', '1600', '1601', '1969', '2024', '2100', '9999', '10000', '123'];
const clocks = ['07:28:00', '7:8:9', '23:59:59', '24:00:00', '12:60:00', '00:00:60', '07:28', '07:28:00:00', '1:2:3x'];
// mostly well-formed dates, their tokens in any order, with junk now and then
while (cookieDates.size < 800) {
  const parts = [one(days), one(months), one(years), one(clocks)];
  for (let i = parts.length - 1; i > 0; i--) {
    if (pick() < 0.5) continue;
    const j = Math.floor(pick() * (i + 1));
    [parts[i], parts[j]] = [parts[j], parts[i]];
  }
  if (pick() < 0.4) parts.unshift(one(['Wed,', 'Thu', 'wednesday']));
  if (pick() < 0.4) parts.push(one(['GMT', 'UTC', '+0200']));
  if (pick() < 0.2) parts.splice(Math.floor(pick() * parts.length), 1);
  if (pick() < 0.15) parts.splice(Math.floor(pick() * parts.length), 0, one(datePieces));
  cookieDates.add(parts.join(one([' ', ' ', '-', ', ', '/'])));
}

const decode = (s) => {
  try {
    return decodeURIComponent(s);
  } catch (e) {
    return null;
  }
};
const out = {
  source: `Node ${process.version}; escape-html ${require('escape-html/package.json').version}, encodeurl ${require('encodeurl/package.json').version}`,
  number_to_string: numbers.map((n) => [n, String(n)]),
  string_to_number: numberTexts.map((s) => [s, String(Number(s))]),
  dates,
  cookie_dates: [...cookieDates].map((d) => {
    const p = parseDate(d);
    return [d, p ? p.getTime() : null];
  }),
  strings: [...texts].map((s) => ({
    s,
    encodeURIComponent: encodeURIComponent(s),
    decodeURIComponent: decode(s),
    JSON: JSON.stringify(s),
    escapeHtml: escapeHtml(s),
    encodeUrl: encodeUrl(s),
  })),
};
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
