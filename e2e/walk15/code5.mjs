import { launch, open, go, login } from './lib.mjs';
const b = await launch();
for (const v of ['MemoryStore, to compare', 'Two servers, a MemoryStore each', 'Two servers, one shared Redis']) {
  const { page, ctx } = await open(b, { hash: 'lang=en&lesson=store' });
  await page.getByRole('button', { name: v, exact: true }).click();
  await page.waitForTimeout(300);
  const code = await page.locator('pre.code').innerText();
  console.log('=== ' + v + '\n' + code.split('\n').filter(l => /session\(|resave|saveUninit|store|secret|cookie/.test(l)).join('\n'));
  await go(page, 'http://localhost:8080/');
  console.log((await page.locator('#pane-timeline').innerText()).slice(-400));
  await ctx.close();
}
await b.close();
