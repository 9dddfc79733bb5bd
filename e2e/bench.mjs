// Measures in headless Chromium, on the release dist/: the engine's requests per second in
// WebAssembly (same workload as the host benchmark), the brute-forcer's candidates per second,
// time to interactive (median of 5 cold loads, with their largest contentful paint and the
// largest cumulative layout shift; TTI_ONLY=1 stops there), and click-to-paint with 10,000 sessions and
// 1,000 log entries (median of 15 clicks; CLICK_ONLY=1 measures that alone). Prints one JSON line.
import { chromium } from '@playwright/test';
import { serve } from './serve.mjs';
import { loadLab } from './loaded.mjs';

// DIST=/path/to/another/dist compares a build (time to interactive, paint and shift figures)
const site = await serve(process.env.DIST ? { dir: process.env.DIST } : {});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function tti() {
  const context = await browser.newContext();
  const page = await context.newPage();
  // largest contentful paint and cumulative layout shift of the same cold load
  await page.addInitScript(() => {
    window.__lcp = 0;
    window.__cls = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp = e.startTime; })
      .observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
    // where a slow load's time went (printed for loads over a second)
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([Math.round(e.startTime), Math.round(e.duration)]); })
      .observe({ type: 'longtask', buffered: true });
  });
  await page.goto(site.url);
  // interactive: the app has mounted and the address bar's Go button answers a click
  await page.locator('.window:not(.attacker) form.addressbar button[type=submit]').waitFor();
  const t = await page.evaluate(() => new Promise((ok) => {
    const mounted = performance.getEntriesByName('session-lab-interactive')[0];
    if (mounted) return ok(mounted.startTime);
    addEventListener('session-lab-interactive', () => ok(performance.getEntriesByName('session-lab-interactive')[0].startTime));
  }));
  // what the first second after mounting shifts
  await page.waitForTimeout(1000);
  const { lcp, cls, where } = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const ms = (x) => Math.round(x);
    return {
      lcp: window.__lcp,
      cls: window.__cls,
      where: {
        page: [ms(nav.responseStart), ms(nav.responseEnd), ms(nav.domContentLoadedEventEnd)],
        paint: performance.getEntriesByType('paint').map((e) => [e.name, ms(e.startTime)]),
        fetched: performance.getEntriesByType('resource').map((e) => [e.name.split('/').pop(), ms(e.startTime), ms(e.responseEnd)]),
        long: window.__long,
      },
    };
  });
  await context.close();
  if (t > 1000) process.stderr.write(`bench.mjs: a load took ${Math.round(t)} ms: ${JSON.stringify(where)}\n`);
  return { t, lcp, cls };
}

const loads = [];
// VISITORS_ONLY=1 measures the 100,000 visitors alone (VISITORS=n for another count)
// CLICK_ONLY=1 measures click-to-paint alone
const clickOnly = !!process.env.CLICK_ONLY;
for (let i = 0; i < (process.env.VISITORS_ONLY || clickOnly ? 0 : 5); i++) loads.push(await tti());
// in the order they ran (tti_all is sorted)
const ttiOrder = loads.map((l) => Math.round(l.t));
const ttis = loads.map((l) => l.t).sort((a, b) => a - b);
const lcps = loads.map((l) => l.lcp).sort((a, b) => a - b);
const cls = Math.max(...loads.map((l) => l.cls));
if (process.env.TTI_ONLY) {
  await browser.close();
  await site.close();
  process.stdout.write(JSON.stringify({ tti_ms: ttis[2], tti_all: ttis.map(Math.round), tti_order: ttiOrder, lcp_ms: lcps[2], lcp_all: lcps.map(Math.round), cls_max: cls }) + '\n');
  process.exit(0);
}

