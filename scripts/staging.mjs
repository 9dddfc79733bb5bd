// What the trunk post-build hooks (minify-glue.mjs, loader.mjs, csp.mjs) share: the directory
// trunk is building into (TRUNK_STAGING_DIR, or the first argument when a hook is run by hand
// on a dist/), and a way to stop with a message that names the hook.
import { join } from 'node:path';

/** Prints `hook: message` and exits with `code`. */
export function fail(hook, message, code = 1) {
  console.error(`${hook}: ${message}`);
  process.exit(code);
}

/** The staging directory and its index.html, or exits with how to give one. */
export function staging(hook) {
  const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
  if (!dir) fail(hook, 'set TRUNK_STAGING_DIR or pass the dist directory', 2);
  return { dir, index: join(dir, 'index.html') };
}
