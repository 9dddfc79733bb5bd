import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
const srv = await serve({ port: 8755 });
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const [w, h, lang] of [[960, 600, 'en'], [390, 700, 'zh'], [800, 600, 'zh']]) {
  const p = await b.newPage({ viewport: { width: w, height: h } });
  await p.goto(`http://localhost:8755/#embed=1&lesson=middleware&lang=${lang}`);
  await p.waitForSelector('.embed-bar .clock');
  await p.screenshot({ path: `/tmp/embed-${w}-${lang}.png` });
  await p.close();
}
await b.close(); srv.close?.(); process.exit(0);
