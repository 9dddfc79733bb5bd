#!/usr/bin/env node
// Session Lab parity harness: replays a scenario (docs/scenario-format.md)
// against the REAL express / express-session / cookie-parser / ejs /
// connect-mongo / connect-redis packages, running the lab's own app files from
// src/engine/server/js/, and prints the trace the Rust `session-lab-trace`
// must reproduce byte for byte.
//
//   node trace.js SCENARIO.json      (or `-` for stdin)
//
// Only `Date` is faked (@sinonjs/fake-timers); requests go through
// light-my-request (no sockets); each browser is a tough-cookie jar with the
// browser rules tough-cookie does not enforce by itself added on top.
//
// Requests in flight (`parallel` steps, a store with latency, the apps' own
// setTimeout): an explicit queue of what is due at which virtual time. A
// delayed store call and an app's timer each become an entry, due after its
// delay, in the order they were made; the harness runs one entry at a time,
// moving Date to it, and lets Node's event loop settle before the next, so
// the interleaving is decided by the delays alone, deterministically.
'use strict';

// Deterministic error pages (finalhandler) and express's `env` setting.
// Must happen before express / express-session are loaded.
process.env.NODE_ENV = 'production';

const fs = require('fs');
const path = require('path');
const vm = require('vm');

const FakeTimers = require('@sinonjs/fake-timers');

const APP_DIR = path.resolve(__dirname, '../../src/engine/server/js');
const DEFAULT_NOW = 1700000000000;

// Anything the apps print (auth's console.log(req.session), deprecation
// notices, the MemoryStore production warning) goes to stderr so stdout is
// only the trace.
const appConsole = new console.Console({ stdout: process.stderr, stderr: process.stderr });

function fail(msg) {
  process.stderr.write('trace.js: ' + msg + '\n');
  process.exit(2);
}

// ---------------------------------------------------------------------------
// scenario
// ---------------------------------------------------------------------------

const scenarioPath = process.argv[2];
if (!scenarioPath) fail('usage: node trace.js SCENARIO.json');
const scenario = JSON.parse(fs.readFileSync(scenarioPath === '-' ? 0 : scenarioPath, 'utf8'));

const APP_FILES = {
  counter: { seed: 'counter.js' },
  auth: { seed: 'auth-seed.js', fixed: 'auth-fixed.js' },
  manual: { seed: 'manual.js' },
  'cookie-only': { seed: 'cookie-only.js', signed: 'cookie-only-signed.js' },
};
const appName = scenario.app || 'counter';
const variant = scenario.variant || 'seed';
if (!APP_FILES[appName]) fail('unknown app ' + JSON.stringify(appName));
const appFile = APP_FILES[appName][variant];
if (!appFile) fail('unknown variant ' + JSON.stringify(variant) + ' for app ' + appName);

// the deployment: one instance or two behind a balancer, an optional TLS proxy
const deploy = Object.assign({ instances: 1, balancer: 'round-robin', tls_proxy: false }, scenario.deploy || {});
for (const k of Object.keys(deploy)) {
  if (!['instances', 'balancer', 'tls_proxy', 'store_latency'].includes(k)) fail('unknown deploy key ' + k);
}
// how long the store takes to answer: get, and every write (set, touch, destroy)
const latency = Object.assign({ get: 0, set: 0 }, deploy.store_latency || {});
function latencyOf(method) { return method === 'get' ? latency.get : latency.set; }
if (![1, 2].includes(deploy.instances)) fail('deploy.instances must be 1 or 2');
if (!['round-robin', 'sticky'].includes(deploy.balancer)) fail('bad deploy.balancer');
const appSettings = scenario.app_settings || {};
for (const k of Object.keys(appSettings)) {
  if (k !== 'trust proxy') fail('unknown app setting ' + k);
}

// ---------------------------------------------------------------------------
// the clock: only Date is fake, timers stay real
// ---------------------------------------------------------------------------

const clock = FakeTimers.install({
  now: scenario.now === undefined ? DEFAULT_NOW : scenario.now,
  toFake: ['Date'],
});

