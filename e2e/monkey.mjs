// A seeded monkey: random clicks, typing (hostile values included), selects, checkboxes,
// address-bar visits and reloads across every pane, with the lab's invariants checked after
// every action. Reproducible: the same seed on the same build makes the same choices.
//
//   node e2e/monkey.mjs [ACTIONS=10000] [SEED=1]     the full run, with actions per second
//   (the e2e suite runs 500 actions: tests/monkey.spec.mjs)
//
// On failure it prints the seed, the step, the broken invariant and the shortest action
// sequence it could find that still breaks it (replayed in fresh pages).
import { chromium } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { HOSTILE } from './hostile.mjs';

/** mulberry32: a small seeded PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (xs) => xs[Math.floor(next() * xs.length)] };
}

const URLS = [
  'http://localhost:3000/', 'http://localhost:3000/peek', 'http://localhost:3000/destroy',
  'http://localhost:8080/', 'http://localhost:8080/login?username=alice', 'http://localhost:8080/login?username=bob',
  'http://localhost:8080/user', 'http://localhost:8080/logout', 'http://localhost:9090/', 'http://localhost:3000/nope',
  'https://localhost:8080/user', 'http://evil.example/', 'javascript:alert(1)', 'http://localhost:8080/login?username=%ED%A0%80',
];
const WORDS = ['alice', 'bob', '60000', '-1', '0', 'true', 'false', 'null', 'zfpx', 'new-secret, zfpx', 's%3Aabc.def', 'connect.sid', '/', 'lax', 'strict', '1e308', 'NaN'];

const ACTIONS = [
  ['click', 40], ['type', 22], ['go', 14], ['select', 6], ['check', 5], ['summary', 5], ['tab', 3], ['key', 3], ['reload', 1], ['lang', 1],
];
const TOTAL = ACTIONS.reduce((n, [, w]) => n + w, 0);

function chooseKind(r) {
  let x = r.int(TOTAL);
  for (const [k, w] of ACTIONS) {
    if ((x -= w) < 0) return k;
  }
  return 'click';
}

// Marks the candidates of a kind with data-monkey=i and describes them (for replay).
function candidates(kind) {
  // (checkVisibility is false inside closed <details>, display:none and visibility:hidden)
  const visible = (el) => !el.closest('[hidden], .sr-only:not(input)') && el.checkVisibility({ visibilityProperty: true });
  const sel = {
    click: 'button:not([disabled]), .viewport a[href]',
    type: 'input:not([type=checkbox]):not([type=file]):not([readonly]):not([disabled]), textarea:not([readonly]):not([disabled])',
    select: 'select:not([disabled])',
    check: 'input[type=checkbox]:not([disabled])',
    summary: 'summary',
    tab: '[role=tab]',
    lang: '.segmented button[lang]',
  }[kind];
  document.querySelectorAll('[data-monkey]').forEach((e) => e.removeAttribute('data-monkey'));
  const els = [...document.querySelectorAll(sel)].filter((e) => (e.type === 'file' ? false : visible(e) || (kind === 'type' && e.id === 'share-link')));
  const seen = new Map();
  return els.map((e, i) => {
    e.setAttribute('data-monkey', String(i));
    const label = (e.getAttribute('aria-label') || e.id || e.getAttribute('placeholder') || e.textContent || '').trim().slice(0, 60);
    const n = seen.get(label) || 0;
    seen.set(label, n + 1);
    return { label, n, options: e.tagName === 'SELECT' ? [...e.options].map((o) => o.value) : undefined };
  });
}

/** Picks the next action (a plain object that can be replayed) in the current page. */
async function nextAction(page, r) {
  const kind = chooseKind(r);
  if (kind === 'reload' || kind === 'key') return { kind, key: kind === 'key' ? r.pick(['Escape', 'Tab', 'Enter', 'ArrowDown']) : undefined };
  if (kind === 'go') return { kind, url: r.next() < 0.85 ? r.pick(URLS) : r.pick(URLS) + r.pick(HOSTILE.filter((h) => h.value.length < 2000)).value };
  const list = await page.evaluate(candidates, kind);
  if (list.length === 0) return { kind: 'key', key: 'Tab' };
  const c = r.pick(list);
  const a = { kind, label: c.label, n: c.n };
  if (kind === 'type') {
    const x = r.next();
    a.text = x < 0.35 ? r.pick(HOSTILE).value : x < 0.7 ? r.pick(WORDS) : r.pick(URLS);
    a.enter = r.next() < 0.6;
  }
  if (kind === 'select') a.option = r.pick(c.options);
  return a;
}

