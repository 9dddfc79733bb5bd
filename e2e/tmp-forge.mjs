import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const lang of ['zh','en']) {
const p = await b.newPage({ viewport: { width: 1440, height: 900 } });
await p.goto(`http://127.0.0.1:8799/#challenge=forge&lang=${lang}`);
await p.waitForSelector('#root h1'); await p.waitForTimeout(1500);
for (let i = 0; i < 3; i++) { const h = p.locator('.challenge-card .guide-head button', { hasText: lang==='zh' ? '提示' : 'hint' }); if (await h.count()) { await h.first().click(); await p.waitForTimeout(300); } }
const r = await p.evaluate(() => {
  const h = [...document.querySelectorAll('#pane-server h3')].find(e => /store|存储/.test(e.textContent));
  const code = document.querySelector('#pane-server .server-code');
  const codeBox = document.querySelector('#pane-server .code');
  const hr = h.getBoundingClientRect(), cr = code.getBoundingClientRect(), kr = codeBox.getBoundingClientRect();
  const at = document.elementFromPoint(hr.left + 20, hr.top + 3);
  return { h3: [hr.top, hr.bottom], serverCode: [cr.top, cr.bottom], code: [kr.top, kr.bottom], topAt: at?.className, inH: h.contains(at) };
});
console.log(lang, JSON.stringify(r));
await p.screenshot({ path: `/tmp/me/forge-${lang}.png` });
await p.close();
}
await b.close();
