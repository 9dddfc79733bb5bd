#!/usr/bin/env node
// Lighthouse scores of a built dist/ (the release build), in Debian's headless Chromium.
//
//   node scripts/lighthouse.mjs [distDir]        (default: the repo's dist/)
//   scripts/lighthouse.sh [distDir]              (same, but installs tools/lighthouse first)
//
// Serves distDir on a free loopback port with e2e/serve.mjs, then runs Lighthouse (pinned in
// tools/lighthouse/package.json) twice, each in a fresh Chromium with a fresh temporary profile:
//   mobile  - Lighthouse's default config (Moto G Power emulation, simulated slow 4G + 4x CPU)
//   desktop - lighthouse/core/config/desktop-config.js (simulated dense 4G, no CPU slowdown)
// for the categories performance, accessibility, best-practices and seo. Prints the four scores
// (0-100) of each run, the metric values, and every audit scoring below 1 with the elements or
// resources it blames, and writes the full reports to target/lighthouse/{mobile,desktop}.json.
//
// Nothing is downloaded: Chromium is /usr/bin/chromium (override with CHROME_PATH), and its host
// resolver maps every name except 127.0.0.1 to NOTFOUND, so the page can reach only the loopback
// server. Exit status: 0 when both runs produced reports (whatever the scores), 1 when Lighthouse
// or Chromium failed (a runtime error, an errored audit that carries score weight, a missing
// category score), 2 on bad usage. Errored weight-0 diagnostics are reported as warnings.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from '../e2e/serve.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TOOLS = join(ROOT, 'tools', 'lighthouse');
const LH_DIR = join(TOOLS, 'node_modules', 'lighthouse');
const OUT_DIR = join(ROOT, 'target', 'lighthouse');
const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
  'interactive',
];
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // No network beyond loopback: every host name but 127.0.0.1 fails to resolve.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];
const MAX_ITEMS = 8; // elements/resources shown per failing audit

function usage(msg) {
  if (msg) console.error(`lighthouse: ${msg}`);
  console.error('usage: node scripts/lighthouse.mjs [distDir]   (default dist)');
  process.exit(2);
}

const args = process.argv.slice(2);
if (args.some((a) => a === '-h' || a === '--help')) usage();
if (args.length > 1) usage('expected at most one argument');
const distDir = args[0] ? resolve(args[0]) : join(ROOT, 'dist'); // an argument is relative to the cwd
if (!existsSync(join(distDir, 'index.html'))) usage(`no ${join(distDir, 'index.html')}: run make dist (trunk build --release) first`);
if (!existsSync(join(LH_DIR, 'package.json'))) {
  console.error(`lighthouse: ${relative(process.cwd(), LH_DIR)} is missing: run scripts/lighthouse.sh, or: cd tools/lighthouse && npm ci`);
  process.exit(1);
}
if (!existsSync(CHROME_PATH)) {
  console.error(`lighthouse: no Chromium at ${CHROME_PATH} (set CHROME_PATH)`);
  process.exit(1);
}

const lhVersion = JSON.parse(readFileSync(join(LH_DIR, 'package.json'), 'utf8')).version;
const pinned = JSON.parse(readFileSync(join(TOOLS, 'package.json'), 'utf8')).dependencies.lighthouse;
if (lhVersion !== pinned) {
  console.error(`lighthouse: installed lighthouse ${lhVersion} != pinned ${pinned}: run scripts/lighthouse.sh (npm ci)`);
  process.exit(1);
}
const { default: lighthouse } = await import(pathToFileURL(join(LH_DIR, 'core', 'index.js')).href);
const { default: desktopConfig } = await import(pathToFileURL(join(LH_DIR, 'core', 'config', 'desktop-config.js')).href);
// chrome-launcher is lighthouse's own dependency; find it the way lighthouse's imports would.
const launcherDir = [join(LH_DIR, 'node_modules', 'chrome-launcher'), join(TOOLS, 'node_modules', 'chrome-launcher')].find((d) =>
  existsSync(join(d, 'package.json')),
);
if (!launcherDir) {
  console.error('lighthouse: chrome-launcher (a dependency of lighthouse) is missing: cd tools/lighthouse && npm ci');
  process.exit(1);
}
const launcherMain = JSON.parse(readFileSync(join(launcherDir, 'package.json'), 'utf8')).main || 'index.js';
const chromeLauncher = await import(pathToFileURL(join(launcherDir, launcherMain)).href);

