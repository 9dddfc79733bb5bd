import { launch, open, state, shot, go, panes } from './lib.mjs';
const b = await launch();
const { page } = await open(b, { hash: 'lang=en&lesson=middleware' });
const P = 'l3-';
await go(page, 'http://localhost:3000/');
await state(page, 's1 after /'); await panes(page); await shot(page, P + '1');
for (const r of ['/peek', '/remember', '/regenerate', '/unset', '/destroy']) {
  await go(page, 'http://localhost:3000' + r);
  await state(page, 's2 after ' + r); await panes(page); await shot(page, P + '2' + r.replace('/', '-'));
}
// step 3
await page.locator('details.options > summary').click();
await page.waitForTimeout(300);
await shot(page, P + '3-options-open');
console.log(await page.locator('details.options').innerText());
await page.selectOption('#opt-resave', 'false');
await shot(page, P + '3-resave-false');
await page.getByRole('button', { name: 'Apply and restart the server', exact: true }).click();
await page.waitForTimeout(400);
await state(page, 's3 after apply'); await panes(page); await shot(page, P + '3-applied');
await go(page, 'http://localhost:3000/');
await state(page, 's3 after / #1'); await panes(page); await shot(page, P + '3-slash1');
await go(page, 'http://localhost:3000/');
await state(page, 's3 after / #2'); await panes(page); await shot(page, P + '3-slash2');
await go(page, 'http://localhost:3000/peek');
await state(page, 's3 after /peek'); await panes(page); await shot(page, P + '3-peek');
// step 4
const det = page.locator('details.options');
if (!(await det.evaluate(d => d.open))) { console.log('options closed after apply'); await det.locator('summary').click(); }
await page.selectOption('#opt-saveUninitialized', 'false');
await page.getByRole('button', { name: 'Apply and restart the server', exact: true }).click();
await page.waitForTimeout(400);
await state(page, 's4 after apply'); await panes(page); await shot(page, P + '4-applied');
await go(page, 'http://localhost:3000/peek');
await state(page, 's4 after /peek'); await panes(page); await shot(page, P + '4-peek');
await go(page, 'http://localhost:3000/');
await state(page, 's4 after /'); await panes(page); await shot(page, P + '4-slash');
// step 5
if (!(await det.evaluate(d => d.open))) { console.log('options closed after apply'); await det.locator('summary').click(); }
await page.fill('#opt-cookie-maxAge', '60000');
await shot(page, P + '5-maxage');
await page.getByRole('button', { name: 'Apply and restart the server', exact: true }).click();
await page.waitForTimeout(400);
await state(page, 's5 after apply'); await panes(page);
await go(page, 'http://localhost:3000/');
await state(page, 's5 after /'); await panes(page); await shot(page, P + '5-slash');
await page.getByRole('button', { name: '+1 min', exact: true }).click();
await page.waitForTimeout(500);
await state(page, 's5 after +1min'); await panes(page); await shot(page, P + '5-plus1');
await b.close();
