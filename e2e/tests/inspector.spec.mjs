// The cookie inspector (#tool=inspect): a cookie made by real express-session verifies with its
// secret, a tampered one is refused with both MACs, the lab's brute-forcer runs on request, and
// the secret never reaches the address, a share link or storage. axe finds nothing, in both
// languages, at 1280×720 and 390×844; screenshots of each go to e2e/screenshots/.
import { test, expect, openApp, SHOTS } from '../fixtures.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const FIXTURE = JSON.parse(
  readFileSync(new URL('../../tests/fixtures/inspector/real-cookies.json', import.meta.url), 'utf8'),
);
const byLabel = (start) => FIXTURE.cases.find((c) => c.label.startsWith(start));

async function audit(page, what) {
  await page.evaluate(AXE);
  const found = await page.evaluate(async (tags) => {
    const opts = (runOnly) => ({ runOnly, resultTypes: ['violations'] });
    const a = await window.axe.run(document, opts({ type: 'tag', values: tags }));
    const b = await window.axe.run(document, opts({ type: 'rule', values: ['region'] }));
    if (a.passes.length < 15) return [{ rule: 'axe did not run', impact: 'n/a', nodes: [] }];
    return [...a.violations, ...b.violations].map((v) => ({
      rule: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} :: ${n.failureSummary.split('\n').slice(0, 3).join(' ')}`),
    }));
  }, WCAG);
  expect(found, `axe violations in: ${what}`).toEqual([]);
}

/** The cookie with one letter of its MAC changed, and both MACs. */
function tamper(setCookie) {
  const pair = setCookie.split(';')[0];
  const eq = pair.indexOf('=');
  const signed = decodeURIComponent(pair.slice(eq + 1)).slice(2);
  const dot = signed.lastIndexOf('.');
  const mac = signed.slice(dot + 1);
  let i = 5;
  while (!/[A-Za-z0-9]/.test(mac[i])) i++;
  const bad = mac.slice(0, i) + (mac[i] === 'A' ? 'B' : 'A') + mac.slice(i + 1);
  const value = encodeURIComponent('s:' + signed.slice(0, dot) + '.' + bad);
  return { setCookie: pair.slice(0, eq + 1) + value + setCookie.slice(pair.length), mac, bad };
}

/** Everything the page keeps or shows outside itself: the address, storage and the share link. */
async function outside(page) {
  const url = page.url();
  const stored = await page.evaluate(() =>
    JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie]),
  );
  await page.locator('#open-share').click();
  const links = [await page.locator('#share-link').inputValue()];
  await page.locator('#share-panel input[type=checkbox]').first().check();
  links.push(await page.locator('#share-link').inputValue());
  await page.locator('#open-share').click();
  return [url, stored, ...links].join('\n');
}

test('while a cookie is typed the inspector\'s status waits: a screen reader hears the verdict once typing pauses, not one per letter', async ({ page, site }) => {
  const real = byLabel('max-age');
  await openApp(page, site, { hash: 'tool=inspect' });
  await page.fill('#insp-secrets', real.secrets[0]);
  const said = page.locator('#insp-said');
  const before = 'Paste a cookie to begin.';
  await expect(said).toHaveText(before);
  const value = real.set_cookie.split(';')[0];
  // typed a letter every 60 ms: the status keeps what it said before while the verdicts change
  const texts = new Set();
  const box = page.locator('#insp-cookies');
  await box.focus();
  for (const ch of value) {
    await page.keyboard.type(ch);
    texts.add(await said.textContent());
    await page.waitForTimeout(60);
  }
  expect([...texts]).toEqual([before]);
  // the card showed each verdict at once
  await expect(page.locator('.insp-cookie .insp-verdict').first()).toContainText('Valid with secret #1.');
  // and the pause is heard
  await expect(said).toHaveText('connect.sid: Valid with secret #1.');
});

test('a real cookie verifies; a tampered one is refused with both MACs; the secret stays in the page', async ({ page, site, problems }) => {
  const real = byLabel('max-age');
  const secret = real.secrets[0];
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site, { hash: 'tool=inspect' });
  await expect(page.locator('#insp-title')).toHaveText('Cookie inspector');
  expect(page.url()).toMatch(/#tool=inspect$/);
  await expect(page.locator('.insp-privacy')).toContainText('never sent or saved');

  await page.fill('#insp-cookies', `Set-Cookie: ${real.set_cookie}`);
  await page.fill('#insp-secrets', secret);
  const card = page.locator('.insp-cookie').first();
  await expect(card.locator('.insp-verdict')).toContainText('Valid with secret #1.');
  await expect(card.locator('.insp-verdict')).toHaveClass(/\bgood\b/);
  // drawn in the good tone (a class the stylesheet no longer had left it plain)
  const bg = (v) => v.evaluate((el) => getComputedStyle(el).backgroundColor);
  const good = await bg(card.locator('.insp-verdict'));
  expect(good).not.toBe('rgba(0, 0, 0, 0)');
  await expect(card.locator('.insp-sid')).toHaveText(real.sid);
  await expect(page.locator('#insp-said')).toHaveText(`connect.sid: Valid with secret #1.`);
  await expect(card.locator('.insp-attrs')).toContainText('SameSite');
  expect(page.url()).not.toContain(secret);

  const t = tamper(real.set_cookie);
  await page.fill('#insp-cookies', `Set-Cookie: ${t.setCookie}`);
  await expect(card.locator('.insp-verdict')).toContainText('Rejected: wrong MAC');
  await expect(card.locator('.insp-verdict')).toHaveClass(/bad/);
  const bad = await bg(card.locator('.insp-verdict'));
  expect(bad).not.toBe('rgba(0, 0, 0, 0)');
  expect(bad).not.toBe(good);
  await expect(card.locator('.insp-expected')).toHaveText(t.mac);
  await expect(card.locator('.insp-presented')).toHaveText(t.bad);
  await page.screenshot({ path: `${SHOTS}inspector-tampered-en-1280.png` });

  // signing the id gives back the real cookie
  await page.fill('#insp-sign-id', real.sid);
  await expect(page.locator('.insp-signed .insp-out').first()).toHaveText(real.set_cookie.split(';')[0].split('=').slice(1).join('='));

  const seen = await outside(page);
  expect(seen).toContain('tool=inspect');
  for (const privateText of [secret, encodeURIComponent(secret), real.sid]) {
    expect(seen).not.toContain(privateText);
  }

  // a reload opens the inspector again, with nothing remembered
  await page.reload();
  await expect(page.locator('#insp-title')).toBeVisible();
  await expect(page.locator('#insp-secrets')).toHaveValue('');
  expect(page.url()).toMatch(/#tool=inspect$/);
});

test('the header opens it; rotation and a bare value in Chinese; the brute-forcer on request', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site, { lang: 'zh' });
  await page.locator('#open-inspector').click();
  await expect(page.locator('#insp-title')).toHaveText('Cookie 检查器');
  await expect(page.locator('#insp-title')).toBeFocused();

  const rotated = byLabel('rotation');
  const old = rotated.checks.find((c) => c.what === 'old-secret-after-rotation');
  await page.fill('#insp-cookies', old.cookie.split('=').slice(1).join('='));
  await page.fill('#insp-secrets', old.secrets.join('\n'));
  const card = page.locator('.insp-cookie').first();
  await expect(card.locator('.insp-verdict')).toContainText('有效：第 2 个密钥验证通过。');
  await expect(card).toContainText('单独的值，按 connect.sid 读取');

  const weak = byLabel('SameSite=None');
  await page.fill('#insp-cookies', weak.set_cookie);
  await page.fill('#insp-secrets', '');
  await expect(card.locator('.insp-verdict')).toContainText('还没有密钥');
  await expect(card.locator('.insp-warnings')).toContainText('SameSite=None 却没有 Secure');
  await card.getByRole('button', { name: '试着破解密钥' }).click();
  await expect(card.getByRole('status').filter({ hasText: '找到了密钥：zfpx' })).toBeVisible({ timeout: 45_000 });
  // one press checks the cookie with what it found (the verdict still said "no secret")
  await card.getByRole('button', { name: '用它校验这个 cookie' }).click();
  await expect(page.locator('#insp-secrets')).toHaveValue('zfpx');
  await expect(card.locator('.insp-verdict')).toContainText('有效：第 1 个密钥验证通过。');
  await expect(card.getByRole('button', { name: '用它校验这个 cookie' })).toHaveCount(0);
  // the cracker goes (its hint said "without the secret"), the focus on the new verdict
  await expect(card.locator('.insp-crack')).toHaveCount(0);
  await expect(card.locator('.insp-verdict')).toBeFocused();
  // an empty Set-Cookie is read as the deletion it is
  await page.fill('#insp-cookies', 'Set-Cookie: connect.sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  await expect(card.locator('.insp-verdict')).toContainText('它删除浏览器里的这个 cookie');
  // with no advice on the flags of a cookie it deletes (logout read as faulty)
  await expect(card.locator('.insp-warnings')).toHaveCount(0);

  // a whole response as curl -i prints it: only its Set-Cookie is read
  const defaults = byLabel('defaults');
  await page.fill('#insp-cookies', `HTTP/1.1 302 Found\nX-Powered-By: Express\nLocation: /\nSet-Cookie: ${defaults.set_cookie}\nDate: Mon, 30 Nov 2026 07:00:00 GMT`);
  await page.fill('#insp-secrets', defaults.secrets[0]);
  await expect(page.locator('.insp-cookie')).toHaveCount(1);
  await expect(card.locator('.insp-verdict')).toContainText('有效：第 1 个密钥验证通过。');

  await page.getByRole('button', { name: '回到实验室' }).click();
  await expect(page.locator('#insp-title')).toHaveCount(0);
  await expect(page.locator('#open-inspector')).toBeFocused();
  expect(page.url()).not.toContain('tool=inspect');
});

for (const [w, h] of [[1280, 720], [390, 844]]) {
  test(`axe finds nothing at ${w}×${h}, both languages and themes`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: w, height: h });
    for (const [lang, theme] of [['en', '☀'], ['zh', '☾']]) {
      await openApp(page, site, { hash: 'tool=inspect', lang });
      await page.locator('.segmented .seg', { hasText: theme }).click();
      await page.locator('.insp-actions .btn').first().click();
      await expect(page.locator('.insp-cookie .insp-verdict').first()).toHaveClass(/\bgood\b/);
      await page.fill('#insp-sign-id', 'my-session-id');
      await page.screenshot({ path: `${SHOTS}inspector-${lang}-${w}.png` });
      await audit(page, `${lang}, ${w}×${h}, the example`);
      const t = tamper(FIXTURE.cases[0].set_cookie);
      await page.fill('#insp-cookies', t.setCookie);
      await expect(page.locator('.insp-cookie .insp-verdict').first()).toHaveClass(/bad/);
      await audit(page, `${lang}, ${w}×${h}, a tampered cookie`);
    }
  });
}

