// trunk post_build hook (release builds only): minifies wasm-bindgen's JS glue with terser.
// trunk 0.21.14 minifies JS with the minify-js crate (0.5.6), whose parser stops at the glue's
// last line, `export { initSync, __wbg_init as default };` (it wants an identifier after `as`,
// not the keyword `default`), so trunk prints "Failed to minify JS" and ships the glue as is.
// terser (pinned in .tools/ by scripts/tools.sh) minifies it here instead, and the
// modulepreload link's integrity hash in index.html is rewritten to match the new bytes.
// Property names are never mangled: the wasm imports the glue's functions by name.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error('minify-glue.mjs: set TRUNK_STAGING_DIR or pass the dist directory');
  process.exit(2);
}
// `trunk serve` and debug builds keep the readable glue
if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const glue = readdirSync(dir).filter((f) => /^session-lab-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1) {
  console.error(`minify-glue.mjs: expected one session-lab-<hash>.js in ${dir}, found ${glue.length}`);
  process.exit(1);
}
const file = join(dir, glue[0]);
const before = readFileSync(file);
try {
  execFileSync('terser', [file, '--module', '--compress', '--mangle', '--output', file], { stdio: 'inherit' });
} catch (e) {
  console.error(`minify-glue.mjs: terser failed (${e.message}); run scripts/tools.sh build to install it`);
  process.exit(1);
}
const after = readFileSync(file);

// trunk's Subresource Integrity hash of the glue (sha384 on the modulepreload link)
const html = join(dir, 'index.html');
const sri = `sha384-${createHash('sha384').update(after).digest('base64')}`;
const page = readFileSync(html, 'utf8');
const escaped = glue[0].replace(/[.]/g, '\\.');
const link = new RegExp(`(href="?\\./${escaped}"?[^>]*?\\bintegrity=)"?sha384-[A-Za-z0-9+/=]+"?`);
if (page.includes(glue[0]) && /integrity=/.test(page)) {
  if (!link.test(page)) {
    console.error(`minify-glue.mjs: no integrity attribute for ${glue[0]} in index.html to update`);
    process.exit(1);
  }
  writeFileSync(html, page.replace(link, `$1${sri}`));
}
console.log(`minify-glue.mjs: ${glue[0]} ${before.length} -> ${after.length} bytes`);
