// The top bar's lesson picker shows a lesson's whole name where the bar has room for it, and
// never makes the bar wrap for it.
import { test, expect, openApp } from '../fixtures.mjs';

const cut = (page) => page.locator('.app .picker-label').evaluate((l) => l.scrollWidth > l.clientWidth + 0.5);
const barHeight = (page) => page.locator('.app .topbar').evaluate((b) => Math.round(b.getBoundingClientRect().height));

for (const lang of ['zh', 'en']) {
  test(`${lang}: the picker names lesson 2 whole where the bar has room, the bar one row`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page, site, { hash: 'lesson=manual', lang });
    await expect(page.locator('.app .picker-label')).toContainText(lang === 'zh' ? '第 2 课' : 'Lesson 2');
    if (lang === 'zh') expect(await cut(page), 'cut at 1280x720').toBe(false);
    expect(await barHeight(page)).toBeLessThan(50);
    await page.setViewportSize({ width: 1440, height: 900 });
    if (lang === 'zh') expect(await cut(page), 'cut at 1440x900').toBe(false);
    expect(await barHeight(page)).toBeLessThan(50);
    // narrower, the name is cut rather than wrapping the bar onto another row
    for (const width of [1240, 1200]) {
      await page.setViewportSize({ width, height: 720 });
      expect(await barHeight(page), `${width} px`).toBeLessThan(50);
      const right = await page.locator('.app .topbar').evaluate((b) => Math.max(...[...b.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right)));
      expect(right).toBeLessThanOrEqual(width);
    }
  });
}

// a link to a challenge followed from lower down the page (the fragment changed in place) left
// a phone 2,000 px down, in the last place's panels, the challenge's goal out of sight
test('390: a challenge opened by a changed fragment opens at its title', async ({ page, site, problems }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, site, { hash: 'lesson=breaks' });
  await page.getByRole('tab', { name: /Server/ }).click();
  await page.locator('details.visitors > summary').click();
  await page.locator('details.visitors > summary').scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
  await page.evaluate(() => { location.hash = '#challenge=logout&lang=en'; });
  const title = page.locator('#challenge-title');
  await expect(title).toBeFocused();
  await expect(title).toBeInViewport();
  expect(problems).toEqual([]);
});
