// Persistence and scale: two tabs sharing the database, storage that is full, a 10,000-visitor
// simulation with correct counts, and a click that paints within a frame at size.
import { test, expect, openApp, go, lesson, viewport } from '../fixtures.mjs';
import { loadLab } from '../loaded.mjs';

test('two tabs share the persistent store and neither loses the other\'s writes', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 5);
  await go(page, 'http://localhost:8080/login?username=alice');
  await expect(viewport(page)).toContainText('alice');
  const other = await page.context().newPage();
  await other.goto(site.url);
  await expect(other.locator('nav.lessons button.current')).toContainText(/connect-mongo/);
  await other.fill('#address', 'http://localhost:8080/login?username=bob');
  await other.locator('.window:not(.attacker) form.addressbar button[type=submit]').click();
  await expect(other.locator('#pane-browser .window:not(.attacker) .viewport')).toContainText('bob');
  // each tab sees both sessions, without reloading
  await expect(page.locator('table.store tbody')).toContainText('"username":"bob"');
  await expect(other.locator('table.store tbody')).toContainText('"username":"alice"');
  // a later write in one tab (alice's session now says carol) reaches the other as well
  await go(page, 'http://localhost:8080/login?username=carol');
  await expect(other.locator('table.store tbody')).toContainText('"username":"carol"');
  await other.reload();
  await expect(other.locator('table.store tbody tr')).toHaveCount(2);
  await expect(other.locator('table.store tbody')).toContainText('"username":"bob"');
  await expect(other.locator('table.store tbody')).toContainText('"username":"carol"');
  await other.close();
});

test('full storage: a clear message, and the store shows what was really kept', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 5);
  await page.evaluate(() => {
    const real = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (k.startsWith('session-lab:db:')) throw new DOMException('full', 'QuotaExceededError');
      return real.call(this, k, v);
    };
  });
  await go(page, 'http://localhost:8080/login?username=alice');
  await expect(page.locator('.notices')).toContainText('Browser storage is full');
  await expect(page.locator('table.store tbody')).toContainText('The store is empty');
});

test('a 10,000-visitor simulation finishes with counts that add up', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 3);
  await page.locator('details.visitors > summary').click();
  await page.fill('#sim-n', '10000');
  await page.locator('#sim-n').dispatchEvent('change');
  await page.fill('#sim-maxage', '');
  await page.locator('#sim-maxage').dispatchEvent('change');
  await page.getByRole('button', { name: 'Start the simulation', exact: true }).click();
  await expect(page.locator('#sim-result')).toBeVisible({ timeout: 60_000 });
  const text = await page.locator('#sim-result').textContent();
  const nums = text.replace(/,/g, '').match(/\d+/g).map(Number);
  const [requests, fresh, returning, created, entries] = nums;
  expect(requests).toBe(10000);
  expect(fresh + returning).toBe(10000);
  expect(created).toBe(fresh); // no expiry: one session per new visitor
  expect(entries).toBe(fresh);
  expect(fresh).toBeGreaterThan(3000);
  await expect(page.locator('.charts svg polyline.main')).toHaveCount(2);
  // the charts' words are the page's, their numbers grouped as the result's
  const labels = page.locator('.charts svg').first().locator('text.label');
  await expect(labels.first()).toHaveText(`store entries (max ${entries.toLocaleString('en-US')})`);
  await expect(labels.nth(1)).toHaveText('10,000 requests');
});

