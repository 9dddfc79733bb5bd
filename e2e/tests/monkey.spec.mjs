// Issue 8: the seeded monkey, short version (500 random actions, seed 2026). The full run of
// 10,000 actions is `make monkey`; both check the same invariants after every action.
import { test, expect } from '../fixtures.mjs';
import { runMonkey } from '../monkey.mjs';

test('500 random actions break no invariant (seed 2026)', async ({ browser, site }) => {
  test.setTimeout(6 * 60_000);
  const lines = [];
  const res = await runMonkey({ browser, url: site.url, seed: 2026, count: 500, log: (l) => lines.push(l) });
  console.log(`monkey: ${res.actions} actions in ${res.seconds.toFixed(0)} s`);
  expect(res.ok, lines.join('\n')).toBe(true);
  expect(res.actions).toBe(500);
});
