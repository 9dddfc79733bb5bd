// Layout defects a learner's walkthrough of the lessons found, each at the size it was seen:
// a form too narrow for its addresses, a label under a form's sticky buttons, a bar a row too
// tall, a box cut in half.
import { test, expect, openApp, go, brokenWords, SHOTS } from '../fixtures.mjs';

const chip = (page, n) => page.locator('.step-chips li button').nth(n - 1);

/** The boxes (x, y, width, height, right, bottom) of the elements `selectors` name. */
async function boxes(page, selectors) {
  return page.evaluate((sels) => sels.map((s) => {
    const r = document.querySelector(s).getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height, right: r.right, bottom: r.bottom };
  }), selectors);
}

/** Whether the element `sel` and its label are shown whole: inside every box that clips them
 * and not under the sticky buttons of their form (what is drawn at their corners is theirs). */
async function shownWhole(page, sel) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const label = document.querySelector(`label[for="${el.id}"]`);
    return [el, label].filter(Boolean).every((e) => {
      const r = e.getBoundingClientRect();
      const pts = [[r.left + 3, r.top + 3], [r.right - 3, r.top + 3], [r.left + 3, r.bottom - 3], [r.right - 3, r.bottom - 3]];
      return e.scrollWidth <= e.clientWidth + 1 && pts.every(([x, y]) => {
        const at = document.elementFromPoint(x, y);
        return at && (e.contains(at) || at.contains(e) && at === e.closest('.opt'));
      });
    });
  }, sel);
}

test('1280×720, lesson 6, step 7: the "Send requests at once" form has room, every field whole', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site, { hash: 'lesson=breaks' });
  await chip(page, 7).click();
  // the step as its Show me leads it: the store's latency, the login, then the form
  await page.locator('.next-step .show-me').click();
  await expect(page.locator('#deploy-latency-get')).toBeFocused();
  await page.locator('#deploy-latency-get').fill('50');
  await page.locator('#deploy-latency-set').fill('50');
  await page.getByRole('button', { name: 'Apply and restart', exact: true }).click();
  await go(page, 'http://localhost:8080/login?username=alice');
  await expect(page.locator('.last-verdict')).toContainText('signature verified');
  await page.locator('.next-step .show-me').click();
  // the step filled the form: Show me ends on Send together, whole, the first address too
  await expect(page.locator('#flight-send')).toBeFocused();
  await expect.poll(() => shownWhole(page, '#flight-send')).toBe(true);
  await expect.poll(() => shownWhole(page, '#flight-first')).toBe(true);
  // the pane is more than a strip, and the addresses as wide as the form
  const [pane, form, first, second] = await boxes(page, ['#pane-timeline', 'details.flight form', '#flight-first', '#flight-second']);
  expect(pane.h).toBeGreaterThan(180);
  expect(first.w).toBeGreaterThan(form.w * 0.9);
  expect(second.w).toBeGreaterThan(form.w * 0.9);
  await page.locator('#flight-first').fill('POST /transfer?to=bob&amount=10');
  await page.locator('#flight-second').fill('http://localhost:8080/slow');
  for (const id of ['#flight-first', '#flight-second']) {
    expect(await page.locator(id).evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  }
  // the pane scrolls to every field, each then whole and clear of "Send together"
  for (const id of ['#flight-first', '#flight-second', '#flight-after', '#flight-wait', '#flight-send']) {
    await page.locator(id).evaluate((e) => (e.closest('.opt') ?? e).scrollIntoView({ block: 'nearest' }));
    expect(await shownWhole(page, id), id).toBe(true);
  }
  await page.screenshot({ path: SHOTS + 'walkthrough-flight-1280.png' });
});

test('390×844, Chinese: the "Send requests at once" form\'s addresses are as wide as the pane', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, site, { hash: 'lesson=breaks', lang: 'zh' });
  await page.locator('.tabs button', { hasText: '时间线' }).click();
  await page.locator('details.flight > summary').click();
  await page.locator('#flight-first').fill('POST /transfer?to=bob&amount=10');
  await page.locator('#flight-second').fill('http://localhost:8080/slow');
  const [form, first, second] = await boxes(page, ['details.flight form', '#flight-first', '#flight-second']);
  expect(first.w).toBeGreaterThan(form.w * 0.9);
  expect(second.w).toBeGreaterThan(form.w * 0.9);
  for (const id of ['#flight-first', '#flight-second', '#flight-after']) {
    await page.locator(id).evaluate((e) => e.closest('.opt').scrollIntoView({ block: 'center' }));
    expect(await shownWhole(page, id), id).toBe(true);
  }
  await page.screenshot({ path: SHOTS + 'walkthrough-flight-390-zh.png' });
});

