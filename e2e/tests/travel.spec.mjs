// Time travel through the timeline: each entry shows the jar and the store as they were right
// after it, read-only and with what it changed marked, until "Back to now".
import { test, expect, openApp, go, lesson, cell, viewport, SHOTS } from '../fixtures.mjs';

const HOME = 'http://localhost:3000/';

test('lesson 3: the first of three visits, as it was, then back to now', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 3);
  for (const n of [1, 2, 3]) {
    await go(page, HOME);
    await expect(viewport(page)).toContainText(`views: ${n}`);
  }
  const jar = page.locator('#pane-jar');
  const store = page.locator('#pane-server table.store');
  await expect(store.locator('tbody')).toContainText('"views":3');
  const sid = await cell(page, 'Value', 'connect.sid').inputValue();
  expect(sid).toMatch(/^s%3A/);

  // every entry has the control, named after it; the first request's, from the keyboard
  const requests = page.locator('#pane-timeline ol.timeline > li.entry:not(.lab)');
  await expect(requests).toHaveCount(3);
  const travel = requests.first().getByRole('button', { name: /^State after \d\d:\d\d:\d\d GET \/$/ });
  await expect(travel).toHaveAttribute('aria-pressed', 'false');
  await travel.focus();
  await page.keyboard.press('Enter');

  await expect(requests.first()).toHaveAttribute('aria-current', 'true');
  await expect(travel).toHaveAttribute('aria-pressed', 'true');
  await expect(requests.nth(1)).not.toHaveAttribute('aria-current', /.*/);
  // both panes say what they show
  for (const pane of [jar, page.locator('#pane-server')]) {
    await expect(pane.locator('.travel-banner')).toContainText(/Showing the state after \d\d:\d\d:\d\d GET \/ \(read-only\)/);
    // each place's count: a total of 2 over each pane read as two rows in each
    await expect(pane.locator('.travel-banner')).toContainText('Rows this step changed (marked): 1 in the jar, 1 in the store.');
    await expect(pane.getByRole('button', { name: 'Back to now', exact: true })).toBeVisible();
  }
  // the store as it was: one session, one view, marked added in words as well as colour
  await expect(store).toHaveClass(/past/);
  // the bar above says what still shows the present (the past jar beside the present page
  // and verdict read as one moment: a reviewer)
  await expect(page.locator('#verdict-travel')).toContainText("this bar, the browser's page and the server code still show the present");
  await expect(page.locator('#verdict-travel').getByRole('button', { name: 'Back to now', exact: true })).toBeVisible();
  const row = store.locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('"views":1');
  await expect(store).not.toContainText('"views":3');
  await expect(row).toHaveClass(/change-added/);
  await expect(row.locator('.tag.change')).toHaveText(/added/);
  // the jar as it was: the cookie that visit set, marked added; nothing to edit or add
  const cookie = jar.locator('table.jar.past tbody tr');
  await expect(cookie).toHaveCount(1);
  await expect(cookie.locator('td.name')).toHaveText('connect.sid');
  await expect(cookie.locator('td.value')).toHaveText(sid);
  // the name and the domain read in full, as in the live jar
  for (const td of [cookie.locator('td.name'), cookie.locator('td').nth(2)]) {
    expect(await td.evaluate((c) => c.scrollWidth <= c.clientWidth), await td.innerText()).toBe(true);
  }
  await expect(cookie).toHaveClass(/change-added/);
  await expect(cookie).toContainText('added');
  // a screen reader hears whose row, and each flag's state (the cells were blank to it)
  await expect(cookie.locator('td.name')).toHaveAttribute('role', 'rowheader');
  await expect(cookie.locator('td').nth(6)).toHaveText('✓on');
  await expect(cookie.locator('td').nth(7)).toHaveText('off');
  await expect(cookie.locator('td').nth(8)).toHaveText('not set');
  // it came with the answer, so it did not go with that request: its "Sent" cell is blank
  await expect(jar.locator('table.jar.past th').filter({ hasText: 'Sent with this request?' })).toHaveCount(1);
  await expect(cookie.locator('td.sent')).toHaveText('');
  await expect(jar.locator('table.jar input, table.jar select')).toHaveCount(0);
  await expect(jar.locator('form.add-cookie')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}travel-first-visit.png` });

  // the second visit changed the session and not the cookie
  await requests.nth(1).getByRole('button', { name: /^State after / }).click();
  await expect(requests.nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(row).toContainText('"views":2');
  await expect(row).toHaveClass(/change-changed/);
  await expect(cookie).not.toHaveClass(/change-/);
  // ...and the cookie went with it, said in words for a screen reader too
  await expect(cookie.locator('td.sent .tag.ok')).toHaveText('✓ Sent with this request');

  // changing the language is looking, not changing: still in the past, in Chinese
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await expect(jar.locator('.travel-banner')).toContainText('之后的状态');
  await expect(row).toContainText('"views":2');
  await page.getByRole('button', { name: 'English', exact: true }).click();

  // back to now, from the keyboard: the focus goes to the control of the entry that was shown
  await jar.getByRole('button', { name: 'Back to now', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.travel-banner')).toHaveCount(0);
  const second = requests.nth(1).getByRole('button', { name: /^State after / });
  await expect(second).toBeFocused();
  await expect(second).toHaveAttribute('aria-pressed', 'false');
  await expect(store.locator('tbody')).toContainText('"views":3');
  await expect(store).not.toHaveClass(/past/);
  await expect(cell(page, 'Value', 'connect.sid')).toHaveValue(sid);
  await expect(page.locator('#pane-timeline li[aria-current]')).toHaveCount(0);

  // a request made while travelling returns to now as well
  await requests.first().getByRole('button', { name: /^State after / }).click();
  await expect(row).toContainText('"views":1');
  await go(page, HOME);
  await expect(viewport(page)).toContainText('views: 4');
  await expect(page.locator('.travel-banner')).toHaveCount(0);
  await expect(store.locator('tbody')).toContainText('"views":4');
});

test('travelling with two instances: the monkey probe lists both stores as the past view draws them', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'lesson=store&variant=two-memory' });
  // round-robin: / goes to app1, the login to app2 (its session in app2's store), /user to app1
  await go(page, 'http://localhost:8080/');
  await go(page, 'http://localhost:8080/login?username=alice');
  const login = page.locator('#pane-timeline li.entry', { hasText: '/login' }).last();
  await login.getByRole('button', { name: /State after/ }).first().click();
  await expect(page.locator('#pane-server .travel-banner')).toBeVisible();
  const r = await page.evaluate(() => {
    const probe = JSON.parse(window.wasmBindings.lab_probe());
    const ids = [...document.querySelectorAll('table.store tbody tr:not(.gone) td.sid')].map((td) => td.textContent);
    return { ui: ids, engine: probe.storeNewest };
  });
  expect(r.ui.length).toBe(1);
  expect(r.engine).toEqual(r.ui);
});

test('on a phone the Timeline tab shows where the lab is in time and the way back', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, site);
  await lesson(page, 3);
  await go(page, HOME);
  await go(page, HOME);
  await page.locator('#tab-pane-timeline').click();
  const requests = page.locator('#pane-timeline ol.timeline > li.entry:not(.lab)');
  await requests.first().getByRole('button', { name: /^State after/ }).click();
  const banner = page.locator('#pane-timeline .tl-travel .travel-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('(read-only)');
  await expect(page.locator('#announcer')).toContainText('Showing the state after');
  await banner.getByRole('button', { name: 'Back to now', exact: true }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.locator('#announcer')).toContainText('Back to now');
  // on a wide screen the jar's and the server's banners are in view instead
  await page.setViewportSize({ width: 1280, height: 720 });
  await requests.first().getByRole('button', { name: /^State after/ }).click();
  await expect(page.locator('#pane-timeline .tl-travel')).toBeHidden();
});

// "~ changed" and "− removed" went onto two lines at 1280 px, the word under its sign: a
// change tag reads whole on one line, in the past jar and the past store, in either language.
for (const lang of ['en', 'zh']) {
  test(`1280×720 ${lang}: every change tag in the past jar and store reads on one line`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const seen = [];
    for (const [hash, urls] of [
      ['lesson=auth&variant=fixed', ['http://localhost:8080/login?username=alice', 'http://localhost:8080/logout']],
      ['lesson=cookie', ['http://localhost:3000/', 'http://localhost:3000/buy', 'http://localhost:3000/']],
    ]) {
      await openApp(page, site, { hash, lang });
      for (const u of urls) {
        const n = await page.locator('#pane-timeline ol.timeline > li.entry:not(.lab)').count();
        await go(page, u);
        await expect.poll(() => page.locator('#pane-timeline ol.timeline > li.entry:not(.lab)').count()).toBeGreaterThan(n);
      }
      const requests = page.locator('#pane-timeline ol.timeline > li.entry:not(.lab)');
      for (let i = 0; i < await requests.count(); i++) {
        await requests.nth(i).locator('.btn.travel').click();
        await expect(requests.nth(i)).toHaveAttribute('aria-current', 'true');
        seen.push(...await page.locator('.past .tag.change').evaluateAll((tags) => tags.map((t) => {
          const r = document.createRange();
          r.selectNodeContents(t);
          const lines = new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
          return { text: t.textContent, lines, inBox: t.getBoundingClientRect().right <= t.closest('table').getBoundingClientRect().right + 0.5 };
        })));
      }
    }
    const words = lang === 'zh' ? ['新增', '已改', '已删除'] : ['added', 'changed', 'removed'];
    for (const w of words) expect(seen.some((s) => s.text.endsWith(w)), `a "${w}" tag was shown`).toBe(true);
    expect(seen.filter((s) => s.lines !== 1).map((s) => s.text), 'change tags broken after their sign').toEqual([]);
    expect(seen.filter((s) => !s.inBox).map((s) => s.text), 'change tags past the table\'s edge').toEqual([]);
  });
}

/** Lesson 3 at 1280x720 in `lang`, two visits, then the first one's state: its travel control. */
async function travelToFirst(page, site, lang) {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site, { hash: 'lesson=middleware', lang });
  await go(page, HOME);
  await go(page, HOME);
  const travel = page.locator('#pane-timeline ol.timeline > li.entry:not(.lab)').first().locator('.btn.travel');
  await travel.click();
  return travel;
}

test('the Last request bar\'s "Back to now" ends the travel, the focus back on the entry', async ({ page, site, problems }) => {
  const travel = await travelToFirst(page, site, 'zh');
  const note = page.locator('#verdict-travel');
  await expect(note).toContainText('Cookie 罐和 store 显示的是所选那一步之后的状态');
  await expect(note).toBeInViewport();
  await note.getByRole('button').click();
  await expect(note).toHaveCount(0);
  await expect(page.locator('.travel-banner')).toHaveCount(0);
  await expect(travel).toBeFocused();
  expect(problems).toEqual([]);
});

test('Escape returns from the past, unless a panel or a field takes it first', async ({ page, site, problems }) => {
  const travel = await travelToFirst(page, site, 'en');
  const banners = page.locator('.travel-banner');
  await expect(banners.first()).toBeVisible();
  // the way back says its key
  await expect(page.locator('#pane-jar .travel-banner button')).toHaveAttribute('aria-keyshortcuts', 'Escape');

  // an open panel takes Escape: it closes, the past stays
  await page.locator('#open-keys').click();
  await expect(page.locator('#keys-help')).toBeVisible();
  await expect(page.locator('#keys-help')).toContainText('Escape: back to now');
  await page.locator('#keys-help h2').focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('#keys-help')).toHaveCount(0);
  await expect(banners.first()).toBeVisible();

  // in a field Escape is the field's (the address bar keeps the past)
  await page.locator('#address').focus();
  await page.keyboard.press('Escape');
  await expect(banners.first()).toBeVisible();

  // anywhere else it goes back to now, the focus on the entry that was shown
  await page.locator('#pane-jar .travel-banner p').click();
  await page.keyboard.press('Escape');
  await expect(banners).toHaveCount(0);
  await expect(page.locator('#verdict-travel')).toHaveCount(0);
  await expect(travel).toBeFocused();
  await expect(page.locator('#announcer')).toContainText('Back to now');
  // in the present it does nothing (no error, the page as it was)
  await page.keyboard.press('Escape');
  await expect(banners).toHaveCount(0);
  // a panel open elsewhere, the focus out of it: Escape still goes back (it did nothing)
  await travel.click();
  await expect(banners.first()).toBeVisible();
  await page.locator('#open-share').click();
  await expect(page.locator('#share-panel')).toBeVisible();
  await page.locator('#pane-jar .travel-banner p').click();
  await page.keyboard.press('Escape');
  await expect(banners).toHaveCount(0);
  expect(problems).toEqual([]);
});

// Show me while the jar shows the past: it focused the past's read-only table, and the cookie
// the step has the learner edit could not be edited (keyboard review). It comes back to now.
test('Show me during time travel comes back to now and focuses the live cell', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'lesson=auth' });
  await go(page, 'http://localhost:8080/login?username=alice');
  const entry = page.locator('#pane-timeline ol.timeline > li.entry:not(.lab)').first();
  await entry.getByRole('button', { name: /^State after/ }).click();
  await expect(page.locator('table.jar.past')).toHaveCount(1);
  await page.locator('.step-chips li[data-step="bad-mac"] button').click();
  await page.locator('.next-step .show-me').click();
  await expect(page.locator('table.jar.past')).toHaveCount(0);
  await expect(cell(page, 'Value', 'connect.sid')).toBeFocused();
  expect(problems).toEqual([]);
});