// "Simulate N visitors" with 100,000 visitors, as a learner starts it (a fresh page, the form's
// defaults but the count): the time from the click on Start to the result, and the longest
// frame while it ran (the largest gap between two animation frames, and Chromium's long
// animation frames where it reports them)
async function visitors(n) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url);
  await page.locator('details.visitors > summary').click();
  await page.fill('#sim-n', String(n));
  await page.locator('#sim-n').dispatchEvent('change');
  await page.evaluate(() => {
    window.__frames = { max: 0, count: 0, loaf: 0, run: true };
    let last = performance.now();
    const tick = (t) => {
      if (!window.__frames.run) return;
      window.__frames.max = Math.max(window.__frames.max, t - last);
      window.__frames.count++;
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
    try {
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) window.__frames.loaf = Math.max(window.__frames.loaf, e.duration);
      }).observe({ type: 'long-animation-frame' });
    } catch (_) { /* not reported by this browser */ }
  });
  await page.waitForTimeout(200);
  await page.evaluate(() => {
    window.__frames.max = 0;
    window.__frames.loaf = 0;
    // the result is timed in the page, when it enters the DOM (Playwright's own polling for
    // it lags by up to a few hundred milliseconds on a long wait)
    window.__done = 0;
    new MutationObserver(() => {
      if (!window.__done && document.querySelector('#sim-result')) {
        window.__done = performance.now();
        window.__frames.run = false;
      }
    }).observe(document.body, { subtree: true, childList: true });
    window.__clicked = performance.now();
    document.querySelector('details.visitors button[type=submit]').click();
  });
  // progress shows while it runs
  const progress = await page.locator('#sim-progress').textContent({ timeout: 10_000 });
  await page.locator('#sim-result').waitFor({ timeout: 300_000 });
  const out = await page.evaluate(() => {
    window.__frames.run = false;
    const e = window.__done - window.__clicked;
    return { ms: e, frame_ms: window.__frames.max, loaf_ms: window.__frames.loaf, frames: window.__frames.count };
  });
  await context.close();
  return { ...out, progress: progress.trim().length > 0 };
}
const sim = clickOnly ? {} : await visitors(Number(process.env.VISITORS || 100000));
if (process.env.VISITORS_ONLY) {
  await browser.close();
  await site.close();
  process.stdout.write(JSON.stringify({ sim_ms: sim.ms, sim_frame_ms: sim.frame_ms, sim_loaf_ms: sim.loaf_ms, sim_frames: sim.frames }) + '\n');
  process.exit(0);
}

const page = await browser.newPage();
await page.goto(site.url);
await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.bench_requests);
const rps = clickOnly ? {} : await page.evaluate(async () => {
  const b = window.wasmBindings;
  const out = {};
  // warm up both paths until V8 has tiered the module up from its baseline compiler (a 1.3 MB
  // module takes a few seconds on two cores; measured too early, the first path runs slower)
  const w0 = performance.now();
  while (performance.now() - w0 < 3000) {
    b.bench_requests(true, 500);
    b.bench_requests(false, 500);
  }
  for (const [name, returning] of [['returning', true], ['new', false]]) {
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 2000) {
      b.bench_requests(returning, 2000);
      n += 2000;
    }
    out[name] = n / ((performance.now() - t0) / 1000);
  }
  const t0 = performance.now();
  b.bench_bruteforce(200000);
  out.bruteforce = 200000 / ((performance.now() - t0) / 1000);
  // (g)'s engine alone: the same 100,000 visitors with no page around them, best of 3
  out.sim_engine_ms = Infinity;
  for (let i = 0; i < 3; i++) {
    const t1 = performance.now();
    b.bench_visitors(100000);
    out.sim_engine_ms = Math.min(out.sim_engine_ms, performance.now() - t1);
  }
  return out;
});

// a loaded lab: 1,000 requests in the timeline, 10,000 sessions in the store; then the time
// from a click on Go to the next frame
await loadLab(page);
const paints = await page.evaluate(async () => {
  const go = document.querySelector('.window:not(.attacker) form.addressbar button[type=submit]');
  const out = [];
  for (let i = 0; i < 15; i++) {
    await new Promise((r) => setTimeout(r, 30));
    const t0 = performance.now();
    go.click();
    await new Promise((r) => requestAnimationFrame(() => r()));
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
});
await browser.close();
await site.close();
if (clickOnly) {
  process.stdout.write(JSON.stringify({ click_paint_ms: paints[7], click_all: paints.map((p) => +p.toFixed(1)) }) + '\n');
  process.exit(0);
}
process.stdout.write(
  JSON.stringify({ ...rps, tti_ms: ttis[2], tti_all: ttis.map((t) => Math.round(t)), tti_order: ttiOrder, lcp_ms: lcps[2], cls_max: cls, click_paint_ms: paints[7], sim_ms: sim.ms, sim_frame_ms: sim.frame_ms, sim_loaf_ms: sim.loaf_ms, sim_engine_ms: rps.sim_engine_ms }) + '\n',
);
