// The scenario library and autoplay: a library scenario loads from the Scenario panel with its
// title and captions and plays to the end; an autoplaying embed inside embed-demo.html plays a
// narrated scenario by itself, its captions on screen, telling the host each step.
import { test, expect, openApp, openPicker, onPhone, SHOTS } from '../fixtures.mjs';
import { serve } from '../serve.mjs';

test('the library: a lesson scenario loads with its title, plays, steps back, and shows each caption', async ({ page, site, problems }) => {
  await openApp(page, site);
  await page.getByRole('button', { name: 'Scenario', exact: true }).click();
  const items = page.locator('#scenario-panel ul.library button');
  expect(await items.count()).toBeGreaterThanOrEqual(8);
  await page.locator('#scenario-panel button[data-library="2-haircut"]').click();
  await expect(page.locator('#scenario-title')).toContainText('the haircut card');
  await page.locator('#scenario-step').click();
  await expect(page.locator('#scenario-caption')).toContainText('A new customer');
  await expect(page.locator('#announcer')).toContainText('A new customer');
  await page.locator('#scenario-step').click();
  await expect(page.locator('#scenario-caption')).toContainText('100 minus 10 leaves 90');
  await expect(page.locator('#pane-browser .viewport')).toContainText('90');
  await page.locator('#scenario-back').click();
  await expect(page.locator('#scenario-progress')).toHaveText('1 of 5 steps played');
  await expect(page.locator('#scenario-caption')).toContainText('A new customer');
  // Play: it goes on by itself to the end, and the button says Pause meanwhile
  await page.locator('#scenario-autoplay').click();
  await expect(page.locator('#scenario-autoplay')).toHaveAttribute('aria-pressed', 'true');
  // the press plays the next step itself (the timer's first tick is 2.5 s away: only the
  // button's word had changed until then, and Play looked broken)
  await expect(page.locator('#scenario-progress')).toHaveText('2 of 5 steps played', { timeout: 2000 });
  await expect(page.locator('#scenario-progress')).toHaveText('5 of 5 steps played', { timeout: 20_000 });
  await expect(page.locator('#scenario-caption')).toContainText('hands out another 100');
  // in Chinese, the Chinese captions
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await expect(page.locator('#scenario-caption')).toContainText('又送一张 100 元的卡');
  // the scenario ran on its own date (2023-11-14); closed, the lab's clock is today's again
  // (a teacher's next lessons, and a recording made then, had stayed in 2023)
  await expect(page.locator('.clock')).toContainText('11-14');
  await page.getByRole('button', { name: '关闭场景', exact: true }).click();
  await expect(page.locator('#scenario-title')).toHaveCount(0);
  await expect(page.locator('.clock')).not.toContainText('11-14');
});

