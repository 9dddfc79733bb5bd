// Accessibility that stays: axe-core (pinned in package.json, installed by `make test`) finds no
// WCAG 2.0–2.2 A/AA violation in any of a dozen states; the core flow works by keyboard alone;
// the live region says what a learner needs after every request, repeats included.
import { test, expect, openApp, onPhone, lesson, challenge, go, cell, openPicker, SHOTS } from '../fixtures.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// the page's CSP forbids inline scripts; evaluate() runs outside it
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Runs axe on the page as it is: every WCAG A/AA rule, plus `region` (all content in landmarks). */
async function audit(page, what) {
  await page.evaluate(AXE);
  const found = await page.evaluate(async (tags) => {
    const opts = (runOnly) => ({ runOnly, resultTypes: ['violations'] });
    const a = await window.axe.run(document, opts({ type: 'tag', values: tags }));
    const b = await window.axe.run(document, opts({ type: 'rule', values: ['region'] }));
    if (a.passes.length < 20) return [{ rule: 'axe did not run', impact: 'n/a', nodes: [] }];
    return [...a.violations, ...b.violations].map((v) => ({
      rule: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} :: ${n.failureSummary.split('\n').slice(0, 3).join(' ')}`),
    }));
  }, WCAG);
  expect(found, `axe violations in: ${what}`).toEqual([]);
}

async function theme(page, name) {
  await page.locator('.segmented .seg', { hasText: name === 'dark' ? '☾' : '☀' }).click();
}

const signIn = (page) => go(page, 'http://localhost:8080/login?username=alice');

test.describe('axe finds nothing', () => {
  test('1280×720: en light fresh, zh dark logged in, the attacker, a challenge with hints', async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page, site);
    await theme(page, 'light');
    await audit(page, 'en, light, 1280×720, fresh');

    await openApp(page, site, { lang: 'zh' });
    await theme(page, 'dark');
    await lesson(page, 4);
    await signIn(page);
    await audit(page, 'zh, dark, 1280×720, logged in');

    await page.getByRole('button', { name: '显示攻击者' }).click();
    await audit(page, 'zh, dark, the attacker shown');

    await challenge(page, 'tamper');
    await page.getByRole('button', { name: '看一条提示' }).click();
    await audit(page, 'zh, dark, a challenge open with a hint');
  });

  test('1280×720: a forged cookie refused, time travel, the options reference, the shortcuts', async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page, site);
    await theme(page, 'dark');
    await lesson(page, 4);
    await signIn(page);
    const value = cell(page, 'Value', 'connect.sid');
    const v = await value.inputValue();
    await value.fill(v.slice(0, -1) + (v.endsWith('A') ? 'B' : 'A'));
    await value.press('Enter');
    await go(page, 'http://localhost:8080/user');
    await expect(page.locator('.last-verdict')).toHaveClass(/bad/);
    await audit(page, 'en, dark, a forged cookie refused');

    await page.locator('#pane-timeline .btn.travel').first().click();
    await expect(page.locator('.travel-banner').first()).toBeVisible();
    await audit(page, 'en, dark, time travel');
    await page.getByRole('button', { name: 'Back to now' }).first().click();

    await lesson(page, 3);
    await page.locator('.learn-open').click();
    await page.locator('#learn details[data-section="options"] > summary').click();
    await expect(page.locator('table.options-ref')).toBeVisible();
    await audit(page, 'en, dark, the options reference');
    await page.locator('#learn .learn-head button').click();
    await expect(page.locator('.learn-open')).toBeFocused();
    // by keyboard: the focus goes into the notes, and Escape brings it back
    await page.keyboard.press('Enter');
    await expect(page.locator('#h-learn')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.locator('#learn')).toHaveCount(0);
    await expect(page.locator('.learn-open')).toBeFocused();

    await page.locator('#open-keys').click();
    await expect(page.locator('#keys-help')).toBeVisible();
    await audit(page, 'en, dark, the shortcuts overlay');
  });

  test('1280×720: tamper\'s signed cookie refused, the card grown: the server\'s squeezed store box is reached by keys', async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page, site, { hash: 'challenge=tamper' });
    await page.getByRole('button', { name: 'Signed cookie', exact: true }).click();
    await go(page, 'http://localhost:3000/');
    const value = cell(page, 'Value', 'balance');
    const v = await value.inputValue();
    await value.fill(v.replace('s%3A100.', 's%3A999.'));
    await value.press('Enter');
    await go(page, 'http://localhost:3000/');
    await expect(page.locator('.last-verdict')).toHaveClass(/bad/);
    // the box holding "This app keeps nothing on the server" scrolls at this height: its
    // notes are cut, and a keyboard reaches them through the box itself
    const box = page.locator('#pane-server .rest-store');
    const scrolls = await box.evaluate((b) => b.scrollHeight > b.clientHeight);
    expect(scrolls).toBe(true);
    await expect(box).toHaveAttribute('tabindex', '0');
    await expect(box).toHaveAccessibleName('Session store');
    await audit(page, 'en, 1280×720, tamper refused in Signed');
  });

  test('390×844: en dark logged in, zh light on each tab', async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page, site);
    await theme(page, 'dark');
    await lesson(page, 4);
    await signIn(page);
    await audit(page, 'en, dark, 390×844, logged in');

    await openApp(page, site, { lang: 'zh' });
    await theme(page, 'light');
    for (const name of ['服务器', '时间线', '浏览器与 Cookie 罐']) {
      await page.getByRole('tab', { name }).click();
      await audit(page, `zh, light, 390×844, the ${name} tab`);
    }
  });

  test('390×844 and 1280×720: lesson 6 in zh dark, its four variants, its notes open', async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page, site, { hash: 'lesson=breaks', lang: 'zh' });
    await theme(page, 'dark');
    await audit(page, 'zh, dark, 390×844, lesson 6');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.locator('.learn-open').click();
    for (const d of await page.locator('#learn details.section').all()) {
      if (!(await d.evaluate((e) => e.open))) await d.locator('summary').click();
    }
    await audit(page, 'zh, dark, 1280×720, lesson 6 notes open');
  });
});

test('the skip link to the address bar selects its text: a step\'s URL typed there replaces it', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site);
  await expect(page.locator('#address')).toHaveValue('http://localhost:3000/');
  const skip = page.locator('a.skip', { hasText: 'Skip to the address bar' });
  await skip.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#address')).toBeFocused();
  // lesson 1's first step, as written: typed after the skip link it was doubled (a 404)
  await page.keyboard.type('http://localhost:3000/');
  await page.keyboard.press('Enter');
  await expect(page.locator('#address')).toHaveValue('http://localhost:3000/');
  await expect(page.locator('.lesson-card .step-chips li').first()).toHaveClass(/done/);
});

test('the core flow by keyboard alone: lesson 4, log in, break the MAC in the jar, send, hear the rejection', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(site.url);
  await expect(page.locator('h1')).toBeVisible();
  // nothing below may use the mouse
  await page.evaluate(() => {
    window.__pointer = 0;
    for (const type of ['pointerdown', 'mousedown']) document.addEventListener(type, () => window.__pointer++, true);
  });
  const focused = () => page.evaluate(() => {
    const a = document.activeElement;
    return { tag: a.tagName, name: a.getAttribute('name'), text: a.textContent.trim().slice(0, 60), id: a.id, cell: a.dataset.cell };
  });
  async function tabUntil(pred, max = 60) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (pred(await focused())) return;
    }
    throw new Error('Tab never reached the control');
  }

  // the place picker, then lesson 4 from its menu
  await tabUntil((f) => f.tag === 'SUMMARY');
  await page.keyboard.press('Enter');
  await tabUntil((f) => f.tag === 'BUTTON' && f.text.includes('Login'));
  await page.keyboard.press('Enter');
  await expect(page.locator('#lesson-title')).toContainText('Login');
  // the menu closed under the focus: it went to the lesson's title, not to <body>
  await expect.poll(async () => (await focused()).tag).toBe('H2');

  // the address bar by its shortcut, its text selected (as a browser's Ctrl+L), the course's
  // home page typed over it, its form
  await page.keyboard.press('Alt+Shift+A');
  await expect.poll(async () => (await focused()).id).toBe('address');
  await page.keyboard.type('http://localhost:8080/');
  await page.keyboard.press('Enter');
  await tabUntil((f) => f.tag === 'INPUT' && f.name === 'username');
  await page.keyboard.type('alice');
  await page.keyboard.press('Enter');
  await expect(page.locator('#address')).toHaveValue('http://localhost:8080/user');

  // the jar by its shortcut: a grid, one tab stop, arrows to the value, Enter to edit; its keys
  // drawn under it while the keyboard is in it (they were in the screen reader's caption only)
  await expect(page.locator('.jar-keys')).toBeHidden();
  await page.keyboard.press('Alt+Shift+J');
  await expect.poll(async () => (await focused()).tag).toBe('TD');
  // on the first cookie's Value, which the lessons edit (on its Name, Enter and a value typed
  // renamed lesson 2's session.id)
  await expect.poll(async () => (await focused()).cell).toBe('0-1');
  await expect(page.getByRole('grid')).toHaveAccessibleName("Your browser's cookie jar: arrows move, Enter or F2 edits");
  await expect(page.locator('.jar-keys')).toHaveText("Arrow keys move between cells · Enter or F2 edits; Enter keeps the edit, Escape drops it");
  await expect(page.locator('.jar-limits')).toBeHidden();
  await page.keyboard.press('Control+Home');
  await expect.poll(async () => (await focused()).cell).toBe('0-0');
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await focused()).cell).toBe('0-1');
  await page.keyboard.press('F2');
  const before = await cell(page, 'Value', 'connect.sid').inputValue();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(before.endsWith('A') ? 'B' : 'A');
  await page.keyboard.press('Enter');
  // the edit is kept and the focus is back on the cell
  await expect.poll(async () => (await focused()).cell).toBe('0-1');
  const after = await cell(page, 'Value', 'connect.sid').inputValue();
  expect(after).not.toBe(before);
  expect(after.slice(0, -1)).toBe(before.slice(0, -1));

  // Escape drops an edit
  await page.keyboard.press('Enter');
  await page.keyboard.type('junk');
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await focused()).cell).toBe('0-1');
  await expect(cell(page, 'Value', 'connect.sid')).toHaveValue(after);

  // the cookie inspector takes the panes away; back in the lab, the jar's shortcut is on the
  // cell the keyboard left (it was on the first, and a pasted signed id renamed the cookie)
  await page.locator('#open-inspector').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Back to the lab' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#open-inspector')).toBeFocused();
  await page.keyboard.press('Alt+Shift+J');
  await expect.poll(async () => (await focused()).cell).toBe('0-1');

  // an edit left by a shortcut is kept, as one left by Tab (it was put back without a word)
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(after.endsWith('C') ? 'D' : 'C');
  const edited = await cell(page, 'Value', 'connect.sid').inputValue();
  expect(edited).not.toBe(after);
  await page.keyboard.press('Alt+Shift+A');
  await expect.poll(async () => (await focused()).id).toBe('address');
  await expect(cell(page, 'Value', 'connect.sid')).toHaveValue(edited);
  await expect(page.locator('#announcer')).toContainText('Changed by hand in connect.sid');

  // send: the live region says the signature check failed, with the MACs cut short
  await page.keyboard.press('Alt+Shift+A');
  await expect.poll(async () => (await focused()).id).toBe('address');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('http://localhost:8080/user');
  await page.keyboard.press('Enter');
  const heard = page.locator('#announcer');
  await expect(heard).toContainText('wrong MAC');
  await expect(heard).toContainText('Response 200');
  await expect(heard).toContainText('Cookie changed: connect.sid');
  expect(await heard.textContent()).not.toMatch(/[A-Za-z0-9+/_-]{20,}/);
  expect(await page.evaluate(() => window.__pointer)).toBe(0);
  await page.screenshot({ path: SHOTS + 'keyboard-rejection.png' });
});

test('tabs on a phone: arrows, Home and End move between them, the jar is reached', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, site);
  const tab = (name) => page.getByRole('tab', { name });
  await tab('Browser & jar').focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Server')).toBeFocused();
  await expect(tab('Server')).toHaveAttribute('aria-selected', 'true');
  await expect(tab('Server')).toHaveAttribute('tabindex', '0');
  await expect(tab('Browser & jar')).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('End');
  await expect(tab('Timeline')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Browser & jar')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tab('Browser & jar')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(tab('Timeline')).toBeFocused();
  // the jar's shortcut opens its tab and lands in it
  await page.keyboard.press('Alt+Shift+J');
  await expect(page.locator('#pane-jar')).toBeVisible();
  // the focus moves once the tab has rendered (a task after the keypress), so wait for it
  await expect.poll(() => page.evaluate(() => !!document.activeElement.closest('#pane-jar'))).toBe(true);
});

// after acting in a pane, the step's Show me was 4 to 15 Shift+Tabs away, 28 Tabs from the top
// (keyboard review): Alt+Shift+N goes there, on a phone too, and in a challenge to its newest hint's Show me
test('Alt+Shift+N goes to the step\'s Show me from anywhere, and in a challenge to its newest hint\'s', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site, { hash: 'lesson=auth' });
  await go(page, 'http://localhost:8080/');
  await page.locator('table.jar td[tabindex="0"]').first().focus();
  await page.keyboard.press('Alt+Shift+N');
  const showMe = page.locator('.lesson-card .next-step .show-me');
  await expect(showMe).toBeFocused();
  // and the button names it, to a screen reader and on hover (it was listed only under "?")
  await expect(showMe).toHaveAttribute('aria-keyshortcuts', 'Alt+Shift+N');
  await expect(showMe).toHaveAttribute('title', 'Alt+Shift+N brings you back here from anywhere on the page');
  await page.keyboard.press('Enter');
  await expect(page.locator('.window:not(.attacker) .viewport input[name=username]')).toBeFocused();
  // the list names it
  await page.keyboard.press('Alt+Shift+H');
  await expect(page.locator('#keys-help')).toContainText('Alt+Shift+N');
  await expect(page.locator('#keys-help')).toContainText("To the lesson card's Show me for its step, which Enter then presses");
  await expect(page.locator('#keys-title')).toBeFocused();
  await page.keyboard.press('Escape');
  // on a phone, from the jar's tab: the card, at the top of the page, into view
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('tab', { name: 'Browser & jar' }).click();
  await page.locator('table.jar td[tabindex="0"]').first().focus();
  await page.keyboard.press('Alt+Shift+N');
  await expect(showMe).toBeFocused();
  await expect(showMe).toBeInViewport();
  // a challenge has no steps: its title, until a hint with a Show me is shown; then that
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site, { hash: 'challenge=tamper' });
  await page.locator('#address').focus();
  await page.keyboard.press('Alt+Shift+N');
  await expect(page.locator('#challenge-title')).toBeFocused();
  const card = page.locator('.challenge-card');
  for (let i = 0; i < 3 && (await card.locator('ol.hints li:last-child .hint-show').count()) === 0; i++) {
    await card.getByRole('button', { name: 'Show a hint', exact: true }).click();
  }
  const hintShow = card.locator('ol.hints li:last-child .hint-show');
  await expect(hintShow).toHaveCount(1);
  await page.locator('#address').focus();
  await page.keyboard.press('Alt+Shift+N');
  await expect(hintShow).toBeFocused();
  expect(problems).toEqual([]);
});

// Lesson 3 has the learner open and apply the server's options, and move the clock, several
// times: by Tab the first field was 16 stops from the address bar and "+1 min" 75.
test('the options and the clock by their shortcuts: the form opened at its first field, "+1 min" focused', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site, { hash: 'lesson=middleware' });
  await go(page, 'http://localhost:3000/');
  await expect(page.locator('#pane-server details.options')).not.toHaveAttribute('open', '');
  await page.locator('#address').focus();
  await page.keyboard.press('Alt+Shift+O');
  await expect(page.locator('#pane-server details.options')).toHaveAttribute('open', '');
  await expect.poll(() => page.evaluate(() => !!document.activeElement.closest('#options-form'))).toBe(true);
  const clock = await page.locator('.clock-now').innerText();
  await page.keyboard.press('Alt+Shift+C');
  await expect(page.locator('#clock-plus-minute')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.clock-now')).not.toHaveText(clock);
  // the list names both
  await page.keyboard.press('Alt+Shift+H');
  await expect(page.locator('#keys-help')).toContainText('Alt+Shift+O');
  await expect(page.locator('#keys-help')).toContainText("The clock's +1 min");
  // (the list takes the focus once drawn; Escape before that went nowhere on a loaded machine)
  await expect(page.locator('#keys-title')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('#keys-help')).toHaveCount(0);
  // on a phone the options' shortcut opens the server's tab first
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('tab', { name: 'Browser & jar' }).click();
  await page.keyboard.press('Alt+Shift+O');
  await expect(page.getByRole('tab', { name: 'Server' })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => page.evaluate(() => !!document.activeElement.closest('#options-form'))).toBe(true);
  // lesson 1's hand-built app has no options: the shortcut lands on its code
  await lesson(page, 1);
  await page.keyboard.press('Alt+Shift+O');
  await expect(page.locator('#server-code')).toBeFocused();
  expect(problems).toEqual([]);
});

// Enter on a choice applies the form, as in a text field: lesson 3's steps 3 and 4 set resave
// and saveUninitialized, both choices, and a keyboard learner tabbed 15 times to Apply (review)
test('Enter on a choice in the options or the deployment applies the form', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'lesson=middleware' });
  await page.keyboard.press('Alt+Shift+O');
  await expect.poll(() => page.evaluate(() => !!document.activeElement.closest('#options-form'))).toBe(true);
  await page.locator('#opt-resave').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#opt-resave')).toHaveValue('false');
  await expect(page.locator('#options-pending')).toBeVisible();
  // the words by the button are heard too, not only seen
  await expect(page.locator('#announcer')).toContainText('Not applied yet: the server still runs with its old options.');
  await page.keyboard.press('Enter');
  await expect(page.locator('#options-applied')).toBeVisible();
  await expect(page.locator('#server-code')).toContainText('resave: false');
  // the deployment's choice (lesson 6): two instances, applied by Enter
  await openApp(page, site, { hash: 'lesson=breaks' });
  await page.locator('details.deploy > summary').click();
  await page.locator('#deploy-instances').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.locator('#announcer')).toContainText('Applied: Instances: Two');
  expect(problems).toEqual([]);
});

// At 1440x900 with CSRF's card grown (two stages, three hints) the options' box is ~135 px
// under a 40 px sticky Apply row: the shortcut's field sat under that row, and a field whose
// words were taller than the room was pushed above the box's top by them.
test('1440×900 csrf, the card grown: the options\' shortcut and Tab keep each field in sight, clear of the sticky Apply row', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, site, { hash: 'challenge=csrf' });
  await page.getByRole('button', { name: '+1 min', exact: true }).click();
  await page.locator('#inbox-link').click();
  await expect(page.locator('.stages li.done')).toHaveCount(1);
  await page.getByRole('button', { name: '+1 hour', exact: true }).click();
  await go(page, 'evil.example');
  await expect(page.locator('.stages li.done')).toHaveCount(2);
  for (let i = 0; i < 3; i++) {
    const more = page.getByRole('button', { name: 'Show hint', exact: true });
    if (await more.count()) await more.click();
  }
  await page.keyboard.press('Alt+Shift+O');
  await expect.poll(() => page.evaluate(() => document.activeElement.id)).toBe('opt-name');
  // the field on top at its corners, and its words above the Apply row
  const seen = () => page.evaluate(() => {
    const f = document.activeElement;
    const r = f.getBoundingClientRect();
    const box = f.closest('.opt').getBoundingClientRect();
    const bar = f.closest('form').querySelector(':scope > .row:last-of-type').getBoundingClientRect();
    const hit = (x, y) => f.contains(document.elementFromPoint(x, y));
    return {
      id: f.id,
      onTop: hit(r.left + 5, r.top + 5) && hit(r.right - 5, r.bottom - 5),
      wordsAboveRow: Math.round(box.bottom) <= Math.round(bar.top) || Math.round(box.top) <= Math.round(r.top) + 1 && Math.round(r.bottom) <= Math.round(bar.top),
    };
  });
  await expect.poll(seen).toEqual({ id: 'opt-name', onTop: true, wordsAboveRow: true });
  for (const id of ['opt-secret', 'opt-resave', 'opt-saveUninitialized', 'opt-rolling']) {
    await page.keyboard.press('Tab');
    await expect.poll(seen).toEqual(expect.objectContaining({ id, onTop: true }));
  }
  expect(problems).toEqual([]);
});

// On a phone the server is a tab: after a restart or an apply the steps go on "then open
// /user", and nothing said where Go had gone. The line that says what happened leads back.
test('390×844: after a restart or an apply (options or deployment), "Back to the browser" opens its tab at Go; at 1280 there is no such link', async ({ browser, site }) => {
  await onPhone(browser, site, 'lesson=middleware&lang=en', async (page) => {
    await go(page, 'http://localhost:3000/');
    const goButton = page.locator('.window:not(.attacker) form.addressbar button[type=submit]');
    await page.getByRole('tab', { name: 'Server' }).tap();
    await page.locator('#restart-server').tap();
    await page.locator('#server-restarted').getByRole('button', { name: 'Back to the browser →', exact: true }).tap();
    await expect(page.getByRole('tab', { name: 'Browser & jar' })).toHaveAttribute('aria-selected', 'true');
    await expect(goButton).toBeFocused();
    await expect(goButton).toBeInViewport();
    await page.getByRole('tab', { name: 'Server' }).tap();
    await page.locator('details.options > summary').tap();
    await page.getByRole('button', { name: 'Apply and restart the server', exact: true }).tap();
    await page.locator('#options-applied').getByRole('button', { name: 'Back to the browser →', exact: true }).tap();
    await expect(goButton).toBeFocused();
    // with the card's next step in view above it (the step goes on "then open /"; the learner
    // landed at Go with the step scrolled away above)
    await expect(page.locator('.lesson-card .next-step')).toBeInViewport({ ratio: 1 });
    await expect(goButton).toBeInViewport({ ratio: 1 });
    // the deployment's apply too (lesson 4's step 7 goes on in the browser after it)
    await page.getByRole('tab', { name: 'Server' }).tap();
    await page.locator('details.deploy > summary').tap();
    await page.locator('#deploy-form button[type=submit]').tap();
    await page.locator('#deploy-applied').getByRole('button', { name: 'Back to the browser →', exact: true }).tap();
    await expect(page.getByRole('tab', { name: 'Browser & jar' })).toHaveAttribute('aria-selected', 'true');
    await expect(goButton).toBeFocused();
    await expect(goButton).toBeInViewport();
    // where the panes stand side by side the link would lead nowhere
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect(page.locator('#server-restarted')).toBeVisible();
    await expect(page.locator('.to-browser')).toHaveCount(3);
    for (const b of await page.locator('.to-browser').all()) await expect(b).toBeHidden();
  });
});

// On a phone the jar scrolls sideways under a sticky name column: each cell the arrow keys
// reach is scrolled fully into view, clear of that column (focus() alone left the Expires cell
// half past the pane's edge, its ring cut). And what the keyboard focuses is never under the
// sticky tabs (WCAG 2.2 focus not obscured).
test('phone keyboard: jar cells scroll into view, focus stays clear of the sticky tabs', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, site, { hash: 'lesson=auth' });
  await signIn(page);
  const first = page.locator('td[data-cell="0-0"]');
  await first.focus();
  const place = () => page.evaluate(() => {
    const c = document.activeElement.getBoundingClientRect();
    const box = document.querySelector('.jar-wrap').getBoundingClientRect();
    const name = document.querySelector('td[data-cell="0-0"]').getBoundingClientRect();
    return { cell: document.activeElement.dataset.cell, left: c.left, right: c.right, nameRight: name.right, boxRight: box.right };
  });
  for (const key of [...Array(8).fill('ArrowRight'), ...Array(7).fill('ArrowLeft')]) {
    await page.keyboard.press(key);
    await expect.poll(async () => {
      const p = await place();
      return p.left >= p.nameRight - 1 && p.right <= p.boxRight + 1;
    }, `${key}: the focused cell is in view beside the names`).toBe(true);
  }
  // the server tab: Shift+Tab back up from the options' last field to their summary
  await page.getByRole('tab', { name: 'Server' }).click();
  const summary = page.locator('details.options > summary');
  await summary.click();
  await page.locator('#opt-cookie-sameSite').focus();
  // scrolled on, so that going back up has to scroll the page to each control
  await page.evaluate(() => window.scrollBy(0, 400));
  const tabsBottom = await page.locator('.tabs').evaluate((e) => e.getBoundingClientRect().bottom);
  for (let i = 0; i < 40 && !(await summary.evaluate((e) => e === document.activeElement)); i++) {
    await page.keyboard.press('Shift+Tab');
    const top = await page.evaluate(() => document.activeElement.getBoundingClientRect().top);
    expect(top, 'a focused control is not under the sticky tabs').toBeGreaterThanOrEqual(tabsBottom - 1);
  }
  await expect(summary).toBeFocused();
});

// Lesson 5's variants on a phone, which its steps name: each is on screen, none in a hidden
// sideways scroll (the last two were out of sight in both languages).
test('phone: every variant of lesson 5 is on screen', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const lang of ['en', 'zh']) {
    await openApp(page, site, { hash: 'lesson=store', lang });
    const card = await page.locator('.lesson-card').boundingBox();
    const segs = page.locator('.lesson-card .segmented .seg');
    await expect(segs).toHaveCount(4);
    for (const b of await segs.all()) {
      const r = await b.boundingBox();
      expect(r.x, lang).toBeGreaterThanOrEqual(card.x);
      expect(r.x + r.width, lang).toBeLessThanOrEqual(card.x + card.width);
    }
    await segs.nth(3).click();
    await expect(segs.nth(3)).toHaveAttribute('aria-pressed', 'true');
  }
});

test('lesson 1: the live region announces the balance after every visit, and a repeat is heard', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site, { lang: 'zh' });
  await lesson(page, 1);
  // every change to a live region, in order (what a screen reader is handed)
  await page.evaluate(() => {
    window.__heard = [];
    const obs = new MutationObserver(() => {
      for (const r of document.querySelectorAll('#announcer [aria-live]')) {
        const t = r.textContent.trim();
        if (t && r.dataset.last !== t + r.id + document.querySelector('#announcer').dataset.n) {
          r.dataset.last = t + r.id + document.querySelector('#announcer').dataset.n;
          window.__heard.push(t);
        }
      }
    });
    obs.observe(document.querySelector('#announcer'), { subtree: true, childList: true, characterData: true });
  });
  const heard = page.locator('#announcer');
  const goBtn = page.locator('.window:not(.attacker) form.addressbar button[type=submit]');
  await go(page, 'http://localhost:3000/');
  await expect(heard).toContainText('100');
  await expect(heard).toContainText('响应 200');
  await expect(heard).toContainText('新 cookie：balance');
  await goBtn.click();
  await expect(heard).toContainText('还剩90');
  await expect(heard).toContainText('cookie 已改变：balance');
  await goBtn.click();
  await expect(heard).toContainText('还剩80');
  // the signed card, forged: 403 twice, the same words, heard twice
  await page.getByRole('button', { name: '签名 cookie', exact: true }).click();
  await go(page, 'http://localhost:3000/');
  const v = page.locator('table.jar td.value input');
  await v.fill((await v.inputValue()).replace('s%3A100.', 's%3A9999.'));
  await v.press('Enter');
  await goBtn.click();
  await expect(heard).toContainText('响应 403');
  const n1 = await heard.getAttribute('data-n');
  await goBtn.click();
  await expect(heard).not.toHaveAttribute('data-n', n1);
  await expect(heard).toContainText('响应 403');
  const log = await page.evaluate(() => window.__heard);
  const balances = log.filter((t) => /剪发卡|还剩/.test(t)).map((t) => (t.match(/还剩(\d+)/) || [, '100'])[1]);
  expect(balances.slice(0, 3)).toEqual(['100', '90', '80']);
  const refusals = log.filter((t) => t.includes('响应 403'));
  expect(refusals.length).toBe(2);
  // the first also says the step it ticked, first, then the refusal, before the status (it had
  // come after the status and the page), and the next step last; the repeat, the same words
  expect(refusals[0].startsWith('完成了第 4 步（共 4 步，已完成 3 步）。cookie-parser：balance 的签名无效')).toBe(true);
  expect(refusals[1].startsWith('cookie-parser：balance 的签名无效')).toBe(true);
  expect(refusals[0]).toContain('下一步：');
  expect(refusals[0]).toContain(refusals[1]);
  // the first visit ticked step 1 and named step 2
  expect(log.find((t) => t.includes('响应 200'))).toContain('下一步：');
});

// The two live regions take turns, so the same words twice are heard twice: a Reset moved the
// announcement's number by two (its place started again, clearing the words, then it said
// "Lab reset") and spoke again in the region that had said it, silent the second time; and a
// request run with options not applied says so, as the bar does (screen-reader review)
test('Reset twice is heard twice, and a request with options not applied says so', async ({ page, site, problems }) => {
  await openApp(page, site, { lang: 'zh' });
  await lesson(page, 3);
  const reset = page.getByRole('button', { name: '重置', exact: true });
  const speaking = () => page.locator('#announcer [aria-live]').evaluateAll((rs) => rs.map((r) => r.textContent.trim()));
  await go(page, 'http://localhost:3000/');
  await reset.click();
  await expect.poll(speaking).toContain('实验室已重置。');
  const first = (await speaking()).indexOf('实验室已重置。');
  await reset.click();
  // the other region says it; the one that said it is empty
  await expect.poll(async () => (await speaking())[1 - first]).toBe('实验室已重置。');
  expect((await speaking())[first]).toBe('');
  await page.locator('details.options > summary').click();
  await page.locator('#opt-resave').selectOption('false');
  await go(page, 'http://localhost:3000/');
  await expect(page.locator('#verdict-pending')).toBeVisible();
  await expect(page.locator('#announcer')).toContainText('响应 200');
  await expect(page.locator('#announcer')).toContainText('这次请求用的还是服务器原来的选项');
});

test('the menu, the header panels and the quiz by keyboard: closed by Tab or Escape, focus back, verdicts heard', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site);
  const picker = page.locator('details.picker');
  const summary = page.locator('.picker-now');
  // Escape on an item closes the menu and puts the focus back on its button, not on <body>
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => picker.evaluate((d) => d.open)).toBe(true);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await expect.poll(() => picker.evaluate((d) => d.open)).toBe(false);
  await expect(summary).toBeFocused();
  // Tab past the menu's last item closes it: it covered the controls the focus went on to
  await page.keyboard.press('Enter');
  await expect.poll(() => picker.evaluate((d) => d.open)).toBe(true);
  const items = await page.locator('.picker-menu button, .picker-menu a').count();
  for (let i = 0; i <= items; i += 1) await page.keyboard.press('Tab');
  await expect.poll(() => picker.evaluate((d) => d.open)).toBe(false);
  expect(await page.evaluate(() => !!document.activeElement.closest('details.picker'))).toBe(false);
  // the arrow keys move through the open menu, as in a menu (only Tab did: keyboard review):
  // down from its button to the first entry, up from the first to the last, Home and End
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => picker.evaluate((d) => d.open)).toBe(true);
  const entries = page.locator('.picker-menu button');
  // (drawn first: under load an arrow pressed as the menu opened met no entry, 2 runs of ~40)
  await expect(entries.first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(entries.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(entries.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(entries.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(entries.first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(entries.last()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(summary).toBeFocused();

  // the scenario library leaves the panes on screen at 1280×720, and Escape closes it
  await page.locator('#open-scenario').click();
  await expect(page.locator('#scenario-panel')).toBeVisible();
  const main = await page.locator('#main').boundingBox();
  expect(main.y + 200).toBeLessThan(720);
  expect(main.height).toBeGreaterThan(200);
  await page.locator('#scenario-panel textarea').first().focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('#scenario-panel')).toHaveCount(0);
  await expect(page.locator('#open-scenario')).toBeFocused();
  await page.locator('#open-share').click();
  await page.locator('#share-panel').getByRole('button').first().focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('#share-panel')).toHaveCount(0);
  await expect(page.locator('#open-share')).toBeFocused();
  // Escape straight after the click, with the focus still on the button, closes it too
  for (const [button, panel] of [['#open-share', '#share-panel'], ['#open-scenario', '#scenario-panel']]) {
    await page.locator(button).click();
    await expect(page.locator(panel)).toBeVisible();
    await expect(page.locator(button)).toBeFocused();
    // Tab goes into the panel (drawn below the header, it came after the header's other
    // buttons), and Shift+Tab from its first control back to the button
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate((p) => !!document.activeElement.closest(p), panel)).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await expect(page.locator(button)).toBeFocused();
    // on through the panel, then the header's buttons after this one, then the page: each
    // control once, never the panel twice
    const where = () => page.evaluate((p) => {
      const a = document.activeElement;
      return a.closest(p) ? 'panel' : a.closest('.topbar') ? `head:${a.id}` : 'page';
    }, panel);
    const seen = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const w = await where();
      if (seen[seen.length - 1] !== w) seen.push(w);
      if (w === 'page') break;
    }
    const after = button === '#open-share' ? ['head:open-keys'] : ['head:open-share', 'head:open-keys'];
    expect(seen).toEqual(['panel', ...after, 'page']);
    await page.locator(button).focus();
    await page.keyboard.press('Escape');
    await expect(page.locator(panel)).toHaveCount(0);
    await expect(page.locator(button)).toHaveAttribute('aria-expanded', 'false');
  }

  // a refused option marks its field invalid and points it at the message
  await lesson(page, 3);
  await page.locator('details.options > summary').click();
  await expect(page.locator('#options-pending')).toHaveCount(0);
  await page.fill('#opt-cookie-maxAge', 'soon');
  // an edit not applied says so by Apply, and in the bar: the requests run the old options
  // (a learner pressed Go after choosing a value and saw the old behaviour without a word)
  await expect(page.locator('#options-pending')).toHaveText('⚠ Not applied yet: the server still runs with its old options.');
  // (the bar says it of a request made meanwhile: while editing, the line took the form's room)
  await expect(page.locator('#verdict-pending')).toHaveCount(0);
  await go(page, 'http://localhost:3000/');
  await expect(page.locator('#verdict-pending')).toContainText("This ran with the server's old options");
  await page.getByRole('button', { name: 'Apply and restart the server', exact: true }).click();
  await expect(page.locator('#options-error')).toContainText('options.cookie.maxAge');
  await expect(page.locator('#opt-cookie-maxAge')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#opt-cookie-maxAge')).toHaveAttribute('aria-describedby', 'options-error');
  // said once, by the live region (the message under the form had been an alert too)
  await expect(page.locator('#announcer')).toContainText('The new server did not start, so the old one keeps running');
  await expect(page.locator('[role="alert"]')).toHaveCount(0);
  await expect(page.locator('#opt-resave')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#options-applied')).toHaveCount(0);
  // a valid apply says so under the form (on a phone the timeline is another tab), until
  // the next edit
  await page.fill('#opt-cookie-maxAge', '60000');
  await page.getByRole('button', { name: 'Apply and restart the server', exact: true }).click();
  await expect(page.locator('#options-applied')).toContainText('Applied: the server restarted');
  // beside the button pressed, in view (below the form's row it was cut off)
  await expect(page.locator('#options-applied')).toBeInViewport();
  await expect(page.locator('#options-error')).toHaveCount(0);
  await expect(page.locator('#options-pending')).toHaveCount(0);
  await expect(page.locator('#verdict-pending')).toHaveCount(0);
  await page.fill('#opt-cookie-maxAge', '120000');
  await expect(page.locator('#options-applied')).toHaveCount(0);
  await expect(page.locator('#options-pending')).toBeVisible();
  await go(page, 'http://localhost:3000/');
  await expect(page.locator('#verdict-pending')).toBeVisible();
  // the course's options put the form back as the server runs: nothing pending
  await page.getByRole('button', { name: "Back to the course's options", exact: true }).click();
  await expect(page.locator('#verdict-pending')).toHaveCount(0);
  await expect(page.locator('#options-pending')).toHaveCount(0);

  // a quiz answer is said in the live region
  await page.locator('.learn-open').click();
  await page.locator('.quiz .choices button').first().click();
  await expect(page.locator('#announcer')).toContainText(/^(Right|Not quite)\./);
});

test('focus is never left on <body>: the last hint, a deleted row, a closed overlay', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site);
  await challenge(page, 'tamper');
  for (const n of [1, 2, 3]) {
    await page.getByRole('button', { name: 'Show a hint' }).focus();
    await page.keyboard.press('Enter');
  }
  await expect(page.locator('ol.hints li')).toHaveCount(3);
  await expect(page.locator('ol.hints li').last()).toBeFocused();
  await expect(page.locator('#announcer')).toContainText('Hint 3');
  // the newest hint shows; the two before it fold behind a button, which brings them back
  await expect(page.locator('ol.hints li:visible')).toHaveCount(1);
  await page.locator('.earlier-hints').click();
  await expect(page.locator('ol.hints li:visible')).toHaveCount(3);
  await expect(page.locator('.earlier-hints')).toHaveAttribute('aria-expanded', 'true');

  await lesson(page, 4);
  await signIn(page);
  await page.locator('table.jar td[data-cell="0-10"] button').focus();
  await page.keyboard.press('Enter');
  // focus stays in the grid (a cell of the rows left) or, with the jar now empty, goes to the
  // add form's first field: never to <body>
  await expect.poll(() => page.evaluate(() => {
    const a = document.activeElement;
    const rows = document.querySelectorAll('table.jar td[data-cell]').length;
    if (rows > 0) return a.tagName === 'TD' && !!a.closest('table.jar');
    return a.tagName === 'INPUT' && !!a.closest('.add-cookie');
  })).toBe(true);

  await page.locator('#open-keys').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#keys-title')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('#keys-help')).toHaveCount(0);
  await expect(page.locator('#open-keys')).toBeFocused();
  // "?" outside a field opens it too; inside the address bar it is a character
  await page.locator('#address').focus();
  await page.keyboard.press('?');
  await expect(page.locator('#keys-help')).toHaveCount(0);
  await page.locator('#h-jar').click();
  await page.keyboard.press('?');
  await expect(page.locator('#keys-help')).toBeVisible();
  // the overlay puts focus on its title once it is drawn; wait for that before moving it, or
  // on a loaded machine the title takes focus back from the checkbox below
  await expect(page.locator('#keys-title')).toBeFocused();
  // a one-character shortcut can be turned off (WCAG 2.1.4); the chord still works, and the
  // choice is kept across a reload
  await expect(page.locator('#keys-help kbd').last()).toHaveText('? · Alt+Shift+H');
  await page.locator('#question-key').focus();
  await page.keyboard.press('Space');
  await expect(page.locator('#question-key')).not.toBeChecked();
  await expect(page.locator('#keys-help kbd').last()).toHaveText('Alt+Shift+H');
  await page.keyboard.press('Escape');
  await expect(page.locator('#keys-help')).toHaveCount(0);
  await page.locator('#h-jar').click();
  await page.keyboard.press('?');
  await expect(page.locator('#keys-help')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => Object.values(localStorage).some((v) => v.includes('"questionKey":false')))).toBe(true);
  await page.reload();
  await page.locator('#h-jar').click();
  await page.keyboard.press('?');
  await expect(page.locator('#keys-help')).toHaveCount(0);
  await page.keyboard.press('Alt+Shift+H');
  await expect(page.locator('#keys-help')).toBeVisible();
  await expect(page.locator('#question-key')).not.toBeChecked();
});

test('the shortcuts list opened by its key gives the focus back where it was, not to its "?" button', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site, { hash: 'lesson=auth' });
  await go(page, 'http://localhost:8080/login?username=alice');
  // from a jar cell, by "?"
  const cell = page.locator('table.jar td[data-cell="0-1"]');
  await cell.focus();
  await page.keyboard.press('?');
  await expect(page.locator('#keys-help')).toBeVisible();
  await expect(page.locator('#keys-help h2')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('#keys-help')).toHaveCount(0);
  await expect(cell).toBeFocused();
  // from the address bar, by Alt+Shift+H, closed by the same keys
  await page.locator('#address').focus();
  await page.keyboard.press('Alt+Shift+H');
  await expect(page.locator('#keys-help h2')).toBeFocused();
  await page.keyboard.press('Alt+Shift+H');
  await expect(page.locator('#keys-help')).toHaveCount(0);
  await expect(page.locator('#address')).toBeFocused();
  // opened from its button, it goes back to the button
  await page.locator('#open-keys').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#keys-title')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('#open-keys')).toBeFocused();
  expect(problems).toEqual([]);
});

test('a form sent by Enter: the focus goes to the new page, not to its first link (the next Enter logged out)', async ({ page, site, problems }) => {
  for (const size of [{ width: 390, height: 844 }, { width: 1280, height: 720 }]) {
    await page.setViewportSize(size);
    await openApp(page, site, { hash: 'lesson=auth', lang: 'zh' });
    await go(page, 'http://localhost:8080/');
    const name = page.locator('.viewport input[name=username]');
    await name.fill('alice');
    await name.press('Enter');
    await expect(page.locator('.viewport')).toContainText('欢迎你，alice');
    await expect(page.locator('.viewport')).toBeFocused();
    // named, so the focus is heard as landing on the page (a nameless box read as its text)
    await expect(page.getByRole('region', { name: '页面', exact: true })).toBeFocused();
    // where it is: at 1280x720 the focus scrolled the browser pane to the page's foot, and
    // the pane's heading and "Show the attacker" went out of sight
    if (size.width === 1280) expect(await page.locator('#pane-browser').evaluate((e) => e.scrollTop)).toBe(0);
    // another Enter does nothing; Tab reaches the page's link
    await page.keyboard.press('Enter');
    await page.waitForTimeout(200);
    await expect(page.locator('.viewport')).toContainText('欢迎你，alice');
    await page.keyboard.press('Tab');
    await expect(page.locator('.viewport button.linklike')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('.viewport input[name=username]')).toBeVisible();
  }
});

/** Lesson 1 at 1280×720 after its first visit: the jar holds the balance cookie. */
async function withBalanceCookie(page, site) {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site);
  await lesson(page, 1);
  await go(page, 'http://localhost:3000/');
}

test('a jar edit that moves or drops its row: said whole, and the focus stays in the jar', async ({ page, site, problems }) => {
  await withBalanceCookie(page, site);
  const focus = () => page.evaluate(() => {
    const a = document.activeElement;
    return { tag: a.tagName, cell: a.dataset.cell || '', add: !!a.closest('.add-cookie') };
  });
  const heard = page.locator('#announcer');
  // a new path is the same row under another key: redrawn, with the focus on its cell
  await page.locator('table.jar td[data-cell="0-3"]').focus();
  await page.keyboard.press('F2');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('/x');
  await page.keyboard.press('Enter');
  await expect(heard).toHaveText('Changed by hand in balance: Path /x.');
  await expect(cell(page, 'Path', 'balance')).toHaveValue('/x');
  await expect.poll(focus).toEqual({ tag: 'TD', cell: '0-3', add: false });
  // a date in the past: the cookie leaves the jar, the live region says so, and the focus
  // goes to the add form (the jar is empty), never to <body>
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('F2');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2000-01-01T00:00:00.000Z');
  await page.keyboard.press('Enter');
  await expect(heard).toContainText('The jar dropped expired cookies: balance.');
  await expect(page.locator('table.jar tr[data-cookie="balance"]')).toHaveCount(0);
  await expect.poll(focus).toEqual({ tag: 'INPUT', cell: '', add: true });
});

test('a copy button says "Copied" aloud, once the text is on the clipboard', async ({ browser, site }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await openApp(page, site);
  await page.locator('#open-share').click();
  const link = await page.locator('#share-link').inputValue();
  await page.locator('#share-copy').click();
  await expect(page.locator('#share-copy')).toHaveText('Copied');
  // the label changes under the focus, which a screen reader does not read again
  await expect(page.locator('#announcer')).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await context.close();
});

// The logout challenge asks to keep connect.sid's value before logging out; the cell shows
// its start only, and a phone has no F2.
test('the selected cookie\'s value copies whole, as the jar holds it', async ({ browser, site }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await openApp(page, site, { hash: 'challenge=logout' });
  const value = await cell(page, 'Value', 'connect.sid').inputValue();
  const copy = page.locator('.cookie-detail .copy-value');
  await expect(copy).toHaveText('Copy the value');
  await copy.click();
  await expect(copy).toHaveText('Copied');
  await expect(page.locator('#announcer')).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);
  expect(value).toMatch(/^s%3A/);
  // another value is not "Copied" yet
  await page.getByRole('button', { name: 'Fixed', exact: true }).click();
  await expect.poll(() => cell(page, 'Value', 'connect.sid').inputValue()).not.toBe(value);
  await expect(copy).toHaveText('Copy the value');
  await context.close();
});

// What the attacker's tools make is carried elsewhere by hand: the signed value to a cell,
// the stolen cookies to the raw request's Cookie header (zh dark review: select it by hand).
test('the signer\'s result and the stolen cookies copy whole', async ({ browser, site }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await openApp(page, site, { hash: 'challenge=forge' });
  await page.locator('#sign-value').fill('made-up');
  await page.locator('#sign-secret').fill('zfpx');
  const signed = await page.locator('#sign-result').textContent();
  expect(signed).toMatch(/^s%3Amade-up\./);
  const copy = page.locator('.attacker-tools .copy-value', { hasText: 'Copy the value' });
  await copy.click();
  await expect(page.locator('#announcer')).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(signed);

  await openApp(page, site, { hash: 'challenge=hijack' });
  await go(page, 'http://localhost:8080/login?username=alice');
  await page.getByRole('button', { name: "XSS: read document.cookie on the victim's page (your browser)", exact: true }).click();
  const stolen = await page.locator('ul.loot li').first().locator('code').textContent();
  expect(stolen).toMatch(/connect\.sid=s%3A/);
  await page.locator('ul.loot li').first().getByRole('button', { name: 'Copy these cookies', exact: true }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(stolen);
  await context.close();
});

test('text spacing (WCAG 1.4.12): the jar keeps every letter of its heads', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site);
  await lesson(page, 4);
  await signIn(page);
  await page.addStyleTag({ content: '* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }' });
  // "Path" had read "Pa…" and "HttpOnly" "HttpO…"
  const cut = await page.locator('table.jar thead th').evaluateAll((ths) => ths.filter((t) => t.scrollWidth > t.clientWidth + 1).map((t) => t.textContent));
  expect(cut).toEqual([]);
});

test('the window title names the place; Chinese in English mode carries lang', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 4);
  await expect(page).toHaveTitle('Lesson 4 · Login, user page and logout · Session Lab');
  await signIn(page);
  // the page, the code's Chinese strings, the steps' button names
  for (const sel of ['.viewport', '.lesson-card']) {
    const n = await page.locator(`${sel} [lang="zh-CN"]`).count();
    expect(n, `${sel} marks its Chinese`).toBeGreaterThan(0);
  }
  const bare = await page.evaluate(() => {
    const out = [];
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (w.nextNode()) {
      const el = w.currentNode.parentElement;
      if (/[\u4e00-\u9fff]/.test(w.currentNode.textContent) && !el.closest('[lang^="zh"]')) out.push(w.currentNode.textContent.slice(0, 40));
    }
    return out;
  });
  expect(bare, 'Chinese text without lang="zh-CN" in English mode').toEqual([]);
  // the course's code holds Chinese strings in lesson 1
  await lesson(page, 1);
  expect(await page.locator('#server-code [lang="zh-CN"]').count()).toBeGreaterThan(0);
  await openApp(page, site, { lang: 'zh' });
  await expect(page).toHaveTitle(/^第 4 课|^第4课|会话实验室$/);
});

test('the panes are tab panels only where they are tabs, and follow a resize', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site);
  await expect(page.locator('#pane-timeline')).toBeVisible();
  // side by side: four regions named by their headings, no tab list, no tab panel
  await expect(page.locator('[role=tablist], [role=tabpanel]')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Cookie jar', exact: true })).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Server', exact: true })).toHaveCount(1);
  // narrowed to a phone: three tabs, a panel for each; the jar shares the browser's
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('tab')).toHaveText(['Browser & jar', 'Server', 'Timeline']);
  await expect(page.locator('[role=tabpanel]')).toHaveCount(3);
  await expect(page.locator('#pane-jar')).not.toHaveAttribute('role', /.*/);
  // each panel named by its tab; the browser's tab controls the jar beside it too
  await expect(page.getByRole('tabpanel', { name: 'Browser & jar' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Browser & jar' })).toHaveAttribute('aria-controls', 'pane-browser pane-jar');
  await page.getByRole('tab', { name: 'Server' }).click();
  await expect(page.getByRole('tabpanel', { name: 'Server' })).toBeVisible();
  // and back
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(page.locator('[role=tablist], [role=tabpanel]')).toHaveCount(0);
});

test('a phone\'s finger: the jar\'s boxes and delete buttons, the page\'s link-buttons, the step chips and the jar\'s folds are 24 px at least', async ({ browser, site }) => {
  await onPhone(browser, site, 'lesson=auth&lang=en', async (page) => {
    await go(page, 'http://localhost:8080/login?username=alice');
    await expect(page.locator('table.jar tbody tr')).toHaveCount(1);
    // (and the card's link-buttons: Show me was 55 by 21, the zh phone reviewer's)
    await expect(page.locator('.guide button.show-me')).toBeVisible();
    const sizes = await page.$$eval('table.jar input[type=checkbox], table.jar .icon-btn, button.linklike, .step-chips .chip, label.switch input[type=checkbox], summary',
      // (the ones drawn: the server's tab, with its own switches, is not open)
      (els) => els.filter((e) => e.getClientRects().length > 0).map((e) => { const r = e.getBoundingClientRect(); return [e.outerHTML.slice(0, 40), r.width, r.height]; }));
    expect(sizes.length).toBeGreaterThanOrEqual(4 + 7 + 3);
    for (const [what, w, h] of sizes) expect(Math.min(w, h), what).toBeGreaterThanOrEqual(24);
    // Close browser is not a slip of the finger from Go
    const bar = page.locator('.window:not(.attacker) form.addressbar');
    const [goBox, closeBox] = [await bar.locator('button[type=submit]').boundingBox(), await bar.locator('button.close').boundingBox()];
    expect(closeBox.x - (goBox.x + goBox.width)).toBeGreaterThanOrEqual(10);
    // ⟳, pressed again and again in lessons 5 and 6, and the clock's buttons: 40 px, and as
    // tall as the top bar's other buttons (24-27 px, zh phone review)
    const side = (sel) => page.locator(sel).first().evaluate((e) => { const r = e.getBoundingClientRect(); return Math.min(r.width, r.height); });
    expect(await side('.window:not(.attacker) form.addressbar button.reload')).toBeGreaterThanOrEqual(40);
    expect(await side('#clock-plus-minute')).toBeGreaterThanOrEqual(28);
    // a tapped value box says nothing of arrow keys and F2 (the keyboard's line, for a finger)
    await cell(page, 'Value', 'connect.sid').tap();
    await expect(cell(page, 'Value', 'connect.sid')).toBeFocused();
    await expect(page.locator('.jar-keys')).toBeHidden();
    await expect(page.locator('.jar-limits')).toBeVisible();
    // the server's tab: the deployment's boxes (lesson 4's step 7 ticks trust proxy), and
    // the timeline's "Wait for every answer" (13 px each)
    const boxOf = (id) => page.locator(id).evaluate((e) => { const r = e.getBoundingClientRect(); return Math.min(r.width, r.height); });
    await page.getByRole('tab', { name: 'Server' }).click();
    // the server's panels' headings too (23 px)
    const folds = await page.$$eval('#pane-server summary', (els) => els.filter((e) => e.getClientRects().length > 0).map((e) => [e.textContent, e.getBoundingClientRect().height]));
    expect(folds.length).toBeGreaterThanOrEqual(3);
    for (const [what, h] of folds) expect(h, what).toBeGreaterThanOrEqual(24);
    await page.locator('details.deploy > summary').click();
    for (const id of ['#deploy-tls', '#deploy-trust']) {
      await expect(page.locator(id)).toBeVisible();
      expect(await boxOf(id), id).toBeGreaterThanOrEqual(24);
    }
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.locator('details.flight > summary').click();
    await expect(page.locator('#flight-wait')).toBeVisible();
    expect(await boxOf('#flight-wait'), '#flight-wait').toBeGreaterThanOrEqual(24);
  });
});

// The ring drawn inside a filled button met its fill: blue on brown, 1.1:1 (the keyboard
// reviewer found it only at 4x zoom); on the chosen "State after" it was 1.15:1 in the dark
// (the dark-theme reviewer). What the ring meets inside must stand apart from it.
async function ringRatio(button) {
  return button.evaluate((b) => {
    const cs = getComputedStyle(b);
    const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
    const lum = (c) => {
      const [r, g, bl] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const inset = -parseFloat(cs.outlineOffset);
    const ring = cs.outlineColor;
    // what lies just inside the ring: an inset shadow wider than the ring's inset, or the fill
    const m = cs.boxShadow.match(/(rgba?\([^)]*\)) 0px 0px 0px ([\d.]+)px inset/);
    const inside = m && parseFloat(m[2]) > inset + parseFloat(cs.outlineWidth) - 2 ? m[1] : cs.backgroundColor;
    const [a, c] = [lum(ring), lum(inside)].sort((x, y) => y - x);
    return (a + 0.05) / (c + 0.05);
  });
}

for (const scheme of ['light', 'dark']) {
  test(`${scheme}: the focus ring on a filled button meets a colour it contrasts with`, async ({ browser, site }) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: scheme, locale: 'en-US' });
    const page = await context.newPage();
    await openApp(page, site);
    await page.locator('#address').focus();
    await page.keyboard.press('Tab');
    const go = page.locator('.window:not(.attacker) form.addressbar button[type=submit]');
    await expect(go).toBeFocused();
    expect(await ringRatio(go), 'Go').toBeGreaterThanOrEqual(3);
    // the chosen "State after", filled in the info colour
    await page.locator('#address').fill('http://localhost:8080/');
    await page.locator('#address').press('Enter');
    const travel = page.locator('#pane-timeline .timeline > li.entry .btn.travel').last();
    await travel.click();
    await expect(travel).toHaveAttribute('aria-pressed', 'true');
    await travel.blur();
    await travel.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(travel).toBeFocused();
    expect(await ringRatio(travel), 'State after, chosen').toBeGreaterThanOrEqual(3);
    await context.close();
  });
}

// the dark theme's reviewer: the browser's grey placeholders (3.6:1 on the dark panel, and the
// add-cookie boxes' only labels), five boxes in the browser's grey slabs, and disabled buttons
// that looked as ready as the rest
test('dark: placeholders read, every box is the page\'s, a disabled button looks it', async ({ browser, site }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark', locale: 'en-US' });
  const page = await context.newPage();
  await openApp(page, site);
  const ratio = (a, b) => {
    const lum = (c) => {
      const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const name = page.locator('.add-cookie input').first();
  const [hint, bg] = await name.evaluate((i) => [getComputedStyle(i, '::placeholder').color, getComputedStyle(i).backgroundColor]);
  expect(ratio(hint, bg), `placeholder ${hint} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  const panel = await page.locator('.pane').first().evaluate((p) => getComputedStyle(p).backgroundColor);
  await page.locator('#pane-jar details.jar-io > summary').click();
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  for (const id of ['#share-link', '#share-embed', '#jar-io-text', '#jar-io-format']) {
    const [back, radius] = await page.locator(id).evaluate((e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).borderTopLeftRadius]);
    expect([id, back, radius]).toEqual([id, panel, '6px']);
  }
  expect((await page.locator('#share-link').boundingBox()).height).toBeGreaterThanOrEqual(23.5);
  await page.keyboard.press('Escape');
  // a disabled button is dimmed (a challenge that hides the secret offers no export)
  await openApp(page, site, { hash: 'challenge=weak-secret' });
  await expect(page.locator('#export-node')).toBeDisabled();
  expect(Number(await page.locator('#export-node').evaluate((b) => getComputedStyle(b).opacity))).toBeLessThan(0.7);
  await context.close();
});

// WCAG 1.4.11: a box one types in or picks from is known by its edge, which must stand 3:1
// apart from what is around it and from its own inside. The fields shared the panes' hairline,
// #d9d5ca on white, 1.45:1 (#3b3a36 on the dark panel, 1.5:1): an empty Name box in the jar
// was hard to find. (The jar's cells are a table's cells, drawn when pointed at or focused.)
for (const scheme of ['light', 'dark']) {
  test(`${scheme}: every field's and every button's edge stands 3:1 apart, in the lab, the options, the deployment, the panels and the inspector`, async ({ browser, site }) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: scheme, locale: 'en-US' });
    const page = await context.newPage();
    const edges = () => page.evaluate(() => {
      const rgb = (c) => c.match(/[\d.]+/g).map(Number);
      const lum = (c) => {
        const [r, g, b] = rgb(c).slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
      const opaque = (c) => { const v = rgb(c); return v.length < 4 || v[3] > 0.5; };
      const behind = (e) => {
        for (let p = e.parentElement; p; p = p.parentElement) {
          const bg = getComputedStyle(p).backgroundColor;
          if (opaque(bg)) return bg;
        }
        return getComputedStyle(document.documentElement).backgroundColor;
      };
      const bad = [];
      let seen = 0;
      for (const f of document.querySelectorAll('input, select, textarea')) {
        if (['checkbox', 'radio', 'range', 'hidden'].includes(f.type) || f.matches('.jar input.cell')) continue;
        if (!f.checkVisibility() || f.getBoundingClientRect().width === 0) continue;
        seen++;
        const cs = getComputedStyle(f);
        const own = opaque(cs.backgroundColor) ? cs.backgroundColor : behind(f);
        const out = behind(f);
        const a = ratio(cs.borderTopColor, out), b = ratio(cs.borderTopColor, own);
        if (parseFloat(cs.borderTopWidth) < 1 || a < 3 || b < 3) {
          bad.push(`${f.id || f.name || f.getAttribute('aria-label') || f.className} ${cs.borderTopColor} on ${out}: ${a.toFixed(2)}, inside ${b.toFixed(2)}`);
        }
      }
      // a plain button's fill is 1.1:1 against the panel: with the panes' hairline for its
      // edge (1.45:1) "Copy the value" and "Add cookie" read as plain words (dark-theme
      // review); its edge stands 3:1 apart from the panel around it (it stood 2.9:1 in both
      // themes, under WCAG 1.4.11's 3:1: dark-theme review)
      let buttons = 0;
      for (const btn of document.querySelectorAll('button.btn:not(.primary)')) {
        if (!btn.checkVisibility() || btn.getBoundingClientRect().width === 0) continue;
        buttons++;
        const cs = getComputedStyle(btn);
        const r = ratio(cs.borderTopColor, behind(btn));
        if (r < 3) bad.push(`button ${btn.textContent.trim()} ${cs.borderTopColor} on ${behind(btn)}: ${r.toFixed(2)}`);
      }
      return { seen: Math.min(seen, buttons), bad };
    });
    const check = async (what, least) => {
      const { seen, bad } = await edges();
      expect(seen, `${what}: fields seen`).toBeGreaterThanOrEqual(least);
      expect(bad, what).toEqual([]);
    };
    await openApp(page, site, { hash: 'lesson=middleware' });
    await page.locator('details.options > summary').click();
    await check('lesson 3 with its options', 6);
    await openApp(page, site, { hash: 'lesson=auth&variant=tls-proxy' });
    await page.locator('#deploy-form').waitFor();
    await check('lesson 4 behind the TLS proxy, the deployment open', 4);
    await page.locator('#pane-jar details.jar-io > summary').click();
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await check('the share panel and the jar\'s export', 5);
    await page.keyboard.press('Escape');
    await openApp(page, site, { hash: 'tool=inspect' });
    await check('the inspector', 3);
    await context.close();
  });
}

