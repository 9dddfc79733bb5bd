import { chromium } from 'playwright-core';
const b = await chromium.launch({executablePath:'/usr/bin/chromium'});
for (const [w,h,lang] of [[1280,720,'en'],[390,844,'zh'],[1440,900,'zh']]) {
const p = await b.newPage({viewport:{width:w,height:h}});
await p.goto(`http://localhost:8788/#lesson=cookie&variant=signed&lang=${lang}`);
await p.waitForSelector('#root h1'); await p.waitForTimeout(1500);
const go = p.locator('.window:not(.attacker) form.addressbar button[type=submit]');
await go.click(); await p.waitForTimeout(500);
const cell = p.locator('table.jar td.value input').first();
await cell.fill('9999'); await cell.press('Enter');
await go.click(); await p.waitForTimeout(500);
await p.screenshot({path:`/tmp/l1-${w}.png`});
}
await b.close();
