// Prints what the release wasm is made of, from a names-kept build (see scripts/size-report.sh):
// by crate, our own code by module, the largest functions and the largest data segments (with
// the start of their bytes, so string tables can be told apart). Sizes are twiggy's shallow
// bytes before gzip; the name section itself (kept only for this report) is left out.
//   node scripts/size-report.mjs NAMED.wasm [N]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [file, top = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/size-report.mjs NAMED.wasm [N]');
  process.exit(2);
}
const n = Number(top);
const csv = execFileSync('twiggy', ['top', '--format', 'csv', file], { maxBuffer: 1 << 28 }).toString();

// twiggy's CSV: Name,ShallowSize,... with "" quoting
function parseCsv(text) {
  const rows = [];
  for (const line of text.split('\n').slice(1)) {
    if (!line) continue;
    let name;
    let rest;
    if (line.startsWith('"')) {
      let i = 1;
      let s = '';
      for (; i < line.length; i++) {
        if (line[i] === '"' && line[i + 1] === '"') { s += '"'; i++; } else if (line[i] === '"') break; else s += line[i];
      }
      name = s;
      rest = line.slice(i + 2);
    } else {
      const k = line.search(/,\d+,/g);
      name = line.slice(0, k);
      rest = line.slice(k + 1);
    }
    rows.push({ name, size: Number(rest.split(',')[0]) });
  }
  return rows;
}

const clean = (name) => name
  .replace(/::h[0-9a-f]{16}$/, '')
  .replace(/\[[0-9a-f]{6,}\]/g, ''); // v0 mangling's crate disambiguators

// The crate a function belongs to: the first path of its name, looking through `<T as Trait>`,
// references and drop_in_place<T>. Items of our own crate reached through another crate's
// generics (a Yew component's view inlined into CompStateInner<Comp>) count as ours.
function crateOf(raw) {
  const name = clean(raw);
  if (/^"?function names"? subsection|^"?local names"?|^"?[a-z ]+ names"? subsection/.test(name)) return null;
  if (name.startsWith('data segment')) return '(data segments: strings, tables, constants)';
  if (/^(type|import|export|elem|table|global|memory|code)\[|^(import|export) /.test(name)) return '(wasm bookkeeping: types, imports, exports, tables)';
  if (/^[a-z_]+\[\d+\]$/.test(name)) return '(wasm bookkeeping: types, imports, exports, tables)';
  let s = name.replace(/^(<|&|mut |dyn |\*const |\*mut |\(|\[)+/, '');
  s = s.replace(/^core::ptr::drop_in_place<(.*)>$/, '$1').replace(/^(<|&|mut |dyn |\(|\[)+/, '');
  const m = /^([A-Za-z_][A-Za-z0-9_]*)::/.exec(s);
  const first = m ? m[1] : /^[a-z0-9_]+$/.test(s) ? '(primitives and unnamed)' : '(primitives and unnamed)';
  if (first !== 'session_lab' && name.includes('session_lab::')) return 'session_lab (through generics)';
  return first;
}

function moduleOf(raw) {
  const name = clean(raw);
  const m = /session_lab::([a-z_0-9]+)(?:::([a-z_0-9]+))?/.exec(name);
  if (!m) return null;
  return m[2] && !/^[A-Z]/.test(m[2]) ? `${m[1]}::${m[2]}` : m[1];
}

// data segment names -> bytes, from the wasm's data section and the name section's subsection 9
function dataSegments(bytes) {
  const out = new Map();
  let i = 8;
  const leb = () => { let r = 0; let s = 0; let b; do { b = bytes[i++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return r; };
  const segments = [];
  const names = new Map();
  while (i < bytes.length) {
    const id = bytes[i++];
    const len = leb();
    const end = i + len;
    if (id === 11) {
      const count = leb();
      for (let k = 0; k < count; k++) {
        const flags = leb();
        if (flags === 2) leb();
        if (flags !== 1) { while (bytes[i] !== 0x0b) i++; i++; } // the offset expression
        const size = leb();
        segments.push(bytes.subarray(i, i + size));
        i += size;
      }
    } else if (id === 0) {
      const nameLen = leb();
      const section = new TextDecoder().decode(bytes.subarray(i, i + nameLen));
      i += nameLen;
      if (section === 'name') {
        while (i < end) {
          const sub = bytes[i++];
          const subLen = leb();
          const subEnd = i + subLen;
          if (sub === 9) {
            const count = leb();
            for (let k = 0; k < count; k++) {
              const index = leb();
              const l = leb();
              names.set(new TextDecoder().decode(bytes.subarray(i, i + l)), index);
              i += l;
            }
          }
          i = subEnd;
        }
      }
    }
    i = end;
  }
  for (const [name, index] of names) out.set(name, segments[index]);
  return out;
}

const rows = parseCsv(csv);
const counted = rows.filter((r) => crateOf(r.name) !== null);
const total = counted.reduce((a, r) => a + r.size, 0);
const pct = (x) => `${((100 * x) / total).toFixed(1).padStart(5)}%`;
const kb = (x) => `${(x / 1024).toFixed(1).padStart(7)} KB`;
const table = (title, entries, limit) => {
  console.log(`\n${title}`);
  for (const [k, v] of entries.slice(0, limit)) console.log(`  ${kb(v)} ${pct(v)}  ${k}`);
};
const group = (key) => {
  const m = new Map();
  for (const r of counted) {
    const k = key(r.name);
    if (k !== null) m.set(k, (m.get(k) || 0) + r.size);
  }
  return [...m].sort((a, b) => b[1] - a[1]);
};

console.log(`${file}: ${kb(total).trim()} of code and data (the name section, kept for this report, left out)`);
table('By crate', group(crateOf), n);
table('Our crate (session_lab) by module, generics included', group(moduleOf), n);
table('Largest functions', counted.filter((r) => !r.name.startsWith('data segment')).map((r) => [clean(r.name).slice(0, 150), r.size]), n);

const segments = dataSegments(readFileSync(file));
// the first run of text in the segment (constants and tables come before strings)
const preview = (b) => {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 65536));
  const run = /[^\u0000-\u001f\ufffd]{24,}/.exec(text);
  return (run ? run[0] : '').replace(/\s+/g, ' ').slice(0, 70);
};
console.log('\nLargest data segments (their first run of text)');
for (const r of rows.filter((x) => x.name.startsWith('data segment')).slice(0, Math.min(n, 12))) {
  const name = r.name.replace(/^data segment "?|"$/g, '');
  const seg = segments.get(name);
  console.log(`  ${kb(r.size)} ${pct(r.size)}  ${name.padEnd(14)} ${seg ? JSON.stringify(preview(seg)) : ''}`);
}

// core's float formatting (an f64 printed by `{}` or `{:.N}`): none of our code needs it, and
// one line that does links it all (9.5 KB of code, its tables with it); the engine's
// number_to_string and effects::px print numbers. Its callers reach it through the function
// table, where twiggy's paths end: find them in `cargo rustc --release --target
// wasm32-unknown-unknown --lib -- --emit=llvm-ir` (CARGO_PROFILE_RELEASE_LTO=false), by the
// symbol's name, inside the function that stores it.
const floats = counted.filter((r) => /core[^ ]*::fmt::(Display|LowerExp|UpperExp)>::fmt$/.test(r.name) && /^<f(32|64) as/.test(r.name));
console.log(floats.length
  ? `\nWARNING core's float formatting is linked: ${floats.map((r) => `${clean(r.name)} ${r.size} B`).join(', ')}`
  : "\ncore's float formatting: not linked");
