// When sessions fail in production: two servers behind a load balancer (a MemoryStore each
// flickers, a shared Redis holds) and a TLS-terminating proxy (the silent failed login, fixed
// by trust proxy), end to end in headless Chromium.
import { test, expect, openApp, onPhone, go, lesson, viewport, cell, brokenWords, SHOTS } from '../fixtures.mjs';

const window_ = (page) => page.locator('.window:not(.attacker)');

async function logIn(page) {
  await page.locator('.page-form input[name=username]').fill('alice');
  await page.locator('.page-form button[type=submit]').click();
}

async function reload(page) {
  await window_(page).getByRole('button', { name: 'Reload', exact: true }).click();
}

/** The instance tag of the newest timeline entry. */
function lastInstance(page) {
  return page.locator('#pane-timeline li.entry').last().locator('.tag.instance');
}

test('1280×720 zh, two MemoryStores: the session the bar says is in the other instance\'s memory shows in its table', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, site, { hash: 'lesson=store&variant=two-memory', lang: 'zh' });
  await go(page, 'http://localhost:8080/');
  await logIn(page);
  // the redirect to /user went to the other instance, whose store has no such session; the
  // one that has it (app2's table, under app1's) comes into the store's box, its row whole
  await expect(viewport(page)).not.toContainText('alice');
  await expect(page.locator('#last-verdict .aside')).toContainText('这个 session 在 app');
  await expect(page.locator('#pane-server table.store tbody tr', { hasText: '"username":"alice"' })).toBeInViewport({ ratio: 0.95 });
});

test('two servers with a MemoryStore each: the login flickers; with one shared Redis it holds', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 5);
  // the options open and scrolled to their end, as Show me on an option leaves them: the
  // store keeps its place above them (it went up out of view with the form), and choosing a
  // variant keeps the stores in view
  await page.locator('details.options > summary').click();
  await page.locator('#pane-server .rest-panels').evaluate((b) => { b.scrollTop = b.scrollHeight; });
  await expect.poll(() => page.locator('#pane-server .rest-panels').evaluate((b) => b.scrollTop)).toBeGreaterThan(0);
  await expect(page.locator('#pane-server .rest-store h3').first()).toBeInViewport({ ratio: 1 });
  await page.getByRole('button', { name: 'Two servers, a MemoryStore each', exact: true }).click();
  // a store per instance, each named
  await expect(page.locator('#pane-server h3', { hasText: "app1's MemoryStore" })).toHaveCount(1);
  await expect(page.locator('#pane-server h3', { hasText: "app2's MemoryStore" })).toHaveCount(1);
  // the stores stay in view (the deployment the variant had opened scrolled the server pane
  // past them); the deployment stays folded: two instances alone are not a form to fill in
  await page.waitForTimeout(300);
  await expect(page.locator('details.deploy')).toHaveJSProperty('open', false);
  await expect(page.locator('#pane-server h3', { hasText: "app1's MemoryStore" })).toBeInViewport();
  await go(page, 'http://localhost:8080/');
  await logIn(page);
  // the redirect to /user went to the other instance: not logged in there
  await expect(page.locator('#address')).toHaveValue('http://localhost:8080/user');
  await expect(viewport(page)).not.toContainText('alice');
  // the session the bar says is in the other instance's memory shows there: its table,
  // under the first, is scrolled into the store's box (at 1280x720 it was out of view)
  await expect(page.locator('#pane-server table.store tbody tr', { hasText: '"username":"alice"' })).toBeInViewport({ ratio: 0.9 });
  const first = await lastInstance(page).textContent();
  await reload(page);
  await expect(viewport(page)).toContainText('欢迎你，alice');
  await expect(lastInstance(page)).not.toHaveText(first);
  await reload(page);
  await expect(viewport(page)).not.toContainText('alice');
  await expect(lastInstance(page)).toHaveText(first);
  // the bar says where the session is (it gave "unknown, expired or destroyed")
  await expect(page.locator('#last-verdict .aside')).toHaveText(/^This request went to app[12], whose MemoryStore is its own: the session is in app[12]'s memory\.$/);
  // the diagram names the instance too
  await expect(page.locator('.diagram-scroll svg.diagram')).toContainText('→ app');

  await page.getByRole('button', { name: 'Two servers, one shared Redis', exact: true }).click();
  await expect(page.locator('#pane-server h3', { hasText: 'shared by both instances' })).toHaveCount(1);
  await go(page, 'http://localhost:8080/');
  await logIn(page);
  await expect(viewport(page)).toContainText('欢迎你，alice');
  const seen = new Set([await lastInstance(page).textContent()]);
  for (let i = 0; i < 2; i++) {
    await reload(page);
    await expect(viewport(page)).toContainText('欢迎你，alice');
    seen.add(await lastInstance(page).textContent());
  }
  expect([...seen].sort()).toEqual(['app1', 'app2']);
  // Redis's keys and TTLs
  const store = page.locator('table.store.redis');
  await expect(store.locator('thead')).toContainText('TTL left');
  await expect(store.locator('tbody td.sid').first()).toHaveText(/^sess:/);
  await expect(store.locator('tbody')).toContainText('86400 s');
  await expect(page.locator('pre.code')).toContainText('store: new RedisStore({ client: redisClient })');
});

