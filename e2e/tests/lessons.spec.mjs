// The "try this" steps of lessons 2 and 3, as a learner follows them.
import { test, expect, openApp, go, lesson, viewport, said, cell, SHOTS } from '../fixtures.mjs';

test('lesson 2: the notebook keeps the balance; a changed card number gets a new card; a restart forgets', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 2);
  await go(page, 'http://localhost:9090/');
  await expect(said(page)).toHaveText('欢迎你新顾客，送你一张价值100元的剪发卡');
  await go(page, 'http://localhost:9090/');
  await expect(said(page)).toHaveText('欢迎你老顾客，你卡上还剩90');
  await expect(page.locator('table.store tbody tr')).toHaveCount(1);
  await expect(page.locator('table.store tbody')).toContainText('{"balance":90}');
  await cell(page, 'Value', 'session.id').fill('someone-else');
  await cell(page, 'Value', 'session.id').press('Enter');
  await go(page, 'http://localhost:9090/');
  await expect(said(page)).toHaveText('欢迎你新顾客，送你一张价值100元的剪发卡');
  await expect(page.locator('table.store tbody tr')).toHaveCount(2);
  // a made-up number was never in the notebook: nothing blames a restart
  await expect(page.locator('#verdict-lost-in-restart')).toHaveCount(0);
  await page.getByRole('button', { name: 'Restart server', exact: true }).click();
  await expect(page.locator('table.store tbody')).toContainText('The store is empty');
  await go(page, 'http://localhost:9090/');
  await expect(said(page)).toHaveText('欢迎你新顾客，送你一张价值100元的剪发卡');
  // the same page as the made-up number's: the bar says this card was lost by the restart
  await expect(page.locator('#verdict-lost-in-restart')).toHaveText('↻ The notebook had this card before the server restarted: the restart lost it; the number itself was fine.');
  await expect(page.locator('#verdict-lost-in-restart')).toBeInViewport();
});

// the chip says "store" in both languages, as lesson 3's steps do ("比较每个请求的 store 调用":
// the Chinese chip read "存储 get·set")
for (const [lang, long] of [['zh', 'store 调用：set'], ['en', 'Session store calls: set']]) {
  test(`${lang}: a request's store calls read as the steps name them`, async ({ page, site, problems }) => {
    await openApp(page, site, { hash: 'lesson=middleware', lang });
    await go(page, 'http://localhost:3000/');
    const tag = page.locator('#pane-timeline li.entry').last().locator('.tag.store');
    await expect(tag.locator('[aria-hidden=true]')).toHaveText('store set');
    await expect(tag.locator('.sr-only')).toHaveText(long);
  });
}

test('lesson 3: resave false only touches; /destroy shows the id struck out; maxAge expires with the clock', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 3);
  await page.locator('details.options > summary').click();
  await page.selectOption('#opt-resave', 'false');
  await page.getByRole('button', { name: 'Apply and restart the server', exact: true }).click();
  await expect(page.locator('pre.code')).toContainText('resave: false');
  await go(page, 'http://localhost:3000/');
  await expect(viewport(page)).toHaveText('views: 1');
  await go(page, 'http://localhost:3000/peek');
  await expect(viewport(page)).toHaveText('views: 1');
  await expect(page.locator('table.store tbody tr.touch')).toHaveCount(1);
  // at 1280x720 with the options open, the log shows the newest request's store calls
  // ("Send requests at once", folded, goes under it): steps 2 and 3 say to read them there
  await expect(page.locator('#pane-timeline li.entry').last()).toContainText('GET /peek');
  await expect(page.locator('#pane-timeline li.entry').last()).toBeInViewport({ ratio: 0.9 });
  await page.locator('#pane-timeline li.entry details > summary').first().click();
  await expect(page.locator('#pane-timeline')).toContainText('Only touched (store.touch)');

  // step 2 is five addresses: the card's line says which are opened and which are left
  await expect(page.locator('.next-step .step-parts')).toHaveText('Opened so far: /peek. Still to open: /remember, /regenerate, /unset, /destroy.');
  await go(page, 'http://localhost:3000/destroy');
  await expect(page.locator('table.store tbody tr.gone')).toHaveCount(1);
  await expect(page.locator('.next-step .step-parts')).toHaveText('Opened so far: /peek, /destroy. Still to open: /remember, /regenerate, /unset.');
  await expect(page.locator('#announcer')).toContainText('Opened so far: /peek, /destroy.');
  // "empty" beside the struck-out row says it is now, and why
  await expect(page.locator('table.store tbody')).toContainText('The store is empty now: the struck-out session was just destroyed.');

  await page.fill('#opt-cookie-maxAge', '60000');
  await page.getByRole('button', { name: 'Apply and restart the server', exact: true }).click();
  await go(page, 'http://localhost:3000/');
  await expect(cell(page, 'Expires / Max-Age', 'connect.sid')).toHaveValue(/\((59 s|1 min)\)$/);
  await page.getByRole('button', { name: '+1 min', exact: true }).click();
  await expect(page.locator('table.jar tbody')).toContainText('The cookie jar is empty');
  await expect(page.locator('table.store tbody tr.expired')).toHaveCount(1);
  // the bar names both, as step 5 does ("the cookie and the session expire")
  await expect(page.locator('#verdict-expired-since')).toHaveText('Since then the clock moved on and the jar dropped an expired cookie: connect.sid. The next request will not send it. 1 session in the store has expired: MemoryStore deletes an expired session only when a request reads it.');
  await go(page, 'http://localhost:3000/');
  await expect(viewport(page)).toHaveText('views: 1');
});

