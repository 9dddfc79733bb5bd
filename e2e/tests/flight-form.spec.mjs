// Lesson 6's step 7 has the learner edit "Send requests at once": with the Deployment open
// beside it and the first field brought to the middle of the pane (as Show me does), each of
// the form's fields, reached with the keyboard, shows whole and nothing covers it (the form's
// button, stuck to the pane's bottom, had covered the second address and the delay).
import { test, expect, openApp, go } from '../fixtures.mjs';

for (const [width, height] of [[1440, 900], [1280, 720]]) {
  for (const lang of ['en', 'zh']) {
    test(`${width}x${height} ${lang}: every field of Send requests at once shows while edited`, async ({ page, site, problems }) => {
      await page.setViewportSize({ width, height });
      await openApp(page, site, { hash: 'lesson=breaks', lang });
      // step 7's text in the lesson card (three lines at 1440 px), the Deployment open
      await page.locator('.step-chips li').nth(6).locator('button').click();
      await page.locator('details.deploy > summary').click();
      await go(page, 'http://localhost:8080/');
      await page.locator('.viewport input[name=username]').fill('alice');
      await page.locator('.viewport form button[type=submit]').click();
      await page.locator('details.flight > summary').click();
      // the step the chip shows names its requests: the form holds them (it had held step
      // 9's /slow and /logout, the next step being step 1)
      await expect(page.locator('#flight-first')).toHaveValue('POST /transfer?to=bob&amount=10');
      await expect(page.locator('#flight-second')).toHaveValue('/slow');
      await page.locator('#flight-first').focus();
      await page.locator('#flight-first').evaluate((e) => e.scrollIntoView({ block: 'center' }));
      const check = (id) => page.locator('#' + id).evaluate((el) => {
          const r = el.getBoundingClientRect();
          const pane = document.querySelector('#pane-timeline').getBoundingClientRect();
          // what is drawn over it: any point of it not its own, and the button's row
          const pts = [[r.left + 4, r.top + 1], [r.right - 4, r.top + 1], [r.left + 4, r.bottom - 1], [r.right - 4, r.bottom - 1]];
          const row = document.querySelector('#flight-send').closest('.row').getBoundingClientRect();
          // (the field's own row under a point 1 px inside its edge is hit testing's pixel
          // snapping at a fractional top, not something drawn over it)
          // (a point past the pane's edge does not show: nothing can be drawn over it there)
          const covered = pts.filter(([x, y]) => y >= pane.top && y <= pane.bottom).filter(([x, y]) => {
            const t = document.elementFromPoint(x, y);
            return !(t === el || el.contains(t) || t === el.parentElement);
          }).length + (r.bottom > row.top + 0.5 && r.top < row.bottom - 0.5 ? 1 : 0);
          return { pane_h: Math.round(pane.height), inside: r.top >= pane.top && r.bottom <= pane.bottom, covered, field: [Math.round(r.top), Math.round(r.bottom)], pane: [Math.round(pane.top), Math.round(pane.bottom)] };
      });
      const ids = ['flight-first', 'flight-second', 'flight-after'];
      // as Show me leaves the form, the fields in the pane are not under anything: a click on
      // the part of one that shows edits it where it is
      for (const id of ids) {
        const m = await check(id);
        if (m.inside || m.covered) expect(m.covered, `${id} as Show me leaves it: ${JSON.stringify(m)}`).toBe(0);
      }
      // reached with the keyboard, each shows whole
      for (const id of ids) {
        if (id !== 'flight-first') await page.keyboard.press('Tab');
        await expect(page.locator('#' + id)).toBeFocused();
        const m = await check(id);
        expect(m.inside && m.covered === 0, `${id}: ${JSON.stringify(m)}`).toBe(true);
      }
    });
  }
}

// opened at 1280x720 in lesson 6's step 7 as written (the store slowed, logged in: the Last
// request bar's three lines leave the timeline 199 px), Send together is in the pane with the
// fields, from a click on the summary and from Show me: the note above the fields had left it
// below the edge, and keeping the clicked summary in view cut it
for (const lang of ['en', 'zh']) {
  test(`1280x720 ${lang}: step 7's Send together is in the pane, opened by a click or by Show me`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page, site, { hash: 'lesson=breaks', lang });
    await page.locator('.step-chips li').nth(6).locator('button').click();
    await page.locator('.next-step .show-me').click();
    await expect(page.locator('#deploy-latency-get')).toBeFocused();
    await page.locator('#deploy-latency-get').fill('50');
    await page.locator('#deploy-latency-set').fill('50');
    await page.locator('details.deploy button[type=submit]').click();
    await go(page, 'http://localhost:8080/');
    await page.locator('.viewport input[name=username]').fill('alice');
    await page.locator('.viewport form button[type=submit]').click();
    await expect(page.locator('.last-verdict')).toContainText('/user');
    const inPane = (sel) => page.locator(sel).evaluate((el) => {
      const r = el.getBoundingClientRect();
      const pane = document.querySelector('#pane-timeline').getBoundingClientRect();
      return r.top >= pane.top - 0.5 && r.bottom <= pane.bottom + 0.5;
    });
    const summary = page.locator('details.flight > summary');
    await summary.click();
    await expect.poll(() => inPane('#flight-send')).toBe(true);
    expect(await inPane('#flight-first')).toBe(true);
    await summary.click();
    await expect(page.locator('#flight-send')).toBeHidden();
    await page.locator('.next-step .show-me').click();
    // the step filled the form: Show me ends on Send together, the fields above it in view
    await expect(page.locator('#flight-send')).toBeFocused();
    await expect.poll(() => inPane('#flight-send')).toBe(true);
    expect(await inPane('#flight-first')).toBe(true);
    // the note that says what it does follows the form
    await expect(page.locator('details.flight form + p.note')).toHaveCount(1);
    expect(problems).toEqual([]);
  });
}

// Sent from the keyboard, the focus goes to the interleaving the press drew: left on Send
// together, which the figure's reveal had scrolled out over the pane's top, its ring showed 5 px
// (1440x900 keyboard review). One Shift+Tab is back on the button (steps 8 and 9 send again).
test('1440x900: Send together from the keyboard takes the focus to the figure it drew, in view', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, site, { hash: 'lesson=breaks' });
  await page.locator('details.deploy > summary').click();
  await page.fill('#deploy-latency-get', '50');
  await page.fill('#deploy-latency-set', '50');
  await page.locator('#deploy-form button[type=submit]').click();
  await go(page, 'http://localhost:8080/login?username=alice');
  await page.locator('details.flight > summary').click();
  await page.locator('#flight-wait').focus();
  await page.keyboard.press('Tab');
  await expect(page.locator('#flight-send')).toBeFocused();
  await page.keyboard.press('Enter');
  const figure = page.locator('#flight-figure');
  await expect(figure).toBeFocused();
  // whole in the timeline pane's box
  await expect.poll(() => figure.evaluate((el) => {
    const f = el.getBoundingClientRect(), p = document.querySelector('#pane-timeline').getBoundingClientRect();
    return f.top >= p.top && f.bottom <= p.bottom + 1;
  })).toBe(true);
  await page.keyboard.press('Shift+Tab');
  await expect(page.locator('#flight-send')).toBeFocused();
  expect(problems).toEqual([]);
});