/** The labels and fields of the form around the focused element that its sticky buttons
 * ("Apply and restart") cover in part: each should be wholly above them, or wholly under. */
async function halfUnderButtons(page) {
  return page.evaluate(() => {
    const form = document.activeElement.closest('form');
    const bar = form.querySelector(':scope > .row:last-of-type').getBoundingClientRect();
    return [...form.querySelectorAll('label, input, select')].filter((e) => {
      const r = e.getBoundingClientRect();
      return r.height > 0 && r.top < bar.top - 0.5 && r.bottom > bar.top + 0.5;
    }).map((e) => e.id || e.textContent.trim());
  });
}

for (const [width, height, lang] of [[1280, 720, 'en'], [1280, 720, 'zh'], [1024, 768, 'en']]) {
  test(`${width}×${height} ${lang}, lesson 4, step 7: Show me leaves no label half under "Apply and restart"`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width, height });
    await openApp(page, site, { hash: 'lesson=auth', lang });
    await chip(page, 7).click();
    // step 6 as the learner left it: behind the proxy, a login that set no cookie (the banner
    // that says why is three lines tall)
    await page.locator('.next-step .show-me').click();
    await expect(page.locator('#deploy-trust')).toBeFocused();
    await go(page, 'https://localhost:8080/login?username=alice');
    await expect(page.locator('.last-verdict')).toContainText('cookie.secure');
    await page.locator('.next-step .show-me').click();
    await expect(page.locator('#deploy-trust')).toBeFocused();
    await expect.poll(() => shownWhole(page, '#deploy-trust')).toBe(true);
    expect(await halfUnderButtons(page)).toEqual([]);
    if (width === 1280 && lang === 'en') await page.screenshot({ path: SHOTS + 'walkthrough-trust-1280.png' });
  });
}

/** The embed bar's rows (its items by their middles) and what in it is cut (wider than its box,
 * or past the bar's edges). */
async function barRows(bar) {
  return bar.evaluate((b) => {
    const inner = b.getBoundingClientRect();
    const kids = [...b.children].filter((e) => e.getBoundingClientRect().height > 0 && !e.classList.contains('sr-only'));
    const mids = [];
    for (const e of kids) {
      const r = e.getBoundingClientRect();
      const mid = (r.top + r.bottom) / 2;
      if (!mids.some((m) => Math.abs(m - mid) < 10)) mids.push(mid);
    }
    const cut = [...b.querySelectorAll('h1, button, a, .clock > *')].filter((e) => {
      const r = e.getBoundingClientRect();
      return r.height > 0 && (e.scrollWidth > e.clientWidth + 1 || r.left < inner.left || r.right > inner.right);
    }).map((e) => e.textContent.trim());
    return { rows: mids.length, cut };
  });
}

