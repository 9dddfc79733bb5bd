// A small seeded random generator (mulberry32), so the fixtures drawn from it (url.js,
// cookie.js, js.js) are the same file on every run.
'use strict';

/** `seeded(seed)` gives `{ pick, one }`: `pick()` in [0, 1), `one(list)` an item of `list`. */
module.exports = function seeded(seed) {
  const pick = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { pick, one: (list) => list[Math.floor(pick() * list.length)] };
};