// Cleanup on Ctrl-C: the running Chromium, its profile, and the server.
const cleanups = new Set();
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    for (const c of [...cleanups].reverse()) await c().catch(() => {});
    process.exit(130);
  });
}

/** One Lighthouse run in its own Chromium with a fresh temporary user-data-dir. */
async function runOnce(name, url, config) {
  const userDataDir = await mkdtemp(join(tmpdir(), `lh-${name}-`));
  let chrome;
  const cleanup = async () => {
    if (chrome) await Promise.resolve(chrome.kill()).catch(() => {});
    chrome = undefined;
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 5 });
  };
  cleanups.add(cleanup);
  try {
    chrome = await chromeLauncher.launch({
      chromePath: CHROME_PATH,
      chromeFlags: CHROME_FLAGS,
      userDataDir,
      logLevel: 'silent',
    });
    const result = await lighthouse(
      url,
      { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES },
      config,
    );
    if (!result) throw new Error('lighthouse returned no result');
    return result;
  } finally {
    await cleanup();
    cleanups.delete(cleanup);
  }
}

const pct = (s) => (typeof s === 'number' ? String(Math.round(s * 100)) : 'n/a');

/** Short lines describing what an audit blames: elements (selector + snippet) or resources. */
function blamed(details, out = []) {
  if (!details || out.length >= MAX_ITEMS) return out;
  if (details.type === 'list') {
    for (const d of details.items ?? []) blamed(d, out);
    return out;
  }
  const items = details.items ?? [];
  for (const item of items) {
    if (out.length >= MAX_ITEMS) break;
    if (!item || typeof item !== 'object') continue;
    const parts = [];
    for (const v of Object.values(item)) {
      if (v && typeof v === 'object' && v.type === 'node') {
        parts.push(`${v.selector ?? ''} ${v.snippet ?? ''}`.trim() + (v.explanation ? ` — ${v.explanation.replace(/\s+/g, ' ')}` : ''));
      } else if (v && typeof v === 'object' && v.type === 'source-location') {
        parts.push(`${v.url}:${v.line + 1}:${v.column + 1}`);
      }
    }
    if (typeof item.url === 'string') parts.push(item.url);
    for (const k of ['label', 'description', 'phase', 'issueType', 'metric', 'directive', 'name']) {
      if (typeof item[k] === 'string' && !parts.length) parts.push(`${k}: ${item[k]}`);
    }
    const nums = [];
    for (const k of ['wastedMs', 'wastedBytes', 'totalBytes', 'transferSize', 'duration', 'blockingTime', 'score', 'timing', 'percent']) {
      if (typeof item[k] === 'number') nums.push(`${k}=${Math.round(item[k] * 1000) / 1000}`);
      else if (typeof item[k] === 'string' && k === 'percent') nums.push(`${k}=${item[k]}`);
    }
    if (parts.length || nums.length) out.push([parts.join(' | '), nums.join(' ')].filter(Boolean).join('  '));
    if (item.subItems?.items) blamed({ type: 'table', items: item.subItems.items }, out);
  }
  if (details.type === 'opportunity' && typeof details.overallSavingsMs === 'number') {
    out.push(`overall savings: ${Math.round(details.overallSavingsMs)} ms` + (details.overallSavingsBytes ? `, ${Math.round(details.overallSavingsBytes / 1024)} KiB` : ''));
  }
  return out;
}

