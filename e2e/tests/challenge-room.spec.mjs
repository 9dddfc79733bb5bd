// What a challenge's learner must read at a laptop's short screen (1280x720), without scrolling
// inside a pane: the challenge card and the last request took about 40% of the height, and
// what a hint pointed at was left in a box of a few pixels.
import { test, expect, openApp, onPhone } from '../fixtures.mjs';

/** Presses "Show a hint" until all three show. */
async function allHints(page, lang) {
  for (const n of [1, 2, 3]) {
    const name = lang === 'zh' ? '看一条提示' : 'Show a hint';
    await page.getByRole('button', { name, exact: true }).click();
  }
  await expect(page.locator('ol.hints li:not([hidden])')).toHaveCount(1);
}

// the toggle took a line of its own above the newest hint
for (const lang of ['en', 'zh']) {
  test(`1280×720 ${lang}: the earlier hints' toggle ends the newest hint's line`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page, site, { hash: 'challenge=forge', lang });
    await allHints(page, lang);
    const toggle = page.locator('.earlier-hints');
    const newest = page.locator('ol.hints li:not([hidden])');
    const [t, h] = [await toggle.boundingBox(), await newest.boundingBox()];
    // on the newest hint's (last) line: its middle inside the hint's box, less than a line up
    const mid = t.y + t.height / 2;
    expect(mid).toBeGreaterThan(h.y + h.height - 24);
    expect(mid).toBeLessThan(h.y + h.height);
    expect(t.x).toBeGreaterThan(h.x + 100);
    // opened, the earlier hints are a line each above the newest, the toggle still after it
    await toggle.click();
    await expect(page.locator('ol.hints li:visible')).toHaveCount(3);
    const tops = await page.locator('ol.hints li').evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect().top));
    expect(tops[0]).toBeLessThan(tops[1]);
    expect(tops[1]).toBeLessThan(tops[2]);
    const [t2, h3] = [await toggle.boundingBox(), await page.locator('ol.hints li').last().boundingBox()];
    expect(t2.y + t2.height / 2).toBeGreaterThan(h3.y + h3.height - 24);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  });
}

/** Whether the element shows whole: inside every box around it that clips (each pane and
 *  box that scrolls) and inside the window. */
async function shownWhole(locator) {
  return locator.evaluate((e) => {
    const r = e.getBoundingClientRect();
    if (r.height === 0 || r.top < -0.5 || r.bottom > innerHeight + 0.5) return false;
    for (let p = e.parentElement; p; p = p.parentElement) {
      const cs = getComputedStyle(p);
      if (cs.overflowY === 'visible' && cs.overflowX === 'visible') continue;
      const b = p.getBoundingClientRect();
      const top = b.top + p.clientTop, bottom = top + p.clientHeight;
      if (r.top < top - 0.5 || r.bottom > bottom + 0.5) return false;
    }
    return true;
  });
}
const storeRow = (page, text) => page.locator('#pane-server table.store tbody tr', { hasText: text });
async function setJarValue(page, value) {
  const c = page.locator('table.jar tbody tr[data-cookie="connect.sid"] td').nth(1).locator('input');
  await c.fill(value);
  await c.press('Enter');
}
async function goUser(page) {
  await page.fill('#address', 'http://localhost:8080/user');
  await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').click();
}

// hint 3 says to sign bob's id "from the store table": the store showed its heads and a
// sliver of its first row (alice's) in a box of 35 px
for (const lang of ['en', 'zh']) {
  test(`1280×720 ${lang} forge: hint 3 shows bob's store row whole`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page, site, { hash: 'challenge=forge', lang });
    await allHints(page, lang);
    const bob = storeRow(page, '"username":"bob"');
    await expect.poll(() => shownWhole(bob)).toBe(true);
    // the panels' row under the store stays whole in the pane (never cut mid-summary)
    expect(await shownWhole(page.locator('#pane-server .rest-panels > details').first())).toBe(true);
  });
}

