// The jar's Expires cell for a dated cookie (lesson 5's step 4, cookie.maxAge 86400000): its
// text box holds "2026-12-03T22:16:00.000Z (23 h 59 min)", 217 to 252 px, in a column of 108
// to 141 px, so it read "2026-12-03T22:16:…" and how long the cookie had left was never seen.
import { test, expect, openApp, go, lesson, brokenWords, wholeTexts, SHOTS } from '../fixtures.mjs';

/** The remaining time as the cell's text box says it ("23 h 59 min"), and whether some text
 * in the cell shows it whole where the learner can see it: the box itself, if nothing of its
 * text is cut, or a text of the cell whose box lies inside the cell's, on one line, and is
 * the topmost thing drawn there (not under the sticky name or buttons of a jar that scrolls
 * sideways). */
async function remainingShown(td) {
  await td.scrollIntoViewIfNeeded();
  return td.evaluate((td) => {
    const input = td.querySelector('input');
    const left = input.value.match(/\(([^)]+)\)$/)?.[1] ?? null;
    if (left === null) return { left, whole: false, why: 'no remaining time in ' + input.value };
    if (input.scrollWidth <= input.clientWidth) return { left, whole: true, why: 'the box shows it all' };
    const cell = td.getBoundingClientRect();
    const walk = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const at = n.data.indexOf(left);
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + left.length);
      const lines = r.getClientRects().length;
      const box = r.getBoundingClientRect();
      const inside = box.left >= cell.left - 0.5 && box.right <= cell.right + 0.5 && box.top >= cell.top - 0.5 && box.bottom <= cell.bottom + 0.5;
      const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      const seen = top !== null && n.parentElement.contains(top);
      return { left, whole: lines === 1 && inside && seen, why: `"${n.data}": ${lines} line(s), inside the cell ${inside}, on top ${seen}` };
    }
    return { left, whole: false, why: `only the box says it, cut: ${input.value}` };
  });
}

const SIZES = [[1280, 720], [1440, 900], [1920, 1080], [390, 844]];

/** Lesson 5 at this size and language with cookie.maxAge 86400000 applied (step 4), back on
 * the browser's pane; returns a click on one of the narrow layout's tabs by name. */
async function dayLongCookies(page, site, width, height, lang) {
  await page.setViewportSize({ width, height });
  await openApp(page, site, { lang });
  await lesson(page, 5);
  const tab = (name) => page.getByRole('tab', { name });
  if (width <= 1100) await tab(lang === 'zh' ? '服务器' : 'Server').click();
  await page.locator('#pane-server details.options > summary').click();
  await page.locator('#opt-cookie-maxAge').fill('86400000');
  await page.locator('#options-form button[type=submit]').click();
  if (width <= 1100) await tab(lang === 'zh' ? '浏览器与 Cookie 罐' : 'Browser & jar').click();
  return tab;
}

