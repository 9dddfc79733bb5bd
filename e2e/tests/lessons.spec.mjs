// The "try this" steps of lessons 2 and 3, as a learner follows them.
import { test, expect, openApp, go, lesson, viewport, said, cell } from '../fixtures.mjs';

test('lesson 2: the notebook keeps the balance; a changed card number gets a new card; a restart forgets', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 2);
  await go(page, 'http://localhost:9090/');
  await expect(said(page)).toHaveText('欢迎你新顾客，送你一张价值100元的剪发卡');
  await go(page, 'http://localhost:9090/');
  await expect(said(page)).toHaveText('欢迎你老顾客，你卡上还剩90');
  await expect(page.locator('table.store tbody tr')).toHaveCount(1);
  await expect(page.locator('table.store tbody')).toContainText('{"balance":90}');
  await cell(page, 'Value', 'session.id').fill('someone-else');
  await cell(page, 'Value', 'session.id').press('Enter');
  await go(page, 'http://localhost:9090/');
  await expect(said(page)).toHaveText('欢迎你新顾客，送你一张价值100元的剪发卡');
  await expect(page.locator('table.store tbody tr')).toHaveCount(2);
  await page.getByRole('button', { name: 'Restart server', exact: true }).click();
  await expect(page.locator('table.store tbody')).toContainText('The store is empty');
  await go(page, 'http://localhost:9090/');
  await expect(said(page)).toHaveText('欢迎你新顾客，送你一张价值100元的剪发卡');
});

test('lesson 3: resave false only touches; /destroy shows the id struck out; maxAge expires with the clock', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 3);
  await page.locator('details.options > summary').click();
  await page.selectOption('#opt-resave', 'false');
  await page.getByRole('button', { name: 'Apply and restart the server', exact: true }).click();
  await expect(page.locator('pre.code')).toContainText('resave: false');
  await go(page, 'http://localhost:3000/');
  await expect(viewport(page)).toHaveText('views: 1');
  await go(page, 'http://localhost:3000/peek');
  await expect(viewport(page)).toHaveText('views: 1');
  await expect(page.locator('table.store tbody tr.touch')).toHaveCount(1);
  await page.locator('#pane-timeline li.entry details > summary').first().click();
  await expect(page.locator('#pane-timeline')).toContainText('Only touched (store.touch)');

  await go(page, 'http://localhost:3000/destroy');
  await expect(page.locator('table.store tbody tr.gone')).toHaveCount(1);

  await page.fill('#opt-cookie-maxAge', '60000');
  await page.getByRole('button', { name: 'Apply and restart the server', exact: true }).click();
  await go(page, 'http://localhost:3000/');
  await expect(cell(page, 'Expires / Max-Age', 'connect.sid')).toHaveValue(/\((59 s|1 min)\)$/);
  await page.getByRole('button', { name: '+1 min', exact: true }).click();
  await expect(page.locator('table.jar tbody')).toContainText('The cookie jar is empty');
  await expect(page.locator('table.store tbody tr.expired')).toHaveCount(1);
  await go(page, 'http://localhost:3000/');
  await expect(viewport(page)).toHaveText('views: 1');
});