test('Tab past the notes or the shortcuts closes them: the focus never goes on under them', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site);
  await lesson(page, 4);
  await page.locator('.learn-open').click();
  const notes = page.locator('aside.learn');
  await expect(notes).toBeVisible();
  // from the notes' last control, Tab leaves them: they close, and the focus is where Tab
  // took it, in view (it had gone on to the server pane's buttons beneath the panel)
  await notes.locator('button.forget').focus();
  await page.keyboard.press('Tab');
  await expect(notes).toHaveCount(0);
  // and says so: nothing told a screen reader the drawer had gone (keyboard review)
  await expect(page.locator('#announcer')).toHaveText('Notes and quiz closed.');
  const focused = page.locator(':focus');
  await expect(focused).toBeInViewport();
  expect(await focused.evaluate((el) => el.tagName)).not.toBe('BODY');
  // a click elsewhere leaves the notes open (the learner reads them while trying things)
  await page.locator('.learn-open').click();
  await expect(notes).toBeVisible();
  await page.locator('#address').click();
  await expect(notes).toBeVisible();
  await page.keyboard.press('Escape');
  // the shortcuts: Shift+Tab out of their first control closes them too
  await page.locator('#open-keys').click();
  const keys = page.locator('#keys-help');
  await expect(keys).toBeVisible();
  await keys.locator('h2').focus();
  await page.keyboard.press('Shift+Tab');
  await expect(keys).toHaveCount(0);
  await expect(page.locator('#announcer')).toHaveText('Keyboard shortcuts closed.');
  // and Tab out of their last control goes on to what follows the "?" button, the lesson
  // card, as out of Share or Scenario (it had skipped the card and the Last request bar)
  await page.locator('#open-keys').focus();
  await page.keyboard.press('Enter');
  await expect(keys.locator('h2')).toBeFocused();
  await page.locator('#question-key').focus();
  await page.keyboard.press('Tab');
  await expect(keys).toHaveCount(0);
  await expect(page.locator('.lesson-card :focus')).toHaveCount(1);
});