// Loaded after the clock so nothing can capture the real Date early.
const express = require('express');
const realSession = require('express-session');
const cookieParser = require('cookie-parser');
const ejs = require('ejs');
const { MongoStore } = require('connect-mongo');
const { RedisStore } = require('connect-redis');
const cookieModule = require('cookie');
const { inject } = require('light-my-request');
const { CookieJar, Cookie } = require('tough-cookie');
const { AsyncLocalStorage } = require('async_hooks');

// ---------------------------------------------------------------------------
// the queue of what is due: delayed store calls and the apps' timers
// ---------------------------------------------------------------------------

// which request (its number in a `parallel` step) the running code serves
const requestContext = new AsyncLocalStorage();
let inFlight = false; // during a `parallel` step every store call is queued
let dueSeq = 0;
let dueQueue = []; // { at, seq, ctx, kind, since, fn }
let flightSteps = null; // the step's `flight` list while a `parallel` step runs

function enqueue(delay, kind, fn) {
  const now = Date.now();
  dueQueue.push({ at: now + delay, seq: ++dueSeq, ctx: requestContext.getStore(), kind, since: now, fn });
}

function popDue() {
  if (dueQueue.length === 0) return null;
  let best = 0;
  for (let i = 1; i < dueQueue.length; i++) {
    const a = dueQueue[i];
    const b = dueQueue[best];
    if (a.at < b.at || (a.at === b.at && a.seq < b.seq)) best = i;
  }
  return dueQueue.splice(best, 1)[0];
}

// Runs the next due entry (Date moved to it), then lets the event loop settle.
async function runDue() {
  const ev = popDue();
  if (!ev) return false;
  if (ev.at > Date.now()) clock.tick(ev.at - Date.now());
  let step = null;
  if (flightSteps && ev.kind !== 'start') {
    step = { at: Date.now(), request: ev.ctx, step: ev.kind, since: ev.since };
    flightSteps.push(step);
  }
  requestContext.run(ev.ctx, ev.fn);
  await settle(SETTLE_ROUNDS);
  if (step && (ev.kind === 'set' || ev.kind === 'destroy')) step.store = snapshotAll();
  return true;
}

const SETTLE_ROUNDS = 20;

// the apps' setTimeout: an entry in the queue
function appSetTimeout(fn, ms) {
  const args = Array.prototype.slice.call(arguments, 2);
  enqueue(Math.max(0, Number(ms) || 0), 'timer', () => fn.apply(undefined, args));
  return { unref() {}, ref() {} };
}

// ---------------------------------------------------------------------------
// scripted ids
// ---------------------------------------------------------------------------

const genidQueue = Array.isArray(scenario.genid) ? scenario.genid.slice() : null;
let genidExhausted = false;
function nextId() {
  if (genidQueue.length === 0) {
    // The app sees a thrown Error (a 500, as any throwing genid would give);
    // the run still prints its trace but exits non-zero, because a scenario
    // whose list is too short is almost always a mistake in the scenario.
    genidExhausted = true;
    throw new Error('genid list exhausted');
  }
  return genidQueue.shift();
}

// ---------------------------------------------------------------------------
// a fake MongoDB collection: exactly what connect-mongo 6.0.0 calls
// ---------------------------------------------------------------------------

function cmp(a, b) {
  const x = a instanceof Date || (a && typeof a.getTime === 'function') ? a.getTime() : a;
  const y = b instanceof Date || (b && typeof b.getTime === 'function') ? b.getTime() : b;
  return x < y ? -1 : x > y ? 1 : 0;
}

