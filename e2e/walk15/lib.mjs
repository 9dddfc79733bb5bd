import { chromium } from '@playwright/test';
import { writeFileSync, appendFileSync } from 'node:fs';
export const URL0 = 'http://127.0.0.1:8097/';
export const OUT = '/tmp/h-walk15/';
export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
}
export async function open(browser, { w = 1440, h = 900, hash = '', mobile = false } = {}) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h }, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || /panick/.test(m.text())) console.log('CONSOLE', m.type(), m.text()); });
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  await page.goto(URL0 + (hash ? '#' + hash : ''));
  await page.locator('h1, .brand').first().waitFor();
  await page.waitForTimeout(800);
  return { ctx, page };
}
export async function go(page, url) {
  await page.fill('#address', url);
  await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').click();
  await page.waitForTimeout(400);
}
export async function state(page, label) {
  const s = await page.evaluate(() => {
    const q = (s) => document.querySelector(s);
    const chips = [...document.querySelectorAll('.step-chips li')].map((l) => `${l.textContent.trim()}:${l.className}`);
    return {
      chips: chips.join(' '),
      next: q('.next-step')?.innerText,
      last: q('.last-verdict')?.innerText,
      view: q('#pane-browser .window:not(.attacker) .viewport')?.innerText,
      addr: q('#address')?.value,
      notices: q('.notices')?.innerText,
    };
  });
  const line = `\n=== ${label}\n` + Object.entries(s).map(([k, v]) => `${k}: ${v}`).join('\n');
  console.log(line);
  return s;
}
export async function shot(page, name, opts = {}) {
  await page.screenshot({ path: OUT + name + '.png', ...opts });
  console.log('shot', OUT + name + '.png');
}
export async function panes(page) {
  const s = await page.evaluate(() => {
    const q = (s) => document.querySelector(s);
    return {
      store: q('#pane-server .rest-store, table.store')?.innerText,
      jar: q('table.jar')?.innerText,
      tl: [...document.querySelectorAll('#pane-timeline li.entry')].slice(-3).map(e => e.innerText.replace(/\n+/g,' | ')).join('\n   '),
      ran: q('.server-code')?.querySelector('.ran-summary, .muted')?.innerText,
    };
  });
  console.log(Object.entries(s).map(([k, v]) => `${k}: ${v}`).join('\n'));
}
export async function login(page, name = 'alice') {
  await page.locator('#pane-browser .window:not(.attacker) .viewport input[name=username]').fill(name);
  await page.locator('#pane-browser .window:not(.attacker) .viewport form.page-form button[type=submit]').click();
  await page.waitForTimeout(400);
}
export async function clickLink(page, text) {
  await page.locator('#pane-browser .window:not(.attacker) .viewport').getByText(text).first().click();
  await page.waitForTimeout(400);
}
export async function reloadPane(page) {
  await page.locator('.window:not(.attacker) .addressbar button').filter({ hasText: '⟳' }).first().click();
  await page.waitForTimeout(400);
}
