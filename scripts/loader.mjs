// trunk post_build hook (after minify-glue.mjs, before csp.mjs): loads the app after the page
// has painted, not beside it (and, for a page in English, its texts beside the app).
//
// trunk writes a module script that imports the JS glue, plus a modulepreload link for the
// glue and a preload link for the wasm. The browser fetches both while it fetches the page's
// first paint, and the module runs before DOMContentLoaded, so the static shell (index.html,
// src/model/shell.rs) painted only once the glue had arrived and run; on a slow network the
// 500 KB wasm also shared the line with everything the first paint needs.
//
// This replaces the three with one small script: after the first frame has been drawn (or
// after 100 ms if no frame comes: a hidden tab draws none), it imports the glue and
// instantiates the wasm, each checked against a SHA-384 integrity hash of the file as it
// ships (the glue after minify-glue.mjs). Everything else is trunk's loader as it was: the wasm
// bindings on `window.wasmBindings` (the monkey test and the benchmark read them), and the
// `TrunkApplicationStarted` event.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, staging } from './staging.mjs';

const { dir, index: file } = staging('loader.mjs');
let html = readFileSync(file, 'utf8');

const loader = /<script type="?module"?>([\s\S]*?)<\/script>/.exec(html);
const glue = loader && /from\s*['"]\.\/([\w.-]+\.js)['"]/.exec(loader[1]);
const wasm = loader && /module_or_path:\s*['"]\.\/([\w.-]+\.wasm)['"]/.exec(loader[1]);
if (!glue || !wasm) {
  fail('loader.mjs', "trunk's module script (import init from './….js'; init({ module_or_path: './….wasm' })) is not in index.html");
}
const sri = (name) => `sha384-${createHash('sha384').update(readFileSync(join(dir, name))).digest('base64')}`;
const q = JSON.stringify;
// A page that starts in English needs strings-en.json before it can draw (the module holds the
// zh-CN texts only): asked for beside the wasm, under the name the module asks for (this
// build's fingerprint), and handed over on `window.labEnglish`; the module fetched it only
// once it had started, one more round trip before the page was interactive.
let english = '';
try {
  const [hash] = JSON.parse(readFileSync(join(dir, 'strings-en.json'), 'utf8'));
  if (typeof hash === 'string' && /^[0-9a-f]+$/.test(hash)) english = `./strings-en.json?v=${hash}`;
} catch {
  // no file: the module fetches it itself
}
const script = [
  '(function(){var d=0;function go(){if(d)return;d=1;',
  // (handled at once, so a failed fetch is not an unhandled rejection before the module reads it)
  english ? `if(document.documentElement.lang=="en"){var e=fetch(${q(english)});e.catch(function(){});window.labEnglish=e}` : '',
  // the wasm and the glue fetched side by side; the glue's integrity through a modulepreload
  // link, which the import then uses
  `var w=fetch(${q('./' + wasm[1])},{integrity:${q(sri(wasm[1]))}});`,
  `var l=document.createElement("link");l.rel="modulepreload";l.href=${q('./' + glue[1])};`,
  `l.integrity=${q(sri(glue[1]))};document.head.appendChild(l);`,
  `import(${q('./' + glue[1])}).then(function(m){`,
  'return m.default({module_or_path:w})',
  '.then(function(w){window.wasmBindings=m;dispatchEvent(new CustomEvent("TrunkApplicationStarted",{detail:{wasm:w}}))})})}',
  // a frame's callbacks run before it paints: the timeout after it runs once it has
  'requestAnimationFrame(function(){setTimeout(go)});setTimeout(go,100)})()',
].join('');

html = html.replace(loader[0], `<script id="lab-load">${script}</script>`);
const links = (rel) => new RegExp(`<link[^>]*\\brel="?${rel}"?[^>]*>\\n?`, 'g');
const before = html.length;
html = html.replace(links('modulepreload'), '').replace(links('preload'), '');
if (html.length === before) fail('loader.mjs', "trunk's preload links are not in index.html");
writeFileSync(file, html);
console.log(`loader.mjs: ${glue[1]} and ${wasm[1]} load after the first paint`);
