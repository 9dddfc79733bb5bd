// Issue 8: the hostile-value table (e2e/hostile.mjs) typed at every place a learner can enter
// text: the jar editor (add form and cells), the address bar, the login form, the option
// fields, a pasted scenario file and the URL fragment. Each value is accepted and shown as
// text, or refused with a visible reason; nothing runs, nothing else changes, nothing crashes.
// (The engine-side half of the table is tests/hostile.rs.)
import { test, expect, go, viewport, cell, openApp, lesson } from '../fixtures.mjs';
import { HOSTILE } from '../hostile.mjs';

test.describe.configure({ timeout: 180_000 });

/** Fails the test if a dialog opens (a script ran). */
function noDialogs(page) {
  page.on('dialog', (d) => {
    d.dismiss().catch(() => {});
    throw new Error(`a dialog opened: ${d.message()}`);
  });
}

/** Nothing was injected: no element from the value, no flag set by a script. */
async function inert(page, what) {
  const found = await page.evaluate(() => ({
    injected: document.querySelectorAll('img[src="x"], [onerror], script:not([type="application/json"]):not(head > #lab-boot):not(head > #lab-load)').length,
    pwned: typeof window.__pwned !== 'undefined',
    alive: !!document.querySelector('h1'),
  }));
  expect(found, what).toEqual({ injected: 0, pwned: false, alive: true });
}

/** The victim's jar as the table shows it: [name, value] per row. */
function jarRows(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('table.jar tbody tr')]
      .map((tr) => [...tr.querySelectorAll('input[type=text]')].slice(0, 2).map((i) => i.value))
      .filter((r) => r.length === 2),
  );
}

/** What a text input holds after typing s (HTML strips line breaks from single-line inputs). */
const typed = (s) => s.replace(/[\r\n]/g, '');
const hasControl = (s) => /[\u0000-\u0008\u000a-\u001f\u007f]/.test(s);
/** What a browser's cookie editor refuses (engine::jar::check_by_hand). */
const refusedByJar = (name, value) =>
  hasControl(name) || hasControl(value) || /[;=]/.test(name) || value.includes(';') || new TextEncoder().encode(name + value).length > 4096;

