// Recording in the page: start, log in, forge the cookie in the jar, visit, stop; the recording
// downloads as a scenario file, plays back in the page to the same answers, and (with the host
// build present) session-lab-trace prints the trace the page shows for it.
import { test, expect, openApp, go } from '../fixtures.mjs';
import { readFile, writeFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = promisify(execFile);
const TRACE_BIN = new URL('../../target/debug/session-lab-trace', import.meta.url).pathname;

test('record a session, download it, and replay it to the same trace', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'lesson=auth' });
  await page.locator('#open-scenario').click();
  await page.locator('#start-recording').click();
  // recording: the Scenario button's place says Stop, and has the focus; the panel closed
  // so the panes have their room (at 1280x720 they were squeezed to 16 px under it)
  await expect(page.locator('#stop-recording')).toBeFocused();
  await expect(page.locator('#scenario-panel')).toHaveCount(0);
  expect((await page.locator('#pane-browser').boundingBox()).height).toBeGreaterThan(150);
  await go(page, 'http://localhost:8080/login?username=alice');
  await expect(page.locator('#pane-browser .viewport')).toContainText('alice');
  // forge: change the MAC's last character in the jar
  const cell = page.locator('input[aria-label="Edit Value · connect.sid"]');
  const v = await cell.inputValue();
  await cell.fill(v.slice(0, -1) + (v.endsWith('A') ? 'B' : 'A'));
  await cell.press('Enter');
  await go(page, 'http://localhost:8080/user');
  const statuses = (await page.locator('#pane-timeline li.entry .status').allTextContents()).map((s) => s.trim());
  await page.locator('#stop-recording').click();
  await expect(page.locator('#open-scenario')).toBeVisible();
  await expect(page.locator('.recorded')).toContainText('Steps recorded: 3');
  // the captions' shape is said (a teacher wrote "say": "text" and was refused)
  await expect(page.locator('.recorded')).toContainText('written as "say": {"en": "…", "zh": "…"}');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#download-recording').click(),
  ]);
  expect(download.suggestedFilename()).toBe('recording.json');
  const text = await readFile(await download.path(), 'utf8');
  const scenario = JSON.parse(text);
  expect(scenario.app).toBe('auth');
  expect(scenario.steps.map((s) => s.request.url)).toEqual([
    'http://localhost:8080/login?username=alice',
    'http://localhost:8080/user',
    'http://localhost:8080/user',
  ]);
  // only the forged request carries its Cookie header
  expect(scenario.steps.map((s) => !!(s.request.headers && s.request.headers.Cookie))).toEqual([false, false, true]);

  // play it here: the same answers as when it was recorded
  await page.locator('#load-recording').click();
  await page.locator('#scenario-play').click();
  await expect(page.locator('#scenario-progress')).toHaveText('3 of 3 steps played');
  await page.locator('details.trace summary').click();
  const trace = await page.locator('#scenario-trace').innerText();
  const replayed = JSON.parse(trace);
  expect(replayed.map((r) => String(r.status))).toEqual(statuses.slice(-3));

  // and session-lab-trace prints the same trace (when the host build is there, as in make test)
  if (existsSync(TRACE_BIN)) {
    const file = join(tmpdir(), `recording-${process.pid}.json`);
    await writeFile(file, text);
    try {
      const { stdout } = await run(TRACE_BIN, [file]);
      expect(JSON.parse(stdout)).toEqual(replayed);
    } finally {
      await rm(file, { force: true });
    }
  }
});

test('a race recorded: requests sent at once become one parallel step that plays back the same', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'lesson=middleware&latency_get=50&latency_set=50' });
  await page.locator('#open-scenario').click();
  await page.locator('#start-recording').click();
  await expect(page.locator('#stop-recording')).toBeVisible();
  await go(page, 'http://localhost:3000/');
  await page.locator('details.flight > summary').click();
  await page.locator('#flight-send').click();
  await expect(page.locator('svg.flight-diagram')).toBeVisible();
  // waiting for every answer (the default) keeps the recording going
  await expect(page.locator('#stop-recording')).toBeVisible();
  await go(page, 'http://localhost:3000/');
  const statuses = (await page.locator('#pane-timeline li.entry .status').allTextContents()).map((s) => s.trim());
  await page.locator('#stop-recording').click();
  await expect(page.locator('.recorded')).toContainText('Steps recorded: 3');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#download-recording').click(),
  ]);
  const scenario = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(scenario.steps[1].parallel.map((p) => [p.request.url, p.after || 0])).toEqual([
    ['http://localhost:3000/', 0],
    ['http://localhost:3000/peek', 0],
  ]);
  await page.locator('#load-recording').click();
  await page.locator('#scenario-play').click();
  await expect(page.locator('#scenario-progress')).toHaveText('3 of 3 steps played');
  await page.locator('details.trace summary').click();
  const replayed = JSON.parse(await page.locator('#scenario-trace').innerText());
  // the parallel step's two answers, then the visit after them, as the page answered them
  const answered = [replayed[0].status, ...replayed[1].parallel.map((r) => r.status), replayed[2].status].map(String);
  expect(answered).toEqual(statuses.slice(-4));
});

// a recording another action ended says why, in the panel and aloud (a variant chosen ended
// it, and the panel showed "Steps recorded: 1" with no reason); one with no step offers
// nothing to download or play (an empty card of "0 of 0 steps" had opened)
test('a recording ended by a variant says why; an empty one offers nothing to play', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'lesson=auth' });
  await page.locator('#open-scenario').click();
  await page.locator('#start-recording').click();
  await go(page, 'http://localhost:8080/');
  await expect(page.locator('#pane-browser .viewport')).toContainText('登录');
  await page.getByRole('button', { name: 'Fixed', exact: true }).click();
  await expect(page.locator('#stop-recording')).toHaveCount(0);
  await expect(page.locator('#announcer')).toContainText('The recording ended when you changed the lesson, variant, challenge or scenario (or reset)');
  await expect(page.locator('#recording-ended')).toHaveText('The recording ended when you changed the lesson, variant, challenge or scenario (or reset): a scenario runs one configuration.');
  await expect(page.locator('.recorded')).toContainText('Steps recorded: 1');
  // started and stopped at once: nothing to offer
  await page.locator('#start-recording').click();
  await page.locator('#stop-recording').click();
  await expect(page.locator('.recorded')).toContainText('Nothing was recorded: no request was made while recording.');
  await expect(page.locator('#recording-ended')).toHaveCount(0);
  await expect(page.locator('#download-recording')).toHaveCount(0);
  await expect(page.locator('#load-recording')).toHaveCount(0);
  expect(problems).toEqual([]);
});
