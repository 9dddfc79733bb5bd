// The release dist/ is ready for a static server that sends compressed copies as they are
// (scripts/precompress.mjs): each text file and the wasm has a brotli and a gzip copy that
// decompress to it, and the page runs when every file it fetches comes from the brotli copy.
import { test, expect } from '../fixtures.mjs';
import { DIST, serve } from '../serve.mjs';
import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { COMPRESSIBLE } from '../../scripts/precompress.mjs';

const files = readdirSync(DIST).filter((f) => COMPRESSIBLE.includes(extname(f)));

test('every text file and the wasm has brotli and gzip copies that decompress to it', () => {
  expect(files.filter((f) => f.endsWith('_bg.wasm')).length).toBe(1);
  expect(files).toContain('index.html');
  for (const f of files) {
    const bytes = readFileSync(join(DIST, f));
    const [br, gz] = [readFileSync(join(DIST, f + '.br')), readFileSync(join(DIST, f + '.gz'))];
    expect(brotliDecompressSync(br).equals(bytes), `${f}.br`).toBe(true);
    expect(gunzipSync(gz).equals(bytes), `${f}.gz`).toBe(true);
    expect(br.length, `${f}.br is smaller than ${f}`).toBeLessThan(bytes.length);
  }
  // brotli is the point: the module's copy is well below its gzip copy
  const wasm = files.find((f) => f.endsWith('_bg.wasm'));
  const [br, gz] = ['.br', '.gz'].map((e) => readFileSync(join(DIST, wasm + e)).length);
  expect(br).toBeLessThan(gz * 0.9);
});

test('served from the brotli copies (integrity hashes and all), the page runs', async ({ page, problems }) => {
  const site = await serve({ precompressed: true });
  const encodings = new Map();
  page.on('response', (r) => encodings.set(new URL(r.url()).pathname.split('/').pop(), r.headers()['content-encoding']));
  try {
    await page.goto(site.url);
    await page.waitForFunction(() => performance.getEntriesByName('session-lab-interactive').length > 0);
    await page.fill('#address', 'http://localhost:3000/');
    await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').click();
    await expect(page.locator('table.jar tbody tr')).toHaveCount(1);
    expect(encodings.get('')).toBe('br');
    const fetched = [...encodings].filter(([name]) => /^session-lab-.*(\.js|_bg\.wasm)$/.test(name));
    expect(fetched.length).toBe(2);
    for (const [name, enc] of fetched) expect(enc, name).toBe('br');
  } finally {
    await site.close();
  }
  expect(problems).toEqual([]);
});
