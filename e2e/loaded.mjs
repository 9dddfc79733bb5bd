// A lab at size, shared by the scale test and the benchmark: lesson 3 with 1,000 requests in
// the timeline and a 10,000-request simulation run on the lab's own server (about 10,000
// sessions in the store). Resolves when the simulation has finished.
export async function loadLab(page) {
  await page.locator('details.picker > summary').click();
  await page.locator('nav.lessons li').nth(2).locator('button').click();
  await page.evaluate(async () => {
    const go = document.querySelector('.window:not(.attacker) form.addressbar button[type=submit]');
    for (let i = 0; i < 1000; i++) {
      go.click();
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 0));
    }
  });
  await page.locator('details.visitors > summary').click();
  await page.fill('#sim-n', '10000');
  await page.locator('#sim-n').dispatchEvent('change');
  await page.fill('#sim-pct', '0');
  await page.locator('#sim-pct').dispatchEvent('change');
  await page.locator('#sim-onlab').check();
  await page.locator('details.visitors button[type=submit]').click();
  await page.locator('#sim-result').waitFor({ timeout: 120_000 });
}
