// In a real Chromium, a Level B citizen (logged in through the mock
// TaxisNet) views their debts with the payment codes, submits a meter
// reading and sees the consumption chart; every page passes axe-core
// (WCAG 2.1 AA) and the department's pages do not scroll sideways on a
// 375 px wide phone; so do a legal entity's account and debts pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, STATE } from './lib/stack.mjs';
import { launch, axe } from './lib/browser.mjs';
import { taxisLogin } from './lib/users.mjs';
import { sqlValue } from './lib/db.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const shot = (page, name) => page.screenshot({ path: `${STATE}/screenshot-${name}.png`, fullPage: true });
const MINE = '1100103';

// A browser context with the session of a TaxisNet login.
async function levelB(user, viewport) {
  const c = await taxisLogin(user);
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR', viewport });
  await context.addCookies([...c.cookies].map(([name, value]) => ({ name, value, url: BASE })));
  return context;
}

async function noSideScroll(page) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(scroll <= client, `${page.url()}: ${scroll} px wide in ${client}`);
}

for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 740 }]) {
  test(`debts, a meter reading and the chart at ${viewport.width} px`, async () => {
    const context = await levelB('papadopoulos', viewport);
    const page = await context.newPage();

    await page.goto(BASE + '/finance/debts');
    assert.equal(await page.locator('h1').textContent(), 'Οι οφειλές μου');
    assert.ok(await page.getByText(/RF\d\d 5105/).count() >= 1, 'payment codes');
    assert.equal(await page.getByText('GR23 0110 2500 0000 2500 4012 340').count() >= 1, true);
    assert.deepEqual(await axe(page), []);
    await noSideScroll(page);
    await shot(page, `finance-debts-${viewport.width}`);

    const last = Number(sqlValue('SELECT value FROM wat_readings WHERE supply = ? ORDER BY read_on DESC, rank_in_day DESC, id DESC LIMIT 1', MINE));
    await page.goto(BASE + '/services/water-reading/new');
    assert.deepEqual(await axe(page), []);
    await noSideScroll(page);
    await page.getByLabel(new RegExp(MINE)).check();
    // Lower than the last: the message by the field, the input kept.
    await page.getByLabel('Ένδειξη υδρομέτρου (m³)').fill(String(last - 1));
    await page.getByRole('button', { name: 'Προεπισκόπηση' }).click();
    assert.equal(await page.getByLabel('Ένδειξη υδρομέτρου (m³)').inputValue(), String(last - 1));
    assert.ok(await page.locator('.error-summary').count() === 1);
    assert.deepEqual(await axe(page), []);
    await page.getByLabel('Ένδειξη υδρομέτρου (m³)').fill(String(last + 9));
    await page.getByRole('button', { name: 'Προεπισκόπηση' }).click();
    await page.waitForURL(/\/requests\/\d+\/preview$/);
    assert.ok(await page.getByText(/9 m³/).count() >= 1, 'consumption on the preview');
    assert.deepEqual(await axe(page), []);
    await noSideScroll(page);
    await page.getByRole('button', { name: 'Υποβολή αίτησης' }).click();
    await page.waitForURL(/\/requests\/\d+\?submitted=1$/);
    assert.deepEqual(await axe(page), []);
    await noSideScroll(page);

    await page.goto(`${BASE}/water/supplies/${MINE}`);
    const chart = page.locator('svg[role="img"]');
    assert.equal(await chart.count(), 1);
    assert.ok((await chart.getAttribute('aria-labelledby')) || (await chart.locator('title').count()) > 0, 'the chart has a name');
    assert.ok(await page.locator('table').count() >= 1, 'the table behind the chart');
    assert.deepEqual(await axe(page), []);
    await noSideScroll(page);
    await shot(page, `water-supply-${viewport.width}`);
    await context.close();
  });
}

// A business logged in with its own TaxisNet credentials: its account says
// legal entity, its debts page is its own; both accessible and narrow.
for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 740 }]) {
  test(`a legal entity's account and debts at ${viewport.width} px`, async () => {
    const context = await levelB('fournos', viewport);
    const page = await context.newPage();
    await page.goto(BASE + '/account');
    assert.ok(await page.getByText('Νομικό πρόσωπο: επαληθευμένο μέσω TaxisNet').count() === 1, 'legal entity on /account');
    assert.ok(await page.getByText('ΦΟΥΡΝΟΣ ΝΙΓΡΙΤΑΣ Ο.Ε.').count() >= 1);
    assert.deepEqual(await axe(page), []);
    await noSideScroll(page);
    await page.goto(BASE + '/finance/debts');
    assert.equal(await page.locator('h1').textContent(), 'Οι οφειλές μου');
    assert.ok(await page.getByText(/RF\d\d 5105/).count() >= 1, 'payment codes');
    assert.deepEqual(await axe(page), []);
    await noSideScroll(page);
    await shot(page, `business-debts-${viewport.width}`);
    await context.close();
  });
}