test('the lesson menu stays on a tablet\'s screen (it ran past a 640 px edge)', async ({ page, site, problems }) => {
  for (const [w, h] of [[640, 360], [768, 600], [880, 700]]) {
    await page.setViewportSize({ width: w, height: h });
    await openApp(page, site);
    await page.locator('details.picker > summary').click();
    const box = await page.locator('.picker-menu').boundingBox();
    expect(box.x, `${w}`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${w}`).toBeLessThanOrEqual(w);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${w}`).toBeLessThanOrEqual(w);
    await page.keyboard.press('Escape');
  }
});

test('a folded panel opened from the keyboard keeps its summary, which holds the focus, in view, and shows its form below it', async ({ browser, site }) => {
  // lesson 3's options at 1280×720 and 1440×900 scrolled the server pane until the focused
  // summary was 100 px above it: a keyboard learner lost their place
  for (const [w, h] of [[1280, 720], [1440, 900]]) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    await openApp(page, site, { hash: 'lesson=middleware' });
    const summary = page.locator('details.options > summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('details.options')).toHaveAttribute('open', '');
    await expect(summary).toBeFocused();
    // nothing else drawn over its middle: it is inside every box that clips it
    await expect.poll(() => summary.evaluate((s) => {
      const r = s.getBoundingClientRect();
      const at = document.elementFromPoint(r.left + Math.min(40, r.width / 2), r.top + r.height / 2);
      return !!at && s.contains(at);
    }), `${w}×${h}`).toBe(true);
    // and the form's first field came into view with it
    await expect(page.locator('#options-form input, #options-form select').first()).toBeInViewport();
    await page.close();
  }
});