test('behind a TLS proxy a Secure cookie is not sent until the app trusts the proxy', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 4);
  await page.getByRole('button', { name: 'Behind a TLS proxy', exact: true }).click();
  await expect(page.locator('#address')).toHaveValue('https://localhost:8080/');
  await go(page, 'https://localhost:8080/');
  await logIn(page);
  // checkUser sends us back: no cookie came with the login
  await expect(page.locator('#address')).toHaveValue('https://localhost:8080/');
  await expect(page.locator('table.jar tbody')).toContainText('The cookie jar is empty');
  const login = page.locator('#pane-timeline li.entry', { hasText: '/login' }).last();
  await login.locator('details > summary').first().click();
  await expect(login).toContainText('The TLS proxy ended https here');
  await expect(login).toContainText('express-session does not believe it');

  // app.set('trust proxy', 1)
  const deploy = page.locator('details.deploy');
  if (!(await deploy.evaluate((d) => d.open))) await deploy.locator('summary').click();
  await expect(page.locator('#deploy-pending')).toHaveCount(0);
  await page.locator('#deploy-trust').check();
  await expect(page.locator('#deploy-applied')).toHaveCount(0);
  // not applied yet: the form says so, and the bar of a request made meanwhile (lesson 6's
  // store delays typed and not applied brought no race, without a word)
  await expect(page.locator('#deploy-pending')).toHaveText('⚠ Not applied yet: the server still runs as deployed before.');
  await go(page, 'https://localhost:8080/');
  await expect(page.locator('#verdict-pending')).toHaveText('⚠ This ran with the old deployment: the changes in the Deployment are not applied until you press Apply and restart.');
  await page.getByRole('button', { name: 'Apply and restart', exact: true }).click();
  await expect(page.locator('pre.code')).toContainText("app.set('trust proxy', 1);");
  // said beside the button, until the next edit
  await expect(page.locator('#deploy-applied')).toContainText('Applied: the server restarted with this deployment.');
  await expect(page.locator('#deploy-applied')).toBeInViewport();
  await expect(page.locator('#deploy-pending')).toHaveCount(0);
  await expect(page.locator('#verdict-pending')).toHaveCount(0);
  await go(page, 'https://localhost:8080/');
  await logIn(page);
  await expect(viewport(page)).toContainText('欢迎你，alice');
  await expect(page.locator('input[aria-label="Secure · connect.sid"]')).toBeChecked();
  // another variant starts with its own deployment: the word that this one was applied goes
  await expect(page.locator('#deploy-applied')).toHaveCount(1);
  await page.locator('.lesson-card .segmented button', { hasText: 'Fixed' }).click();
  await expect(page.locator('.lesson-card .segmented button[aria-pressed=true]')).toHaveText('Fixed');
  await expect(page.locator('#deploy-applied')).toHaveCount(0);
});

