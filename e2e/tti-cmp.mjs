import { chromium } from '@playwright/test';
import { serve } from './serve.mjs';
const A = await serve({ dir: '/tmp/walk-dist3' });
const B = await serve({ dir: '/work/main/dist' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const res = { A: [], B: [] };
async function one(site) {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(site.url);
  await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').waitFor();
  const t = await page.evaluate(() => new Promise((ok) => {
    const m = performance.getEntriesByName('session-lab-interactive')[0];
    if (m) return ok(m.startTime);
    addEventListener('session-lab-interactive', () => ok(performance.getEntriesByName('session-lab-interactive')[0].startTime));
  }));
  const en = await page.evaluate(() => document.querySelector('h1')?.textContent);
  await context.close();
  return [t, en];
}
await one(A); await one(B);
for (let i = 0; i < 12; i++) for (const k of ['A', 'B']) { const [t, en] = await one(k == 'A' ? A : B); res[k].push(Math.round(t)); if (en !== 'Session Lab') console.log('lang?', k, en); }
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log('old', med(res.A), res.A.join(' '));
console.log('new', med(res.B), res.B.join(' '));
await browser.close(); process.exit(0);