// Cancel was redrawn as "Start the simulation" before its click was over, and the click then
// submitted the form: a cancelled run of 100,000 started again from nothing and ran to its end
// (on the lab's server, moving its clock twice). One click stops it, its partial counts kept.
for (const onLab of [false, true]) {
  test(`Cancel stops a 100,000-visitor run${onLab ? ' on the lab\'s own server' : ''} and keeps what it counted`, async ({ page, site, problems }) => {
    await openApp(page, site, { hash: 'lesson=auth' });
    await page.locator('details.visitors > summary').click();
    if (onLab) await page.locator('#sim-onlab').check();
    await page.fill('#sim-n', '100000');
    // a run of 100,000 takes about a second here: the CPU slowed twenty times, Cancel is
    // there to press (unslowed, a fast machine finished the run before the click)
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
    await page.getByRole('button', { name: 'Start the simulation', exact: true }).click();
    await expect(page.locator('#sim-progress')).not.toContainText('Requests: 0 of');
    await page.evaluate(() => {
      window.submits = 0;
      document.querySelector('#sim-form').addEventListener('submit', () => window.submits++, true);
      // whether the submit follows depends on when the button is redrawn, which the timing
      // decides: what makes it never follow is Cancel's click having its default refused,
      // seen after every handler has run
      window.addEventListener('click', (e) => {
        if (e.target.closest('#sim-form')) window.refused = e.defaultPrevented;
      });
    });
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(await page.evaluate(() => window.refused)).toBe(true);
    await expect(page.locator('#sim-result')).toBeVisible();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const stopped = await page.locator('#sim-progress').textContent();
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => window.submits)).toBe(0);
    // the count stays where Cancel left it (the rate beside it is redrawn once more, the run
    // timed to its stop)
    await expect(page.locator('#sim-progress')).toContainText(stopped.match(/^Requests: [\d,]+ of [\d,]+/)[0]);
    const requests = Number(stopped.replace(/,/g, '').match(/\d+/)[0]);
    expect(requests).toBeGreaterThan(0);
    expect(requests).toBeLessThan(100000);
    await expect(page.locator('#sim-result')).toContainText(`Requests: ${requests.toLocaleString('en-US')}`);
    // it says it was cancelled, on the panel and to a screen reader (the result read as a
    // finished run's, and the live region kept the last run's)
    const cancelled = `Cancelled after ${requests.toLocaleString('en-US')} of 100,000 requests`;
    await expect(page.locator('#sim-cancelled')).toContainText(cancelled);
    await expect(page.locator('#announcer')).toContainText(cancelled);
    // the focus stays where the click left it, on the button, now Start again
    await expect(page.getByRole('button', { name: 'Start the simulation', exact: true })).toBeFocused();
    expect(problems).toEqual([]);
  });
}

// run on the lab's server, the form's greyed store and maxAge showed its own defaults (10
// minutes, MemoryStore) over sessions that never expired: they show the lab server's
test('on the lab\'s own server the greyed store and maxAge are that server\'s, and back to the form\'s after', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'lesson=middleware&opt.cookie.maxAge=3600000' });
  await page.locator('details.visitors > summary').click();
  await expect(page.locator('#sim-maxage')).toHaveValue('10');
  await page.locator('#sim-onlab').check();
  await expect(page.locator('#sim-maxage')).toBeDisabled();
  await expect(page.locator('#sim-maxage')).toHaveValue('60');
  await expect(page.locator('#sim-store')).toHaveValue('memory');
  await page.locator('#sim-onlab').uncheck();
  await expect(page.locator('#sim-maxage')).toHaveValue('10');
  await page.locator('#sim-store').selectOption('persistent');
  await page.locator('#sim-onlab').check();
  await expect(page.locator('#sim-store')).toHaveValue('memory');
  await page.locator('#sim-onlab').uncheck();
  await expect(page.locator('#sim-store')).toHaveValue('persistent');
  expect(problems).toEqual([]);
});

