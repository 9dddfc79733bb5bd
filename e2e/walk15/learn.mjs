import { launch, open, shot } from './lib.mjs';
const b = await launch();
for (const l of ['concepts', 'manual', 'middleware', 'auth', 'store', 'breaks']) {
  const { page, ctx } = await open(b, { w: 1280, h: 720, hash: 'lang=zh&lesson=' + l });
  const title = await page.locator('#lesson-title').innerText();
  await page.getByRole('button', { name: '讲解与小测', exact: true }).click();
  await page.waitForTimeout(500);
  const learn = page.locator('aside.learn');
  const info = await learn.evaluate((el) => {
    // find scroll container
    let s = el; while (s && s.scrollHeight <= s.clientHeight + 2 && s !== document.body) s = s.parentElement;
    const r = el.getBoundingClientRect();
    return { tag: el.tagName, rect: [r.x, r.y, r.width, r.height], scrollH: s ? s.scrollHeight : 0, clientH: s ? s.clientHeight : 0, sc: s ? (s.id || s.className) : '' };
  });
  console.log('=== ' + l + ' ' + title, JSON.stringify(info));
  // open all details inside learn
  await learn.evaluate((el) => el.querySelectorAll('details').forEach((d) => d.open = true));
  await page.waitForTimeout(300);
  const txt = await learn.innerText();
  const fs = await import('node:fs'); fs.writeFileSync(`/tmp/h-walk15/learn-${l}.txt`, txt);
  // english words check
  const latin = txt.split('\n').filter(line => /[A-Za-z]{4,}/.test(line) && !/[\u4e00-\u9fff]/.test(line));
  console.log('latin-only lines:', latin.length, latin.slice(0, 15));
  // scroll through
  const n = await learn.evaluate((el) => {
    let s = el; while (s && s.scrollHeight <= s.clientHeight + 2 && s !== document.body) s = s.parentElement;
    window.__sc = s; return Math.ceil(s.scrollHeight / s.clientHeight);
  });
  for (let i = 0; i < Math.min(n, 12); i++) {
    await page.evaluate((i) => { const s = window.__sc; s.scrollTop = i * (s.clientHeight - 60); }, i);
    await page.waitForTimeout(150);
    await shot(page, `learn-${l}-${i}`);
  }
  console.log('pages', n);
  await ctx.close();
}
await b.close();