// A cookie added from the keyboard on a phone: the focus goes back to Name for the next one
// (it stayed in the emptied Value box) and the jar shows the new row from its start (it kept
// its sideways scroll, the new row's value and domain out of sight).
test('after Add cookie the focus is on Name and the jar shows the new row', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, site);
  await lesson(page, 4);
  await go(page, 'http://localhost:8080/login?username=alice');
  const wrap = page.locator('.jar-wrap');
  await wrap.scrollIntoViewIfNeeded();
  await wrap.evaluate((e) => { e.scrollLeft = e.scrollWidth; });
  expect(await wrap.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
  await page.fill('.add-cookie input[aria-label=Name]', 'username');
  await page.fill('.add-cookie input[aria-label=Value]', 'customer');
  await page.locator('.add-cookie input[aria-label=Value]').press('Enter');
  await expect(page.locator('table.jar tr[data-cookie=username]')).toHaveCount(1);
  await expect(page.locator('#add-cookie-name')).toBeFocused();
  await expect.poll(() => wrap.evaluate((e) => e.scrollLeft)).toBe(0);
});

// On a phone the options form's buttons stick to the screen's bottom: a field the keyboard
// reaches above them scrolls clear of them (genid and store sat under Apply, focus unseen).
test('at 390 a field focused from the keyboard is never under the sticky Apply row', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, site, { hash: 'lesson=store' });
  await page.getByRole('tab', { name: 'Server' }).click();
  const summary = page.locator('details.options > summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('details.options')).toHaveAttribute('open', '');
  const apply = page.getByRole('button', { name: 'Apply and restart the server', exact: true });
  await apply.focus();
  for (const id of ['#opt-genid', '#opt-store']) {
    await page.keyboard.press('Shift+Tab');
    await expect(page.locator(id)).toBeFocused();
    await expect.poll(() => page.locator(id).evaluate((f) => {
      const row = f.closest('.opts').querySelector(':scope > .row:last-of-type').getBoundingClientRect();
      return f.getBoundingClientRect().bottom <= row.top + 0.5;
    }), id).toBe(true);
  }
});