function matchValue(docHas, docVal, cond) {
  if (cond !== null && typeof cond === 'object' && !(cond instanceof Date) &&
      Object.keys(cond).some((k) => k[0] === '$')) {
    for (const op of Object.keys(cond)) {
      const arg = cond[op];
      switch (op) {
        case '$exists': if (Boolean(arg) !== docHas) return false; break;
        // comparison operators never match a missing field or a type mismatch
        case '$gt': if (!docHas || docVal == null || cmp(docVal, arg) <= 0) return false; break;
        case '$lt': if (!docHas || docVal == null || cmp(docVal, arg) >= 0) return false; break;
        case '$gte': if (!docHas || docVal == null || cmp(docVal, arg) < 0) return false; break;
        case '$lte': if (!docHas || docVal == null || cmp(docVal, arg) > 0) return false; break;
        default: throw new Error('fake mongo: unsupported operator ' + op);
      }
    }
    return true;
  }
  return docHas && cmp(docVal, cond) === 0;
}

function matches(doc, filter) {
  for (const key of Object.keys(filter)) {
    const cond = filter[key];
    if (key === '$or') {
      if (!cond.some((sub) => matches(doc, sub))) return false;
    } else if (key === '$and') {
      if (!cond.every((sub) => matches(doc, sub))) return false;
    } else if (key[0] === '$') {
      throw new Error('fake mongo: unsupported top-level operator ' + key);
    } else if (!matchValue(Object.prototype.hasOwnProperty.call(doc, key), doc[key], cond)) {
      return false;
    }
  }
  return true;
}

function cloneDoc(doc) {
  const out = {};
  for (const k of Object.keys(doc)) out[k] = doc[k] instanceof Date ? new Date(doc[k].getTime()) : doc[k];
  return out;
}

class FakeCollection {
  constructor() {
    // natural order = insertion order, like a fresh WiredTiger collection
    this.docs = [];
    this.indexes = [];
  }
  async createIndex(spec, options) {
    this.indexes.push({ spec, options });
    return 'expires_1';
  }
  async findOne(filter) {
    const d = this.docs.find((doc) => matches(doc, filter));
    return d ? cloneDoc(d) : null;
  }
  find(filter) {
    const docs = this.docs.filter((doc) => matches(doc, filter)).map(cloneDoc);
    return {
      toArray: async () => docs,
      async *[Symbol.asyncIterator]() { for (const d of docs) yield d; },
    };
  }
  async updateOne(filter, update, options) {
    const doc = this.docs.find((d) => matches(d, filter));
    for (const op of Object.keys(update)) {
      if (op !== '$set') throw new Error('fake mongo: unsupported update operator ' + op);
    }
    const set = update.$set || {};
    if (doc) {
      for (const k of Object.keys(set)) doc[k] = set[k];
      return { acknowledged: true, matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null };
    }
    if (!options || !options.upsert) {
      return { acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 0, upsertedId: null };
    }
    // an upsert builds the new document from the equality fields of the
    // query (here `_id`) and then applies $set: _id comes first.
    const fresh = {};
    for (const k of Object.keys(filter)) if (k[0] !== '$') fresh[k] = filter[k];
    for (const k of Object.keys(set)) fresh[k] = set[k];
    this.docs.push(fresh);
    return { acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: fresh._id };
  }
  async deleteOne(filter) {
    const i = this.docs.findIndex((d) => matches(d, filter));
    if (i >= 0) this.docs.splice(i, 1);
    return { acknowledged: true, deletedCount: i >= 0 ? 1 : 0 };
  }
  async deleteMany(filter) {
    const before = this.docs.length;
    this.docs = this.docs.filter((d) => !matches(d, filter));
    return { acknowledged: true, deletedCount: before - this.docs.length };
  }
  async countDocuments(filter) {
    return this.docs.filter((d) => matches(d, filter || {})).length;
  }
  // MongoDB's TTL monitor for the {expires: 1}, expireAfterSeconds: 0 index
  ttlSweep(now) {
    this.docs = this.docs.filter((d) => !(d.expires instanceof Date || (d.expires && typeof d.expires.getTime === 'function')) ||
      d.expires.getTime() >= now);
  }
  snapshot() {
    const out = {};
    for (const d of this.docs) {
      const o = {};
      for (const k of Object.keys(d)) {
        o[k] = d[k] && typeof d[k].toISOString === 'function' ? d[k].toISOString() : d[k];
      }
      out[d._id] = o;
    }
    return out;
  }
}

