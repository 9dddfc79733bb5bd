import { test, expect, openApp, SHOTS } from '../fixtures.mjs';

test('the app mounts, switches language, and stays on loopback', async ({ page, site, problems }) => {
  await openApp(page, site, { lang: 'en' });
  await expect(page.locator('h1')).toHaveText('Session Lab');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('section.pane')).toHaveCount(4);
  await page.screenshot({ path: SHOTS + 'shell-en.png', fullPage: true });

  await page.getByRole('button', { name: '中文', exact: true }).click();
  await expect(page.locator('h1')).toHaveText('会话实验室');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.screenshot({ path: SHOTS + 'shell-zh.png', fullPage: true });
  expect(problems).toEqual([]);
});

test('dark theme applies', async ({ page, site, problems }) => {
  await openApp(page, site, { lang: 'en' });
  await page.getByRole('button', { name: 'Dark', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(21, 21, 20)');
  await page.screenshot({ path: SHOTS + 'shell-en-dark.png', fullPage: true });
});