test('a language switch is said in the new language, once its texts are here', async ({ page, site, problems }) => {
  await openApp(page, site, { lang: 'zh' });
  const heard = page.locator('#announcer');
  await expect(heard).toContainText('页面现在是中文。');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(heard).toContainText('The page is in English now.');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await expect(heard).toContainText('页面现在是中文。');
});

test('the jar by keys: Space flips a switch; the attacker\'s plant button is reached by Enter and the arrows', async ({ page, site, problems }) => {
  await withBalanceCookie(page, site);
  const focus = () => page.evaluate(() => {
    const a = document.activeElement;
    return { tag: a.tagName, cell: a.closest('td')?.dataset.cell || '', name: a.getAttribute('aria-label') || a.textContent.trim() };
  });
  const heard = page.locator('#announcer');
  // Space on HttpOnly's cell turns it on and off, the focus staying on the cell (it did nothing)
  await page.locator('table.jar td[data-cell="0-6"]').focus();
  await page.keyboard.press('Space');
  await expect(heard).toHaveText('Changed by hand in balance: HttpOnly on.');
  await expect.poll(async () => (await focus()).tag).toBe('TD');
  await expect.poll(async () => (await focus()).cell).toBe('0-6');
  await page.keyboard.press('Space');
  await expect(heard).toHaveText('Changed by hand in balance: HttpOnly off.');
  // Space on a cell without a switch (Size) changes nothing: the next flip of HttpOnly turns
  // it on, not off
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(heard).toHaveText('Changed by hand in balance: HttpOnly on.');
  await expect(page.locator('table.jar td[data-cell="0-6"] input[type=checkbox]')).toBeChecked();
  await expect(page.locator('table.jar td[data-cell="0-7"] input[type=checkbox]')).not.toBeChecked();

  // the fixation challenge's hint names "Plant in the victim's jar": Tab left the grid before
  // reaching it, beside ✕ in the same cell
  await challenge(page, 'fixation');
  await page.locator('#pane-jar .pane-head .segmented button').nth(1).click();
  // whose jar, said once (it read "The attacker's browser's cookie jar")
  await expect(page.getByRole('grid')).toHaveAccessibleName("The attacker's cookie jar: arrows move, Enter or F2 edits");
  await page.locator('table.jar td[data-cell="0-10"]').focus();
  await page.keyboard.press('Enter');
  await expect.poll(focus).toEqual({ tag: 'BUTTON', cell: '0-10', name: "Plant in the victim's jar" });
  await page.keyboard.press('ArrowRight');
  await expect.poll(focus).toEqual({ tag: 'BUTTON', cell: '0-10', name: 'Delete connect.sid' });
  // the grid's keys stay drawn while a button in a cell has the focus
  await expect(page.locator('.jar-keys')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await focus()).name).toBe("Plant in the victim's jar");
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await focus()).name).toBe('Delete connect.sid');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(page.locator('#jar-planted')).toHaveText("✓ connect.sid is now in the victim's jar.");
  // Escape takes the focus back to the cell
  await page.keyboard.press('Escape');
  await expect.poll(focus).toEqual({ tag: 'TD', cell: '0-10', name: expect.any(String) });
});

