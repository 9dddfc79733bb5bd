// The six learner flows of the playground page, end to end in headless Chromium.
import { test, expect, openApp, go, lesson, viewport, said, cell, SHOTS } from '../fixtures.mjs';

test('1. log in as alice: /user greets alice, the jar holds an HttpOnly connect.sid with a valid signature', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 4);
  await go(page, 'http://localhost:8080/');
  await page.locator('.page-form input[name=username]').fill('alice');
  await page.locator('.page-form button[type=submit]').click();
  await expect(viewport(page)).toContainText('欢迎你，alice');
  await expect(page.locator('#address')).toHaveValue('http://localhost:8080/user');
  await expect(page.locator('.hops')).toContainText('302 Found');
  await expect(cell(page, 'Name', 'connect.sid')).toHaveValue('connect.sid');
  await expect(page.locator('input[aria-label="HttpOnly · connect.sid"]')).toBeChecked();
  // each flag's cell says its state, as a screen reader meets it on the cell (not the box)
  const row = page.locator('table.jar tr[data-cookie="connect.sid"]');
  await expect(row.getByRole('gridcell', { name: 'HttpOnly · connect.sid on' })).toHaveCount(1);
  await expect(row.getByRole('gridcell', { name: 'Secure · connect.sid off' })).toHaveCount(1);
  await expect(row.getByRole('gridcell', { name: '— not set' })).toHaveCount(1);
  // its name heads the row, so a cell below another is said with whose it is
  await expect(row.getByRole('rowheader', { name: 'connect.sid' })).toHaveCount(1);
  await expect(page.locator('.verdict-box .verdict')).toHaveClass(/good/);
  await expect(page.locator('.verdict-box')).toContainText('Accepted');
  await expect(page.locator('.verdict-box .anatomy .sig-prefix').first()).toHaveText('s:');
  // the parts are named in the page's language ("payload" was English in zh too)
  await expect(page.locator('.verdict-box .anatomy').first()).toHaveAttribute('aria-label', "The signed value's parts: prefix, signed payload, MAC");
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await expect(page.locator('.verdict-box .anatomy').first()).toHaveAttribute('aria-label', '签名值的各部分：前缀、签名的内容、MAC');
});

for (const variant of ['seed', 'fixed']) {
  test(`2. one changed MAC character is rejected (${variant})`, async ({ page, site, problems }) => {
    await openApp(page, site);
    await lesson(page, 4);
    if (variant === 'fixed') await page.getByRole('button', { name: 'Fixed', exact: true }).click();
    await go(page, 'http://localhost:8080/login?username=alice');
    await expect(viewport(page)).toContainText('alice');
    const value = cell(page, 'Value', 'connect.sid');
    const old = await value.inputValue();
    const forged = old.slice(0, -1) + (old.endsWith('A') ? 'B' : 'A');
    await value.fill(forged);
    await value.press('Enter');
    await expect(page.locator('.verdict-box')).toContainText('the signature (MAC) does not match');
  // the expected MAC it shows is the lab's window (pasted into the cookie it is accepted: a
  // learner forged the card that way), and it says so
  await expect(page.locator('.verdict-box .lab-only')).toHaveText('Only the lab shows you the expected MAC: a real server never reveals it, and without the secret it cannot be worked out.');
    await expect(page.locator('.verdict-box .macs')).toContainText(decodeURIComponent(old).slice(-10));
    await go(page, 'http://localhost:8080/user');
    await expect(page.locator('#announcer')).toContainText('wrong MAC');
    // a new session was started: the store now holds two
    await expect(page.locator('table.store tbody tr')).toHaveCount(2);
    if (variant === 'fixed') {
      await expect(page.locator('#address')).toHaveValue('http://localhost:8080/');
      await expect(page.locator('.page-form input[name=username]')).toBeVisible();
    } else {
      await expect(viewport(page)).not.toContainText('alice');
    }
  });
}

