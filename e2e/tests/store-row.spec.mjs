// After each request the server pane's store shows the row the request wrote or touched
// whole, at the workbench's sizes, in both languages, and the code box still shows the lines
// that ran: lesson 2's new card (issued for a card number the learner changed) and lesson 3's
// first session (its JSON over three lines).
import { test, expect, openApp } from '../fixtures.mjs';

/** The rows `selector` finds in the server pane, each as [class, height, the part shown
 * inside every box that clips it], and the code box's height. */
function rowsShown(page, selector) {
  return page.evaluate((selector) => ({
    rows: [...document.querySelectorAll(selector)].map((row) => {
      const r = row.getBoundingClientRect();
      let top = 0;
      let bottom = innerHeight;
      for (let e = row.parentElement; e; e = e.parentElement) {
        if (getComputedStyle(e).overflowY !== 'visible') {
          const b = e.getBoundingClientRect();
          top = Math.max(top, b.top);
          bottom = Math.min(bottom, b.bottom);
        }
      }
      return [row.className, Math.round(r.height), Math.round(Math.max(0, Math.min(bottom, r.bottom) - Math.max(top, r.top)))];
    }),
    code: Math.round(document.querySelector('#server-code').getBoundingClientRect().height),
  }), selector);
}

/** How much of the last request's row (its height and the part shown) is on screen, inside
 * every box that clips it, and the code box's height. */
async function shown(page) {
  const { rows: [[, height, part]], code } = await rowsShown(page, '#pane-server .table-wrap tr:is(.set, .touch, .hit)');
  return { height, shown: part, code };
}

const goBtn = (page) => page.locator('.window:not(.attacker) form.addressbar button[type=submit]');

for (const [width, height] of [[1280, 720], [1440, 900], [1920, 1080]]) {
  for (const lang of ['zh', 'en']) {
    test(`${width}x${height} ${lang}: lesson 2's new card and lesson 3's session show whole`, async ({ page, site, problems }) => {
      await page.setViewportSize({ width, height });
      await openApp(page, site, { hash: 'lesson=manual', lang });
      const entries = page.locator('#pane-timeline li.entry');
      for (let i = 0; i < 3; i++) {
        const n = await entries.count();
        await goBtn(page).click();
        await expect(entries).toHaveCount(n + 1);
      }
      const value = page.locator(`input[aria-label="${lang === 'zh' ? '编辑 值 · session.id' : 'Edit Value · session.id'}"]`);
      await value.fill('123');
      await value.press('Enter');
      await goBtn(page).click();
      await expect(page.locator('#pane-server table.store tbody tr')).toHaveCount(2);
      await expect(page.locator('#pane-server table.store tr.set')).toHaveCount(1);
      let m = await shown(page);
      expect(m.shown, `lesson 2's new card: ${JSON.stringify(m)}`).toBe(m.height);
      expect(m.code).toBeGreaterThanOrEqual(80);

      await page.goto('about:blank');
      await openApp(page, site, { hash: 'lesson=middleware', lang });
      await goBtn(page).click();
      await expect(page.locator('#pane-server table.store tr.set')).toHaveCount(1);
      await expect(page.locator('#pane-server table.store tr.set')).toContainText('"views":1');
      m = await shown(page);
      expect(m.shown, `lesson 3's session: ${JSON.stringify(m)}`).toBe(m.height);
      expect(m.code).toBeGreaterThanOrEqual(80);
      // the lines that ran are in the code box
      const ran = await page.evaluate(() => {
        const code = document.querySelector('#server-code').getBoundingClientRect();
        return [...document.querySelectorAll('#server-code mark.ran')].map((l) => {
          const r = l.getBoundingClientRect();
          return r.top >= code.top - 1 && r.bottom <= code.bottom + 1;
        });
      });
      expect(ran.some((v) => v)).toBe(true);
    });
  }
}

// lesson 3's /regenerate writes the new session and destroys the old: both rows whole where
// they fit together (the destroyed one was left half cut at 1440x900)
for (const [width, height] of [[1440, 900], [1920, 1080]]) {
  test(`${width}x${height}: after /regenerate the new session and the destroyed one both show`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width, height });
    await openApp(page, site, { hash: 'lesson=middleware', lang: 'en' });
    const entries = page.locator('#pane-timeline li.entry');
    for (const path of ['/', '/', '/regenerate']) {
      const n = await entries.count();
      await page.fill('#address', 'http://localhost:3000' + path);
      await goBtn(page).click();
      await expect(entries).toHaveCount(n + 1);
    }
    await expect(page.locator('#pane-server table.store tr.destroy')).toHaveCount(1);
    const { rows } = await rowsShown(page, '#pane-server .table-wrap tr:is(.set, .destroy)');
    expect(rows.length).toBe(2);
    for (const [cls, h, s] of rows) expect(s, `${cls}: ${JSON.stringify(rows)}`).toBe(h);
  });
}