// a second refusal in the same words was never heard: the alert's text did not change (the
// screen-reader reviewer's MutationObserver saw nothing). Each refusal is a new alert.
test('a jar edit refused twice in the same words is announced twice', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'lesson=manual' });
  await go(page, 'http://localhost:9090/');
  const refuse = async (text) => {
    const c = cell(page, 'Value', 'session.id');
    await c.fill(text);
    await c.press('Enter');
  };
  await refuse('x;y');
  const alert = page.locator('#jar-problem');
  await expect(alert).toHaveAttribute('role', 'alert');
  const said = await alert.textContent();
  const first = await alert.elementHandle();
  await refuse('q;z');
  await expect.poll(() => first.evaluate((e) => e.isConnected), 'the first alert is gone').toBe(false);
  await expect(alert).toHaveText(said);
  // the add row's name box points at why its cookie was refused
  await page.locator('#add-cookie-name').fill('bad name;');
  await page.locator('#add-cookie-name').press('Enter');
  await expect(page.locator('#add-cookie-name')).toHaveAttribute('aria-describedby', 'jar-problem');
  expect(problems).toEqual([]);
});

// two cookies of one name (a path or domain edited by hand) gave two "Delete balance" and two
// "Edit Value · balance": a screen reader could not tell them apart
test('cookies of the same name are told apart by their domain and path', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'lesson=cookie' });
  await go(page, 'http://localhost:3000/');
  const path = page.locator('table.jar tbody tr[data-cookie="balance"] td').nth(3).locator('input');
  await path.fill('/admin');
  await path.press('Enter');
  await go(page, 'http://localhost:3000/');
  await expect(page.locator('table.jar tbody tr[data-cookie="balance"]')).toHaveCount(2);
  const names = await page.locator('table.jar tbody tr[data-cookie="balance"] button.icon-btn').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')).sort());
  expect(names).toEqual(['Delete balance (localhost /)', 'Delete balance (localhost /admin)']);
  expect(problems).toEqual([]);
});

