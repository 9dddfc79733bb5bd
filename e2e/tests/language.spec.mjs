// The page's language reaches the server's words: in English the course's Chinese pages carry a
// short English gloss and the lesson code has English comments; in Chinese the code's comments
// are Chinese and the pages have no gloss. The lines that ran keep their numbers either way.
import { test, expect, openApp, go, lesson, viewport, said, SHOTS } from '../fixtures.mjs';

/** The shown code, one string per line, without the line numbers. */
async function codeLines(page) {
  return page.locator('pre.code .line').evaluateAll((lines) =>
    lines.map((l) => [...l.childNodes].filter((n) => !(n.classList && n.classList.contains('ln'))).map((n) => n.textContent).join('').replace(/\n$/, '')));
}

/** The numbers of the highlighted lines. */
async function ranLines(page) {
  return page.locator('pre.code .line.ran').evaluateAll((lines) => lines.map((l) => l.dataset.line));
}

test('lesson 4 in English: glossed Chinese pages, English comments; in Chinese: Chinese comments, no gloss', async ({ page, site, problems }) => {
  await openApp(page, site);
  await lesson(page, 4);
  await go(page, 'http://localhost:8080/');
  const title = viewport(page).locator('.page-title');
  await expect(title).toHaveText('登录 (log in)');
  await expect(viewport(page).locator('.page-form label')).toHaveText('用户名 (username)');
  await expect(viewport(page).locator('.page-form button[type=submit]')).toHaveText('登录 (log in)');
  await page.locator('.page-form input[name=username]').fill('alice');
  await page.locator('.page-form button[type=submit]').click();

  await expect(title).toHaveText('用户页面 (user page)');
  await expect(viewport(page)).toContainText('欢迎你，alice (welcome, alice)');
  await expect(viewport(page).locator('button.linklike')).toHaveText('退出 (log out)');
  // the server's words are marked Chinese, the glosses English, and kept apart
  await expect(said(page)).toHaveText(['用户页面', '欢迎你，alice', '退出']);
  await expect(viewport(page).locator('.said[lang="zh-CN"]')).toHaveCount(3);
  await expect(viewport(page).locator('.gloss[lang="en"]')).toHaveText(['(user page)', '(welcome, alice)', '(log out)']);
  await page.locator('#pane-browser .window').screenshot({ path: SHOTS + 'gloss-en.png' });

  const code = page.locator('pre.code');
  await expect(code).toContainText("// the user page prints the whole session on the server's console");
  await expect(code).not.toContainText('用户页面把整个');
  const enLines = await codeLines(page);
  const enRan = await ranLines(page);
  expect(enRan.length).toBeGreaterThan(0);

  await page.getByRole('button', { name: '中文', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(viewport(page).locator('.gloss')).toHaveCount(0);
  await expect(title).toHaveText('用户页面');
  await expect(said(page)).toHaveText(['用户页面', '欢迎你，alice', '退出']);
  await expect(viewport(page)).not.toContainText('log out');
  await expect(code).toContainText('// 用户页面把整个 session 打印到服务器的控制台');
  await expect(code).not.toContainText('the user page');
  await page.locator('.server-code').screenshot({ path: SHOTS + 'code-zh.png' });
  const zhLines = await codeLines(page);
  expect(zhLines.length).toBe(enLines.length);
  // every comment is Chinese; every other line is the English one
  zhLines.forEach((line, i) => {
    if (line.trim().startsWith('//')) {
      expect(line, `line ${i + 1}`).toMatch(/[\u4e00-\u9fff]/);
      expect(enLines[i].trim().startsWith('//'), `line ${i + 1}`).toBe(true);
    } else {
      expect(line, `line ${i + 1}`).toBe(enLines[i]);
    }
  });
  // the same lines are highlighted
  expect(await ranLines(page)).toEqual(enRan);

  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(code).toContainText("// the user page prints the whole session on the server's console");
  await expect(title).toHaveText('用户页面 (user page)');
});

test('the Chinese page joins a label and its value with a full-width colon', async ({ page, site, problems }) => {
  await openApp(page, site, { lang: 'zh' });
  await lesson(page, 4);
  await go(page, 'http://localhost:8080/login?username=alice');
  await expect(page.locator('#h-verdict')).toContainText('服务器的判定：');
  await expect(page.locator('.next-step strong')).toHaveText('下一步：');
  // no label of the page's own (the code and the server's pages aside) ends in ": "
  const ascii = await page.evaluate(() => [...document.querySelectorAll('h2, h3, strong, caption, p, dt')]
    .filter((e) => !e.closest('pre.code, .viewport'))
    .map((e) => e.textContent)
    .filter((t) => /[\u4e00-\u9fff]: /.test(t)));
  expect(ascii).toEqual([]);
});
