import { chromium } from '@playwright/test';
// Manual: screenshots of keyboard focus on controls the audit named (node e2e/focus-shots.mjs).
import { serve } from './serve.mjs';
const site = await serve();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const out = process.argv[2] || '/tmp/shots';
for (const [w, h, theme] of [[1280, 720, 'light'], [1280, 720, 'dark'], [390, 844, 'light']]) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  await page.goto(site.url + '#lesson=auth');
  await page.waitForSelector('h1');
  await page.locator('.segmented .seg', { hasText: theme === 'dark' ? '☾' : '☀' }).click();
  await page.fill('#address', 'http://localhost:8080/login?username=alice');
  await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').click();
  const targets = {
    zh: '.segmented button[lang="zh-CN"]', system: '.segmented .icon-seg >> nth=0', variant: '.lesson-card .segmented .seg >> nth=0',
    address: '#address', cell: 'table.jar td[data-cell="0-1"]', tab: '.tabs .tab >> nth=0', code: '#server-code',
  };
  for (const [name, sel] of Object.entries(targets)) {
    const loc = page.locator(sel);
    if (!(await loc.count()) || !(await loc.first().isVisible())) continue;
    await page.keyboard.press('Shift');
    await loc.first().focus();
    const box = await loc.first().boundingBox();
    const clip = { x: Math.max(0, box.x - 30), y: Math.max(0, box.y - 20), width: Math.min(w - Math.max(0, box.x - 30), box.width + 60), height: box.height + 40 };
    await page.screenshot({ path: `${out}/focus-${name}-${w}-${theme}.png`, clip });
  }
  await page.close();
}
await browser.close(); await site.close();