const mongoCollection = new FakeCollection(); // survives restart_server
const fakeMongoClient = {
  db() { return { collection() { return mongoCollection; } }; },
  async close() {},
};

// ---------------------------------------------------------------------------
// a fake Redis client: exactly what connect-redis 10 calls (node-redis v5+
// API), with Redis's expiry rule: a key is gone once now > its expiry time
// ---------------------------------------------------------------------------

class FakeRedis {
  constructor() {
    this.keys = new Map(); // key -> { value, when } (insertion order)
  }
  expired(key) {
    const e = this.keys.get(key);
    if (e && Date.now() > e.when) {
      this.keys.delete(key); // a read that finds an expired key deletes it
      return true;
    }
    return false;
  }
  async get(key) {
    if (this.expired(key) || !this.keys.has(key)) return null;
    return this.keys.get(key).value;
  }
  async set(key, value, options) {
    if (typeof value !== 'string') throw new Error('fake redis: SET value must be a string');
    const exp = options && options.expiration;
    if (!exp || exp.type !== 'EX') throw new Error('fake redis: only SET ... EX is expected');
    if (!Number.isInteger(exp.value)) throw new Error('ERR value is not an integer or out of range');
    if (exp.value <= 0) throw new Error("ERR invalid expire time in 'set' command");
    // SET keeps the key's place when it exists (a JS Map does too)
    this.keys.set(key, { value, when: Date.now() + exp.value * 1000 });
    return 'OK';
  }
  async expire(key, seconds) {
    if (!Number.isInteger(seconds)) throw new Error('ERR value is not an integer or out of range');
    if (this.expired(key) || !this.keys.has(key)) return 0;
    if (seconds <= 0) { this.keys.delete(key); return 1; } // a TTL that is not positive deletes
    this.keys.get(key).when = Date.now() + seconds * 1000;
    return 1;
  }
  async del(keys) {
    let n = 0;
    for (const k of keys) if (this.keys.delete(k)) n++;
    return n;
  }
  async mGet(keys) {
    const out = [];
    for (const k of keys) out.push(await this.get(k));
    return out;
  }
  async *scanIterator(opts) {
    const prefix = String(opts && opts.MATCH || '*').replace(/\*$/, '');
    const live = [...this.keys.keys()].filter((k) => k.startsWith(prefix) && !this.expired(k));
    yield live;
  }
  // Redis's active expiry, run whenever virtual time moves
  sweep(now) {
    for (const [k, e] of [...this.keys]) if (now > e.when) this.keys.delete(k);
  }
  snapshot() {
    const out = {};
    const now = Date.now();
    for (const [k, e] of this.keys) out[k] = { value: e.value, pttl: e.when - now };
    return out;
  }
}

const fakeRedis = new FakeRedis(); // survives restart_server, shared by both instances

// ---------------------------------------------------------------------------
// the server: load the lab's app file with a small loader
// ---------------------------------------------------------------------------

let storeCalls = [];
let servers = []; // one per instance: { app, setTls(), snapshot() }

function applyOptions(appOpts, overrides) {
  const merged = Object.assign({}, appOpts);
  if (appOpts.cookie) merged.cookie = Object.assign({}, appOpts.cookie);
  for (const key of Object.keys(overrides || {})) {
    const v = overrides[key];
    if (key === 'store') continue; // handled by the harness
    if (key === 'cookie') {
      if (v === null) { delete merged.cookie; continue; }
      const c = Object.assign({}, merged.cookie || {});
      for (const ck of Object.keys(v)) {
        const cv = v[ck];
        if (cv === null) delete c[ck];
        else if (ck === 'expires') c[ck] = new Date(cv);
        else c[ck] = cv;
      }
      merged.cookie = c;
      continue;
    }
    if (v === null) delete merged[key];
    else merged[key] = v;
  }
  delete merged.store;
  return merged;
}