test('jar editor: the add form and the value cell keep a value exactly or refuse it with the reason', async ({ page, site, problems }) => {
  noDialogs(page);
  await openApp(page, site);
  await lesson(page, 3);
  await go(page, 'http://localhost:3000/');
  await expect(cell(page, 'Value', 'connect.sid')).toBeVisible();
  const session = await jarRows(page);
  const problem = page.locator('#jar-problem');
  const add = page.locator('form.add-cookie');
  for (const h of HOSTILE) {
    for (const [name, value] of [['hostile', typed(h.value)], [typed(h.value), '1']]) {
      await add.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
      await add.getByRole('textbox', { name: 'Value', exact: true }).fill(value);
      await add.getByRole('button', { name: 'Add cookie' }).click();
      await inert(page, `${h.name}: add`);
      const rows = await jarRows(page);
      if (refusedByJar(name, value)) {
        await expect(problem, `${h.name}: refused with a reason`).toContainText(/control character|";"|over 4096/);
        // what was typed stays in the form to be fixed
        await expect(add.getByRole('textbox', { name: 'Value', exact: true })).toHaveValue(value);
      } else {
        await expect(problem).toHaveCount(0);
        expect(rows.find((r) => r[0] === name), `${h.name}: stored as typed`).toEqual([name, value]);
      }
      expect(rows[0], `${h.name}: the session cookie is untouched`).toEqual(session[0]);
      // clean up the added cookie, if any
      const del = page.getByRole('button', { name: `Delete ${name}`, exact: true });
      if (!refusedByJar(name, value) && (await del.count())) await del.first().click();
    }
  }

  // the value cell of the session cookie
  const other = ['hostile', 'keep'];
  await add.getByRole('textbox', { name: 'Name', exact: true }).fill(other[0]);
  await add.getByRole('textbox', { name: 'Value', exact: true }).fill(other[1]);
  await add.getByRole('button', { name: 'Add cookie' }).click();
  for (const h of HOSTILE) {
    const before = await cell(page, 'Value', 'connect.sid').inputValue();
    await cell(page, 'Value', 'connect.sid').fill(h.value);
    await cell(page, 'Value', 'connect.sid').blur();
    await inert(page, `${h.name}: cell`);
    if (refusedByJar('connect.sid', typed(h.value))) {
      await expect(problem).toContainText(/control character|";"|over 4096/);
      await expect(cell(page, 'Value', 'connect.sid'), `${h.name}: the cell shows the kept value`).toHaveValue(before);
    } else {
      await expect(problem).toHaveCount(0);
      await expect(cell(page, 'Value', 'connect.sid')).toHaveValue(typed(h.value));
    }
    expect((await jarRows(page)).find((r) => r[0] === other[0]), `${h.name}: the other cookie is untouched`).toEqual(other);
  }
  // the server's verdict on whatever the cookie holds now is shown, not run
  await go(page, 'http://localhost:3000/');
  await inert(page, 'after sending');
  // a refusal is about the edit just made: a clean lesson start drops it
  await add.getByRole('textbox', { name: 'Name', exact: true }).fill('a=b');
  await add.getByRole('button', { name: 'Add cookie' }).click();
  await expect(problem).toBeVisible();
  await lesson(page, 1);
  await expect(problem).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('address bar: a hostile address opens as text or is refused with the reason', async ({ page, site, problems }) => {
  noDialogs(page);
  await openApp(page, site);
  await lesson(page, 3);
  for (const h of HOSTILE) {
    for (const url of [h.value, `http://localhost:3000/${h.value}`, `http://localhost:3000/?q=${h.value}`]) {
      await go(page, url);
      await inert(page, `${h.name}: ${url.slice(0, 40)}`);
      const failed = page.locator('#pane-browser .window:not(.attacker) .nav-problem');
      if (await failed.count()) {
        await expect(failed).toContainText(/Cannot open .*: (the address is empty|unsupported scheme|invalid host|host .* is not simulated|invalid port|the address is too long|cannot connect to)/);
      } else {
        // a page came back (Express's 404 names the path, escaped) and is shown as text
        await expect(viewport(page)).not.toBeEmpty();
      }
    }
  }
  expect(problems).toEqual([]);
});

test('login form: the username comes back as text on the user page, whatever it is', async ({ page, site, problems }) => {
  noDialogs(page);
  await openApp(page, site);
  await lesson(page, 4);
  for (const h of HOSTILE) {
    await go(page, 'http://localhost:8080/');
    const field = viewport(page).locator('input[name=username]');
    await field.fill(h.value);
    await viewport(page).locator('form button[type=submit], form input[type=submit]').first().click();
    await inert(page, h.name);
    const failed = page.locator('#pane-browser .window:not(.attacker) .nav-problem');
    if (h.value.length > 64 * 1024) {
      // the form's GET address would be over 64 KiB: refused, with the reason
      await expect(failed).toContainText('too long');
      continue;
    }
    await expect(failed).toHaveCount(0);
    if (!hasControl(h.value)) {
      // the user page greets the name literally (the template escaped it; the page shows text)
      await expect(viewport(page)).toContainText(`${h.value.slice(0, 200)}`);
    }
    await expect(viewport(page)).toContainText(/欢迎你|Welcome/);
  }
  expect(problems).toEqual([]);
});

test('option fields: the server restarts with the value, or says why and keeps running as it was', async ({ page, site, problems }) => {
  noDialogs(page);
  await openApp(page, site);
  await lesson(page, 3);
  await go(page, 'http://localhost:3000/');
  await page.locator('details.options > summary').click();
  const apply = page.getByRole('button', { name: 'Apply and restart the server', exact: true });
  for (const id of ['opt-secret', 'opt-name', 'opt-cookie-maxAge', 'opt-cookie-path']) {
    for (const h of HOSTILE) {
      await page.locator(`#${id}`).fill(h.value);
      await apply.click();
      await inert(page, `${id}: ${h.name}`);
      const error = page.locator('details.options .error[role=alert]');
      if (await error.count()) {
        await expect(error, `${id}: ${h.name}`).toContainText(/\S/);
      } else {
        // accepted: the server code now shows it, as text
        await expect(page.locator('pre.code')).toBeVisible();
      }
      // the server still answers
      await go(page, 'http://localhost:3000/');
      await expect(viewport(page)).not.toBeEmpty();
      await inert(page, `${id}: ${h.name}, next request`);
    }
    await page.getByRole('button', { name: /course/i }).click();
  }
  expect(problems).toEqual([]);
});

test('scenario files: hostile text in every field loads and plays, or names the bad path', async ({ page, site, problems }) => {
  noDialogs(page);
  await openApp(page, site);
  for (const h of HOSTILE) {
    for (const doc of [
      { app: 'counter', steps: [{ request: { url: h.value } }] },
      { app: 'counter', steps: [{ request: { url: 'http://localhost:3000/', headers: { Cookie: h.value } } }] },
      { app: 'counter', options: { secret: h.value, cookie: { maxAge: h.value } }, steps: [{ request: { url: 'http://localhost:3000/' } }] },
      { app: h.value, steps: [] },
      h.value,
    ]) {
      if (!(await page.locator('#scenario-text').isVisible())) await page.locator('#open-scenario').click();
      await page.locator('#scenario-text').fill(typeof doc === 'string' ? doc : JSON.stringify(doc));
      await page.getByRole('button', { name: 'Load', exact: true }).click();
      await inert(page, h.name);
      // a problem is shown at the panel's Load button, in place of the last one
      const notice = page.locator('#scenario-problem');
      if (await page.locator('#scenario-play').isVisible()) {
        await page.locator('#scenario-play').click();
        await inert(page, `${h.name}: played`);
        await expect(page.locator('#scenario-trace')).toContainText('"status"');
        await page.getByRole('button', { name: 'Close the scenario', exact: true }).click();
      } else {
        await expect(notice, h.name).toContainText(/scenario|场景/i);
        await expect(notice, h.name).toHaveCount(1);
        // it names the path and quotes only a little of the file
        expect((await notice.textContent()).length, h.name).toBeLessThan(500);
      }
      await expect(page.locator('.notices .notice'), 'the panel\'s problems do not pile up as notices').toHaveCount(0);
    }
  }
  expect(problems).toEqual([]);
});

test('URL fragments: each hostile value is applied as text or ignored with a notice', async ({ page, site, problems }) => {
  noDialogs(page);
  await openApp(page, site);
  for (const h of HOSTILE) {
    for (const key of ['lesson', 'lang', 'theme', 'challenge', 'panes', 'allow', 'opt.secret', 'opt.cookie.maxAge', 'opt.name', 'scenario']) {
      await page.evaluate(([k, v]) => {
        location.hash = `${k}=${encodeURIComponent(v)}`;
      }, [key, h.value]);
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('');
      await inert(page, `#${key}=${h.name}`);
    }
  }
  // every refusal said so, and the lab still works
  await expect(page.locator('.notices .notice').first()).toBeVisible();
  await go(page, 'http://localhost:3000/');
  await expect(viewport(page)).not.toBeEmpty();
  expect(problems).toEqual([]);
});

test("attacker's tools: planted cookies, raw requests, the signer and the brute-forcer take any text", async ({ page, site, problems }) => {
  noDialogs(page);
  await openApp(page, site);
  await lesson(page, 4);
  await go(page, 'http://localhost:8080/');
  await page.getByRole('button', { name: 'Show the attacker', exact: true }).click();
  const closed = page.locator('details.tool:not([open]) > summary');
  while (await closed.count()) await closed.first().click();
  const session = (await jarRows(page))[0];
  for (const h of HOSTILE) {
    // XSS: document.cookie = text, on the victim's page (the jar applies the script rules)
    await page.locator('#xss-plant').fill(h.value);
    await page.locator('#xss-plant').press('Enter');
    await inert(page, `${h.name}: planted`);
    // a raw request with any Cookie header, to any address
    await page.locator('#raw-url').fill(`http://localhost:8080/${h.value}`);
    await page.locator('#raw-cookie').fill(h.value);
    await page.getByRole('button', { name: 'Send a raw request', exact: true }).click();
    await inert(page, `${h.name}: raw request`);
    // the signer signs any value with any secret and shows the result as text
    await page.locator('#sign-value').fill(h.value.slice(0, 20_000));
    await page.locator('#sign-secret').fill(h.value.slice(0, 20_000));
    await expect(page.locator('#sign-result')).toContainText('s%3A');
    await inert(page, `${h.name}: signed`);
    // the brute-forcer refuses what is not a signed cookie, and runs (and stops) on one
    await page.locator('#brute-target').fill(h.value);
    await page.locator('#brute-target').press('Enter');
    const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
    if (await cancel.count()) await cancel.click();
    await inert(page, `${h.name}: brute-forced`);
  }
  // the victim's session cookie was never touched by any of it
  await page.locator('.segmented button', { hasText: 'Your browser' }).first().click().catch(() => {});
  expect((await jarRows(page))[0]).toEqual(session);
  expect(problems).toEqual([]);
});

test('simulation form: a value out of range is refused with the field and its range, never replaced', async ({ page, site, problems }) => {
  noDialogs(page);
  await openApp(page, site);
  await lesson(page, 3);
  await page.locator('details.visitors > summary').click();
  const defaults = { 'sim-n': '40', 'sim-pct': '50', 'sim-maxage': '10', 'sim-spacing': '1' };
  /** Types text as a person would (a number field takes only what it can hold). */
  async function set(id, text) {
    const f = page.locator(`#${id}`);
    if ((await f.getAttribute('type')) === 'number') {
      await f.fill('');
      await f.pressSequentially(text.slice(0, 24));
    } else {
      await f.fill(text);
    }
    await f.dispatchEvent('change');
  }
  for (const [id, value] of Object.entries(defaults)) await set(id, value);
  const error = page.locator('#sim-error');
  const result = page.locator('#sim-result');
  for (const id of Object.keys(defaults)) {
    for (const h of HOSTILE) {
      await set(id, h.value);
      await page.getByRole('button', { name: 'Start the simulation', exact: true }).click();
      await inert(page, `${id}: ${h.name}`);
      await expect(error.or(result).first()).toBeVisible({ timeout: 30_000 });
      if (await error.isVisible()) {
        const field = { 'sim-n': 'Requests', 'sim-pct': 'Returning visitors', 'sim-maxage': 'cookie.maxAge', 'sim-spacing': 'Seconds between visits' }[id];
        await expect(error, `${id}: ${h.name}`).toContainText(`${field} must be`);
        // the last run's outcome is not shown under a refusal, as if it answered this form
        await expect(result, `${id}: ${h.name}`).toHaveCount(0);
      } else {
        // accepted: it ran to the end with the default 40 requests
        await expect(result).toContainText('Requests: 40 (', { timeout: 30_000 });
      }
      await set(id, defaults[id]);
    }
  }
  expect(problems).toEqual([]);
});

// a refused field's words followed the learner into a challenge, still an alert there
test('Simulate N visitors: a refusal stays in the place it was typed in', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, site, { hash: 'lesson=breaks' });
  await page.locator('details.visitors > summary').click();
  await page.locator('#sim-n').fill('1000000');
  await page.locator('#sim-n').dispatchEvent('change');
  await page.getByRole('button', { name: 'Start the simulation', exact: true }).click();
  await expect(page.locator('#sim-error')).toContainText('Requests must be');
  await page.locator('details.picker > summary').click();
  await page.locator('.picker-menu button[data-challenge="logout"]').click();
  await expect(page.locator('#challenge-title')).toBeVisible();
  await expect(page.locator('#sim-error')).toHaveCount(0);
  expect(problems).toEqual([]);
});