// a button that goes disabled under the focus hands it on: at the last step "Next step" and
// "Play all" stop working, and the focus had fallen to the page's body (the next Tab went to
// the pane under the card; keyboard review)
test('by keys, the last step played hands the focus on to Start again; Back at the first to Next step', async ({ page, site, problems }) => {
  await openApp(page, site);
  await page.getByRole('button', { name: 'Scenario', exact: true }).click();
  await page.locator('#scenario-panel button[data-library="2-haircut"]').click();
  await expect(page.locator('#scenario-title')).toContainText('the haircut card');
  await page.locator('#scenario-step').focus();
  for (let i = 1; i <= 5; i++) {
    await page.keyboard.press('Enter');
    await expect(page.locator('#scenario-progress')).toHaveText(`${i} of 5 steps played`);
  }
  await expect(page.locator('#scenario-step')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Start again', exact: true })).toBeFocused();
  // Back to the start by keys: Back goes disabled, the focus goes on to Next step
  await page.locator('#scenario-back').focus();
  for (let i = 4; i >= 0; i--) {
    await page.keyboard.press('Enter');
    await expect(page.locator('#scenario-progress')).toHaveText(`${i} of 5 steps played`);
  }
  await expect(page.locator('#scenario-back')).toBeDisabled();
  await expect(page.locator('#scenario-step')).toBeFocused();
  // Play all by keys: the focus goes on, not to the body
  await page.keyboard.press('Tab');
  await expect(page.locator('#scenario-play')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#scenario-progress')).toHaveText('5 of 5 steps played');
  await expect(page.getByRole('button', { name: 'Start again', exact: true })).toBeFocused();
  expect(problems).toEqual([]);
});

test('an autoplaying embed in embed-demo.html plays a narrated scenario to the end and tells the host each step', async ({ page, problems }) => {
  const site = await serve();
  try {
    await page.goto(`${site.url}embed-demo.html`);
    const frame = page.frameLocator('#lab');
    await expect(frame.locator('.embed-bar')).toBeVisible();
    await page.locator('#autoplay').click();
    await expect(frame.locator('#scenario-title')).toContainText('Log in, then log out');
    await expect(frame.locator('#scenario-caption')).toContainText('Log in: username goes into the session.', { timeout: 10_000 });
    const steps = () => page.evaluate(() => window.labMessages.filter((m) => m.type === 'session-lab:step').map((m) => `${m.index}/${m.total}`));
    await expect.poll(steps, { timeout: 20_000 }).toEqual(['1/3', '2/3', '3/3']);
    await expect(frame.locator('#scenario-caption')).toContainText('you are still alice');
    await expect(frame.locator('#scenario-progress')).toHaveText('3 of 3 steps played');
    await expect(frame.locator('#scenario-autoplay')).toBeDisabled();
    // a scenario's requests do not follow redirects: the last one shows the logout's 302
    await expect(frame.locator('#pane-browser .viewport')).toContainText('Redirecting to /');
  } finally {
    await site.close();
  }
});

// the course page sizes the frame to the whole lab: the shortcuts list, fixed to the frame's
// top, opened by its key from the timeline far below with its title and Close out of sight
test('an embed\'s shortcuts list opens beside what had the focus, in the host page\'s view', async ({ page, problems }) => {
  const site = await serve();
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${site.url}embed-demo.html`);
    await page.locator('#set-en').click();
    const frame = page.frameLocator('#lab');
    await expect(frame.locator('#h-timeline')).toHaveText('Timeline');
    await frame.locator('#address').focus();
    await page.keyboard.press('Alt+Shift+L');
    await expect.poll(() => frame.locator(':focus').evaluate((e) => !!e.closest('#pane-timeline'))).toBe(true);
    const seen = (box) => box && box.y >= 0 && box.y + box.height <= 900;
    // the host page scrolled to what had the focus, the frame's top far above
    await frame.locator(':focus').scrollIntoViewIfNeeded();
    expect(seen(await frame.locator(':focus').boundingBox())).toBe(true);
    expect((await page.locator('#lab').boundingBox()).y).toBeLessThan(-100);
    await page.keyboard.press('Alt+Shift+H');
    await expect(frame.locator('#keys-title')).toBeFocused();
    await expect.poll(async () => seen(await frame.locator('#keys-title').boundingBox())).toBe(true);
    expect(seen(await frame.locator('.keys-help .learn-head button').boundingBox())).toBe(true);
    // closed, the focus is back where it was
    await page.keyboard.press('Escape');
    await expect.poll(() => frame.locator(':focus').evaluate((e) => !!e.closest('#pane-timeline'))).toBe(true);
  } finally {
    await site.close();
  }
});

test('Share while a scenario is open: the link loads that scenario, from its first step', async ({ page, context, site, problems }) => {
  await openApp(page, site);
  await page.getByRole('button', { name: 'Scenario', exact: true }).click();
  await page.locator('#scenario-panel button[data-library="5-store"]').click();
  // lesson 5's connect-mongo login is placed under lesson 5, not lesson 4 (whose app it runs)
  await expect(page.locator('details.picker > summary')).toContainText('connect-mongo');
  await page.locator('#scenario-step').click();
  await page.locator('#open-share').click();
  await expect(page.locator('#share-intro')).toHaveText('The link loads this scenario, its options (a secret too) with it, from its first step, with the language and theme.');
  // the scenario carries its own options: the secret box has no say, and shows what the
  // link does (unticked, it said "no secret" beside the intro's "a secret too")
  await expect(page.locator('#share-secret')).toBeDisabled();
  await expect(page.locator('#share-secret')).toBeChecked();
  // and its hint says why it is greyed ("matters only if you changed the secret" offered a
  // choice the box did not)
  await expect(page.locator('#share-secret-hint')).toHaveText("A scenario's link carries all of the scenario, its options included (its secret, if it has one): anyone with the link can read them.");
  const link = await page.locator('#share-link').inputValue();
  expect(link).toContain('scenario=');
  expect(link).not.toContain('lesson=');
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('#scenario-title')).toContainText('connect-mongo');
  await expect(other.locator('#scenario-progress')).toHaveText(/^0 of \d+ steps played$/);
});

// Beside the buttons a phone left the steps 195 px: a step's URL broke at its "/" and the
// trace's summary took four bold lines (tools reviewer). One column there.
test('390×844: a scenario card gives its steps the card\'s width', async ({ browser, site }) => {
  await onPhone(browser, site, 'lang=zh', async (page) => {
    await expect(page.locator('#root h1')).toBeVisible();
    await page.locator('#open-scenario').tap();
    await page.locator('#scenario-panel button[data-library]').first().tap();
    const card = page.locator('.scenario-card');
    await expect(card.locator('.scenario-steps li').first()).toBeVisible();
    const [steps, whole] = await card.evaluate((c) => [c.querySelector('.scenario-steps').getBoundingClientRect().width, c.clientWidth]);
    expect(steps / whole, `${steps} of ${whole}`).toBeGreaterThan(0.8);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });
});

// A loaded scenario's card under the open Scenario panel (the state a refused file leaves: the
// panel stays open to say why) left the panes 53-81 px at 1280x720: the panel gives way first,
// down to 7rem, and the panes keep room to work in.
test('1280×720: the Scenario panel open over a loaded scenario leaves the panes room, and scrolls itself', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site, { hash: 'lesson=auth' });
  await page.locator('#open-scenario').click();
  await page.locator('#scenario-panel button[data-library="4-login"]').click();
  await expect(page.locator('#scenario-title')).toBeVisible();
  await page.locator('#open-scenario').click();
  await page.locator('#scenario-text').fill('not json');
  await page.locator('#scenario-panel').getByRole('button', { name: 'Load', exact: true }).click();
  await expect(page.locator('#scenario-panel')).toContainText('not valid JSON');
  const h = (sel) => page.locator(sel).evaluate((e) => Math.round(e.getBoundingClientRect().height));
  for (const pane of ['#pane-browser', '#pane-jar', '#pane-server', '#pane-timeline']) {
    expect(await h(pane), pane).toBeGreaterThanOrEqual(80);
  }
  expect(await h('main#main')).toBeGreaterThanOrEqual(200);
  // the panel keeps a part of itself, and scrolls to the rest
  const panel = await page.locator('#scenario-panel').evaluate((e) => ({ h: e.clientHeight, sh: e.scrollHeight }));
  expect(panel.h).toBeGreaterThanOrEqual(112);
  expect(panel.sh).toBeGreaterThan(panel.h);
  await page.screenshot({ path: `${SHOTS}scenario-panel-refused.png` });
  await page.locator('#scenario-close').click();
  await expect(page.locator('#scenario-panel')).toHaveCount(0);
  // nothing is cut at the screen's foot: the page is one screen
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(720);
});

// the picker's Tools list the header's Scenario and Share panels too: a teacher told of "the
// Tools menu" found only the inspector there (both reviews of 2026-12-07)
for (const size of [{ width: 1280, height: 720 }, { width: 390, height: 844 }]) {
  test(`${size.width}: the menu's Tools open the scenarios and the share panel, the focus in them`, async ({ page, site, problems }) => {
    await page.setViewportSize(size);
    await openApp(page, site, { hash: 'lesson=auth' });
    await openPicker(page);
    await expect(page.locator('nav.tools-menu button')).toHaveText(['⌕Cookie inspector', '▷Scenarios: examples, recording, a file', '⇪Share link and embed code']);
    await page.locator('#menu-scenarios').click();
    await expect(page.locator('details.picker')).not.toHaveAttribute('open', '');
    await expect(page.locator('#scenario-panel')).toBeVisible();
    await expect(page.locator('#scenario-panel ul.library button').first()).toBeFocused();
    // chosen again while open, it stays open
    await openPicker(page);
    await page.locator('#menu-scenarios').click();
    await expect(page.locator('#scenario-panel')).toBeVisible();
    await openPicker(page);
    await page.locator('#menu-share').click();
    await expect(page.locator('#scenario-panel')).toHaveCount(0);
    await expect(page.locator('#share-panel')).toBeVisible();
    await expect.poll(() => page.evaluate(() => !!document.activeElement.closest('#share-panel'))).toBe(true);
    await expect(page.locator('#open-share')).toHaveAttribute('aria-expanded', 'true');
    expect(problems).toEqual([]);
  });
}

// lesson 6's scenario: its parallel step is drawn and told as requests sent at once by hand
// are (the bar had stayed green under a caption that said the session came back, and the log
// had drawn /logout before /slow: zh phone review)
test('the lesson 6 scenario: the race step shows its interleaving and the bar names the session brought back', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'lesson=breaks' });
  await page.locator('#open-scenario').click();
  await page.locator('#scenario-panel button[data-library="6-breaks"]').click();
  for (let i = 1; i <= 3; i++) {
    await page.locator('#scenario-step').click();
    await expect(page.locator('#scenario-progress')).toHaveText(`${i} of 5 steps played`);
  }
  await expect(page.locator('#scenario-caption')).toContainText('the destroyed session is alive again');
  await expect(page.locator('.last-verdict')).toContainText('#2 destroyed the session, then #1 saved it back');
  await expect(page.locator('svg.flight-diagram')).toContainText('⟲');
  expect(problems).toEqual([]);
});