test('on a phone the header button gives way to the picker\'s Tools entry', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, site);
  await expect(page.locator('#open-inspector')).toBeHidden();
  await page.locator('details.picker summary').click();
  await page.locator('#menu-inspector').click();
  await expect(page.locator('#insp-title')).toBeFocused();
  // in the inspector the menu offers no lab panels (they are the lab's)
  await page.locator('details.picker summary').click();
  await expect(page.locator('nav.tools-menu button')).toHaveCount(1);
  await expect(page.locator('details.picker summary')).toContainText('Cookie inspector');
  expect(page.url()).toMatch(/#tool=inspect$/);
});

// at 1440 its privacy note stood 35 px left of the heading and the grid (its own margin undid
// the centring every part of the inspector has)
test('1440: the privacy note lines up with the heading and the grid', async ({ page, site }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, site, { hash: 'tool=inspect' });
  const left = async (sel) => Math.round((await page.locator(sel).first().boundingBox()).x);
  const head = await left('.insp-head');
  expect(head).toBeGreaterThan(30);
  expect(await left('.insp-privacy')).toBe(head);
  expect(await left('.insp-grid')).toBe(head);
});

// several cookies: the summary lists them a line each (one bold paragraph of their verdicts
// was hard to read); a secret with a space at its end is flagged
test('several cookies are summed up a line each; a secret typed with a trailing space is flagged', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'tool=inspect' });
  const defaults = byLabel('defaults');
  const value = defaults.set_cookie.split(';')[0].split('=').slice(1).join('=');
  await page.fill('#insp-cookies', `Cookie: a=1; connect.sid=${value}; b=2`);
  await page.fill('#insp-secrets', defaults.secrets[0] + ' ');
  const lines = page.locator('ul.insp-summary li');
  await expect(lines).toHaveCount(3);
  await expect(lines.nth(0)).toHaveText(/^a: Not signed: taken as sent, so anyone can change it/);
  await expect(lines.nth(1)).toHaveText(/^connect\.sid: Valid with secret #1\./);
  await expect(page.locator('.insp-warnings').first()).toContainText('Secret #1 has spaces at an end');
});

