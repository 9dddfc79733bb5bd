import { launch, open, state, shot } from './lib.mjs';
const b = await launch();
const { page, ctx } = await open(b, { hash: 'lang=en&lesson=middleware' });
await state(page, 'initial');
await shot(page, 'probe-l3-initial');
console.log(await page.evaluate(() => [...document.querySelectorAll('nav.lessons button, button[data-challenge]')].map(b => (b.dataset.lesson||'') + '|' + (b.dataset.challenge||'') + '|' + b.textContent.trim()).join('\n')));
console.log(await page.evaluate(() => document.querySelector('.guide')?.outerHTML.slice(0, 3000)));
await b.close();