test('a control reached by Tab in a scrolling box shows whole, its ring too (the scenario panel\'s JSON box)', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site);
  await page.locator('#open-scenario').click();
  const text = page.locator('#scenario-text');
  await expect(text).toBeVisible();
  // Tab from the panel's first control to the JSON box: the panel scrolls it wholly in view,
  // with room for its 2 px ring 2 px out (it stopped 16 px past the panel's foot)
  await page.locator('#scenario-panel button, #scenario-panel input').first().focus();
  for (let i = 0; i < 40 && !(await text.evaluate((e) => e === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(text).toBeFocused();
  const room = await text.evaluate((e) => {
    const r = e.getBoundingClientRect();
    const box = e.closest('.tool-panel').getBoundingClientRect();
    return { above: r.top - 4 - box.top, below: box.bottom - (r.bottom + 4) };
  });
  expect(room.above, JSON.stringify(room)).toBeGreaterThanOrEqual(0);
  expect(room.below, JSON.stringify(room)).toBeGreaterThanOrEqual(0);
});

// the server pane's closed forms, one row in view at a time in a box 3.25rem tall: a summary
// reached by Tab shows whole in that box, its ring inside it (the pane's 3rem of scroll
// padding at the foot scrolled it 6 px above the box's top, the ring's top line cut)
for (const [width, height] of [[1280, 720], [1440, 900]]) {
  test(`${width}x${height}: the server's closed forms reached by Tab show whole, rings and all`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width, height });
    await openApp(page, site, { hash: 'lesson=middleware', lang: 'en' });
    const entries = page.locator('#pane-timeline li.entry');
    for (const path of ['/', '/peek', '/remember', '/regenerate', '/unset', '/destroy']) {
      const n = await entries.count();
      await page.fill('#address', 'http://localhost:3000' + path);
      await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').click();
      await expect(entries).toHaveCount(n + 1);
    }
    for (const form of ['options', 'deploy', 'visitors']) {
      const summary = page.locator(`#pane-server details.${form} > summary`);
      await summary.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      await expect(summary).toBeFocused();
      await page.waitForTimeout(300);
      const room = await summary.evaluate((e) => {
        const r = e.getBoundingClientRect();
        const box = e.closest('.rest-panels').getBoundingClientRect();
        return { above: r.top - box.top, below: box.bottom - r.bottom };
      });
      expect(room.above, `${form} ${JSON.stringify(room)}`).toBeGreaterThanOrEqual(0);
      expect(room.below, `${form} ${JSON.stringify(room)}`).toBeGreaterThanOrEqual(0);
    }
  });
}