for (const lang of ['en', 'zh']) {
  test(`800×600 embed, lesson 5, ${lang}: the bar is two rows, nothing in it cut`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 800, height: 600 });
    await openApp(page, site, { hash: `embed=1&lesson=store&lang=${lang}`, lang: null });
    const bar = page.locator('header.embed-bar');
    await expect(bar.locator('.segmented')).toBeVisible();
    const { rows, cut } = await barRows(bar);
    expect(cut).toEqual([]);
    expect(rows).toBe(2);
    // the title on one line
    expect(await bar.locator('h1').evaluate((h) => h.getClientRects().length === 1 && h.getBoundingClientRect().height < 30)).toBe(true);
    await page.screenshot({ path: SHOTS + `walkthrough-embed-800-${lang}.png`, clip: { x: 0, y: 0, width: 800, height: 120 } });
  });
}
for (const lang of ['en', 'zh']) {
  test(`600 to 760 px embed, lesson 5, ${lang}: the bar is two rows, no word in it cut; at 390 px nothing cut`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 600, height: 600 });
    await openApp(page, site, { hash: `embed=1&lesson=store&lang=${lang}`, lang: null });
    const bar = page.locator('header.embed-bar');
    await expect(bar.locator('.segmented')).toBeVisible();
    for (const width of [600, 640, 680, 720, 760]) {
      await page.setViewportSize({ width, height: 600 });
      // (it was three rows in English from 600 to 760 px, "Open the full lab" alone on the
      // second; in Chinese from 600 to 680)
      await expect.poll(() => barRows(bar), `${width} px`).toEqual({ rows: 2, cut: [] });
      // the title and the link break between words, if at all ("connect-mongo" whole)
      if (lang === 'en') expect(await brokenWords(bar.locator('h1, a.btn')), `${width} px`).toEqual([]);
      expect(await bar.locator('h1').evaluate((h) => {
        const text = h.firstChild;
        const at = text.data.indexOf('connect-mongo');
        const r = document.createRange();
        r.setStart(text, at);
        r.setEnd(text, at + 'connect-mongo'.length);
        return r.getClientRects().length;
      }), `${width} px: connect-mongo on one line`).toBe(1);
      if (width === 600 || width === 760) {
        await page.screenshot({ path: SHOTS + `walkthrough-embed-${width}-${lang}.png`, clip: { x: 0, y: 0, width, height: 120 } });
      }
    }
    await page.setViewportSize({ width: 390, height: 700 });
    await expect.poll(async () => (await barRows(bar)).cut).toEqual([]);
    expect((await barRows(bar)).rows).toBeLessThanOrEqual(4);
  });
}

/** The folded panels' summaries in the server pane (the store's, "express-session options",
 * "Deployment"…) that the edge of the box scrolling them cuts, with every box at its top and
 * scrolled to its end: each should be wholly in view or wholly out of it. */
async function cutSummaries(page) {
  return page.evaluate(async () => {
    const pane = document.querySelector('#pane-server');
    const scroller = (e) => {
      for (let a = e.parentElement; a && a !== pane; a = a.parentElement) {
        if (/auto|scroll/.test(getComputedStyle(a).overflowY)) return a;
      }
      return pane;
    };
    const summaries = [...pane.querySelectorAll('details:not([open]) > summary')];
    const boxes = [...new Set(summaries.map(scroller))];
    const cut = [];
    for (const end of [false, true]) {
      for (const b of boxes) b.scrollTop = end ? b.scrollHeight : 0;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      for (const s of summaries) {
        const box = scroller(s).getBoundingClientRect();
        const r = s.getBoundingClientRect();
        const inView = r.top < box.bottom - 0.5 && r.bottom > box.top + 0.5;
        if (inView && (r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)) {
          cut.push(`${end ? 'at its end' : 'at its top'}: ${s.textContent.trim()}`);
        }
      }
    }
    for (const b of boxes) b.scrollTop = 0;
    return cut;
  });
}

/** Whether the element `sel` in the server pane is drawn whole: inside every box that clips it. */
async function wholeInPane(page, sel) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const r = el.getBoundingClientRect();
    if (r.height === 0) return false;
    for (let a = el.parentElement; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowY === 'visible') continue;
      const b = a.getBoundingClientRect();
      if (r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5) return false;
      if (a.id === 'pane-server') break;
    }
    return true;
  }, sel);
}

for (const [width, height] of [[1280, 720], [1440, 900], [1920, 1080], [1024, 768]]) {
  test(`${width}×${height}, lesson 3: the store and "express-session options" whole, no folded panel cut`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width, height });
    await openApp(page, site, { hash: 'lesson=middleware' });
    for (const lang of ['en', 'zh']) {
      await page.getByRole('button', { name: lang === 'zh' ? '中文' : 'English', exact: true }).click();
      await expect(page.locator('#pane-server details.options > summary')).toHaveText(lang === 'zh' ? 'express-session 选项' : 'express-session options');
      // the store's table (its heads and its "empty" row) and the options' summary, whole
      await expect.poll(() => wholeInPane(page, '#pane-server .table-wrap'), `${lang}: the store`).toBe(true);
      await expect.poll(() => wholeInPane(page, '#pane-server details.options > summary'), `${lang}: the options`).toBe(true);
      expect(await cutSummaries(page), lang).toEqual([]);
      // the code keeps five lines at least
      expect(await page.locator('#server-code').evaluate((e) => e.clientHeight)).toBeGreaterThan(80);
    }
    // a session in the store (a row more): still no panel cut
    await go(page, 'http://localhost:3000/');
    await expect(page.locator('#pane-server table.store tbody')).toContainText('"views":1');
    await expect.poll(() => cutSummaries(page)).toEqual([]);
    expect(await page.locator('#server-code').evaluate((e) => e.clientHeight)).toBeGreaterThan(80);
    await page.screenshot({ path: SHOTS + `walkthrough-server-${width}.png` });
  });
}