test('Escape goes back to the lab, as the panels close on it, and what was typed stays', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, site);
  await page.locator('#open-inspector').click();
  await expect(page.locator('#insp-title')).toBeFocused();
  await page.fill('#insp-cookies', 'connect.sid=abc');
  // in the box being typed in it is the box's (a stray press left the view)
  await page.locator('#insp-cookies').press('Escape');
  await expect(page.locator('#insp-title')).toBeVisible();
  await page.locator('#insp-title').focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('#insp-title')).toHaveCount(0);
  await expect(page.locator('#open-inspector')).toBeFocused();
  await page.locator('#open-inspector').click();
  await expect(page.locator('#insp-cookies')).toHaveValue('connect.sid=abc');
  expect(problems).toEqual([]);
});

// opened from the page, the inspector is a history entry: the browser's Back closes it (it
// left the lab for the tab's blank page), Forward opens it again, and its own "Back to the
// lab" goes back over that entry (no inspector left ahead of a lab that Back would reopen)
test('the browser\'s Back closes the inspector and Forward opens it again', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'lesson=auth' });
  await expect(page.locator('.lesson-card')).toBeVisible();
  await page.locator('#open-inspector').click();
  await expect(page.locator('#insp-title')).toBeVisible();
  expect(page.url()).toMatch(/#tool=inspect$/);
  await page.goBack();
  await expect(page.locator('#insp-title')).toHaveCount(0);
  await expect(page.locator('.lesson-card')).toBeVisible();
  expect(page.url()).not.toContain('tool=inspect');
  await page.goForward();
  await expect(page.locator('#insp-title')).toBeVisible();
  expect(page.url()).toMatch(/#tool=inspect$/);
  await page.getByRole('button', { name: 'Back to the lab' }).click();
  await expect(page.locator('#insp-title')).toHaveCount(0);
  await expect.poll(() => page.url()).not.toContain('tool=inspect');
  await expect(page.locator('#open-inspector')).toBeFocused();
  // the lesson the lab had is still there
  await expect(page.locator('.lesson-card h2, .lesson-card .lesson-title').first()).toBeVisible();
  expect(problems).toEqual([]);
});

