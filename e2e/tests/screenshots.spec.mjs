// Screenshots of every pane, in both languages and both themes, and of the phone layout,
// saved to e2e/screenshots/ for a person to look at. The test also checks the layouts hold.
import { test, expect, openApp, go, lesson, SHOTS } from '../fixtures.mjs';

const PANES = ['browser', 'jar', 'server', 'timeline'];

for (const lang of ['zh', 'en']) {
  for (const theme of ['light', 'dark']) {
    test(`panes in ${lang}, ${theme}`, async ({ page, site, problems }) => {
      await page.setViewportSize({ width: 1440, height: 1000 });
      await openApp(page, site, { lang });
      await page.getByRole('group', { name: lang === 'zh' ? '主题' : 'Theme' }).getByRole('button').nth(theme === 'light' ? 1 : 2).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await lesson(page, 4);
      await go(page, 'http://localhost:8080/login?username=alice');
      await page.locator('details.options > summary').click();
      await page.locator('#pane-timeline li.entry details > summary').first().click();
      await page.screenshot({ path: `${SHOTS}page-${lang}-${theme}.png`, fullPage: true });
      for (const p of PANES) {
        const pane = page.locator(`#pane-${p}`);
        await expect(pane).toBeVisible();
        await pane.screenshot({ path: `${SHOTS}pane-${p}-${lang}-${theme}.png` });
      }
    });
  }
}

for (const lang of ['zh', 'en']) {
  test(`phone layout (360 px) in ${lang}: the panes as tabs`, async ({ page, site, problems }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await openApp(page, site, { lang });
    await lesson(page, 1);
    await go(page, 'http://localhost:3000/');
    // three tabs: the browser and the jar share the first, so both are on the first screen
    const tabs = page.getByRole('tab');
    await expect(tabs).toHaveCount(3);
    const onTab = [['browser', 'jar'], ['server'], ['timeline']];
    for (let i = 0; i < 3; i++) {
      await tabs.nth(i).click();
      await expect(tabs.nth(i)).toHaveAttribute('aria-selected', 'true');
      for (const p of PANES) {
        await expect(page.locator(`#pane-${p}`)).toBeVisible({ visible: onTab[i].includes(p) });
      }
      // nothing wider than the screen
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SHOTS}phone-${onTab[i][0]}-${lang}.png`, fullPage: true });
    }
  });
}
