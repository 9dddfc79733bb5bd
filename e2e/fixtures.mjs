// Shared fixtures: a served dist/ and a page that records console errors, page errors and any
// request that leaves loopback. Every test fails if one of those happened.
import { test as base, expect } from '@playwright/test';
import { serve } from './serve.mjs';
import { mkdirSync } from 'node:fs';

export const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

// LAB_SLOW_MOUNT_MS=1500 holds the module back that long in every test's page, so the static
// shell stands alone first: a test that clicks the shell's look-alike spans before the app
// mounts (CI's loaded machine did, once) fails every time instead of 1 run in 400.
const SLOW_MOUNT_MS = Number(process.env.LAB_SLOW_MOUNT_MS) || 0;

export const test = base.extend({
  page: async ({ page }, use) => {
    if (SLOW_MOUNT_MS > 0) {
      await page.route(/\.wasm$/, async (route) => {
        await new Promise((done) => setTimeout(done, SLOW_MOUNT_MS));
        await route.continue();
      });
    }
    await use(page);
  },
  site: [
    async ({}, use) => {
      const s = await serve();
      await use(s);
      await s.close();
    },
    { scope: 'worker' },
  ],
  problems: async ({ page }, use) => {
    const problems = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /panicked/.test(m.text())) problems.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) && !LOOPBACK.has(u.hostname)) {
        problems.push(`request left loopback: ${r.url()}`);
      }
    });
    await use(problems);
    expect(problems, 'console errors, page errors or off-loopback requests').toEqual([]);
  },
});

export { expect };

/** Types a URL in the learner's address bar and presses Go. */
export async function go(page, url) {
  await page.fill('#address', url);
  await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').click();
}

/** Opens the top bar's menu of lessons and challenges, if it is closed. */
export async function openPicker(page) {
  const picker = page.locator('details.picker');
  if (!(await picker.evaluate((d) => d.open))) await picker.locator('summary').click();
}

/** Opens lesson n (1-based) from the picker. */
export async function lesson(page, n) {
  await openPicker(page);
  await page.locator('nav.lessons li').nth(n - 1).locator('button').click();
}

/** Opens a challenge, by its code, from the picker. */
export async function challenge(page, code) {
  await openPicker(page);
  await page.locator(`button[data-challenge="${code}"]`).click();
}

/** The text of the page the simulated browser shows. */
export function viewport(page) {
  return page.locator('#pane-browser .window:not(.attacker) .viewport');
}

/** The server's own words in the page (its `.said` texts), without the English glosses the
 * page adds after them in English mode. */
export function said(page) {
  return viewport(page).locator('.said');
}

/** A jar cell's input, by column label (English) and cookie name. */
export function cell(page, column, name) {
  return page.locator(`input[aria-label="Edit ${column} · ${name}"]`);
}

/** Opens the app and waits until it has mounted. */
export async function openApp(page, site, { hash = '', lang = 'en' } = {}) {
  await page.goto(site.url + (hash ? '#' + hash : ''));
  await expect(page.locator('h1')).toBeVisible();
  if (lang) {
    const label = lang === 'zh' ? '中文' : 'English';
    await page.getByRole('button', { name: label, exact: true }).click();
  }
}

/** Runs `fn` with a page in a phone's context (390x844, touch, so `(pointer: coarse)` holds),
 * opened at `hash`; the context is closed after, pass or fail. */
export async function onPhone(browser, site, hash, fn) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    await page.goto(site.url + '#' + hash);
    await fn(page);
  } finally {
    await context.close();
  }
}

/** The texts of the elements `locator` matches (table heads or cells) that a line break splits
 * inside a word, each with a "/" where it breaks ("Expires / Max-/Age", "HttpOnl/y"); text for
 * screen readers only is left out. A break between two letters, digits or a word's own "-",
 * "." or ":" counts, in either language (过期时/间 too). */
export async function brokenWords(locator) {
  return locator.evaluateAll((els) => els.flatMap((el) => {
    const chars = [];
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (n.parentElement.closest('.sr-only')) continue;
      for (let i = 0; i < n.data.length; i++) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        const box = r.getClientRects()[0];
        if (box) chars.push([n.data[i], box.top]);
      }
    }
    const word = /[\p{L}\p{N}\-.:_]/u;
    const text = chars.map(([c]) => c).join('');
    return chars.flatMap(([c, top], i) => (i > 0 && top > chars[i - 1][1] + 2 && word.test(chars[i - 1][0]) && word.test(c)
      ? [text.slice(0, i) + '/' + text.slice(i)] : []));
  }));
}

/** The texts of the elements `locator` matches (table heads) whose text is wider than the room
 * inside their padding: cut short, or drawn over the next column. Heads holding text for screen
 * readers only are left out. */
export async function cutHeads(locator) {
  return locator.evaluateAll((ths) => ths
    .filter((th) => th.querySelector('.sr-only') === null)
    .filter((th) => {
      const r = document.createRange();
      r.selectNodeContents(th);
      const cs = getComputedStyle(th);
      const room = th.getBoundingClientRect().width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      return r.getBoundingClientRect().width > room + 0.5;
    })
    .map((th) => th.textContent));
}

/** Whether each of `locator`'s elements (inputs or cells) shows its whole text. */
export async function wholeTexts(locator) {
  return locator.evaluateAll((els) => els.map((e) => [e.value ?? e.textContent.trim(), e.scrollWidth <= e.clientWidth]));
}

/** The shades at a sideways-scrolling box's two edges (see .table-wrap in style.css), in px:
 * [start, end], each 0 where there is nothing more that way. */
export async function edgeShades(locator) {
  return locator.evaluate((e) => {
    const s = getComputedStyle(e);
    return ['--more-start', '--more-end'].map((p) => parseFloat(s.getPropertyValue(p)));
  });
}
