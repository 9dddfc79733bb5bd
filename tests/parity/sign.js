#!/usr/bin/env node
// Helper for writing forged-cookie scenarios: prints the Cookie-header form
// of a signed value, exactly as express-session / cookie-parser would emit it.
//
//   node sign.js VALUE [SECRET=zfpx]   ->  s%3AVALUE.<hmac>  (encodeURIComponent('s:' + sign(VALUE, SECRET)))
//
// Uses express-session's own cookie-signature (1.0.7); cookie-parser's 1.0.6
// produces the same bytes.
'use strict';
const path = require('path');
const sig = require(path.join(__dirname, 'node_modules/express-session/node_modules/cookie-signature'));
const [value, secret = 'zfpx'] = process.argv.slice(2);
if (value === undefined) {
  process.stderr.write('usage: node sign.js VALUE [SECRET]\n');
  process.exit(2);
}
process.stdout.write(encodeURIComponent('s:' + sig.sign(value, secret)) + '\n');