// a reload with the inspector open keeps the entry it is on (each reload had pushed one more,
// and Back then went over copies of the same page)
test('a reload with the inspector open adds no history entry', async ({ page, site, problems }) => {
  await openApp(page, site);
  await page.locator('#open-inspector').click();
  await expect(page.locator('#insp-title')).toBeVisible();
  const entries = await page.evaluate(() => history.length);
  for (let i = 0; i < 2; i++) {
    await page.reload();
    await expect(page.locator('#insp-title')).toBeVisible();
    expect(page.url()).toMatch(/#tool=inspect$/);
  }
  expect(await page.evaluate(() => history.length)).toBe(entries);
  expect(problems).toEqual([]);
});

// what is wrong with a cookie comes next to its verdict: a 6,000-byte value printed in full
// under the anatomy put "a browser does not store or send such a cookie" 8,000 px down (review)
test('a cookie too big for a browser says so right under its verdict, before its anatomy and value', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'tool=inspect' });
  await page.fill('#insp-cookies', `Cookie: connect.sid=s%3A${'A'.repeat(6000)}.abc`);
  const card = page.locator('.insp-cookie').first();
  await expect(card.locator('.insp-warnings')).toContainText('over 4096');
  const top = async (sel) => (await card.locator(sel).first().boundingBox()).y;
  expect(await top('.insp-warnings')).toBeLessThan(await top('.insp-raw'));
  expect(await top('.insp-warnings')).toBeLessThan(await top('.insp-verdict') + 400);
  expect(problems).toEqual([]);
});

