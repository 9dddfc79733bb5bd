// Issue 8, stored state: whatever an older version, a stranger or a full disk left in the
// browser's storage, the lab starts cleanly, says what it reset, and keeps what is still valid.
import { test, expect, go, viewport, cell, lesson } from '../fixtures.mjs';

const STATE = 'session-lab:state';
const DB = 'session-lab:db:';
const NOW = 1_700_000_000_000;
const cookie = (name, value) => ({
  name, value, domain: 'localhost', hostOnly: true, path: '/', expires: 4_102_444_800_000,
  secure: false, httpOnly: false, sameSite: '', partitioned: false, priority: 'Medium', created: NOW, lastAccess: NOW,
});
const valid = { app: 'session-lab', v: 1, lesson: 'auth', variant: 'fixed', lang: 'en', theme: 'dark', now: NOW, options: {}, jar: [cookie('kept', 'yes')], solved: ['tamper'] };

/** Opens the page with `seed(localStorage, arg)` run once first (on a cleared storage). */
let seeds = 0;
async function openWith(page, site, seed, arg) {
  const id = `seeded-${++seeds}`;
  await page.addInitScript({
    content: `(function (seed, arg, id) {
      if (sessionStorage.getItem(id)) return;
      sessionStorage.setItem(id, '1');
      localStorage.clear();
      seed(localStorage, arg);
    })(${seed.toString()}, ${JSON.stringify(arg ?? null)}, ${JSON.stringify(id)});`,
  });
  await page.goto(site.url);
  // the seed (up to 50,000 entries) runs in the page's load, and so does reading it back: on
  // a loaded 2-core machine the first render can take longer than the default 5 s
  await expect(page.locator('h1')).toBeVisible({ timeout: 30_000 });
}

/** The lab still works: a request goes through and the jar shows its cookie. */
async function works(page, url = 'http://localhost:8080/login?username=alice') {
  await go(page, url);
  await expect(viewport(page)).not.toBeEmpty();
}

test('truncated JSON: a clean start that says so, then a valid save', async ({ page, site, problems }) => {
  await openWith(page, site, (ls, v) => ls.setItem('session-lab:state', JSON.stringify(v).slice(0, 57)), valid);
  await expect(page.locator('.notice')).toContainText(['The saved data could not be read, so the lab started clean: not JSON']);
  await works(page, 'http://localhost:3000/');
  const saved = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), STATE);
  // the current schema (2: the jar as the engine's cookie JSON); the v1 blobs this file writes
  // are upgraded silently
  expect(saved.v).toBe(2);
});

test('valid JSON of the wrong shape: each unusable part named, the rest kept', async ({ page, site, problems }) => {
  const wrong = { ...valid, lesson: 42, now: 'soon', options: [1], jar: [cookie('kept', 'yes'), { name: 7 }, 'x'], solved: 'all' };
  await openWith(page, site, (ls, v) => ls.setItem('session-lab:state', JSON.stringify(v)), wrong);
  const notices = page.locator('.notice');
  await page.locator('#notices-more').click();
  for (const part of ['lesson', 'now', 'options', 'solved']) {
    await expect(notices.filter({ hasText: `1 saved item in ${part} was invalid` })).toHaveCount(1);
  }
  await expect(notices.filter({ hasText: '2 saved items in jar were invalid' })).toHaveCount(1);
  await expect(cell(page, 'Value', 'kept')).toHaveValue('yes');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await works(page, 'http://localhost:3000/');

  for (const blob of ['[1,2,3]', '"text"', 'null', '{"app":"other"}']) {
    await openWith(page, site, (ls, b) => ls.setItem('session-lab:state', b), blob);
    await expect(page.locator('.notice').first()).toContainText('started clean');
    await works(page, 'http://localhost:3000/');
  }
});

test('an older schema (v0, no version field, the jar under "cookies") is migrated', async ({ page, site, problems }) => {
  const v0 = { app: 'session-lab', lesson: 'auth', variant: 'fixed', lang: 'en', theme: 'system', now: NOW, options: { resave: false }, cookies: [cookie('old', 'kept')], solved: [] };
  await openWith(page, site, (ls, v) => ls.setItem('session-lab:state', JSON.stringify(v)), v0);
  await expect(page.locator('.notice')).toContainText(['Upgraded data saved by an older version (v0).']);
  await expect(page.locator('nav.lessons li').nth(3).locator('button')).toHaveAttribute('aria-current', 'step');
  await expect(cell(page, 'Value', 'old')).toHaveValue('kept');
  await expect(page.locator('pre.code')).toContainText('resave: false');
  await works(page);
  // saved back in the current schema
  await expect.poll(() => page.evaluate((k) => JSON.parse(localStorage.getItem(k)).v, STATE)).toBe(2);
  // and a blob from a newer version is not guessed at
  await openWith(page, site, (ls, v) => ls.setItem('session-lab:state', JSON.stringify({ ...v, v: 99 })), valid);
  await expect(page.locator('.notice')).toContainText(['saved by a newer version (99)']);
});

