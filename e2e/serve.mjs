// A tiny static server for the built dist/, on loopback, optionally under a sub-path.
// Used by the tests (import { serve }) and by hand: node e2e/serve.mjs [dir] [port] [base].
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPRESSIBLE } from '../scripts/precompress.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export const DIST = resolve(fileURLToPath(new URL('../dist', import.meta.url)));

const gzipCache = new Map();

/** Serves `dir` at http://127.0.0.1:<port><base>. Resolves to { url, close, requests }.
 *  With `gzip`, text and wasm go out gzip-encoded when the client accepts it, as static hosts
 *  such as GitHub Pages do (the Lighthouse command measures that). With `precompressed`, a
 *  file's `.br` (else `.gz`) copy from scripts/precompress.mjs goes out as it is when the
 *  client accepts that encoding, as nginx's `brotli_static` and `gzip_static` do. With `split`,
 *  a function of the file's path and body that gives `[offset, promise]` (or nothing), a body
 *  sent as it is goes out in two parts, the second once the promise settles, as a slow network
 *  delivers a page (the browser paints what it has parsed meanwhile). */
export function serve({ dir = DIST, port = 0, base = '/', gzip = false, precompressed = false, split = null } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(base)) {
      res.writeHead(404).end('not under ' + base);
      return;
    }
    let file = normalize(join(dir, path.slice(base.length)));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      let body = await readFile(file);
      const headers = {
        'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
        'Cache-Control': 'no-cache',
      };
      const accepts = req.headers['accept-encoding'] || '';
      const copy = precompressed && [['br', '.br'], ['gzip', '.gz']].find(([name, ext]) =>
        new RegExp(`\\b${name}\\b`).test(accepts) && existsSync(file + ext));
      if (copy) {
        body = await readFile(file + copy[1]);
        headers['Content-Encoding'] = copy[0];
        headers['Vary'] = 'Accept-Encoding';
      } else if (gzip && COMPRESSIBLE.includes(extname(file)) && /\bgzip\b/.test(accepts)) {
        const key = file + ':' + body.length;
        if (!gzipCache.has(key)) gzipCache.set(key, gzipSync(body, { level: 9 }));
        body = gzipCache.get(key);
        headers['Content-Encoding'] = 'gzip';
        headers['Vary'] = 'Accept-Encoding';
      }
      res.writeHead(200, headers);
      const part = split && !headers['Content-Encoding'] && split(file, body);
      if (part) {
        res.write(body.subarray(0, part[0]));
        part[1].finally(() => res.end(body.subarray(part[0])));
      } else {
        res.end(body);
      }
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok) =>
    server.listen(port, '127.0.0.1', () => {
      const { port } = server.address();
      ok({ url: `http://127.0.0.1:${port}${base}`, close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }), requests });
    }),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = DIST, port = '8081', base = '/'] = process.argv.slice(2);
  const s = await serve({ dir: resolve(dir), port: Number(port), base });
  console.log(`serving ${dir} at ${s.url}`);
}
