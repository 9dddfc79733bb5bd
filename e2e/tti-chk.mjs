import { chromium } from '@playwright/test';
import { serve } from './serve.mjs';
const B = await serve({ dir: '/work/main/dist' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const [locale, hash] of [['en-US', ''], ['zh-CN', ''], ['zh-CN', '#lang=en']]) {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const errs = []; page.on('console', (m) => { if (m.type() == 'error' || m.type() == 'warning') errs.push(m.text()); });
  await page.goto(B.url + hash);
  await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').waitFor();
  await page.waitForTimeout(300);
  const r = await page.evaluate(() => ({ h1: document.querySelector('h1')?.textContent, en: performance.getEntriesByType('resource').filter((e) => /strings-en/.test(e.name)).map((e) => [e.name.split('/').pop(), Math.round(e.startTime), Math.round(e.responseEnd)]), left: 'labEnglish' in window }));
  console.log(locale, hash, JSON.stringify(r), errs);
  // then switch language to English from zh
  await context.close();
}
await browser.close(); process.exit(0);