test('1280×720 and 1440×900, every lesson, both languages: no folded panel in the server pane cut by its box', async ({ page, site, problems }) => {
  for (const [width, height] of [[1280, 720], [1440, 900]]) {
    await page.setViewportSize({ width, height });
    for (const lang of ['en', 'zh']) {
      for (const lesson of ['cookie', 'manual', 'middleware', 'auth', 'store', 'breaks']) {
        await openApp(page, site, { hash: `lesson=${lesson}`, lang });
        await expect(page.locator('#pane-server details > summary').first()).toBeVisible();
        expect(await cutSummaries(page), `${lesson} at ${width}, ${lang}`).toEqual([]);
      }
    }
  }
});

for (const lang of ['en', 'zh']) {
  test(`560 to 660 px embed, lesson 5, ${lang}: the bar is two rows from 560 px, "在完整页面中打开" on one line`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 560, height: 600 });
    await openApp(page, site, { hash: `embed=1&lesson=store&lang=${lang}`, lang: null });
    const bar = page.locator('header.embed-bar');
    await expect(bar.locator('.segmented')).toBeVisible();
    for (const width of [560, 580, 599, 600, 620, 640, 660]) {
      await page.setViewportSize({ width, height: 600 });
      // (three rows from 560 to 599 px in either language, the title alone on the first)
      await expect.poll(() => barRows(bar), `${width} px`).toEqual({ rows: 2, cut: [] });
      if (lang === 'en') expect(await brokenWords(bar.locator('h1, a.btn')), `${width} px`).toEqual([]);
      // the link's phrase whole on a line (it broke as 在完整页面 / 中打开 from 600 to 660 px)
      if (lang === 'zh') {
        expect(await bar.locator('a.btn').evaluate((a) => {
          const phrase = '在完整页面中打开';
          const text = a.firstChild;
          const r = document.createRange();
          r.setStart(text, text.data.indexOf(phrase));
          r.setEnd(text, text.data.indexOf(phrase) + phrase.length);
          return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size;
        }), `${width} px: lines of 在完整页面中打开`).toBe(1);
      }
      if (width === 560 || width === 620) {
        await page.screenshot({ path: SHOTS + `walkthrough-embed-${width}-${lang}.png`, clip: { x: 0, y: 0, width, height: 120 } });
      }
    }
  });
}

/** How many lines an element's text takes. */
const lines = (loc) => loc.evaluate((e) => {
  const r = document.createRange();
  r.selectNodeContents(e);
  return new Set([...r.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.top))).size;
});

for (const lang of ['en', 'zh']) {
  test(`560 to 619 px embed, lesson 5, ${lang}: in a two-row bar the title takes two lines at most, "Open the full lab" too`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 560, height: 600 });
    await openApp(page, site, { hash: `embed=1&lesson=store&lang=${lang}`, lang: null });
    const bar = page.locator('header.embed-bar');
    await expect(bar.locator('.segmented')).toBeVisible();
    for (const width of [560, 570, 580, 590, 599, 610, 619]) {
      await page.setViewportSize({ width, height: 600 });
      await expect.poll(() => barRows(bar), `${width} px`).toEqual({ rows: 2, cut: [] });
      // (in English from 560 to 590 px "A persistent store: connect-mongo" took three lines,
      // 52 px, in 130 to 145 px)
      expect(await lines(bar.locator('h1')), `${width} px: lines of the title`).toBeLessThanOrEqual(2);
      expect(await lines(bar.locator('a.btn')), `${width} px: lines of the link`).toBeLessThanOrEqual(2);
      if (lang === 'en') expect(await brokenWords(bar.locator('h1, a.btn')), `${width} px`).toEqual([]);
      if (width === 560) {
        await page.screenshot({ path: SHOTS + `walkthrough-embed-title-${width}-${lang}.png`, clip: { x: 0, y: 0, width, height: 120 } });
      }
    }
  });
}