for (const lang of ['en', 'zh']) {
  test(`390×844 ${lang}: lesson 3's store table and options reference fit the phone, the row's store tag and every Try it on screen`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page, site, { hash: 'lesson=middleware', lang });
    await go(page, 'http://localhost:3000/');
    await go(page, 'http://localhost:3000/peek');
    await page.getByRole('tab', { name: lang === 'zh' ? '服务器' : 'Server' }).click();
    // the table ran 70 px past its box, the set tag off the screen
    const store = page.locator('#pane-server table.store');
    await store.scrollIntoViewIfNeeded();
    const fit = (table) => table.evaluate((t) => ({ table: Math.round(t.getBoundingClientRect().width), box: t.closest('.table-wrap').clientWidth }));
    const s = await fit(store);
    expect(s.table, JSON.stringify(s)).toBeLessThanOrEqual(s.box);
    const tag = store.locator('tbody tr .tag').last();
    await expect(tag).toBeInViewport({ ratio: 1 });
    // step 3's touch too: with resave false, /peek only touches (the Chinese "touch（续期）"
    // ran past the box's edge, cut at "touch（续")
    await page.locator('details.options > summary').click();
    await page.selectOption('#opt-resave', 'false');
    await page.locator('#options-form button[type=submit]').click();
    await page.getByRole('tab', { name: lang === 'zh' ? '浏览器与 Cookie 罐' : 'Browser & jar' }).click();
    await go(page, 'http://localhost:3000/');
    await go(page, 'http://localhost:3000/peek');
    await page.getByRole('tab', { name: lang === 'zh' ? '服务器' : 'Server' }).click();
    await page.locator('details.options > summary').click();
    const touched = store.locator('tbody tr.touch .tag');
    await touched.scrollIntoViewIfNeeded();
    await expect(touched).toHaveText(lang === 'zh' ? 'touch（续期）' : 'touch');
    const t = await fit(store);
    expect(t.table, JSON.stringify(t)).toBeLessThanOrEqual(t.box);
    await expect(touched).toBeInViewport({ ratio: 1 });
    // the notes' options reference: each row stacked, its default labelled, its Try it whole
    await page.getByRole('button', { name: lang === 'zh' ? '讲解与小测' : 'Notes and quiz', exact: true }).click();
    await page.locator('aside.learn details[data-section=options] > summary').click();
    const ref = page.locator('aside.learn table.options-ref');
    const r = await fit(ref);
    expect(r.table, JSON.stringify(r)).toBeLessThanOrEqual(r.box);
    const outside = await ref.evaluate((t) => {
      const box = t.closest('.table-wrap').getBoundingClientRect();
      return [...t.querySelectorAll('button, code')].filter((e) => e.getBoundingClientRect().right > box.right + 0.5).map((e) => e.textContent);
    });
    expect(outside).toEqual([]);
    const label = await ref.locator('td.default').first().evaluate((e) => getComputedStyle(e, '::before').content);
    expect(label).toContain(lang === 'zh' ? '默认值：' : 'Default: ');
    // still a table with its column heads to a screen reader
    await expect(ref.getByRole('columnheader')).toHaveCount(4);
    await page.screenshot({ path: `${SHOTS}options-ref-390-${lang}.png` });
  });
}
