// trunk post_build hook: puts a Content-Security-Policy <meta> into the built index.html.
// Inline scripts are allowed only by the SHA-256 of their exact text (trunk writes one, the
// loader that instantiates the wasm; `trunk serve` adds its reload script); WebAssembly needs
// 'wasm-unsafe-eval'; nothing may load from another origin.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error('csp.mjs: set TRUNK_STAGING_DIR or pass the dist directory');
  process.exit(2);
}
const file = join(dir, 'index.html');
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
if (!charset.test(html)) {
  console.error('csp.mjs: no <meta charset="utf-8"> to put the policy after');
  process.exit(1);
}
html = html.replace(charset, (m) => `${m}\n${meta}`);
writeFileSync(file, html);
console.log(`csp.mjs: ${hashes.length} inline script(s) hashed into the policy`);