// the way a learner gets there: three rejections first, each adding a session to the store;
// bob's is the last of five rows
test('1280×720 forge: after the three rejections, hint 3 shows bob\'s store row whole', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site, { hash: 'challenge=forge' });
  const good = await page.locator('table.jar tbody tr[data-cookie="connect.sid"] td').nth(1).locator('input').inputValue();
  await setJarValue(page, decodeURIComponent(good).slice(2).split('.')[0]);
  await goUser(page);
  await setJarValue(page, good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A'));
  await goUser(page);
  await page.fill('#sign-value', 'nobody-has-this-id');
  await page.fill('#sign-secret', 'zfpx');
  await page.getByRole('button', { name: 'Put in your jar', exact: true }).click();
  await goUser(page);
  await expect(page.locator('.stages li.done')).toHaveCount(3);
  await expect(page.locator('#pane-server table.store tbody tr')).toHaveCount(5);
  const bob = storeRow(page, '"username":"bob"');
  expect(await shownWhole(bob)).toBe(false);
  await page.getByRole('button', { name: 'Show a hint', exact: true }).click();
  await page.getByRole('button', { name: 'Show a hint', exact: true }).click();
  await expect.poll(() => shownWhole(bob)).toBe(true);
  await expect(page.locator('ol.hints li').last()).toBeFocused();
});

// alice's login on the planted id: her row was cut at the store box's edge (48 px for a row
// of 62), its "username":"alice" out of sight
for (const lang of ['en', 'zh']) {
  test(`1280×720 ${lang} fixation: alice's row shows whole once she logs in on the planted id`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page, site, { hash: 'challenge=fixation', lang });
    await page.locator('#pane-jar .pane-head .segmented button').nth(1).click();
    await page.getByRole('button', { name: lang === 'zh' ? '种下：种进受害者的 Cookie 罐' : "Plant in the victim's jar", exact: true }).click();
    await expect(page.locator('#jar-planted')).toBeVisible();
    await page.fill('#address', 'http://localhost:8080/login?username=alice');
    await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').click();
    await expect(page.locator('.why.note')).toBeVisible();
    const alice = storeRow(page, '"username":"alice"');
    await expect.poll(() => shownWhole(alice)).toBe(true);
    expect(await shownWhole(page.locator('#pane-server .rest-panels > details').first())).toBe(true);
  });
}

// logout's hint 2 says to look at the store's row for "a new usrename: null": once the hint
// showed, the card's new line pushed the store's box up and cut that row (130 px of 138)
for (const lang of ['en', 'zh']) {
  test(`1280×720 ${lang} logout: hint 2 shows the "usrename":null store row whole`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page, site, { hash: 'challenge=logout', lang });
    await page.locator('.window:not(.attacker)').getByRole('button', { name: '退出' }).click();
    const row = storeRow(page, '"usrename":null');
    await expect(row).toHaveCount(1);
    for (const n of [1, 2]) {
      const name = lang === 'zh' ? '看一条提示' : 'Show a hint';
      await page.getByRole('button', { name, exact: true }).click();
    }
    await expect(page.locator('ol.hints li:not([hidden])')).toHaveCount(1);
    await expect.poll(() => shownWhole(row)).toBe(true);
    expect(await shownWhole(page.locator('#pane-server .rest-panels > details').first())).toBe(true);
  });
}

// The setup's story and "Send requests at once" share a line while closed: one line each left
// the logout challenge's log 48 px at 1280x720 with a hint open (a learner review).
for (const lang of ['en', 'zh']) {
  test(`1280×720 ${lang}: the setup's story and Send requests at once share a line while closed`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page, site, { hash: 'challenge=logout', lang });
    await page.fill('#address', 'http://localhost:8080/user');
    await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').click();
    const before = page.locator('#pane-timeline details.before > summary');
    const flight = page.locator('#pane-timeline details.flight > summary');
    await expect(page.locator('#pane-timeline details.before')).not.toHaveAttribute('open', '');
    const [b, f] = [await before.boundingBox(), await flight.boundingBox()];
    expect(Math.abs(b.y + b.height / 2 - (f.y + f.height / 2))).toBeLessThan(4);
    expect(f.x).toBeGreaterThan(b.x + b.width);
    // open, each is a line of its own
    await before.click();
    const [b2, f2] = [await before.boundingBox(), await flight.boundingBox()];
    expect(f2.y).toBeGreaterThan(b2.y + b2.height);
  });
}

