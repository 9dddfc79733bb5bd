// The module carries the zh-CN texts only; the English ones are fetched from strings-en.json
// (src/i18n/english.rs, src/ui/strings.rs): before a page that starts in English draws, when
// the learner picks English, and when a link switches the page to English.
import { test, expect } from '../fixtures.mjs';

const STRINGS = /\/strings-en\.json\?v=[0-9a-f]{16}$/;

/** A page in a browser context of `locale`, counting its fetches of the English texts and
 * keeping the first text the app's heading showed. */
async function open(browser, site, locale, hash = '') {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const fetched = [];
  page.on('request', (r) => { if (STRINGS.test(r.url())) fetched.push(r.url()); });
  await page.addInitScript(() => {
    new MutationObserver((_, o) => {
      const h1 = document.querySelector('#root h1');
      if (h1 && h1.textContent) { window.__firstH1 = h1.textContent; o.disconnect(); }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await page.goto(site.url + hash);
  await page.waitForFunction(() => performance.getEntriesByName('session-lab-interactive').length > 0);
  return { context, page, fetched };
}

test('a page in Chinese fetches no English; picking English fetches it once and every pane reads it', async ({ browser, site }) => {
  const { context, page, fetched } = await open(browser, site, 'zh-CN');
  await expect(page.locator('#root h1')).toHaveText('会话实验室');
  expect(await page.evaluate(() => window.__firstH1)).toBe('会话实验室');
  expect(fetched).toEqual([]);

  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#root h1')).toHaveText('Session Lab');
  await expect(page.locator('#h-jar')).toHaveText('Cookie jar');
  await expect(page.locator('#h-server')).toHaveText('Server');
  expect(fetched.length).toBe(1);

  // back and forth: the texts stay
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await expect(page.locator('#root h1')).toHaveText('会话实验室');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.locator('#root h1')).toHaveText('Session Lab');
  expect(fetched.length).toBe(1);
  await context.close();
});

test('a page that starts in English draws English from its first frame', async ({ browser, site }) => {
  // the browser's language, and a share link's language on a Chinese browser
  for (const [locale, hash] of [['en-US', ''], ['zh-CN', '#lang=en']]) {
    const { context, page, fetched } = await open(browser, site, locale, hash);
    expect(await page.evaluate(() => window.__firstH1), `${locale} ${hash}`).toBe('Session Lab');
    await expect(page.locator('#h-browser')).toHaveText('Browser');
    expect(fetched.length).toBe(1);
    await context.close();
  }
});

// the module holds no English: the page's loader asks for the texts beside the wasm, and the
// module takes that request (one round trip fewer before the page answers)
test('a page that starts in English asks for its texts beside the wasm, once', async ({ browser, site }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const fetched = [];
  page.on('request', (r) => { if (STRINGS.test(r.url())) fetched.push(r.url()); });
  await page.addInitScript(() => {
    Object.defineProperty(window, 'labEnglish', {
      configurable: true,
      set(v) {
        window.__askedBeforeStart = !window.wasmBindings && !document.querySelector('#root h1');
        Object.defineProperty(window, 'labEnglish', { value: v, configurable: true, writable: true });
      },
    });
  });
  await page.goto(site.url);
  await page.waitForFunction(() => performance.getEntriesByName('session-lab-interactive').length > 0);
  await expect(page.locator('#root h1')).toHaveText('Session Lab');
  expect(await page.evaluate(() => window.__askedBeforeStart)).toBe(true);
  // taken by the module (a response is read once), not fetched again
  expect(await page.evaluate(() => 'labEnglish' in window)).toBe(false);
  expect(fetched.length).toBe(1);
  await context.close();

  // offline, that request fails: the page starts all the same, in the Chinese texts, with
  // no unhandled rejection (the failed loads themselves are logged by the browser, with their address)
  const offline = await browser.newContext({ locale: 'en-US' });
  const p2 = await offline.newPage();
  const errors = [];
  p2.on('pageerror', (e) => errors.push(e.message));
  p2.on('console', (m) => { if (m.type() === 'error') errors.push(m.text() + " " + m.location().url); });
  await p2.route(STRINGS, (r) => r.abort());
  await p2.goto(site.url);
  await expect(p2.locator('#root h1')).toHaveText('会话实验室');
  await p2.locator('.window:not(.attacker) form.addressbar button[type=submit]').waitFor();
  expect(errors.filter((e) => !/strings-en\.json/.test(e))).toEqual([]);
  await offline.close();
});

test('a link that switches a running page to English brings the English texts', async ({ browser, site }) => {
  const { context, page, fetched } = await open(browser, site, 'zh-CN');
  await expect(page.locator('#root h1')).toHaveText('会话实验室');
  await page.evaluate(() => { location.hash = 'lang=en'; });
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#root h1')).toHaveText('Session Lab');
  await expect(page.locator('#h-timeline')).toHaveText('Timeline');
  expect(fetched.length).toBe(1);
  await context.close();
});

test('without the English texts (offline) English reads Chinese and the page goes on', async ({ browser, site }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (/panicked/.test(m.text())) errors.push(m.text()); });
  await page.route(STRINGS, (r) => r.abort());
  await page.goto(site.url);
  await expect(page.locator('#root h1')).toHaveText('会话实验室');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#root h1')).toHaveText('会话实验室');
  // the lab still works
  await page.fill('#address', 'http://localhost:3000/');
  await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').click();
  await expect(page.locator('#pane-browser .viewport .said').first()).toContainText('剪发卡');
  expect(errors).toEqual([]);
  await context.close();
});