// A long value is drawn three times (its anatomy, as written, decoded): a 60 KB cookie made the
// page 123,694 px tall at 390 px (review). Past a few lines each scrolls in a box of its own,
// reached by Tab; a short one is drawn as it was.
test('390×844: a 60 KB cookie\'s value scrolls in boxes of its own; a short one does not', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, site, { hash: 'tool=inspect' });
  await page.fill('#insp-cookies', `connect.sid=s%3A${'a'.repeat(60000)}.mac`);
  const card = page.locator('.insp-cookie').first();
  await expect(card).toBeVisible();
  const boxes = card.locator('.insp-long');
  // the anatomy, as written, decoded, and the session id in it
  await expect(boxes).toHaveCount(4);
  for (const box of await boxes.all()) {
    await expect(box).toHaveAttribute('tabindex', '0');
    expect(await box.evaluate((b) => [b.clientHeight <= 200, b.scrollHeight > b.clientHeight])).toEqual([true, true]);
  }
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(6000);
  await page.fill('#insp-cookies', 'connect.sid=s%3AabcDEF.mac');
  await expect(card.locator('.insp-raw')).toHaveText('s%3AabcDEF.mac');
  await expect(card.locator('.insp-long')).toHaveCount(0);
  await expect(card.locator('.insp-raw')).not.toHaveAttribute('tabindex');
});

// A whole response pasted as curl -i prints it: its body is not a cookie (an Express
// redirect's "Found. Redirecting to /user" had been a second connect.sid, "not signed"), nor
// are the pseudo-headers DevTools copies from an HTTP/2 request; and a cookie a same-named one
// before it shadows is summed up as ignored, as the server ignores it (review)
test('a pasted response\'s body and an HTTP/2 request\'s pseudo-headers give no cookie; a shadowed one is said to be ignored', async ({ page, site, problems }) => {
  const real = byLabel('max-age');
  await openApp(page, site, { hash: 'tool=inspect' });
  await page.fill('#insp-secrets', real.secrets[0]);
  await page.fill('#insp-cookies', `HTTP/1.1 302 Found\nLocation: /user\nSet-Cookie: ${real.set_cookie}\n\nFound. Redirecting to /user`);
  await expect(page.locator('.insp-cookie')).toHaveCount(1);
  await expect(page.locator('#insp-said')).toHaveText('connect.sid: Valid with secret #1.');
  const pair = real.set_cookie.split(';')[0];
  await page.fill('#insp-cookies', `:authority: localhost:3000\n:method: GET\n:path: /user\ncookie: ${pair}`);
  await expect(page.locator('.insp-cookie')).toHaveCount(1);
  await expect(page.locator('#insp-said')).toHaveText('connect.sid: Valid with secret #1.');
  const t = tamper(real.set_cookie);
  await page.fill('#insp-cookies', `Cookie: ${t.setCookie.split(';')[0]}; ${pair}`);
  await expect(page.locator('.insp-cookie')).toHaveCount(2);
  await expect(page.locator('#insp-said')).toContainText('Rejected: wrong MAC');
  await expect(page.locator('#insp-said')).toContainText('the server reads the first and ignores this one');
  await expect(page.locator('#insp-said')).not.toContainText('Valid');
});
