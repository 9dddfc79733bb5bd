import { launch, open, state, shot, go, panes, login, reloadPane } from './lib.mjs';
const b = await launch();
const { page } = await open(b, { hash: 'lang=en&lesson=store' });
const P = 'l5-';
await go(page, 'http://localhost:8080/');
await login(page);
await state(page, 's1 after login'); await panes(page); await shot(page, P + '1');
await page.getByRole('button', { name: 'Restart server', exact: true }).click();
await page.waitForTimeout(300);
await shot(page, P + '2-restarted');
await go(page, 'http://localhost:8080/user');
await state(page, 's2 after /user'); await panes(page); await shot(page, P + '2');
// step 3
await page.getByRole('button', { name: 'MemoryStore, to compare', exact: true }).click();
await page.waitForTimeout(400);
await state(page, 's3 variant'); await panes(page); await shot(page, P + '3-variant');
await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').click();
await page.waitForTimeout(400);
await state(page, 's3 go'); await shot(page, P + '3-go');
await login(page);
await state(page, 's3 login'); await shot(page, P + '3-login');
await page.getByRole('button', { name: 'Restart server', exact: true }).click();
await page.waitForTimeout(300);
await go(page, 'http://localhost:8080/user');
await state(page, 's3 /user'); await panes(page); await shot(page, P + '3-user');
// step 4
await page.getByRole('button', { name: 'Persistent store', exact: true }).click();
await page.waitForTimeout(400);
await state(page, 's4 variant'); await shot(page, P + '4-variant');
await page.locator('details.options > summary').click();
await page.fill('#opt-cookie-maxAge', '86400000');
await page.getByRole('button', { name: 'Apply and restart the server', exact: true }).click();
await page.waitForTimeout(400);
await state(page, 's4 applied'); await shot(page, P + '4-applied');
await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').click();
await page.waitForTimeout(400);
await login(page);
await state(page, 's4 login'); await panes(page); await shot(page, P + '4-login');
await page.reload();
await page.waitForTimeout(1500);
await state(page, 's4 reloaded'); await panes(page); await shot(page, P + '4-reloaded');
// step 5
await page.getByRole('button', { name: 'Two servers, a MemoryStore each', exact: true }).click();
await page.waitForTimeout(400);
await state(page, 's5 variant'); await shot(page, P + '5-variant');
await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').click();
await page.waitForTimeout(400);
await login(page);
await state(page, 's5 login'); await panes(page); await shot(page, P + '5-login');
for (let i = 0; i < 3; i++) { await reloadPane(page); await state(page, 's5 reload ' + i); await panes(page); await shot(page, P + '5-reload' + i); }
// step 6
await page.getByRole('button', { name: 'Two servers, one shared Redis', exact: true }).click();
await page.waitForTimeout(400);
await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').click();
await page.waitForTimeout(400);
await login(page);
await state(page, 's6 login'); await panes(page); await shot(page, P + '6-login');
for (let i = 0; i < 3; i++) { await reloadPane(page); await state(page, 's6 reload ' + i); await panes(page); await shot(page, P + '6-reload' + i); }
await b.close();
