// Golden fixtures for what lesson 4's app prints on the server's console: its /user does
// console.log(req.session), which is util.inspect's text. Real express 4 and
// express-session 1.19, a login then /user, for option sets and usernames whose printing
// differs (a cookie line over 80 columns, Secure and SameSite kept, quotes, a list, an
// object, a newline, more than six items grouped into columns, more than a hundred).
//
//   node tests/parity/console.js > tests/fixtures/js/console.json
//
// The clock is fixed (Date.now), so the file is the same on every run.
'use strict';
process.env.NODE_ENV = 'test';
const path = require('path');
const util = require('util');
const nm = path.join(__dirname, 'node_modules');
const express = require(path.join(nm, 'express'));
const session = require(path.join(nm, 'express-session'));
const { inject } = require(path.join(nm, 'light-my-request'));

const NOW = 1700000000000;
Date.now = () => NOW;

const many = (n) => Array.from({ length: n }, (_, i) => `username=${encodeURIComponent(i % 3 ? 'u' + i : 'x'.repeat(i % 7))}`).join('&');
const cases = [
  { options: {}, query: 'username=alice' },
  { options: {}, query: '' },
  { options: {}, query: "username=it's" },
  { options: {}, query: 'username=%22it%27s%22' },
  { options: {}, query: 'username=a&username=b' },
  { options: {}, query: 'username[a]=1&username[b]=%27x%27' },
  { options: {}, query: 'username=' + encodeURIComponent('line one\nline two, and a longer line three so that it passes the eighty columns of a line') },
  { options: {}, query: 'username=' + encodeURIComponent('控制\u0001台\t') },
  { options: {}, query: many(9) },
  { options: {}, query: many(30) },
  { options: {}, query: many(120) },
  { options: { cookie: { maxAge: 86400000 } }, query: 'username=alice' },
  { options: { cookie: { maxAge: 60000, secure: false, sameSite: 'lax' } }, query: 'username=alice' },
  { options: { cookie: { domain: 'localhost', httpOnly: false } }, query: 'username=alice' },
  { options: { cookie: { sameSite: true, priority: 'high', partitioned: true } }, query: 'username=alice' },
  { options: { cookie: { expires: new Date('2030-01-01T00:00:00Z') } }, query: 'username=alice' },
  // Chinese names: array columns are lined up by display width (a character takes two)
  { options: {}, query: ['张三张三', 'b', 'c', 'd', 'e', 'f', '张三张三'].map((u) => 'username=' + encodeURIComponent(u)).join('&') },
  { options: {}, query: Array.from({ length: 16 }, (_, i) => 'username=' + encodeURIComponent('李' + '一二三四五六七八九十'[i % 10])).join('&') },
  // past util.inspect's 10,000 characters, and a pair cut in two at the limit
  { options: {}, query: 'username=' + 'x'.repeat(10005) },
  { options: {}, query: 'username=' + 'x'.repeat(9999) + encodeURIComponent('😀yz') },
  // req.query is qs's: nested objects (past util.inspect's depth of 2 they print as [Object]),
  // arrays from indices, a string met by an object, '[]' mixed with names, an index past
  // Express's arrayLimit of 1000, a prototype key
  { options: {}, query: 'username[a][b][c]=1' },
  { options: {}, query: 'username[1]=y&username[0]=x' },
  { options: {}, query: 'username=a&username[b]=c' },
  { options: {}, query: 'username[b]=1&username[]=2&username[c]=3' },
  { options: {}, query: 'username[1001]=x&username=y' },
  { options: {}, query: 'username[a][0][b]=1&username[a][0][c]=2&username[a][1]=3' },
  { options: {}, query: 'username[__proto__]=x' },
  { options: {}, query: 'username[a][]=1&username[a][]=2&username[z]=' },
  // /user with no cookie: a session made in this request, its cookie's own keys in the
  // options' order (a stored one lists them in its JSON's order)
  { options: { cookie: { sameSite: 'lax', secure: false } }, query: null },
  { options: { cookie: { priority: 'low', domain: 'localhost', partitioned: false } }, query: null },
];

async function run(c) {
  const app = express();
  app.use(session(Object.assign({ secret: 'zfpx', resave: true, saveUninitialized: true }, c.options)));
  let printed = null;
  app.get('/login', (req, res) => {
    req.session.username = req.query.username;
    res.redirect('/user');
  });
  app.get('/user', (req, res) => {
    printed = util.inspect(req.session);
    res.end();
  });
  if (c.query === null) {
    await inject(app, { method: 'GET', url: '/user' });
    return { options: c.options, query: c.query, printed };
  }
  const login = await inject(app, { method: 'GET', url: '/login' + (c.query ? '?' + c.query : '') });
  const cookie = [].concat(login.headers['set-cookie'] || [])[0].split(';')[0];
  await inject(app, { method: 'GET', url: '/user', headers: { cookie } });
  return { options: c.options, query: c.query, printed };
}

(async () => {
  const out = [];
  for (const c of cases) out.push(await run(c));
  process.stdout.write(JSON.stringify({ now: NOW, cases: out }, null, 1) + '\n');
})();
