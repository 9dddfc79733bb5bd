// Requests in flight, end to end in headless Chromium: with a store that takes 50 ms, a page
// sends GET / and GET /peek at once; the timeline's diagram shows the two interleaved (both
// load before either saves) and the store's history shows /peek's stale write winning; a
// slow page still in the air when the learner logs out saves the session back.
import { test, expect, openApp, go, viewport } from '../fixtures.mjs';

test('two requests at once: the diagram interleaves them and the later write wins', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'lesson=middleware&latency_get=50&latency_set=50' });
  // the deployment editor shows the latency the link set
  await expect(page.locator('#deploy-latency-get')).toHaveValue('50');
  await go(page, 'http://localhost:3000/');
  await expect(viewport(page)).toContainText('views: 1');
  await page.locator('details.flight > summary').click();
  await expect(page.locator('#flight-first')).toHaveValue('/');
  await expect(page.locator('#flight-second')).toHaveValue('/peek');
  await page.locator('#flight-send').click();
  const diagram = page.locator('svg.flight-diagram');
  await expect(diagram).toBeVisible();
  // drawn below the form, which fills a short pane: brought into view
  await expect(page.locator('#flight-figure')).toBeInViewport();
  const rows = await diagram.locator('g text:not(.actor):not(.at)').allTextContents();
  expect(rows).toEqual([
    '#1 GET /', '#2 GET /peek',
    '#1 get 50ms', '#2 get 50ms',
    '#1 set 50ms', '#1 200',
    '#2 set 50ms ✗#1', '#2 200',
  ]);
  // the store's history: #1's views 2 replaced by #2's views 1, which won
  const writes = page.locator('.writes-list li');
  await expect(writes).toHaveCount(2);
  await expect(writes.nth(0)).toContainText('{"views":2}');
  await expect(writes.nth(0)).toContainText("replaced by #2's write");
  await expect(writes.nth(1)).toContainText('{"views":1}');
  await expect(writes.nth(1)).toContainText('kept: it was the last write');
  await expect(page.locator('table.store tbody')).toContainText('"views":1');
  // the timeline says it in words, in its log (two columns show the interleaving first)
  await page.getByRole('button', { name: 'Log', exact: true }).click();
  await expect(diagram).toBeHidden();
  await page.locator('#pane-timeline li.entry').last().locator('details > summary').first().click();
  await expect(page.locator('#pane-timeline li.entry').last()).toContainText('the resave race');
  await page.screenshot({ path: 'screenshots/flight-race.png', fullPage: true });
  // the next batch shows its interleaving again, though the log was picked
  await page.locator('#flight-send').click();
  await expect(diagram).toBeVisible();
  await expect(page.getByRole('button', { name: 'Diagram', exact: true })).toHaveAttribute('aria-pressed', 'true');
  expect(problems).toEqual([]);
});

test('a logout while a slow page is in flight: the slow page saves the session back', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'lesson=auth&variant=fixed&latency_get=50&latency_set=50' });
  await go(page, 'http://localhost:8080/login?username=alice');
  await expect(viewport(page)).toContainText('欢迎你，alice');
  await page.locator('details.flight > summary').click();
  await expect(page.locator('#flight-first')).toHaveValue('/slow');
  // only the slow page, and do not wait for it
  await page.locator('#flight-second').fill('');
  await page.locator('#flight-wait').uncheck();
  await page.locator('#flight-send').click();
  await expect(page.locator('.in-air')).toContainText('1 request still in flight');
  // said as well: the line appears with its words in it, which a screen reader may not read
  await expect(page.locator('#announcer')).toContainText('1 request still in flight');
  await go(page, 'http://localhost:8080/logout');
  await expect(page.locator('table.store tbody')).not.toContainText('alice');
  await page.locator('#flight-settle').click();
  await expect(page.locator('.in-air')).toHaveCount(0);
  await expect(page.locator('table.store tbody')).toContainText('alice');
  await expect(page.locator('svg.flight-diagram')).toContainText('⟲');
  await expect(page.locator('.writes-list li').last()).toContainText('kept');
  expect(problems).toEqual([]);
});

// a full-height timeline column: the log under the open form is a box of its own, scrolled
// to its newest entry; its top edge is drawn with room above it (the entry it cut in half
// sat 6 px under the race's diagram and read as drawn over by it)
test('1920×1080: the log under the race diagram has a drawn top edge, clear of the diagram', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openApp(page, site, { hash: 'lesson=middleware&latency_get=50&latency_set=50' });
  for (let i = 0; i < 4; i++) await go(page, 'http://localhost:3000/');
  await page.locator('details.flight > summary').click();
  await page.locator('#flight-send').click();
  const diagram = page.locator('svg.flight-diagram');
  await expect(diagram).toBeVisible();
  const log = page.locator('.timeline-list');
  // it scrolls: an entry is cut at its top edge
  await expect.poll(() => log.evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
  const [d, l] = [await diagram.boundingBox(), await log.boundingBox()];
  expect(l.y - (d.y + d.height)).toBeGreaterThanOrEqual(8);
  expect(await log.evaluate((e) => parseFloat(getComputedStyle(e).borderTopWidth))).toBeGreaterThanOrEqual(1);
});
