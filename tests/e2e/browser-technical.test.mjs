// In a real Chromium, technical services: a pothole reported from a phone
// with a photo, its point placed with the map (JavaScript on), and the
// clerk seeing the photo's thumbnail; a road occupation permit applied
// for without JavaScript, its fee on the preview before submission. Every
// page passes axe-core (WCAG 2.1 AA) and fits a 375-pixel-wide phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, STATE } from './lib/stack.mjs';
import { launch, axe, login, loadedSize } from './lib/browser.mjs';
import { sql } from './lib/db.mjs';
import { newUser, PASSWORD, DEMO_PASSWORD } from './lib/users.mjs';
import { pdf, photo } from './lib/files.mjs';
import { localDay as day } from './lib/dates.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const PHONE = { viewport: { width: 375, height: 800 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

// Nothing wider than the phone's screen (works without JavaScript too).
async function fitsPhone(page, what) {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= inner, `${what}: ${scroll}px wide in a ${inner}px viewport`);
}

// axe clean, and fits the phone.
async function accessible(page, what) {
  assert.deepEqual(await axe(page), [], what);
  await fitsPhone(page, what);
}

test('a pothole from a phone: the point placed with the map, a photo, the clerk sees its thumbnail', async () => {
  const { addr } = await newUser('br-pothole');
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR', ...PHONE });
  const page = await login(context, addr, PASSWORD);
  await page.goto(BASE + '/services/technical-road/new');
  await page.locator('#f-where-map').waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.querySelectorAll('#f-where-map path').length > 0);
  await accessible(page, 'the report form with its map');
  await page.locator('#f-where').fill('Αριστοτέλους 20');
  await page.locator('#f-where_settlement').selectOption('nigrita');
  await page.getByRole('button', { name: 'Σημείο στο κέντρο του χάρτη' }).click();
  await page.waitForFunction(() => document.getElementById('f-where_lat').value !== '');
  await page.getByLabel('Λακκούβα').check();
  await page.getByLabel('Φωτογραφίες').setInputFiles({
    name: 'λακκούβα.jpg', mimeType: 'image/jpeg',
    buffer: photo('jpeg', { tag: 'browser pothole', width: 480, height: 360, gps: [40.9071, 23.5002] }),
  });
  await page.getByRole('button', { name: 'Προεπισκόπηση' }).click();
  await page.waitForURL(/\/requests\/\d+\/preview$/);
  await accessible(page, 'the preview');
  await page.getByRole('button', { name: 'Υποβολή αίτησης' }).click();
  await page.waitForURL(/\/requests\/\d+\?submitted=1$/);
  const id = Number(page.url().match(/requests\/(\d+)/)[1]);
  const [lat, settlement] = sql('SELECT lat, JSON_VALUE(form, "$.where_settlement") FROM requests WHERE id = ?', id)[0];
  assert.ok(Math.abs(Number(lat) - 40.9078) < 0.01, lat);
  assert.equal(settlement, 'nigrita');
  await context.close();

  // The clerk: the photo as a thumbnail that loads (same origin, the CSP
  // allows it), within 320 px.
  const staff = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const clerk = await login(staff, 'clerk.technical@demo.visaltia.gr', DEMO_PASSWORD);
  await clerk.goto(`${BASE}/staff/technical/requests/${id}`);
  const img = clerk.locator('img[alt="Μικρογραφία: λακκούβα.jpg"]');
  await img.waitFor({ state: 'visible' });
  assert.deepEqual(await loadedSize(img), [320, 240]);
  assert.deepEqual(await axe(clerk), [], 'the clerk\'s page with the thumbnail');
  await clerk.screenshot({ path: `${STATE}/screenshot-technical-thumbnail.png`, fullPage: true });
  await staff.close();
});

test('a road occupation permit without JavaScript: the fee on the preview, before submission', async () => {
  const { addr } = await newUser('br-occupation');
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'el-GR', ...PHONE });
  const page = await login(context, addr, PASSWORD);
  await page.goto(BASE + '/services/technical-occupation/new');
  assert.equal(await page.locator('#f-where-map').isVisible(), false);
  await fitsPhone(page, 'the permit form without JavaScript');
  await page.getByLabel('Κάδος μπάζων').check();
  await page.locator('#f-where').fill('Μεγάλου Αλεξάνδρου 4');
  await page.locator('#f-where_settlement').selectOption('terpni');
  await page.locator('#f-start').fill(day(15));
  await page.locator('#f-end').fill(day(19));
  await page.locator('#f-area').fill('6');
  await page.locator('#f-phone').fill('6912345678');
  await page.locator('#f-building_permit').setInputFiles({ name: 'άδεια.pdf', mimeType: 'application/pdf', buffer: pdf('browser permit') });
  await page.getByRole('button', { name: 'Προεπισκόπηση' }).click();
  await page.waitForURL(/\/requests\/\d+\/preview$/);
  // 6 m² × 5 days × 1.00 € = 30.00 €.
  await page.getByText('Τέλος: 30,00 €').waitFor();
  assert.equal(await page.getByText('6,00 m² × 5 ημέρες × 1,00 €/m² = 30,00 €').count(), 1);
  await fitsPhone(page, 'the preview with the fee');
  await page.screenshot({ path: `${STATE}/screenshot-technical-fee.png`, fullPage: true });
  // axe runs as a script: the same page, same session, in a context that
  // allows it.
  const checker = await browser.newContext({ bypassCSP: true, locale: 'el-GR', ...PHONE,
    storageState: await context.storageState() });
  const same = await checker.newPage();
  await same.goto(page.url());
  await accessible(same, 'the preview with the fee');
  await checker.close();
  await page.getByRole('button', { name: 'Υποβολή αίτησης' }).click();
  await page.waitForURL(/\/requests\/\d+\?submitted=1$/);
  const id = Number(page.url().match(/requests\/(\d+)/)[1]);
  assert.deepEqual(sql('SELECT status, fee FROM technical_permits WHERE request_id = ?', id)[0], ['awaiting_payment', '3000']);
  await context.close();
});