test('the skip link to the main part keeps the fragment: an embed reloaded stays the embed', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  const hash = '#embed=1&lesson=auth&lang=zh';
  await page.goto(site.url + hash);
  await expect(page.locator('header.embed-bar')).toBeVisible();
  const skip = page.locator('a.skip').first();
  await skip.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  expect(await page.evaluate(() => location.hash)).toBe(hash);
  await page.reload();
  await expect(page.locator('header.embed-bar')).toBeVisible();
  await expect(page.locator('header.topbar')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a shortcut brings its target into view when it has the focus already', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // (forge's page is tall on a phone: the attacker's tools under the jar)
  await openApp(page, site, { hash: 'challenge=forge' });
  await page.keyboard.press('Alt+Shift+KeyJ');
  const focused = page.locator('table.jar td:focus, table.jar input:focus');
  await expect(focused).toHaveCount(1);
  await page.evaluate(() => scrollTo(0, 0));
  await expect(focused).not.toBeInViewport();
  await page.keyboard.press('Alt+Shift+KeyJ');
  await expect(focused).toBeInViewport();
  expect(problems).toEqual([]);
});


// A step chip is a button: its edge stands 3:1 against the card (the panes' hairline, 1.45:1
// in the dark theme), and the focus ring goes round the chip, not round the number inside it
// (16x18 px: dark-theme and keyboard reviews).
test('dark: a step chip\'s edge stands 3:1 against the card, and its focus ring goes round the chip', async ({ browser, site }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark', locale: 'en-US' });
  const page = await context.newPage();
  await openApp(page, site, { hash: 'lesson=cookie' });
  const second = page.locator('.step-chips li').nth(1);
  const [line, card] = await second.evaluate((li) => [getComputedStyle(li).borderTopColor, getComputedStyle(li.closest('.guide')).backgroundColor]);
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(line), lum(card)].sort((p, q) => q - p);
  expect((x + 0.05) / (y + 0.05), `${line} on ${card}`).toBeGreaterThanOrEqual(3);
  // reached by the keyboard
  await second.locator('button.chip').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(second.locator('button.chip')).toBeFocused();
  const [ring, own] = await second.evaluate((li) => [getComputedStyle(li).outlineStyle + ' ' + getComputedStyle(li).outlineWidth, getComputedStyle(li.querySelector('button')).outlineStyle]);
  expect([ring, own]).toEqual(['solid 2px', 'none']);
  await context.close();
});

// Hijack's XSS read by Enter at 1440x900: the read and its catch scroll the browser pane and
// the card grows a line; the focused button had shown its lower half at the pane's top
// (keyboard review of the challenges). It stays whole, the catch below it.
test('1440x900: the XSS read pressed by Enter keeps its button whole in the pane', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, site, { hash: 'challenge=hijack', lang: 'en' });
  await page.keyboard.press('Alt+Shift+A');
  const read = page.getByRole('button', { name: "XSS: read document.cookie on the victim's page (your browser)", exact: true });
  await read.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.why')).toHaveText(/^Note: XSS read connect.sid/);
  await expect(read).toBeFocused();
  const whole = () => read.evaluate((b) => {
    const r = b.getBoundingClientRect();
    for (let p = b.parentElement; p; p = p.parentElement) {
      if (p.scrollHeight > p.clientHeight) {
        const q = p.getBoundingClientRect();
        if (r.top < q.top - 0.5 || r.bottom > q.bottom + 0.5) return `${Math.round(r.top)}-${Math.round(r.bottom)} in ${Math.round(q.top)}-${Math.round(q.bottom)}`;
      }
    }
    return 'whole';
  });
  await expect.poll(whole).toBe('whole');
  await page.waitForTimeout(300);
  expect(await whole()).toBe('whole');
});

// A pane under 22rem lets the options' buttons row lie at the form's end (stuck to the foot
// of a box of 80 px it covered every field): the CSRF challenge's cookie.sameSite, set at
// 1280x720 under a Last request of three lines, left Apply and "not applied yet" below the
// box's fold (zh dark review). A change not applied brings the row back where the pane has
// 16rem.
test('1280x670 zh: an option changed brings Apply and "not applied" into the box', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 670 });
  await openApp(page, site, { hash: 'challenge=csrf', lang: 'zh' });
  await page.locator('details.options > summary').click();
  const select = page.locator('#opt-cookie-sameSite');
  await select.scrollIntoViewIfNeeded();
  // (whole inside the box that scrolls it)
  const inBox = (sel) => page.locator(sel).evaluate((e) => {
    let s = e.parentElement;
    while (s && !/auto|scroll/.test(getComputedStyle(s).overflowY)) s = s.parentElement;
    const [r, box] = [e.getBoundingClientRect(), s.getBoundingClientRect()];
    return r.top >= box.top && r.bottom <= box.bottom;
  });
  // (the pane is short: before a change the row keeps its place at the form's end)
  expect(await inBox('#options-form button[type=submit]')).toBe(false);
  await select.selectOption('lax');
  await expect(page.locator('#options-pending')).toBeVisible();
  await expect.poll(() => inBox('#options-form button[type=submit]')).toBe(true);
  expect(await inBox('#options-pending')).toBe(true);
  // the field just set is not under the row
  expect(await inBox('#opt-cookie-sameSite')).toBe(true);
  const [row, field] = [await page.locator('#options-form > .row').boundingBox(), await select.boundingBox()];
  expect(field.y + field.height).toBeLessThanOrEqual(row.y);
  // applied, the row goes back to its place
  await page.locator('#options-form button[type=submit]').click();
  await expect(page.locator('#options-applied')).toBeVisible();
  expect(problems).toEqual([]);
});

// The headings drawn in capitals keep their words for a screen reader: Chromium named the
// region by the transformed text, "LAST REQUEST", which some screen readers spell out letter
// by letter (screen reader review).
test('headings drawn in capitals are named in their own words', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'lesson=cookie', lang: 'en' });
  await expect(page.locator('#h-last')).toHaveCSS('text-transform', 'uppercase');
  await openPicker(page);
  await expect(page.locator('.menu-title').first()).toHaveCSS('text-transform', 'uppercase');
  // the names as Chromium's accessibility tree gives them to a screen reader (Playwright's
  // own name computation ignores text-transform)
  const client = await page.context().newCDPSession(page);
  const { nodes } = await client.send('Accessibility.getFullAXTree');
  const named = (role) => nodes.filter((n) => n.role?.value === role).map((n) => n.name?.value);
  expect(named('heading')).toContain('Last request');
  expect(named('heading')).toContain('Lessons');
  expect(named('region')).toContain('Last request');
  expect(named('heading')).not.toContain('LAST REQUEST');
});
