import { chromium } from '@playwright/test';
// A manual screenshot helper: node e2e/shot.mjs WIDTH HEIGHT 'click|Label;go|URL;fill|sel|text;wait|ms' OUT.png
// (FRAG='#lesson=auth' sets the fragment). Not a test.
import { serve } from './serve.mjs';
const site = await serve();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const width = Number(process.argv[2] || 1440), height = Number(process.argv[3] || 1000);
const page = await browser.newPage({ viewport: { width, height } });
const errors = [];
page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', e => errors.push(e.message));
await page.goto(site.url + (process.env.FRAG || ''));
await page.waitForSelector('h1');
const steps = (process.argv[4] || '').split(';').filter(Boolean);
for (const s of steps) {
  const [kind, arg, arg2] = s.split('|');
  if (kind === 'click') await page.getByRole('button', { name: arg, exact: true }).first().click();
  if (kind === 'clickp') await page.getByRole('button', { name: arg }).first().click();
  if (kind === 'go') { await page.fill('#address', arg); await page.getByRole('button', { name: /^(Go|前往)$/ }).click(); }
  if (kind === 'fill') await page.fill(arg, arg2);
  if (kind === 'press') await page.press(arg, arg2);
  if (kind === 'wait') await page.waitForTimeout(Number(arg));
}
await page.waitForTimeout(300);
// VIEW=1: only what is on the screen (the first screen, or where the steps left the page)
await page.screenshot({ path: process.argv[5] || '/tmp/shots/shot.png', fullPage: process.env.VIEW !== '1' });
console.log('errors:', JSON.stringify(errors));
await browser.close(); await site.close();