function spyStore(store) {
  for (const m of ['get', 'set', 'touch', 'destroy']) {
    const orig = store[m];
    if (typeof orig !== 'function') continue;
    store[m] = function () {
      const ctx = requestContext.getStore();
      if (ctx !== undefined && flightCalls[ctx]) flightCalls[ctx].push(m);
      else storeCalls.push(m);
      const self = this;
      const args = arguments;
      // the call (and its callback) happen when the latency has passed
      if (!inFlight && latencyOf(m) === 0) return orig.apply(self, args);
      enqueue(latencyOf(m), m, () => orig.apply(self, args));
      return undefined;
    };
  }
  return store;
}
let flightCalls = {};

function startServer() {
  const options = scenario.options || {};
  const storeKind = options.store == null ? 'memory' : options.store;
  let store;
  let storeSnapshot;
  if (storeKind === 'memory') {
    store = new realSession.MemoryStore();
    storeSnapshot = () => JSON.parse(JSON.stringify(store.sessions));
  } else if (storeKind === 'persistent') {
    store = MongoStore.create({ client: fakeMongoClient });
    storeSnapshot = () => mongoCollection.snapshot();
  } else if (storeKind === 'redis') {
    store = new RedisStore({ client: fakeRedis });
    storeSnapshot = () => fakeRedis.snapshot();
  } else {
    fail('unknown store ' + JSON.stringify(storeKind));
  }
  spyStore(store);

  let captured = null;
  function expressShim() {
    const app = express.apply(this, arguments);
    app.listen = function () { return { close() {} }; };
    captured = app;
    return app;
  }
  Object.assign(expressShim, express);

  function sessionShim(appOpts) {
    const merged = applyOptions(appOpts || {}, options);
    merged.store = store;
    if (genidQueue) merged.genid = () => nextId();
    return realSession(merged);
  }
  Object.assign(sessionShim, realSession);

  const requireMap = {
    express: expressShim,
    'express-session': sessionShim,
    'cookie-parser': cookieParser,
    ejs: ejs,
  };
  function appRequire(name) {
    if (Object.prototype.hasOwnProperty.call(requireMap, name)) return requireMap[name];
    throw new Error('app requires unexpected module ' + name);
  }

  const filename = path.join(APP_DIR, appFile);
  let code = fs.readFileSync(filename, 'utf8');
  let manualSessions = null;
  const extra = {};
  if (appFile === 'manual.js') {
    const idExpr = "Date.now() + '' + Math.random()";
    const decl = 'var sessions = {};';
    if (!code.includes(decl)) fail('manual.js: cannot find `' + decl + '`');
    if (genidQueue) {
      if (!code.includes(idExpr)) fail('manual.js: cannot find `' + idExpr + '`');
      code = code.split(idExpr).join('__lab_genid()');
    }
    code = code.replace(decl, 'var sessions = __lab_sessions;');
    // The notebook lives in a fresh realm per server start, so a card id such
    // as `constructor` or `__proto__` that writes through to a prototype only
    // pollutes this server's realm, as it would one Node process.
    manualSessions = vm.runInNewContext('({})');
    extra.__lab_sessions = new Proxy(manualSessions, {
      get(target, key, receiver) {
        if (typeof key === 'string') storeCalls.push('get');
        return Reflect.get(target, key, receiver);
      },
      set(target, key, value, receiver) {
        if (typeof key === 'string') storeCalls.push('set');
        return Reflect.set(target, key, value, receiver);
      },
    });
    extra.__lab_genid = () => nextId();
    storeSnapshot = () => JSON.parse(JSON.stringify(manualSessions));
  } else if (appName === 'cookie-only') {
    storeSnapshot = () => ({});
  }

  const module = { exports: {} };
  const params = ['require', 'module', 'exports', '__dirname', '__filename', 'console', 'setTimeout'].concat(Object.keys(extra));
  const args = [appRequire, module, module.exports, APP_DIR, filename, appConsole, appSetTimeout].concat(Object.values(extra));
  const fn = new Function(params.join(','), code + '\n//# sourceURL=' + filename);
  fn.apply(undefined, args);
  if (!captured) fail(appFile + ' did not create an express app');
  // Express app settings the scenario asks for (the lab shows them as app.set lines)
  for (const k of Object.keys(appSettings)) captured.set(k, appSettings[k]);

  // Per-request socket fix-ups, done where express enters the app (the app
  // object itself is what light-my-request must be given, so that it can
  // splice its request/response prototypes under express's).
  let tls = false;
  const origHandle = captured.handle;
  captured.handle = function (req, res, cb) {
    const sock = req.socket;
    // an https URL means the connection itself is TLS: express-session's
    // issecure() and express's req.protocol / req.secure read this
    if (tls) sock.encrypted = true;
    // finalhandler destroys the socket when an error arrives after the
    // headers went out; the mock socket has no destroy()
    if (typeof sock.destroy !== 'function') sock.destroy = function () {};
    // req.connection without light-my-request's deprecation warning
    Object.defineProperty(req, 'connection', { value: sock, configurable: true, writable: true });
    return origHandle.call(this, req, res, cb);
  };

  return {
    app: captured,
    setTls(v) { tls = v; },
    snapshot: storeSnapshot,
    shared: storeKind !== 'memory',
  };
}