function report(name, lhr) {
  const problems = [];
  let erroredDiagnostics = 0;
  if (lhr.runtimeError) problems.push(`runtime error ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  for (const c of CATEGORIES) if (typeof lhr.categories[c]?.score !== 'number') problems.push(`no score for ${c}`);

  console.log(`\n== ${name}: ${lhr.finalDisplayedUrl} (formFactor ${lhr.configSettings.formFactor}, ${lhr.configSettings.throttlingMethod} throttling, benchmarkIndex ${lhr.environment.benchmarkIndex})`);
  for (const w of lhr.runWarnings ?? []) console.log(`warning: ${w}`);

  const metrics = METRICS.map((id) => lhr.audits[id]).filter(Boolean);
  if (metrics.length) {
    console.log('metrics:');
    for (const a of metrics) console.log(`  ${a.id.padEnd(26)} ${String(a.displayValue ?? '').padStart(10)}   score ${pct(a.score)}`);
  }

  // Which categories (and with what weight) each audit counts for.
  const refs = new Map();
  for (const c of CATEGORIES) {
    for (const r of lhr.categories[c]?.auditRefs ?? []) {
      if (!refs.has(r.id)) refs.set(r.id, []);
      refs.get(r.id).push(r.weight ? `${c}:w${r.weight}` : c);
    }
  }
  const failing = Object.values(lhr.audits)
    .filter((a) => refs.has(a.id) && ((typeof a.score === 'number' && a.score < 1) || a.scoreDisplayMode === 'error'))
    .sort((a, b) => (a.score ?? -1) - (b.score ?? -1) || a.id.localeCompare(b.id));
  console.log(failing.length ? `audits scoring below 1 (${failing.length}):` : 'audits scoring below 1: none');
  for (const a of failing) {
    const score = a.scoreDisplayMode === 'error' ? 'ERROR' : a.score.toFixed(2);
    console.log(`  ${score.padStart(5)}  ${a.id} — ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ''}  [${refs.get(a.id).join(', ')}]`);
    if (a.scoreDisplayMode === 'error') {
      console.log(`           · ${String(a.errorMessage).replace(/\s+/g, ' ').slice(0, 300)}`);
      // An errored audit that counts (weight > 0) leaves its category without a score: a failure.
      // Weight-0 diagnostics that error (e.g. trace-engine incompatibilities with a newer
      // Chromium) do not change any score, so they are reported but do not fail the run.
      const weighted = CATEGORIES.some((c) => lhr.categories[c]?.auditRefs?.some((r) => r.id === a.id && r.weight > 0));
      if (weighted) problems.push(`audit ${a.id} errored: ${a.errorMessage}`);
      else erroredDiagnostics++;
    }
    for (const line of blamed(a.details)) console.log(`           · ${line.replace(/\s+/g, ' ').slice(0, 300)}`);
  }

  // Anything the page asked for beyond the loopback server (blocked, but worth knowing).
  const origin = new URL(lhr.finalDisplayedUrl).origin;
  const foreign = (lhr.audits['network-requests']?.details?.items ?? [])
    .map((r) => r.url)
    .filter((u) => /^https?:/.test(u) && new URL(u).origin !== origin);
  for (const u of foreign) console.log(`warning: request outside the loopback server (blocked): ${u}`);

  if (erroredDiagnostics) {
    console.log(`warning: ${erroredDiagnostics} diagnostic audit(s) errored (weight 0: the scores above are unaffected, but those diagnostics are missing)`);
  }
  for (const p of problems) console.error(`error (${name}): ${p}`);
  return problems.length === 0;
}

// gzip on, as any static host serves it (GitHub Pages does)
const server = await serve({ dir: distDir, port: 0, base: '/', gzip: true });
cleanups.add(server.close);
console.log(`lighthouse ${lhVersion}, ${CHROME_PATH}; serving ${distDir} at ${server.url}`);

const runs = [
  ['mobile', undefined],
  ['desktop', desktopConfig],
];
const scores = {};
let ok = true;
await mkdir(OUT_DIR, { recursive: true });
try {
  for (const [name, config] of runs) {
    try {
      const { lhr, report: json } = await runOnce(name, server.url, config);
      const file = join(OUT_DIR, `${name}.json`);
      await writeFile(file, Array.isArray(json) ? json[0] : json);
      ok = report(name, lhr) && ok;
      console.log(`report: ${relative(process.cwd(), file)}`);
      scores[name] = Object.fromEntries(CATEGORIES.map((c) => [c, pct(lhr.categories[c]?.score)]));
    } catch (e) {
      ok = false;
      console.error(`error (${name}): lighthouse failed: ${e?.stack ?? e}`);
      scores[name] = Object.fromEntries(CATEGORIES.map((c) => [c, 'ERR']));
    }
  }
} finally {
  await server.close();
  cleanups.delete(server.close);
}

const w = Math.max(...CATEGORIES.map((c) => c.length)) + 2;
console.log(`\n${'scores'.padEnd(9)}${CATEGORIES.map((c) => c.padStart(w)).join('')}`);
for (const [name] of runs) console.log(`${name.padEnd(9)}${CATEGORIES.map((c) => scores[name][c].padStart(w)).join('')}`);
process.exit(ok ? 0 : 1);
