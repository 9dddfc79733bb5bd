import { launch, open, state, shot } from './lib.mjs';
const b = await launch();
const { page } = await open(b, { w: 390, h: 844, mobile: true, hash: 'lang=zh&lesson=auth' });
await state(page, 'initial');
await shot(page, 'l4-0');
await shot(page, 'l4-0-full', { fullPage: true });
console.log(await page.evaluate(() => [...document.querySelectorAll('[role=tab]')].map(t => t.textContent + ' ' + t.getAttribute('aria-selected')).join(' | ')));
console.log(await page.locator('.guide').innerText());
await b.close();
