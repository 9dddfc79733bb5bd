import { chromium } from 'playwright-core';
const b = await chromium.launch({executablePath:'/usr/bin/chromium'});
const ctx = await b.newContext({viewport:{width:390,height:844}, isMobile:true, hasTouch:true});
const p = await ctx.newPage();
await p.goto(`http://localhost:8788/#lesson=cookie&variant=signed&lang=en`);
await p.waitForSelector('#root h1'); await p.waitForTimeout(1500);
const go = p.locator('.window:not(.attacker) form.addressbar button[type=submit]');
await go.click(); await p.waitForTimeout(300);
for (const dir of ['forward','backward']) {
console.log(dir, await p.evaluate(async (dir)=>{const i=document.querySelector('table.jar td.value input'); i.blur(); await new Promise(r=>setTimeout(r,100)); i.focus(); i.setSelectionRange(4,7,dir); const a=i.scrollLeft; await new Promise(r=>requestAnimationFrame(()=>requestAnimationFrame(r))); return [a, i.scrollLeft, i.scrollWidth, i.clientWidth];}, dir));
}
await b.close();