test('3. the card: 100 → 90 → 80; a plain edit to 9999 is believed; the signed variant answers 403', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 1);
  await go(page, 'http://localhost:3000/');
  await expect(said(page)).toHaveText('欢迎你新顾客，送你一张价值100元的剪发卡');
  await go(page, 'http://localhost:3000/');
  await expect(said(page)).toHaveText('欢迎你老顾客，你卡上还剩90');
  await go(page, 'http://localhost:3000/');
  await expect(said(page)).toHaveText('欢迎你老顾客，你卡上还剩80');
  await cell(page, 'Value', 'balance').fill('9999');
  await cell(page, 'Value', 'balance').press('Enter');
  await go(page, 'http://localhost:3000/');
  await expect(said(page)).toHaveText('欢迎你老顾客，你卡上还剩9989');

  await page.getByRole('button', { name: 'Signed cookie', exact: true }).click();
  // the 9989 card is gone with the jar: the bar says why, in sight, until the next request
  const afresh = page.locator('.last-verdict .afresh');
  await expect(afresh).toHaveText('Now: Signed cookie. The lab starts afresh.');
  await expect(afresh).toBeInViewport();
  await go(page, 'http://localhost:3000/');
  await expect(afresh).toHaveCount(0);
  await go(page, 'http://localhost:3000/');
  await expect(said(page)).toHaveText('欢迎你老顾客，你卡上还剩90');
  const v = cell(page, 'Value', 'balance');
  const signed = await v.inputValue();
  expect(signed.startsWith('s%3A90.')).toBeTruthy();
  await v.fill(signed.replace('s%3A90.', 's%3A9999.'));
  await v.press('Enter');
  await expect(page.locator('.verdict-box')).toContainText('the signature (MAC) does not match');
  // the expected MAC it shows is the lab's window (pasted into the cookie it is accepted: a
  // learner forged the card that way), and it says so
  await expect(page.locator('.verdict-box .lab-only')).toHaveText('Only the lab shows you the expected MAC: a real server never reveals it, and without the secret it cannot be worked out.');
  await go(page, 'http://localhost:3000/');
  await expect(page.locator('.hops')).toContainText('403 Forbidden');
  await expect(said(page)).toHaveText('签名校验失败');
});

test('4. the persistent store survives a restart; the MemoryStore does not', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 5);
  await go(page, 'http://localhost:8080/login?username=alice');
  await expect(viewport(page)).toContainText('欢迎你，alice');
  await page.getByRole('button', { name: 'Restart server', exact: true }).click();
  await go(page, 'http://localhost:8080/user');
  await expect(viewport(page)).toContainText('欢迎你，alice');

  await page.getByRole('button', { name: 'MemoryStore, to compare', exact: true }).click();
  await go(page, 'http://localhost:8080/login?username=alice');
  await expect(viewport(page)).toContainText('欢迎你，alice');
  await page.getByRole('button', { name: 'Restart server', exact: true }).click();
  await expect(page.locator('table.store tbody')).toContainText('The store is empty');
  await go(page, 'http://localhost:8080/user');
  await expect(viewport(page)).not.toContainText('alice');
});

test('5. a page reload keeps the persistent store and the persistent cookies', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 5);
  await page.locator('details.options > summary').click();
  await page.fill('#opt-cookie-maxAge', '3600000');
  await page.getByRole('button', { name: 'Apply and restart the server', exact: true }).click();
  await go(page, 'http://localhost:8080/login?username=alice');
  await expect(viewport(page)).toContainText('欢迎你，alice');
  // a session cookie too, which a browser restart (and so a page reload) drops
  await page.fill('.add-cookie input[aria-label=Name]', 'tmp');
  await page.fill('.add-cookie input[aria-label=Value]', 'gone-after-reload');
  await page.getByRole('button', { name: 'Add cookie', exact: true }).click();
  await expect(cell(page, 'Name', 'tmp')).toBeVisible();

  await page.reload();
  await expect(page.locator('h1')).toBeVisible();
  await expect(page.locator('nav.lessons button.current')).toContainText('persistent store');
  await expect(cell(page, 'Name', 'connect.sid')).toBeVisible();
  await expect(cell(page, 'Name', 'tmp')).toHaveCount(0);
  await expect(page.locator('table.store tbody')).toContainText('"username":"alice"');
  await go(page, 'http://localhost:8080/user');
  await expect(viewport(page)).toContainText('欢迎你，alice');
});

