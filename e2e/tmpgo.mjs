import { chromium } from 'playwright-core';
const b = await chromium.launch({executablePath:'/usr/bin/chromium'});
for (const lesson of ['cookie','auth','manual']) {
const p = await b.newPage({viewport:{width:390,height:844}});
await p.goto(`http://localhost:8791/#lesson=${lesson}&lang=en`);
await p.waitForSelector('#root h1'); await p.waitForTimeout(1500);
const go = p.locator('button', {hasText: /^Go$/}).first();
await go.click(); await p.waitForTimeout(500);
const cell = p.locator('table.jar td.value input').first();
if (!await cell.count()) { console.log(lesson,'no cell'); continue; }
await cell.click(); await p.keyboard.press('End'); await p.keyboard.type('x');
const bb = await go.boundingBox(); console.log(lesson,'go before', bb.y);
await p.mouse.move(bb.x+bb.width/2, bb.y+bb.height/2);
await p.mouse.down(); await p.waitForTimeout(100);
console.log('go after down', (await go.boundingBox()).y);
await p.mouse.up(); await p.waitForTimeout(300);
console.log('status', await p.locator('.last-request, .bar').first().innerText().catch(()=>'?'));
await p.close();
}
await b.close();
