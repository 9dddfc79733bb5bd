// trunk post_build hook: puts a Content-Security-Policy <meta> into the built index.html.
// Inline scripts are allowed only by the SHA-256 of their exact text (index.html's language
// script and loader.mjs's loader; `trunk serve` adds its reload script); WebAssembly needs
// 'wasm-unsafe-eval'; nothing may load from another origin.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fail, staging } from './staging.mjs';

const { index: file } = staging('csp.mjs');
let html = readFileSync(file, 'utf8');
html = html.replace(/<meta http-equiv="?Content-Security-Policy"?[^>]*>\n?/i, '');

const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
// `trunk serve` injects its live-reload script and fills in the address per request, so its
// hash cannot be known here: dev serving goes without the policy; dist/ always has it.
if (inline.some((text) => text.includes('{{__TRUNK_'))) {
  writeFileSync(file, html);
  console.log('csp.mjs: trunk serve live-reload present; no Content-Security-Policy in this dev build');
  process.exit(0);
}
const hashes = inline.map((text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  // Yew sets style attributes (chart sizes); styles still load only from the origin
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
const charset = /<meta charset="?utf-8"?\s*\/?>/i;
if (!charset.test(html)) fail('csp.mjs', 'no <meta charset="utf-8"> to put the policy after');
html = html.replace(charset, (m) => `${m}\n${meta}`);
writeFileSync(file, html);
console.log(`csp.mjs: ${hashes.length} inline script(s) hashed into the policy`);
