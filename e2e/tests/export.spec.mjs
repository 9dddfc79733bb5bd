// "Export as a Node project", run for real: each lesson's app is exported from the page after a
// few requests, unpacked, installed with npm (the versions the parity fixtures use), started
// with real Node on loopback, and its replay.sh sends the lab's requests to it and compares the
// status and every Set-Cookie's name and attributes with the lab's. Ids and MACs differ.
import { test, expect, openApp, go } from '../fixtures.mjs';
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, mkdir, writeFile, readFile, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { promisify } from 'node:util';
import { connect } from 'node:net';

const run = promisify(execFile);

/** The entries of a stored zip (the lab writes no compression): [{ name, mode, data }]. */
function unzip(buf) {
  const end = buf.length - 22;
  expect(buf.readUInt32LE(end)).toBe(0x06054b50);
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(at)).toBe(0x02014b50);
    expect(buf.readUInt16LE(at + 10), 'stored, not compressed').toBe(0);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const mode = buf.readUInt32LE(at + 38) >>> 16;
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    out.push({ name, mode, data: buf.subarray(dataAt, dataAt + size) });
    at += 46 + nameLen;
  }
  return out;
}

/** Clicks "Export as a Node project" and unpacks the download into a fresh folder. */
async function exportProject(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#export-node').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^session-lab-[a-z-]+\.zip$/);
  const buf = await readFile(await download.path());
  const root = await mkdtemp(join(tmpdir(), 'lab-export-'));
  const entries = unzip(buf);
  for (const e of entries) {
    const file = join(root, e.name);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, e.data);
    await chmod(file, e.mode & 0o777);
  }
  const folder = join(root, entries[0].name.split('/')[0]);
  return { root, folder, files: entries.map((e) => e.name.split('/').slice(1).join('/')) };
}

/** Waits until the port takes a connection, without sending a request. */
async function waitForListen(port, child) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`node app.js exited with ${child.exitCode}`);
    const up = await new Promise((ok) => {
      const socket = connect(port, '127.0.0.1', () => { socket.destroy(); ok(true); });
      socket.on('error', () => ok(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listened on ${port}`);
}

/** Waits until something answers on the port (the app is up). */
async function waitForPort(port, child) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`node app.js exited with ${child.exitCode}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nothing answered on ${port}`);
}

/** Starts the exported app as its `npm start` does (`NODE_ENV=production node app.js`). */
async function startApp(folder) {
  const pkg = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8'));
  const m = /^(\w+)=(\S+) node (\S+)$/.exec(pkg.scripts.start);
  expect(m, pkg.scripts.start).not.toBeNull();
  const child = spawn('node', [m[3]], { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, [m[1]]: m[2] } });
  const out = { child, stderr: '', start: pkg.scripts.start };
  child.stderr.on('data', (d) => { out.stderr += d; });
  return out;
}

const CASES = [
  { hash: 'lesson=cookie&variant=plain', port: 3000, urls: ['/', '/'] },
  { hash: 'lesson=cookie&variant=signed', port: 3000, urls: ['/', '/'] },
  { hash: 'lesson=manual', port: 9090, urls: ['/', '/', '/'] },
  { hash: 'lesson=middleware', port: 3000, urls: ['/', '/', '/'] },
  { hash: 'lesson=auth&variant=seed', port: 8080, urls: ['/', '/login?username=alice', '/logout', '/user'] },
  { hash: 'lesson=auth&variant=fixed', port: 8080, urls: ['/', '/login?username=alice', '/logout', '/user'] },
  { hash: 'lesson=store&variant=memory', port: 8080, urls: ['/login?username=alice', '/user'] },
];

test.describe.configure({ mode: 'serial' });

for (const c of CASES) {
  test(`export ${c.hash}: real Node answers the lab's requests as the lab did`, async ({ page, site, problems }) => {
    test.setTimeout(240_000);
    await openApp(page, site, { hash: c.hash });
    for (const u of c.urls) await go(page, `http://localhost:${c.port}${u}`);
    const { root, folder, files } = await exportProject(page);
    try {
      expect(files).toEqual(expect.arrayContaining(['package.json', 'app.js', 'README.md', 'replay.sh']));
      const app = await readFile(join(folder, 'app.js'), 'utf8');
      // the code the server pane shows, line for line
      const shown = await page.locator('#server-code').innerText();
      expect(shown.replace(/\s+/g, '')).toContain(app.split('\n').slice(-3).join('').replace(/\s+/g, ''));
      await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'], { cwd: folder, timeout: 180_000 });
      const app$ = await startApp(folder);
      const child = app$.child;
      try {
        await waitForPort(c.port, child);
        // the lab's console starts as real Node did: the same command, and what it printed
        // at start-up (MemoryStore's warning comes only in production)
        const console$ = (await page.locator('details.console pre').textContent()).split('\n');
        expect(console$[0]).toBe(`$ ${app$.start}`);
        const memory = console$.findIndex((l) => l.startsWith('Warning: connect.session() MemoryStore'));
        expect(memory >= 0, 'the lab warns of MemoryStore').toBe(/express-session/.test(app));
        if (memory >= 0) expect(app$.stderr).toContain(console$.slice(memory, memory + 3).join('\n'));
        const { stdout } = await run('sh', ['replay.sh'], { cwd: folder, timeout: 60_000 }).catch((e) => {
          throw new Error(`replay.sh failed (${e.code}):\n${e.stdout}\n${e.stderr}\napp stderr:\n${app$.stderr}`);
        });
        const lines = stdout.split('\n');
        // one compared line per request the lab made (redirects are requests of their own)
        const entries = await page.locator('#pane-timeline li.entry:has(.method)').count();
        expect(entries).toBeGreaterThanOrEqual(c.urls.length);
        expect(lines.filter((l) => l.startsWith('= ')).length).toBe(entries);
        expect(lines.filter((l) => l.startsWith('x ')), stdout).toEqual([]);
      } finally {
        child.kill();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
}

test('lesson 5 with MongoDB: the export names connect-mongo and its driver, and says how to start MongoDB', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'lesson=store&variant=persistent' });
  const { root, folder } = await exportProject(page);
  try {
    const pkg = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toMatchObject({ express: '4.22.3', 'express-session': '1.19.0', 'connect-mongo': '6.0.0', mongodb: '7.9.0' });
    const readme = await readFile(join(folder, 'README.md'), 'utf8');
    expect(readme).toContain('docker run -d -p 27017:27017 mongo');
    expect(readme).toContain('MemoryStore');
    // the app starts with the pinned connect-mongo and listens (no MongoDB here, so no
    // request is sent: its session store would wait for the database). A bare
    // `require('connect-mongo')` has no `create` in version 6: that threw at start-up.
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'], { cwd: folder, timeout: 180_000 });
    const app$ = await startApp(folder);
    const child = app$.child;
    try {
      await waitForListen(8080, child);
      expect(app$.stderr).not.toContain('TypeError');
    } catch (e) {
      throw new Error(`${e.message}\napp stderr:\n${app$.stderr}`);
    } finally {
      child.kill();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a challenge that hides the secret offers no export', async ({ page, site, problems }) => {
  await openApp(page, site, { hash: 'challenge=weak-secret' });
  await expect(page.locator('#export-node')).toBeDisabled();
});