function startServers() {
  const out = [];
  for (let i = 0; i < deploy.instances; i++) out.push(startServer());
  return out;
}

const INSTANCE_NAMES = ['app1', 'app2'];
let nextInstance = 0; // the balancer's round-robin pointer

// the balancer: round-robin, or sticky by its own cookie `lb`
function route(cookieHeader) {
  if (deploy.instances === 1) return { index: 0, pin: false };
  if (deploy.balancer === 'sticky' && cookieHeader) {
    const parsed = cookieModule.parse(cookieHeader);
    const i = INSTANCE_NAMES.indexOf(parsed.lb);
    if (i >= 0 && i < deploy.instances) return { index: i, pin: false };
  }
  const index = nextInstance % deploy.instances;
  nextInstance = (nextInstance + 1) % deploy.instances;
  return { index, pin: deploy.balancer === 'sticky' };
}

function snapshotAll() {
  if (servers.length === 1 || servers[0].shared) return servers[0].snapshot();
  const out = {};
  servers.forEach((s, i) => { out[INSTANCE_NAMES[i]] = s.snapshot(); });
  return out;
}

// ---------------------------------------------------------------------------
// browsers
// ---------------------------------------------------------------------------

const jars = new Map();
function jarFor(name) {
  if (!jars.has(name)) {
    jars.set(name, new CookieJar(undefined, {
      // tough-cookie 6 treats http://localhost as a secure origin (as Chrome
      // does); the lab's browser follows the plain rule: Secure needs https.
      allowSecureOnLocal: false,
      enforceSecureOriginOnStorage: true,
      looseMode: false,
      rejectPublicSuffixes: true,
    }));
  }
  return jars.get(name);
}

function cookieHeaderFor(jar, url) {
  const https = new URL(url).protocol === 'https:';
  const cookies = jar.getCookiesSync(url, { http: true })
    .filter((c) => https || !c.secure); // Secure cookies never go over http
  if (cookies.length === 0) return undefined;
  // getCookies sorts by RFC 6265 5.4 step 2: longer path first, then
  // earlier creation first (creationIndex breaks ties on the fake clock)
  return cookies.map((c) => c.cookieString()).join('; ');
}

function storeSetCookie(jar, url, header) {
  const https = new URL(url).protocol === 'https:';
  const parsed = Cookie.parse(header, { loose: false });
  if (!parsed) { process.stderr.write('jar: unparsable Set-Cookie ignored: ' + header + '\n'); return; }
  if (parsed.secure && !https) {
    process.stderr.write('jar: Secure cookie over http refused: ' + header + '\n');
    return;
  }
  try {
    jar.setCookieSync(header, url, { http: true });
  } catch (e) {
    process.stderr.write('jar: Set-Cookie refused (' + e.message + '): ' + header + '\n');
  }
}

