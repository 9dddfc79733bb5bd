// trunk post_build hook (release builds only): minifies wasm-bindgen's JS glue with terser.
// trunk 0.21.14 minifies JS with the minify-js crate (0.5.6), whose parser stops at the glue's
// last line, `export { initSync, __wbg_init as default };` (it wants an identifier after `as`,
// not the keyword `default`), so trunk prints "Failed to minify JS" and ships the glue as is.
// terser (pinned in .tools/ by scripts/tools.sh) minifies it here instead. The integrity hash
// the page checks the glue against is taken from the minified bytes by loader.mjs, which runs
// next. Property names are never mangled: the wasm imports the glue's functions by name.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fail, staging } from './staging.mjs';

const { dir } = staging('minify-glue.mjs');
// `trunk serve` and debug builds keep the readable glue
if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const glue = readdirSync(dir).filter((f) => /^session-lab-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1) fail('minify-glue.mjs', `expected one session-lab-<hash>.js in ${dir}, found ${glue.length}`);
const file = join(dir, glue[0]);
const before = readFileSync(file).length;
try {
  execFileSync('terser', [file, '--module', '--compress', '--mangle', '--output', file], { stdio: 'inherit' });
} catch (e) {
  fail('minify-glue.mjs', `terser failed (${e.message}); run scripts/tools.sh build to install it`);
}
console.log(`minify-glue.mjs: ${glue[0]} ${before} -> ${readFileSync(file).length} bytes`);