/** Performs an action. */
async function perform(page, a) {
  const opts = { timeout: 1500 };
  switch (a.kind) {
    case 'reload':
      await page.reload();
      await page.locator('h1').first().waitFor(opts);
      return;
    case 'key':
      await page.keyboard.press(a.key);
      return;
    case 'go':
      await page.locator('#address').fill(a.url, opts);
      await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').click(opts);
      return;
  }
  // find the element again by its description (the same one on the same page)
  const list = await page.evaluate(candidates, a.kind);
  const i = list.findIndex((c) => c.label === a.label && c.n === a.n);
  if (i < 0) return; // gone since (a replay on a different page): nothing to do
  const el = page.locator(`[data-monkey="${i}"]`);
  switch (a.kind) {
    case 'type':
      if ((await el.getAttribute('type')) === 'number') {
        // a number field takes keystrokes, not arbitrary text: type what a person could
        await el.fill('', opts);
        await el.pressSequentially(a.text.slice(0, 24), opts);
      } else {
        await el.fill(a.text, opts);
      }
      if (a.enter) await el.press('Enter', opts);
      else await el.evaluate((e) => e.blur());
      return;
    case 'select':
      await el.selectOption(a.option, opts);
      return;
    case 'check':
      await el.click(opts);
      return;
    default:
      await el.click(opts);
  }
}

/** Checks the invariants; returns a description of the first broken one, or null. */
async function check(page, errors) {
  if (errors.length) return errors[0];
  const alive = await Promise.race([
    page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(true)))),
    new Promise((r) => setTimeout(() => r(false), 5000)),
  ]);
  if (!alive) return 'the page stopped responding (no frame within 5 s)';
  // the views may trail the engine by a frame while a simulation runs in the background: a
  // mismatch counts only if it is still there a second later
  let v = null;
  for (let attempt = 0; attempt < 8; attempt++) {
    v = await views(page);
    if (!v || !v.startsWith('view:')) break;
    await page.waitForTimeout(150);
  }
  return v && v.replace(/^view: /, '');
}

function views(page) {
  return page.evaluate(() => {
    const injected = document.querySelectorAll('img[src="x"], [onerror], [onload]:not(body), script:not(head > #lab-boot):not(head > #lab-load), iframe, object, embed').length;
    if (injected || window.__pwned) return `HTML was injected (${injected} element(s))`;
    if (!document.querySelector('h1')) return 'the app is gone (no h1)';
    const probe = JSON.parse(window.wasmBindings.lab_probe());
    if (!probe) return null;
    // the jar view shows exactly the engine's unexpired cookies, in order (travelling: the
    // cookies as they were after the entry, in plain cells)
    const past = probe.travel !== undefined;
    if (past !== !!document.querySelector('#pane-jar .travel-banner, #pane-server .travel-banner')) {
      return `view: the engine ${past ? 'shows' : 'does not show'} the past, the page ${past ? 'does not' : 'does'}`;
    }
    const rows = [...document.querySelectorAll('table.jar tbody tr')].filter((tr) => tr.querySelector(past ? 'td.name' : 'input'));
    const shown = past
      ? rows.map((tr) => [tr.querySelector('td.name').textContent, tr.querySelector('td.value').textContent])
      // an edit under way (the focused cell, its text not yet committed: a fill the monkey's
      // timeout cut short leaves one) is the learner's draft, not the view of the jar
      : rows.map((tr) => [...tr.querySelectorAll('input[type=text], input:not([type])')].slice(0, 2).map((i) => (i === document.activeElement ? null : i.value)));
    if (shown.length !== probe.jar.length) return `view: jar view has ${shown.length} cookies, engine ${probe.jar.length}`;
    for (let k = 0; k < shown.length; k++) {
      if (shown[k][0] !== null && shown[k][0] !== probe.jar[k][0]) return `view: jar row ${k} shows name ${JSON.stringify(shown[k][0])}, engine ${JSON.stringify(probe.jar[k][0])}`;
      if (!probe.decoded && shown[k][1] !== null && shown[k][1] !== probe.jar[k][1]) return `view: jar row ${k} shows value ${JSON.stringify(shown[k][1].slice(0, 80))}, engine ${JSON.stringify(probe.jar[k][1].slice(0, 80))}`;
    }
    // the store view: the first page lists the newest ids; the pager counts them all
    if (probe.usesSession) {
      const pager = document.querySelector('.pager span');
      const ids = [...document.querySelectorAll('table.store tbody tr:not(.gone) td.sid')].map((td) => td.textContent);
      if (pager) {
        const m = /(\d+)\D+(\d+)\D+(\d+)/.exec(pager.textContent);
        if (!m || Number(m[3]) !== probe.storeTotal) return `view: store pager says ${pager.textContent}, engine holds ${probe.storeTotal}`;
        if (m[1] === '1' && ids.join() !== probe.storeNewest.join()) return 'view: store page 1 differs from the engine';
      } else if (ids.join() !== probe.storeNewest.join()) {
        return `view: store view lists ${ids.length} ids, engine ${probe.storeNewest.length}`;
      }
    }
    return null;
  }).then((x) => x);
}