function closeBrowser(jar) {
  const all = [];
  jar.store.getAllCookies((err, cookies) => { if (err) throw err; all.push(...cookies); });
  for (const c of all) {
    if (!c.isPersistent()) {
      jar.store.removeCookie(c.domain, c.path, c.key, (err) => { if (err) throw err; });
    }
  }
}

// ---------------------------------------------------------------------------
// requests
// ---------------------------------------------------------------------------

const DROPPED_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

function rawHeaders(res) {
  // res._header is exactly what went on the wire: insertion order, original
  // case, one line per Set-Cookie value.
  const text = res._header || '';
  const lines = text.split('\r\n').slice(1).filter((l) => l.length > 0);
  const out = [];
  for (const line of lines) {
    const i = line.indexOf(': ');
    const name = line.slice(0, i);
    const value = line.slice(i + 2);
    if (DROPPED_HEADERS.has(name.toLowerCase())) continue;
    out.push([name, value]);
  }
  return out;
}

function settle(rounds) {
  let p = Promise.resolve();
  for (let i = 0; i < rounds; i++) p = p.then(() => new Promise((r) => setImmediate(r)));
  return p;
}

async function doRequest(step) {
  const method = (step.method || 'GET').toUpperCase();
  const url = step.url;
  if (typeof url !== 'string') throw new Error('request without url');
  const u = new URL(url);
  const browser = step.browser || 'victim';
  const jar = jarFor(browser);

  const headers = {};
  let explicitCookie = false;
  for (const k of Object.keys(step.headers || {})) {
    if (k.toLowerCase() === 'cookie') explicitCookie = true;
    headers[k] = step.headers[k];
  }
  if (!explicitCookie) {
    const c = cookieHeaderFor(jar, url);
    if (c !== undefined) headers.Cookie = c;
  }

  let tls = u.protocol === 'https:';
  if (deploy.tls_proxy) {
    // the proxy ends TLS and forwards plain http, saying what the browser used
    for (const k of Object.keys(headers)) {
      if (k.toLowerCase() === 'x-forwarded-proto') delete headers[k];
    }
    headers['X-Forwarded-Proto'] = tls ? 'https' : 'http';
    tls = false;
  }
  let cookieHeader;
  for (const k of Object.keys(headers)) if (k.toLowerCase() === 'cookie') cookieHeader = headers[k];
  const { index, pin } = route(cookieHeader);
  const server = servers[index];

  storeCalls = [];
  server.setTls(tls);
  let res = null;
  const pending = inject(server.app, {
    method,
    url: u.pathname + u.search,
    authority: u.host,
    headers,
  }).then((r) => { res = r; });
  // a store with latency, or an app's timer: run the queue until the answer comes
  for (;;) {
    await settle(1);
    if (res !== null) break;
    if (dueQueue.length === 0) await settle(SETTLE_ROUNDS);
    if (res !== null) break;
    // nothing due: the answer comes without the queue
    if (!(await runDue())) { await pending; break; }
  }
  await pending;
  server.setTls(false);
  await settle(5);

  const hdrs = rawHeaders(res.raw.res);
  // a sticky balancer pins a browser it has not pinned yet
  if (pin) hdrs.push(['Set-Cookie', 'lb=' + INSTANCE_NAMES[index] + '; Path=/']);
  for (const [name, value] of hdrs) {
    if (name.toLowerCase() === 'set-cookie') storeSetCookie(jar, url, value);
  }

  const out = {
    status: res.statusCode,
    headers: hdrs,
    body: res.payload,
    store: snapshotAll(),
    store_calls: storeCalls.slice(),
  };
  if (deploy.instances === 2) out.instance = INSTANCE_NAMES[index];
  return out;
}