test('a persistent store of 50,000 sessions loads, pages, and keeps working', async ({ page, site, problems }) => {
  test.setTimeout(120_000);
  await openWith(page, site, (ls) => {
    ls.setItem('session-lab:state', JSON.stringify({ app: 'session-lab', v: 1, lesson: 'store', variant: 'persistent', theme: 'system', now: 1700000000000, options: {}, jar: [], solved: [] }));
    for (let i = 0; i < 50000; i++) {
      const sid = i.toString(36).padStart(4, '0');
      ls.setItem('session-lab:db:' + sid, '{"_id":"' + sid + '","session":"{\\"cookie\\":{\\"path\\":\\"/\\"},\\"n\\":' + i + '}","expires":null}');
    }
    // and a few that are not documents at all
    ls.setItem('session-lab:db:junk1', '{"_id":"other"}');
    ls.setItem('session-lab:db:junk2', 'not json');
  });
  expect(await page.evaluate((p) => Object.keys(localStorage).filter((k) => k.startsWith(p)).length, DB)).toBe(50000);
  await expect(page.locator('.notice')).toContainText(['2']);
  await expect(page.locator('.pager')).toContainText('of 50000');
  await page.locator('.pager button').last().click();
  await expect(page.locator('.pager')).toContainText('51–100 of 50000');
  await works(page);
  await expect(page.locator('.pager')).toContainText('of 50001');
});

test('storage unavailable (a private mode that throws): the lab runs and says progress is not saved', async ({ page, site, problems }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  });
  await page.goto(site.url);
  await expect(page.locator('h1')).toBeVisible();
  await expect(page.locator('.notice')).toContainText(['Browser storage is unavailable: progress will not be saved.']);
  await lesson(page, 5);
  await works(page);
  await expect(viewport(page)).toContainText('alice');
  await page.getByRole('button', { name: 'Restart server', exact: true }).click();
  // (the session cookie went with the reload, as with a browser restart; the store kept alice)
  await expect(page.locator('table.store tbody')).toContainText('alice');
  await expect(page.locator('table.store tbody')).not.toContainText('bob');
  await works(page, 'http://localhost:8080/login?username=carol');
  await expect(page.locator('table.store tbody')).toContainText('carol');
});

for (const failFrom of [1, 2]) {
  test(`quota exceeded from write ${failFrom} of a request on: a clear notice, every stored item still valid`, async ({ page, site, problems }) => {
    await page.goto(site.url);
    await expect(page.locator('h1')).toBeVisible();
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await lesson(page, 5);
    await works(page);
    const before = await page.evaluate(() => ({ ...localStorage }));
    // a request writes the session's document, then the page's state; the disk fills up
    // before the first of them, or between the two
    await page.evaluate((from) => {
      const real = Storage.prototype.setItem;
      let writes = 0;
      Storage.prototype.setItem = function (k, v) {
        writes += 1;
        if (writes >= from) throw new DOMException('full', 'QuotaExceededError');
        return real.call(this, k, v);
      };
    }, failFrom);
    await go(page, 'http://localhost:8080/login?username=bob');
    await expect(page.locator('.notices')).toContainText('Browser storage is full');
    const after = await page.evaluate(() => ({ ...localStorage }));
    if (failFrom === 1) expect(after).toEqual(before);
    // what is stored reads back whole: reload with the real storage
    await page.reload();
    await expect(page.locator('h1')).toBeVisible();
    await expect(page.locator('.notice')).toHaveCount(0);
    // (the session cookie went with the reload, as with a browser restart.) The store holds the
    // one session whole: alice's before the failed write, or bob's if it was written first
    const rows = page.locator('table.store tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(failFrom === 1 ? '"username":"alice"' : /"username":"(alice|bob)"/);
    await works(page, 'http://localhost:8080/login?username=carol');
    await expect(page.locator('table.store tbody')).toContainText('carol');
  });
}