test('5b. corrupt saved state starts clean and says so', async ({ page, site, problems }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('session-lab:state', '{"app":"session-lab","v":1,"lesson":');
      localStorage.setItem('session-lab:db:broken', 'not json');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await openApp(page, site);
  await expect(page.locator('.notice').first()).toContainText('started clean');
  await expect(page.locator('.notices')).toContainText('unreadable document');
  await expect(page.locator('nav.lessons button.current')).toContainText('Cookie vs session');
});

// Strings of the table, read from the area files of src/i18n/.
import { readFileSync, readdirSync } from 'node:fs';
const i18nDir = new URL('../../src/i18n/', import.meta.url);
const table = readdirSync(i18nDir).filter((f) => f.endsWith('.rs'))
  .flatMap((f) => [...readFileSync(new URL(f, i18nDir), 'utf8').matchAll(/^\s+(\w+) => "((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)";$/gm)])
  .map((m) => ({ key: m[1], zh: m[2], en: m[3] }));
if (table.length < 400) throw new Error(`read only ${table.length} strings from src/i18n/`);

async function visibleUiText(page) {
  return page.evaluate(() => {
    const skip = 'pre, code, svg, .mono, .viewport, .anatomy, [translate=no], [lang]:not(html), input, select, option, table.store td.data';
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const n = walker.currentNode;
      const el = n.parentElement;
      if (!el || el.closest(skip) || !el.getClientRects().length) continue;
      if (el.closest('details:not([open])') && !el.closest('summary')) continue;
      out.push(n.textContent);
    }
    return out.join('\n');
  });
}

async function exerciseEveryPane(page) {
  await lesson(page, 4);
  await go(page, 'http://localhost:8080/login?username=alice');
  await page.locator('details.options > summary').click();
  await page.locator('#pane-timeline li.entry details > summary').first().click();
}

test('6. switching language leaves no string of the other language', async ({ page, site, problems }) => {
  expect(table.length).toBeGreaterThan(150);
  await openApp(page, site, { lang: 'zh' });
  await exerciseEveryPane(page);
  const zhText = await visibleUiText(page);
  expect(zhText).toContain('服务器');
  expect(zhText).toContain('发生了什么');
  // a phrase of the English table anywhere, or a one-word English string as a whole text node
  const nodes = new Set(zhText.split('\n').map((x) => x.trim()));
  // an English text that is also some key's Chinese text (a column named "Session id" in
  // both languages) is not a leftover
  const zhValues = new Set(table.map((s) => s.zh));
  const leftovers = table
    .filter((s) => s.en !== s.zh && !s.en.includes('{') && !zhValues.has(s.en))
    .filter((s) => (s.en.includes(' ') && s.en.length >= 6 ? zhText.includes(s.en) : nodes.has(s.en)))
    .map((s) => s.key);
  expect(leftovers, 'English UI strings visible in zh-CN mode').toEqual([]);
  await page.screenshot({ path: SHOTS + 'flow6-zh.png', fullPage: true });

  await page.getByRole('button', { name: 'English', exact: true }).click();
  const enText = await visibleUiText(page);
  expect(enText).toContain('What happened');
  const han = enText.split('\n').filter((l) => /[\u4e00-\u9fff]/.test(l));
  expect(han, 'Chinese text visible in en mode (outside server content)').toEqual([]);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