/** Opens a fresh page on the lab, recording errors and dialogs. */
async function open(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /panicked/.test(m.text())) errors.push(`console.${m.type()}: ${m.text().slice(0, 300)}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    errors.push(`a dialog opened (${d.type()}: ${d.message()}): script ran`);
    d.dismiss().catch(() => {});
  });
  await page.goto(url);
  await page.locator('h1').first().waitFor();
  return { context, page, errors };
}

/** Replays actions in a fresh page; returns the failure (or null). */
async function replay(browser, url, actions) {
  const { context, page, errors } = await open(browser, url);
  try {
    for (const a of actions) {
      try {
        await perform(page, a);
      } catch (e) {
        if (!/Timeout|not visible|detached|outside of the viewport|not attached|intercepts pointer/i.test(String(e))) return `action failed: ${e}`;
      }
      const broken = await check(page, errors);
      if (broken) return broken;
    }
    return null;
  } finally {
    await context.close();
  }
}

/** Shrinks a failing sequence (delta debugging, bounded). */
async function shrink(browser, url, actions, log) {
  let best = actions;
  let chunk = Math.max(1, Math.floor(best.length / 2));
  let tries = 0;
  while (chunk >= 1 && tries < 80) {
    let removed = false;
    for (let start = 0; start < best.length && tries < 80; start += chunk) {
      const candidate = best.slice(0, start).concat(best.slice(start + chunk));
      if (candidate.length === 0) continue;
      tries += 1;
      if (await replay(browser, url, candidate)) {
        best = candidate;
        removed = true;
        log(`  shrunk to ${best.length} actions`);
        start -= chunk;
      }
    }
    if (!removed) chunk = Math.floor(chunk / 2);
  }
  return best;
}

/** Runs the monkey. Resolves to { ok, actions, seconds, failure?, sequence? }. */
export async function runMonkey({ browser, url, seed = 1, count = 500, log = console.log }) {
  const r = rng(seed);
  let { context, page, errors } = await open(browser, url);
  const done = [];
  const t0 = Date.now();
  try {
    for (let step = 0; step < count; step++) {
      const a = await nextAction(page, r);
      done.push(a);
      const ta = Date.now();
      try {
        await perform(page, a);
      } catch (e) {
        // an element that moved or vanished between choosing and acting is not a bug
        if (!/Timeout|not visible|detached|outside of the viewport|not attached|intercepts pointer/i.test(String(e))) {
          errors.push(`action failed: ${e}`);
        }
      }
      const tc = Date.now();
      const broken = await check(page, errors);
      if (process.env.MONKEY_TRACE) log(`${step} ${a.kind} ${a.label || a.url || a.key || ''} ${(a.text || '').length} act=${tc - ta}ms check=${Date.now() - tc}ms`);
      if (broken) {
        const seconds = (Date.now() - t0) / 1000;
        log(`monkey: seed ${seed}, step ${step + 1}: ${broken}`);
        await context.close();
        log('monkey: shrinking the sequence…');
        const sequence = (await replay(browser, url, done)) ? await shrink(browser, url, done, log) : done;
        log(`monkey: reproduce with seed ${seed}; shortest sequence found (${sequence.length} actions):\n${JSON.stringify(sequence, null, 1)}`);
        return { ok: false, actions: step + 1, seconds, failure: broken, sequence };
      }
      if ((step + 1) % 1000 === 0) log(`monkey: ${step + 1} actions, ${((step + 1) / ((Date.now() - t0) / 1000)).toFixed(1)}/s`);
    }
    return { ok: true, actions: count, seconds: (Date.now() - t0) / 1000 };
  } finally {
    await context.close().catch(() => {});
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv[2] || 10000);
  const seed = Number(process.argv[3] || 1);
  // LAB_DIST serves another build (a copy, so a rebuild of dist/ meanwhile does not disturb a long run)
  const site = await serve(process.env.LAB_DIST ? { dir: process.env.LAB_DIST } : {});
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const res = await runMonkey({ browser, url: site.url, seed, count });
  console.log(
    res.ok
      ? `monkey: PASS, ${res.actions} actions (seed ${seed}) in ${res.seconds.toFixed(0)} s, ${(res.actions / res.seconds).toFixed(1)} actions/s`
      : `monkey: FAIL at action ${res.actions} (seed ${seed}): ${res.failure}`,
  );
  await browser.close();
  await site.close();
  process.exit(res.ok ? 0 : 1);
}
