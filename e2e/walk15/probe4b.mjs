import { launch, open, go, login } from './lib.mjs';
const b = await launch();
const { page } = await open(b, { w: 390, h: 844, mobile: true, hash: 'lang=zh&lesson=auth' });
await go(page, 'http://localhost:8080/'); await login(page);
console.log(await page.evaluate(() => document.querySelector('table.jar tbody').outerHTML.slice(0, 4000)));
await b.close();