// Applying the single server's deployment folded the form under the learner who had just
// opened it; it now stays open until they close it.
test('the deployment form stays open when the single server is applied', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 4);
  const deploy = page.locator('details.deploy');
  await expect.poll(() => deploy.evaluate((d) => d.open)).toBe(false);
  await deploy.locator('summary').click();
  await page.locator('#deploy-tls').check();
  await page.getByRole('button', { name: 'Apply and restart', exact: true }).click();
  await expect(page.locator('#pane-timeline')).toContainText('The server restarted');
  await page.locator('#deploy-tls').uncheck();
  await page.getByRole('button', { name: 'Apply and restart', exact: true }).click();
  await expect(page.locator('#deploy-tls')).not.toBeChecked();
  await page.waitForTimeout(200);
  await expect.poll(() => deploy.evaluate((d) => d.open)).toBe(true);
  await expect(page.locator('#deploy-tls')).toBeVisible();
  // and closes when the learner closes it
  await deploy.locator('summary').click();
  await expect.poll(() => deploy.evaluate((d) => d.open)).toBe(false);
});

test('a share link carries the deployment', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'lesson=auth&variant=fixed&instances=2&balancer=sticky&tls_proxy=true&trust_proxy=1' });
  await expect(page.locator('#address')).toHaveValue('https://localhost:8080/');
  await expect(page.locator('#deploy-instances')).toHaveValue('2');
  await expect(page.locator('#deploy-balancer')).toHaveValue('sticky');
  await expect(page.locator('#deploy-tls')).toBeChecked();
  await expect(page.locator('#deploy-trust')).toBeChecked();
  await go(page, 'https://localhost:8080/');
  // the sticky balancer's cookie beside the session's, and the request tagged with its instance
  await expect(cell(page, 'Value', 'lb')).toHaveValue('app1');
  await expect(cell(page, 'Name', 'connect.sid')).toHaveValue('connect.sid');
  await expect(lastInstance(page)).toHaveText('app1');
});

// Lesson 5's two-server steps say to watch which instance each request reached in the
// timeline; the deployment the variant drew open squeezed the timeline to one cut entry at
// 1440x900. Two instances alone leave it folded; opened by hand it takes its room.
test('1440×900 zh, lesson 5\'s two servers: the timeline shows several requests and their instances', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, site, { hash: 'lesson=store', lang: 'zh' });
  await page.getByRole('button', { name: '两台服务器，各用 MemoryStore', exact: true }).click();
  await go(page, 'http://localhost:8080/');
  await logIn(page);
  for (let i = 0; i < 3; i++) await window_(page).getByRole('button', { name: '刷新', exact: true }).click();
  const whole = () => page.evaluate(() => {
    const box = document.querySelector('#pane-timeline .timeline-list').getBoundingClientRect();
    return [...document.querySelectorAll('#pane-timeline li.entry .tag.instance')].filter((t) => {
      const r = t.getBoundingClientRect();
      return r.top >= box.top && r.bottom <= box.bottom;
    }).length;
  });
  await expect.poll(whole).toBeGreaterThanOrEqual(3);
  await expect(page.locator('details.deploy')).toHaveJSProperty('open', false);
  const list = () => page.locator('#pane-timeline .timeline-list').evaluate((e) => e.getBoundingClientRect().height);
  const roomy = await list();
  await page.locator('details.deploy > summary').click();
  await expect(page.locator('#deploy-instances')).toBeVisible();
  await expect.poll(list).toBeLessThan(roomy - 40);
});

for (const lang of ['en', 'zh']) {
  test(`1440×900 (${lang}), lesson 4 behind the proxy: as step 7 becomes next, the Deployment it names is open and in view`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openApp(page, site, { hash: `lesson=auth&variant=tls-proxy&lang=${lang}`, lang: null });
    await go(page, 'https://localhost:8080/');
    await logIn(page);
    await expect(page.locator('.step-chips li[data-step="proxy-silent"]')).toHaveClass(/done/);
    await expect(page.locator('.step-chips li.next')).toHaveAttribute('data-step', 'proxy-trusted');
    // the variant drew the panel open; its heading and the field the step names are in the
    // server pane's scrolling box without the learner scrolling, so no click folds it
    const deploy = page.locator('details.deploy');
    await expect(deploy).toHaveJSProperty('open', true);
    const inBox = (sel) => page.evaluate((s) => {
      const el = document.querySelector(s);
      const box = el.closest('.server-rest').getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
    }, sel);
    await expect.poll(() => inBox('details.deploy > summary')).toBe(true);
    await expect.poll(() => inBox('#deploy-trust')).toBe(true);
    await expect(page.locator('#deploy-trust')).toBeInViewport();
    // the focus was not taken: that is Show me's
    await expect(page.locator('#deploy-trust')).not.toBeFocused();
    await page.screenshot({ path: SHOTS + `deploy-step7-1440-${lang}.png` });
    await page.locator('#deploy-trust').check();
    await page.getByRole('button', { name: lang === 'zh' ? '应用并重启' : 'Apply and restart', exact: true }).click();
    await expect(page.locator('pre.code')).toContainText("app.set('trust proxy', 1);");
  });
}