// A `parallel` step: every request is fired (each `after` ms from the step's
// start) and the queue runs until all have their answers.
async function doParallel(list) {
  inFlight = true;
  flightSteps = [];
  flightCalls = {};
  const results = new Array(list.length).fill(null);
  const start = Date.now();
  list.forEach((entry, i) => {
    const id = i + 1;
    flightCalls[id] = [];
    dueQueue.push({
      at: start + (entry.after || 0),
      seq: ++dueSeq,
      ctx: id,
      kind: 'start',
      since: start + (entry.after || 0),
      fn: () => startInFlight(id, entry.request, results),
    });
  });
  while (await runDue()) { /* one due entry at a time */ }
  if (results.some((r) => r === null)) fail('a request in flight never finished');
  inFlight = false;
  const steps = flightSteps;
  flightSteps = null;
  return { parallel: results, flight: steps, now: Date.now() };
}

function startInFlight(id, step, results) {
  const method = (step.method || 'GET').toUpperCase();
  const url = step.url;
  const u = new URL(url);
  const jar = jarFor(step.browser || 'victim');
  const headers = {};
  let explicitCookie = false;
  for (const k of Object.keys(step.headers || {})) {
    if (k.toLowerCase() === 'cookie') explicitCookie = true;
    headers[k] = step.headers[k];
  }
  if (!explicitCookie) {
    const c = cookieHeaderFor(jar, url);
    if (c !== undefined) headers.Cookie = c;
  }
  let tls = u.protocol === 'https:';
  if (deploy.tls_proxy) {
    for (const k of Object.keys(headers)) {
      if (k.toLowerCase() === 'x-forwarded-proto') delete headers[k];
    }
    headers['X-Forwarded-Proto'] = tls ? 'https' : 'http';
    tls = false;
  }
  let cookieHeader;
  for (const k of Object.keys(headers)) if (k.toLowerCase() === 'cookie') cookieHeader = headers[k];
  const { index, pin } = route(cookieHeader);
  const server = servers[index];
  const sent = Date.now();
  flightSteps.push({ at: sent, request: id, step: 'sent', since: sent });
  server.setTls(tls);
  inject(server.app, {
    method,
    url: u.pathname + u.search,
    authority: u.host,
    headers,
  }).then((res) => {
    const hdrs = rawHeaders(res.raw.res);
    if (pin) hdrs.push(['Set-Cookie', 'lb=' + INSTANCE_NAMES[index] + '; Path=/']);
    for (const [name, value] of hdrs) {
      if (name.toLowerCase() === 'set-cookie') storeSetCookie(jar, url, value);
    }
    const out = {
      status: res.statusCode,
      headers: hdrs,
      body: res.payload,
      store: snapshotAll(),
      store_calls: flightCalls[id].slice(),
    };
    if (deploy.instances === 2) out.instance = INSTANCE_NAMES[index];
    flightSteps.push({ at: Date.now(), request: id, step: 'answered', since: sent });
    results[id - 1] = out;
    server.setTls(false);
  });
}

// ---------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------

process.on('uncaughtException', (e) => fail('uncaught exception: ' + (e && e.stack || e)));
process.on('unhandledRejection', (e) => fail('unhandled rejection: ' + (e && e.stack || e)));

async function main() {
  servers = startServers();
  const out = [];
  for (const step of scenario.steps || []) {
    if (step.request) {
      out.push(await doRequest(step.request));
    } else if (Object.prototype.hasOwnProperty.call(step, 'advance')) {
      clock.tick(step.advance);
      const now = Date.now();
      mongoCollection.ttlSweep(now);
      fakeRedis.sweep(now);
      out.push({ now });
    } else if (step.parallel) {
      out.push(await doParallel(step.parallel));
    } else if (step.restart_server) {
      servers = startServers();
      await settle(2);
      out.push({ restarted: true });
    } else if (step.close_browser) {
      const name = step.close_browser.browser || 'victim';
      closeBrowser(jarFor(name));
      out.push({ closed: name });
    } else {
      fail('unknown step ' + JSON.stringify(step));
    }
  }
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  if (genidQueue && genidQueue.length > 0) {
    process.stderr.write('trace.js: ' + genidQueue.length + ' unused genid entries\n');
  }
  if (genidExhausted) {
    process.stderr.write('trace.js: the genid list ran out (the trace shows the resulting 500)\n');
    process.exitCode = 3;
  }
}

main().catch((e) => fail(e && e.stack || String(e)));