for (const [width, height] of SIZES) {
  for (const lang of ['en', 'zh']) {
    test(`${width}×${height} ${lang}: lesson 5's dated cookie shows how long it has left in the jar`, async ({ page, site, problems }) => {
      await dayLongCookies(page, site, width, height, lang);
      await go(page, 'http://localhost:8080/');
      const row = page.locator('table.jar tbody tr[data-cookie="connect.sid"]');
      const td = row.locator('td').nth(4);
      const input = td.locator('input');
      // the text box as it was: the ISO date and the remaining time, read back when edited
      const day = lang === 'en' ? /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \((23 h 59 min|1 d)\)$/ : /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \((23 小时 59 分钟|1 天)\)$/;
      await expect(input).toHaveValue(day);
      const shown = await remainingShown(td);
      expect(shown.whole, `the remaining time (${shown.left}) whole: ${shown.why}`).toBe(true);
      // the rest of the row as it was: the name, domain and path whole; no head broken inside
      // a word; the jar fits its pane where it did
      for (const n of [0, 2, 3]) expect(await wholeTexts(row.locator('td').nth(n).locator('input'))).toEqual([[expect.any(String), true]]);
      expect(await brokenWords(page.locator('table.jar th')), 'heads broken inside a word').toEqual([]);
      if (width > 1100) {
        const wrap = page.locator('.jar-wrap');
        expect(await wrap.evaluate((w) => w.scrollWidth - w.clientWidth), 'the live jar scrolls sideways').toBeLessThanOrEqual(0);
      }
      await td.screenshot({ path: SHOTS + `jar-expires-left-${width}-${lang}.png` });

      // it follows the clock, and an edited date (ISO text, as before) shows its own
      await page.getByRole('button', { name: lang === 'en' ? '+1 hour' : '+1 小时', exact: true }).click();
      // (as above, a whole day left reads "1 d" when the clock has not moved a second since
      // the cookie was set: an hour later, "23 h"; the clean clone met it once)
      await expect(input).toHaveValue(lang === 'en' ? /\((22 h 59 min|23 h)\)$/ : /\((22 小时 59 分钟|23 小时)\)$/);
      expect((await remainingShown(td)).whole, 'the remaining time whole an hour later').toBe(true);
      await input.fill('2030-01-01T00:00:00.000Z');
      await input.press('Enter');
      await expect(input).toHaveValue(/^2030-01-01T00:00:00\.000Z \(/);
      const edited = await remainingShown(td);
      expect(edited.whole, `the edited date's remaining time (${edited.left}) whole: ${edited.why}`).toBe(true);
    });
  }
}

// While it is edited, a dated cookie's Expires text box ("2026-12-04T03:00:15.000Z (23 h 59
// min)", 223 to 259 px, in a box of 74 to 131 px) grows over the columns to its right, as the
// value's does: the whole text shown, inside the jar's box, clear of the name, the table's
// layout untouched; Enter keeps an edit and Escape drops it, as before; away from it, it is its
// column's width again. In the learner's jar and the attacker's.
for (const [width, height] of SIZES) {
  for (const lang of ['en', 'zh']) {
    for (const who of ['learner', 'attacker']) {
      test(`${width}×${height} ${lang}: the ${who}'s dated Expires being edited shows its whole date, over the columns to its right`, async ({ page, site, problems }) => {
        await dayLongCookies(page, site, width, height, lang);
        let table = 'table.jar:not(.attacker)';
        if (who === 'learner') {
          await go(page, 'http://localhost:8080/');
        } else {
          await page.getByRole('button', { name: lang === 'zh' ? '显示攻击者' : 'Show the attacker', exact: true }).click();
          const address = page.locator('.window.attacker input').first();
          await address.fill('http://localhost:8080/');
          await address.press('Enter');
          // the attacker's page answered, then its jar shown (a clean clone's run under load
          // once found no row: the jar switched before the answer, or not at all)
          await expect(page.locator('.window.attacker')).toContainText('200');
          const theirs = page.locator('#pane-jar .segmented button').nth(1);
          await theirs.click();
          await expect(theirs).toHaveAttribute('aria-pressed', 'true');
          table = 'table.jar.attacker';
        }
        const row = page.locator(`${table} tbody tr[data-cookie="connect.sid"]`);
        const td = row.locator('td.dated');
        const input = td.locator('input');
        await expect(input).toHaveValue(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \(/);
        // the table's layout: each cell's place and size in the table (a sticky one's size: its
        // place follows the box's scrolling), the row's height
        const layout = () => page.locator(table).evaluate((t) => [t.offsetWidth, t.offsetHeight,
          ...[...t.querySelectorAll('tbody td')].map((c) => (getComputedStyle(c).position === 'sticky' ? 'sticky' : `${c.offsetLeft},${c.offsetTop}`) + `,${c.offsetWidth},${c.offsetHeight}`)]);
        const before = await layout();
        const column = await td.boundingBox();
        await td.scrollIntoViewIfNeeded();
        await input.click();
        await expect(input).toBeFocused();
        const shown = await input.evaluate((i) => {
          const s = getComputedStyle(i);
          const ctx = document.createElement('canvas').getContext('2d');
          ctx.font = s.font;
          const date = i.value.replace(/ \(.*$/, '');
          const room = i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
          return { whole: i.scrollWidth <= i.clientWidth, date: ctx.measureText(date).width <= room, text: `${i.scrollWidth} in ${i.clientWidth}: ${i.value}` };
        });
        // at 390 px the box between the sticky name and the jar's edge is 241 px: the Chinese
        // remaining time, 258 px with its date, loses its end (the line under it says it whole)
        if (width === 390 && lang === 'zh') expect(shown.date, `the whole date: ${shown.text}`).toBe(true);
        else expect(shown.whole, `the whole text: ${shown.text}`).toBe(true);
        const b = await input.boundingBox();
        const box = await page.locator('.jar-wrap').boundingBox();
        expect(b.x, 'inside the jar\'s box').toBeGreaterThanOrEqual(box.x - 0.5);
        expect(b.x + b.width, 'inside the jar\'s box').toBeLessThanOrEqual(box.x + box.width + 0.5);
        const name = await row.locator('td').first().boundingBox();
        expect(b.x, 'clear of the name').toBeGreaterThanOrEqual(name.x + name.width - 1);
        expect(await layout(), 'the table as it was').toEqual(before);
        await td.screenshot({ path: SHOTS + `jar-expires-editing-${who}-${width}-${lang}.png` });
        // Escape drops an edit, Enter keeps one, the same ISO text read as before
        const old = await input.inputValue();
        await input.fill('2031-02-03T04:05:06.000Z');
        await input.press('Escape');
        await expect(input).toHaveValue(old);
        await input.click();
        await input.fill('2031-02-03T04:05:06.000Z');
        await input.press('Enter');
        await expect(input).toHaveValue(/^2031-02-03T04:05:06\.000Z \(/);
        // away from it, its column's width again
        await page.locator('#address').focus();
        expect((await input.boundingBox()).width).toBeLessThanOrEqual(column.width);
      });
    }
  }
}

// The past jar (time travel: "State after" a timeline entry) showed the same dated cookie as
// read-only text, "2026-12-…" (82 of 283 px at 1280), and nothing of how long it had left then.
// As the live jar, the time left under the date, whole, as of that moment: an hour later on the
// clock it still says what it said then.
for (const [width, height] of SIZES) {
  for (const lang of ['en', 'zh']) {
    test(`${width}×${height} ${lang}: the past jar shows how long a dated cookie had left then`, async ({ page, site, problems }) => {
      const tab = await dayLongCookies(page, site, width, height, lang);
      await go(page, 'http://localhost:8080/');
      const live = page.locator('table.jar:not(.past) tbody tr[data-cookie="connect.sid"] td.dated');
      const then = (await live.locator('.expires-left').textContent()).trim();
      await page.getByRole('button', { name: lang === 'en' ? '+1 hour' : '+1 小时', exact: true }).click();
      await expect(live.locator('input')).toHaveValue(lang === 'en' ? /\((22 h 59 min|23 h)\)$/ : /\((22 小时 59 分钟|23 小时)\)$/);
      if (width <= 1100) await tab(lang === 'zh' ? '时间线' : 'Timeline').click();
      await page.locator('#pane-timeline ol.timeline > li.entry:not(.lab) .btn.travel').last().click();
      if (width <= 1100) await tab(lang === 'zh' ? '浏览器与 Cookie 罐' : 'Browser & jar').click();
      const td = page.locator('table.jar.past tbody tr').filter({ hasText: 'connect.sid' }).locator('td').nth(4);
      await expect(td).toHaveClass(/dated/);
      const at = td.locator('.expires-at');
      const left = td.locator('.expires-left');
      // as of that moment, not now: what the live jar said then
      await expect(left).toHaveText(then);
      await expect(left).toHaveText(lang === 'en' ? /^in (23 h 59 min|1 d)$/ : /^(23 小时 59 分钟|1 天)后$/);
      // the date may be cut to the column; the whole of it is in its title and in its text,
      // which is what screen readers read (the "…" is only drawn)
      await expect(at).toHaveText(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \(.+\)$/);
      const full = (await at.textContent()).trim();
      await expect(at).toHaveAttribute('title', full);
      await expect(td).toHaveAccessibleName(full);
      await td.scrollIntoViewIfNeeded();
      // the time left: one line, inside the cell, the topmost thing there
      const seen = await td.evaluate((td) => {
        const cell = td.getBoundingClientRect();
        const l = td.querySelector('.expires-left');
        const r = document.createRange();
        r.selectNodeContents(l);
        const box = r.getBoundingClientRect();
        const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        const at = td.querySelector('.expires-at');
        return {
          lines: r.getClientRects().length,
          inside: box.left >= cell.left - 0.5 && box.right <= cell.right + 0.5 && box.top >= cell.top - 0.5 && box.bottom <= cell.bottom + 0.5,
          top: top !== null && l.contains(top),
          widths: `${at.clientWidth} of ${at.scrollWidth} px, left ${Math.round(box.width)} in ${Math.round(cell.width)}`,
        };
      });
      console.log(width, lang, seen.widths);
      expect(seen, seen.widths).toMatchObject({ lines: 1, inside: true, top: true });
      // the rest of the past jar as it was: no head broken inside a word; where it fit its pane,
      // it still does
      expect(await brokenWords(page.locator('table.jar.past th')), 'heads broken inside a word').toEqual([]);
      if (width > 1100) {
        const wrap = page.locator('#pane-jar .jar-wrap');
        expect(await wrap.evaluate((w) => w.scrollWidth - w.clientWidth), 'the past jar scrolls sideways').toBeLessThanOrEqual(0);
      }
      await td.screenshot({ path: SHOTS + `jar-expires-past-${width}-${lang}.png` });
      await page.locator('#pane-jar').screenshot({ path: SHOTS + `jar-expires-past-pane-${width}-${lang}.png` });
    });
  }
}

// The wider Expires column of a dated cookie took its room from the value alone: at 1440×900 in
// Chinese the value's text box was 26 px (22 to 43 px at these sizes), "s…", though the value
// is the column the lab is about (see it, edit it). Without a dated cookie it is 57 to 66 px.
// With one it keeps at least 60 px, its room taken from the side room of the cells and heads
// and the columns with some to spare; the time left stays on one line (tested above).
const VALUE_BOX = 60;
for (const [width, height] of SIZES) {
  for (const lang of ['en', 'zh']) {
    test(`${width}×${height} ${lang}: with a dated cookie in the jar the value keeps a usable width`, async ({ page, site, problems }) => {
      await dayLongCookies(page, site, width, height, lang);
      await go(page, 'http://localhost:8080/');
      const row = page.locator('table.jar:not(.attacker) tbody tr[data-cookie="connect.sid"]');
      await expect(row.locator('td.dated')).toHaveCount(1);
      const value = row.locator('td').nth(1).locator('input');
      await expect(value).toHaveValue(/^s(%3A|:)/);
      const box = await value.evaluate((i) => {
        const s = getComputedStyle(i);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = s.font;
        const room = i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
        let n = 0;
        while (n < i.value.length && ctx.measureText(i.value.slice(0, n + 1) + '…').width <= room) n++;
        return { width: i.clientWidth, shown: i.value.slice(0, n) };
      });
      expect(box.width, `the value's box (it shows "${box.shown}…")`).toBeGreaterThanOrEqual(VALUE_BOX);
      // a meaningful start: more than the "s%3A" (or "s:") every signed session id begins with
      expect(box.shown.replace(/^s(%3A|:)/, '').length, `the value as shown: "${box.shown}…"`).toBeGreaterThanOrEqual(2);
      await row.locator('td').nth(1).screenshot({ path: SHOTS + `jar-expires-value-${width}-${lang}.png` });
    });
  }
}

// The jar's cookie and the store's session, set by one response, say the same time left:
// the cookie's Expires has whole seconds, so it has up to a second less, and cut rather than
// rounded the jar read "(29 d 23 h)" beside the store's "(30 d)" (lesson 3's /remember), and
// "(59 s)" beside "(1 min)" (its step 5)
for (const lang of ['en', 'zh']) {
  test(`${lang}: after /remember the jar's cookie and the store's session both have 30 days left`, async ({ page, site, problems }) => {
    await openApp(page, site, { lang });
    await lesson(page, 3);
    await go(page, 'http://localhost:3000/');
    await go(page, 'http://localhost:3000/remember');
    const left = lang === 'en' ? /Z \(30 d\)$/ : /Z \(30 天\)$/;
    await expect(page.locator('table.jar tbody tr[data-cookie="connect.sid"] td.dated input')).toHaveValue(left);
    await expect(page.locator('table.store tbody tr').first().locator('td').nth(2)).toHaveText(left);
  });
}
