// Golden URL fixtures: what the WHATWG URL parser (Node's `new URL()`, the parser browsers
// share) makes of absolute addresses and of references resolved against a page, so the
// simulated browser's parser (src/engine/url.rs) is compared with the real one.
//
//   node tests/parity/url.js > tests/fixtures/url/whatwg.json
//
// The cases are the corner cases below plus combinations drawn from the same pieces by a
// seeded generator, so the file is the same on every run.
'use strict';

const schemes = ['http://', 'https://', 'HTTP://', 'HtTpS://', 'http:/', 'http:', 'http:\\\\', 'http:///', 'ftp://', 'ws://'];
const userinfos = ['', '', '', 'user@', 'u:p@', '@', 'a@b@'];
const hosts = ['localhost', 'localhost', 'LocalHost', '127.0.0.1', 'example.com', 'a.b.example.com',
  'xn--nxasmq6b.com', 'ex_ample.com', 'localhost.', '-a.com', 'a..b', '.a', '[::1]', '0x7f.0.0.1',
  '127.1', '2130706433', '300.1.1.1', 'ex ample', '例子.com', '例子 com', 'ex%20ample', 'é\u202eb.com', 'loc%41lhost', '', 'a-b.c0m', '1.2.3'];
const ports = ['', '', '', ':', ':80', ':443', ':3000', ':03000', ':65535', ':65536', ':0', ':abc', ':3000:1'];
const paths = ['', '/', '/', '/a/b', '/a/./b', '/a/../b', '/%2e%2E/x', '/a b', '/ä', '/a"b', '/a<b>',
  '/a`b', '/{x}', '/a%zz', '/a%41', '\\a\\b', '/a/..', '/a/.', '//x', '/a\tb', '/a\nb', '/a|b',
  '/a^b', "/a'b", '/.%2E/y', '/login', '/user?x', '/a;b', '/a%2fb', '/~u/'];
const queries = ['', '', '?', '?a=1', '?a b', "?a'b", '?a"b', '?ä', '?a=1&b=%zz', '?<x>', '?a`b',
  '?a{b}', '?username=alice&x=1', '??', '?a\\b'];
const fragments = ['', '', '', '#', '#x', '#x y', '#a?b'];

const bases = ['http://localhost:3000/', 'http://localhost:3000/user/page?x=1',
  'https://example.com/a/b/c', 'http://127.0.0.1:3000/a/'];
const references = ['', '/', 'x', './x', '../x', '../../../x', '?q', '?', '#f', '//other/p',
  '//OTHER:8080', 'http://h/p', 'HTTP://X/', 'x?y#z', 'a/b/../c', '\\x', ' /x ', '..', '.',
  '/a/%2e%2e/b', '/login?username=bob', 'a b', '?a b', '/ä', '//localhost:3000/user',
  'https://localhost:3000/', '/user?', '../', './', 'x/..', '/x/./', '%2e%2e/x', '.%2e/x',
  'mailto:x', 'javascript:alert(1)', 'data:text/html,hi', '///x', 'http:/x'];

const inputs = new Set();
const base = ['http://', '', 'localhost', ':3000', '/a/b', '?q=1', ''];
const groups = [schemes, userinfos, hosts, ports, paths, queries, fragments];
// every piece once, in an otherwise plain address
groups.forEach((g, i) => g.forEach((p) => {
  const parts = base.slice();
  parts[i] = p;
  inputs.add(parts.join(''));
}));
const { pick, one } = require('./seeded')(20261201);
while (inputs.size < 2500) inputs.add(groups.map(one).join(''));
// whitespace around an address is trimmed; inside it, tabs and newlines are dropped
for (const s of [' http://localhost:3000/ ', '\thttp://localhost:3000/\n', 'http://local\thost:3000/a\nb']) {
  inputs.add(s);
}

function href(input, b) {
  try {
    return (b === undefined ? new URL(input) : new URL(input, b)).href;
  } catch {
    return null;
  }
}

const absolute = [...inputs].map((input) => ({ input, href: href(input) }));
const joined = [];
for (const b of bases) for (const r of references) joined.push({ base: b, input: r, href: href(r, b) });

process.stdout.write(JSON.stringify({
  source: `Node ${process.version} new URL() (WHATWG URL Standard)`,
  absolute,
  joined,
}, null, 1) + '\n');