// at 1920x1080 the brute-forcer weak-secret's goal names was below the fold of the tools' box,
// under four tools the challenge does not need, over a jar pane 120 px emptier than its table
for (const [width, height] of [[1920, 1080], [1440, 900]]) {
  test(`${width}×${height} weak secret: the brute-forcer and the signer come first, whole in view`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width, height });
    await openApp(page, site, { hash: 'challenge=weak-secret' });
    const tools = page.locator('.attacker-tools > details.tool > summary');
    await expect(tools.nth(0)).toHaveText('Brute-forcer');
    await expect(tools.nth(1)).toHaveText('Signer');
    await expect.poll(() => shownWhole(page.locator('.attacker-tools button[type=submit]').first())).toBe(true);
    await expect(page.locator('.attacker-tools button[type=submit]').first()).toHaveText('Start');
    // the jar keeps its verdict whole under the taller browser pane
    await expect.poll(() => shownWhole(page.locator('#pane-jar table.jar tbody tr').first())).toBe(true);
  });
}

// forge's signer first; the other challenges keep the usual order
test('forge: the signer comes first; hijack keeps XSS first', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'challenge=forge' });
  await expect(page.locator('.attacker-tools > details.tool > summary').first()).toHaveText('Signer');
  await openApp(page, site, { hash: 'challenge=hijack' });
  await expect(page.locator('.attacker-tools > details.tool > summary').first()).toHaveText('Cookies the attacker has obtained');
});

// On a phone the jar is a screen below the signer: "Put in your jar" changed nothing in view.
// A line under the buttons says where it went and leads there; a new value to sign, or a
// request, clears it.
test('390×844 zh forge: a put says so under its button, and leads to the jar', async ({ browser, site }) => {
  await onPhone(browser, site, 'challenge=forge&lang=zh', async (page) => {
    await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').tap();
    await page.fill('#sign-value', 'madeupid123');
    await page.fill('#sign-secret', 'zfpx');
    const done = page.locator('.put-done');
    await expect(done).toHaveCount(0);
    await page.getByRole('button', { name: '放进你的 Cookie 罐', exact: true }).tap();
    await expect(done).toHaveText('✓ 已放进你的 Cookie 罐：在你的浏览器里按“前往”把它发出去。 查看 Cookie 罐');
    await expect(page.locator('#pane-jar')).not.toBeInViewport();
    await done.getByRole('button', { name: '查看 Cookie 罐', exact: true }).tap();
    await expect(page.locator('table.jar td[data-cell="0-1"]')).toBeFocused();
    await expect(page.locator('table.jar tbody tr').first()).toBeInViewport();
    await expect(page.locator('table.jar tbody tr').first().locator('td').nth(1).locator('input')).toHaveValue(/madeupid123/);
    // the line holds until the next thing happens: the Go it asks for sends the cookie, and
    // its "press Go" is over (it stayed, the jar's cookie by then the server's new one)
    await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').tap();
    await expect(done).toHaveCount(0);
    // the stolen cookie's button says it of the attacker's jar, in the haul
    await page.locator('.loot button').first().tap();
    await expect(page.locator('.put-done')).toHaveText('✓ 已放进攻击者的 Cookie 罐：在攻击者的浏览器里按“前往”把它发出去。 查看 Cookie 罐');
    await page.fill('#sign-value', 'another');
    await expect(page.locator('.put-done')).toHaveCount(0);
    // and with a new start, whose jars are empty
    await page.getByRole('button', { name: '放进你的 Cookie 罐', exact: true }).tap();
    await expect(page.locator('.put-done')).toHaveCount(1);
    await page.getByRole('button', { name: '重新开始', exact: true }).tap();
    await expect(page.locator('.put-done')).toHaveCount(0);
  });
});

// lesson 6's step 7 at 1440x900: the Deployment showed its first row, the store delays out of
// sight under the Apply row, over a timeline saying "No requests yet"
test('1440×900 lesson 6: the open Deployment shows its store delays, the timeline gives way', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, site, { hash: 'lesson=breaks' });
  await page.locator('#pane-server details.deploy > summary').click();
  await expect.poll(() => shownWhole(page.locator('.opt:has(#deploy-latency-get)'))).toBe(true);
  const [server, timeline] = [await page.locator('#pane-server').boundingBox(), await page.locator('#pane-timeline').boundingBox()];
  expect(timeline.height).toBeLessThan(server.height / 4);
});