// on the lab's server a run moves the lab's clock by the time its visits took: the panel
// says so under the result (the top bar's clock moved 2 h 46 min without a word there)
test('a run on the lab\'s own server says how far it moved the lab\'s clock', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'lesson=middleware' });
  await page.locator('details.visitors > summary').click();
  await page.fill('#sim-n', '200');
  await page.fill('#sim-spacing', '50');
  await page.locator('#sim-onlab').check();
  const clock = await page.locator('.clock-now').textContent();
  await page.getByRole('button', { name: 'Start the simulation', exact: true }).click();
  await expect(page.locator('#sim-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('#sim-clock')).toHaveText(/^The lab's clock moved on by 2 h 4\d min, the time these visits took: the cookies in the jar and the sessions in the store aged as much\.$/);
  await expect(page.locator('.clock-now')).not.toHaveText(clock);
  // with no expired session kept, the MemoryStore's note on them is not shown
  await expect(page.locator('#sim-result')).toContainText('expired but still kept: 0');
  await expect(page.locator('details.visitors .note')).toHaveCount(0);
  // a run beside the lab leaves its clock: no such line
  await page.locator('#sim-onlab').uncheck();
  await page.getByRole('button', { name: 'Start the simulation', exact: true }).click();
  await expect(page.locator('#sim-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('#sim-clock')).toHaveCount(0);
});

test('a number typed while a simulation runs stays through its redraws, and the next run uses it', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 3);
  await page.locator('details.visitors > summary').click();
  await page.fill('#sim-n', '100000');
  await page.fill('#sim-maxage', '');
  await page.getByRole('button', { name: 'Start the simulation', exact: true }).click();
  // typed while the panel redraws itself after each chunk (no change event yet: still typing)
  await expect(page.locator('details.visitors progress')).toBeVisible();
  await page.locator('#sim-n').fill('2000');
  await expect(page.locator('#sim-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('#sim-n')).toHaveValue('2000');
  await page.getByRole('button', { name: 'Start the simulation', exact: true }).click();
  await expect(page.locator('#sim-result')).toContainText(/^\D*2,?000\b/, { timeout: 60_000 });
});

test('on a laptop screen the simulation\'s form, its progress and its result come into view', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site);
  await page.locator('details.visitors > summary').click();
  // opened, the form scrolls into the server pane's view (it starts below the code)
  await expect(page.locator('#sim-n')).toBeInViewport({ ratio: 1 });
  await page.fill('#sim-n', '100000');
  await page.locator('#sim-n').dispatchEvent('change');
  await page.getByRole('button', { name: 'Start the simulation', exact: true }).click();
  // the server pane scrolls inside itself: the progress sits below the form, out of view
  // until the run brings it in
  await expect(page.locator('#sim-progress')).toBeInViewport();
  await expect(page.locator('details.visitors progress')).toBeInViewport();
  await expect(page.locator('#sim-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('#sim-result')).toBeInViewport();
});

// How fast a click paints at this size is a benchmark figure (`make bench`, "click to paint");
// this test checks what keeps it cheap: the tables draw one page, not 10,000 rows.
test('with 10,000 sessions and 1,000 log entries the tables draw one page and a click still works', async ({ page, site, problems }) => {
  test.setTimeout(180_000);
  await openApp(page, site);
  await loadLab(page);
  await expect(page.locator('.pager')).toContainText(/of 10\d\d\d/);
  const drawn = () =>
    page.evaluate(() => ({
      store: document.querySelectorAll('table.store tbody tr').length,
      log: document.querySelectorAll('#pane-timeline ol.timeline > li').length,
      nodes: document.getElementsByTagName('*').length,
    }));
  const before = await drawn();
  expect(before.store, 'store rows drawn').toBeLessThanOrEqual(50);
  expect(before.log, 'timeline entries drawn').toBe(50);
  await expect(page.getByRole('button', { name: /^Show \d+ more$/ })).toBeVisible();
  // 200 more requests: each is handled, and the page draws no more than before
  await page.evaluate(async () => {
    const go = document.querySelector('.window:not(.attacker) form.addressbar button[type=submit]');
    for (let i = 0; i < 200; i++) go.click();
  });
  await expect(page.locator('.pager').first()).toContainText(/of 10\d\d\d/);
  const after = await drawn();
  expect(after.store).toBeLessThanOrEqual(50);
  expect(after.log, 'timeline entries drawn stay one page').toBe(50);
  expect(after.nodes, 'elements in the page stay bounded').toBeLessThanOrEqual(before.nodes + 100);
});
