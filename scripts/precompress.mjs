// trunk post_build hook (release builds only, the last step: every file is final by now):
// writes a brotli (`.br`) and a gzip (`.gz`) copy beside each text file and the wasm, so a
// static server sends them as they are instead of compressing on each request (nginx
// `brotli_static on; gzip_static on;`, Caddy `file_server { precompressed br gzip }`, and most
// CDNs). Brotli at quality 11 takes the wasm about a fifth below gzip -9; a host that cannot
// serve `.br` falls back to `.gz` or compresses on the fly. A copy is written only when it is
// smaller than the file. `e2e/tests/precompressed.spec.mjs` checks that each copy decompresses
// to its file and that the page runs when served from the brotli copies.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { staging } from './staging.mjs';

/** What gets a compressed copy: the kinds of file static servers compress. */
export const COMPRESSIBLE = ['.html', '.js', '.mjs', '.css', '.wasm', '.svg', '.json', '.txt'];

/** Brotli at its densest, told the input's size and whether it is text. */
export function brotli(bytes, text) {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/** Every file under `dir` (relative paths), the compressed copies left out. */
function files(dir, sub = '') {
  return readdirSync(join(dir, sub)).flatMap((name) => {
    const rel = join(sub, name);
    if (statSync(join(dir, rel)).isDirectory()) return files(dir, rel);
    return /\.(br|gz)$/.test(name) ? [] : [rel];
  });
}

if (process.argv[1] && process.argv[1].endsWith('precompress.mjs')) {
  const { dir } = staging('precompress.mjs');
  // `trunk serve` and debug builds are served by trunk itself
  if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') process.exit(0);
  let [raw, br, gz] = [0, 0, 0];
  for (const rel of files(dir)) {
    if (!COMPRESSIBLE.includes(extname(rel))) continue;
    const bytes = readFileSync(join(dir, rel));
    // GNU gzip: Node's zlib at level 9 came out 7.7 KB larger on the wasm
    const g = execFileSync('gzip', ['-9', '-n', '-c', join(dir, rel)], { maxBuffer: 1 << 30 });
    const b = brotli(bytes, extname(rel) !== '.wasm');
    if (b.length < bytes.length) writeFileSync(join(dir, rel + '.br'), b);
    if (g.length < bytes.length) writeFileSync(join(dir, rel + '.gz'), g);
    [raw, br, gz] = [raw + bytes.length, br + Math.min(b.length, bytes.length), gz + Math.min(g.length, bytes.length)];
  }
  console.log(`precompress.mjs: ${raw} bytes -> brotli ${br}, gzip ${gz}`);
}