// Chinese has no italics: the blank page's line and an optional stage are upright in zh
// a roomy screen keeps CSRF's goal open over the explanation: at stage 2 the browser pane
// was 175 px and the page that shows alice logged out (the login form) 30 px of it
test('1440×900 csrf: at stage 2 the page the forged POST ended on is whole in the browser pane, the jar\'s row under it', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, site, { hash: 'challenge=csrf' });
  await page.getByRole('button', { name: '+1 min', exact: true }).click();
  await page.locator('#inbox-link').click();
  await page.getByRole('button', { name: '+1 hour', exact: true }).click();
  await page.fill('#address', 'evil.example');
  await page.locator('#address').press('Enter');
  await expect(page.locator('.stages li.done')).toHaveCount(2);
  await expect(page.locator('.challenge-card .goal')).toBeVisible();
  const pageBox = page.locator('.window:not(.attacker) .viewport');
  await expect(pageBox).toContainText('登录');
  const [pane, shown] = [await page.locator('#pane-browser').boundingBox(), await pageBox.boundingBox()];
  expect(shown.y + shown.height).toBeLessThanOrEqual(pane.y + pane.height + 0.5);
  await expect(page.locator('table.jar tbody tr').first()).toBeInViewport({ ratio: 1 });
  expect(problems).toEqual([]);
});

test('zh: asides are upright, not slanted', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'challenge=weak-secret', lang: 'zh' });
  const style = (sel) => page.locator(sel).first().evaluate((e) => getComputedStyle(e).fontStyle);
  expect(await style('.stages li.optional')).toBe('normal');
  expect(await style('.window.attacker .blank')).toBe('normal');
  await openApp(page, site, { hash: 'challenge=weak-secret', lang: 'en' });
  expect(await style('.stages li.optional')).toBe('italic');
});

// hijack under its card at 1440x900: what the XSS read returned and the catch's button to put it
// in the attacker's jar were below the browser pane's fold; the read brings them into view
for (const lang of ['en', 'zh']) {
  test(`1440×900 ${lang} hijack: the XSS read's result and its catch's button come into view`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openApp(page, site, { hash: 'challenge=hijack', lang });
    await page.locator('.attacker-tools .tool > button.danger-outline').click();
    await expect(page.locator('#xss-read.bad')).toContainText('connect.sid=s%3A');
    await expect(page.locator('#xss-read')).toBeInViewport({ ratio: 1 });
    // the button too, where the span from the read's words to it fits the pane's box (the
    // read's length, with its random id, varies: where it does not, the words come first)
    const fits = await page.locator('#xss-read').evaluate((read) => {
      const button = document.querySelector('#loot-newest button').getBoundingClientRect();
      const box = read.closest('.pane').getBoundingClientRect();
      return button.bottom - read.getBoundingClientRect().top <= box.height;
    });
    // (Put, and Copy beside it on its row)
    if (fits) await expect(page.locator('#loot-newest button').first()).toBeInViewport({ ratio: 1 });
    if (fits) await expect(page.locator('#loot-newest .copy-value')).toBeInViewport({ ratio: 1 });
  });
}

// lesson 5 is about what the store keeps: after step 4's reload ("the document is still
// there") the store's box at 1280x720 showed its column heads and no row (61 px), and after
// the login its heads scrolled away; it keeps them and the document's row whole, as in a
// challenge (Workbench::store_first)
for (const lang of ['en', 'zh']) {
  test(`1280×720 ${lang} lesson 5: the stored document's row and the column heads show whole, after the login and after a reload`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page, site, { hash: 'lesson=store', lang });
    await page.fill('#address', 'http://localhost:8080/login?username=alice');
    await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').click();
    const alice = storeRow(page, '"username":"alice"');
    await expect.poll(() => shownWhole(alice)).toBe(true);
    await expect.poll(() => shownWhole(page.locator('#pane-server table.store thead'))).toBe(true);
    await page.reload();
    await expect(page.locator('h1')).toBeVisible();
    await expect(alice).toHaveCount(1);
    await expect.poll(() => shownWhole(alice)).toBe(true);
    expect(await shownWhole(page.locator('#pane-server .rest-panels > details').first())).toBe(true);
  });
}
