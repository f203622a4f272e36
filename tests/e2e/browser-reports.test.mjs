// In a real Chromium: the public map and list of open reports (with
// JavaScript the map draws their points; without it the list is all
// there), the nearby report offered on the preview and followed without
// JavaScript, and a clerk's map of the department's open requests. Every
// page passes axe-core (WCAG 2.1 AA) at desktop size and at 375 px,
// without sideways scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, STATE } from './lib/stack.mjs';
import { launch, checkPage, login } from './lib/browser.mjs';
import { sqlValue } from './lib/db.mjs';
import { newUser, PASSWORD, DEMO_PASSWORD } from './lib/users.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// A page seen without JavaScript, checked by axe (which is a script) in a
// context of the same session that runs it.
async function checkNoJs(context, page) {
  const checker = await browser.newContext({ bypassCSP: true, locale: 'el-GR',
    storageState: await context.storageState() });
  const same = await checker.newPage();
  await same.goto(page.url());
  const problems = await checkPage(same);
  await checker.close();
  return problems;
}

test('the public map and list with JavaScript: points on the map, filters, axe clean at 375 px', async () => {
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const page = await context.newPage();
  await page.goto(BASE + '/reports');
  assert.ok(await page.locator('.report-list .report-card').count() >= 10, 'the demo reports are listed');
  await page.locator('#map-reports').waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.querySelectorAll('#map-reports .map__report').length >= 10);
  assert.deepEqual(await checkPage(page), []);
  await page.locator('#f-service').selectOption('cleaning-dumping');
  await page.getByRole('button', { name: 'Εμφάνιση' }).click();
  await page.waitForURL(/service=cleaning-dumping/);
  const titles = await page.locator('.report-card__title').allTextContents();
  assert.ok(titles.length > 0 && titles.every((t) => t === 'Παράνομη απόρριψη'), titles.join());
  await page.locator('.report-card__title a').first().click();
  await page.waitForURL(/\/reports\/\d+$/);
  assert.deepEqual(await checkPage(page), []);
  await page.screenshot({ path: `${STATE}/screenshot-public-reports.png`, fullPage: true });
  await context.close();
});

test('without JavaScript: the list, a nearby report on the preview, followed instead of filing', async () => {
  const { addr } = await newUser('br-follow');
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'el-GR' });
  const anon = await context.newPage();
  await anon.goto(BASE + '/reports?settlement=nigrita');
  assert.ok(await anon.locator('.report-card').count() > 0);
  assert.deepEqual(await checkNoJs(context, anon), []);
  const page = await login(context, addr, PASSWORD);
  // The demo's dumping report at Πλατεία Ελευθερίας, Νιγρίτα.
  const near = sqlValue("SELECT id FROM requests WHERE service = 'cleaning-dumping' AND lat = 40.907578 AND status = 'submitted' ORDER BY id LIMIT 1");
  assert.ok(near, 'the demo report is open');
  await page.goto(BASE + '/services/cleaning-dumping/new');
  await page.locator('#f-where').fill('Πλατεία Ελευθερίας 3');
  await page.locator('#f-where_settlement').selectOption('nigrita');
  await page.locator('summary', { hasText: 'σημείο' }).first().click();
  await page.locator('#f-where_lat').fill('40.907650');
  await page.locator('#f-where_lon').fill('23.499500');
  await page.getByLabel('Μπάζα').first().check();
  await page.locator('#f-details').fill('Μπάζα δίπλα στην πλατεία.');
  await page.getByRole('button', { name: 'Προεπισκόπηση' }).click();
  await page.waitForURL(/\/requests\/\d+\/preview$/);
  assert.ok(await page.getByRole('heading', { name: 'Μήπως το έχει ήδη αναφέρει κάποιος;' }).isVisible());
  assert.deepEqual(await checkNoJs(context, page), []);
  await page.locator(`form[action="/reports/${near}/follow"] button`).click();
  await page.waitForURL(new RegExp(`/reports/${near}\\?followed=1$`));
  assert.ok(await page.getByText('Ακολουθείτε την αναφορά').isVisible());
  assert.deepEqual(await checkNoJs(context, page), []);
  await context.close();
});

test("a clerk's map of the department's open requests, and a request's place", async () => {
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const page = await login(context, 'clerk.cleaning@demo.visaltia.gr', DEMO_PASSWORD);
  await page.goto(BASE + '/staff/cleaning/map');
  await page.locator('#map-reports').waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.querySelectorAll('#map-reports .map__report').length >= 5);
  assert.ok(await page.locator('table tbody tr').count() >= 5);
  assert.deepEqual(await checkPage(page), []);
  await page.locator('table tbody tr a').first().click();
  await page.waitForURL(/\/staff\/cleaning\/requests\/\d+$/);
  await page.locator('#map-point').waitFor({ state: 'visible' });
  assert.deepEqual(await checkPage(page), []);
  await context.close();
});