// a select cannot wrap: on a phone the balancer's choices read whole ("Round-robin (each request
// to the next)" was cut at "to the")
for (const lang of ['en', 'zh']) {
  test(`390×844 ${lang}: the deployment's choices read whole`, async ({ browser, site }) => {
    await onPhone(browser, site, `lesson=store&variant=two-memory&lang=${lang}`, async (page) => {
      await page.getByRole('tab', { name: lang === 'zh' ? '服务器' : 'Server' }).tap();
      const deploy = page.locator('details.deploy');
      if (!(await deploy.evaluate((d) => d.open))) await deploy.locator('summary').tap();
      for (const id of ['#deploy-instances', '#deploy-balancer']) {
        const select = page.locator(id);
        for (const value of await select.locator('option').evaluateAll((os) => os.map((o) => o.value))) {
          await select.selectOption(value);
          const [text, room] = await select.evaluate((s) => {
            const c = document.createElement('canvas').getContext('2d');
            const cs = getComputedStyle(s);
            c.font = cs.font;
            // the arrow takes about 20 px of the box
            return [c.measureText(s.selectedOptions[0].text).width, s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20];
          });
          expect(text, `${id} ${value}`).toBeLessThanOrEqual(room);
        }
      }
    });
  });
}

// the Deployment's Chinese labels broke inside a word ("（毫/秒）") at 1280 and 1440
for (const [w, h] of [[1280, 720], [1440, 900]]) {
  test(`${w}×${h} zh: the Deployment's labels break between words`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: w, height: h });
    await openApp(page, site, { hash: 'lesson=breaks', lang: 'zh' });
    const details = page.locator('details.deploy');
    if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
    await expect(page.locator('#deploy-latency-set')).toBeAttached();
    expect(await brokenWords(page.locator('#deploy-form .opt > label'))).toEqual([]);
  });
}

// Ticked, a server form says under its Apply that the change is not applied yet, in the row
// stuck to the foot of the box that scrolls it: that row grew over the field just ticked (its
// ring hidden) and over the delays Tab reached next, cut in half (1440x900 keyboard review)
test('1440×900: a Deployment field ticked just above the Apply row stays clear of the "not applied" words', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page, site, { hash: 'lesson=auth' });
  await page.locator('details.deploy > summary').click();
  const foot = page.locator('#deploy-form > .row:last-of-type');
  // the box that scrolls the form, scrolled so that the checkbox sits 4 px above the row
  await page.locator('#deploy-trust').evaluate((el) => {
    let box = el.parentElement;
    while (box && !(/(auto|scroll)/.test(getComputedStyle(box).overflowY) && box.scrollHeight > box.clientHeight)) box = box.parentElement;
    const row = el.closest('form').querySelector(':scope > .row:last-of-type');
    box.scrollTop += el.getBoundingClientRect().bottom - (row.getBoundingClientRect().top - 4);
  });
  const clear = (sel) => page.evaluate(([sel]) => {
    const el = document.querySelector(sel);
    const row = el.closest('form').querySelector(':scope > .row:last-of-type');
    return el.getBoundingClientRect().bottom <= row.getBoundingClientRect().top;
  }, [sel]);
  expect(await clear('#deploy-trust')).toBe(true);
  await page.locator('#deploy-trust').focus();
  await page.keyboard.press('Space');
  await expect(page.locator('#deploy-pending')).toBeVisible();
  await expect.poll(() => clear('#deploy-trust')).toBe(true);
  for (const id of ['#deploy-latency-get', '#deploy-latency-set']) {
    await page.keyboard.press('Tab');
    await expect(page.locator(id)).toBeFocused();
    await expect.poll(() => clear(id)).toBe(true);
  }
  await expect(foot).toBeVisible();
  expect(problems).toEqual([]);
});
