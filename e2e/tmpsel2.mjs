import { chromium } from 'playwright-core';
const b = await chromium.launch({executablePath:'/usr/bin/chromium'});
const ctx = await b.newContext({viewport:{width:390,height:844}, isMobile:true, hasTouch:true});
const p = await ctx.newPage();
await p.goto(`http://localhost:8788/#lesson=cookie&variant=signed&lang=en`);
await p.waitForSelector('#root h1'); await p.waitForTimeout(1500);
const go = p.locator('.window:not(.attacker) form.addressbar button[type=submit]');
await go.click(); await p.waitForTimeout(300);
await p.locator('.step-chips li').nth(3).locator('button').click();
await p.evaluate(()=>{window.log=[]; const t0=performance.now(); const f=()=>{const i=document.querySelector('table.jar td.value input'); window.log.push([Math.round(performance.now()-t0), document.activeElement===i, i.selectionStart, i.selectionEnd, i.selectionDirection, i.scrollLeft, i.clientWidth]); if (window.log.length<120) requestAnimationFrame(f);}; requestAnimationFrame(f);});
await p.locator('.next-step .show-me').click();
await p.waitForTimeout(1500);
const log = await p.evaluate(()=>window.log);
let prev=''; for (const l of log) { const s=JSON.stringify(l.slice(1)); if (s!==prev) console.log(JSON.stringify(l)); prev=s; }
await b.close();
