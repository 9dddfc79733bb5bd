import { launch, open, state, shot, go, panes } from './lib.mjs';
const b = await launch();
const { page } = await open(b, { hash: 'lang=en&lesson=store' });
await state(page, 'initial'); await shot(page, 'l5-0');
console.log(await page.locator('.guide-head').innerHTML());
await go(page, 'http://localhost:8080/');
console.log(await page.locator('#pane-browser .window:not(.attacker) .viewport').innerHTML());
await shot(page, 'l5-1a');
await b.close();
