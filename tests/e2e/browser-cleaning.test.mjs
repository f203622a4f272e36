// In a real Chromium: a citizen reports illegal dumping with a photo,
// placing it on the map (JavaScript on) and by typing the point (off);
// books a bulky pickup from the days offered for the settlement (with
// JavaScript the list follows the settlement; without, it comes with the
// form sent once) and cancels it; a clerk prints a crew's day sheet.
// Every page passes axe-core (WCAG 2.1 AA) and none scrolls sideways on a
// 375-pixel-wide phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { BASE, STATE } from './lib/stack.mjs';
import { launch, axe, login } from './lib/browser.mjs';
import { Client } from './lib/client.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { newUser, PASSWORD, DEMO_PASSWORD } from './lib/users.mjs';
import { jpeg } from './lib/files.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const shot = (page, name) => page.screenshot({ path: `${STATE}/screenshot-${name}.png`, fullPage: true });


// The page fits a phone: nothing wider than the viewport.
async function fits(page, what) {
  const w = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(w[0] <= w[1], `${what}: ${w[0]}px wide in a ${w[1]}px viewport`);
}

async function checkPage(page, what, phone) {
  assert.deepEqual(await axe(page), [], what);
  if (phone) await fits(page, what);
}

async function freeDays(settlement) {
  const r = await new Client().get(`/cleaning/days?settlement=${settlement}`);
  return [...r.body.matchAll(/<time datetime="(\d{4}-\d\d-\d\d)">/g)].map((m) => ({ date: m[1] }));
}

async function freeDay(settlement) {
  const r = await new Client().get(`/cleaning/days?settlement=${settlement}`);
  const m = r.body.match(/<time datetime="(\d{4}-\d\d-\d\d)">/);
  assert.ok(m, 'a free day');
  return m[1];
}

// axe on a page shown without JavaScript: the same HTML, in a context
// with script for axe alone (on the site's origin, so that its styles
// load).
async function axeWithoutScript(page, what) {
  const html = await page.content();
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR', ...PHONE });
  const check = await context.newPage();
  await check.goto(BASE + '/');
  await check.setContent(html.replace(/<script[^>]*><\/script>/g, ''), { waitUntil: 'load' });
  assert.deepEqual(await axe(check), [], what);
  await context.close();
  await fits(page, what);
}

const PHONE = { viewport: { width: 375, height: 800 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

test('illegal dumping with a photo placed on the map (JavaScript on, a phone)', async () => {
  const { addr } = await newUser('br-dumping');
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR', ...PHONE });
  const page = await login(context, addr, PASSWORD);
  await page.goto(BASE + '/services/cleaning-dumping');
  await checkPage(page, 'the service', true);
  await page.goto(BASE + '/services/cleaning-dumping/new');
  // The map appears (the script unhides it) and shows the municipality.
  const map = page.locator('#f-where-map');
  await map.waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.querySelectorAll('#f-where-map path').length > 0);
  await checkPage(page, 'the form with its map', true);
  await page.getByLabel('Μπάζα').check();
  await page.getByLabel('Ογκώδη αντικείμενα').check();
  await page.getByLabel('Τοποθεσία').fill('Στην έξοδο προς Σιτοχώρι');
  await page.locator('#f-where_settlement').selectOption('nigrita');
  await page.getByRole('button', { name: 'Σημείο στο κέντρο του χάρτη' }).click();
  await page.waitForFunction(() => document.getElementById('f-where_lat').value !== '');
  const lat = Number(await page.locator('#f-where_lat').inputValue());
  const lon = Number(await page.locator('#f-where_lon').inputValue());
  assert.ok(Math.abs(lat - 40.9078) < 0.01 && Math.abs(lon - 23.5005) < 0.01, `${lat}, ${lon}`);
  assert.match(await page.locator('#f-where-map .map__status').textContent(), /Το σημείο ορίστηκε\. Οικισμός: Νιγρίτα/);
  await page.getByLabel('Φωτογραφίες').setInputFiles({ name: 'μπάζα.jpg', mimeType: 'image/jpeg', buffer: jpeg('dumping on the map') });
  await page.getByRole('button', { name: 'Προεπισκόπηση' }).click();
  await page.waitForURL(/\/requests\/\d+\/preview$/);
  await checkPage(page, 'the preview', true);
  assert.equal(await page.getByText('μπάζα.jpg').count(), 1);
  await shot(page, 'cleaning-dumping-preview');
  await page.getByRole('button', { name: 'Υποβολή αίτησης' }).click();
  await page.waitForURL(/\/requests\/\d+\?submitted=1$/);
  await checkPage(page, 'submitted', true);
  const id = Number(page.url().match(/requests\/(\d+)/)[1]);
  const [slat, slon, settlement] = sql('SELECT lat, lon, JSON_VALUE(form, "$.where_settlement") FROM requests WHERE id = ?', id)[0];
  assert.ok(Math.abs(Number(slat) - lat) < 1e-5 && Math.abs(Number(slon) - lon) < 1e-5);
  assert.equal(settlement, 'nigrita');
  await context.close();
});

test('illegal dumping without JavaScript: the point typed, the settlement from the list', async () => {
  const { addr } = await newUser('br-dumping-nojs');
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'el-GR', ...PHONE });
  const page = await login(context, addr, PASSWORD);
  await page.goto(BASE + '/services/cleaning-dumping/new');
  // No script: no map, and nothing missing.
  assert.equal(await page.locator('#f-where-map').isVisible(), false);
  await fits(page, 'the form without JavaScript');
  await page.getByLabel('Σκουπίδια').check();
  await page.getByLabel('Τοποθεσία').fill('Δίπλα στο γήπεδο');
  await page.locator('#f-where_settlement').selectOption('therma');
  await page.getByText('Σημείο στον χάρτη (προαιρετικό)').click();
  await page.getByLabel('Γεωγραφικό πλάτος').fill('40.8955');
  await page.getByLabel('Γεωγραφικό μήκος').fill('23.5350');
  await page.getByLabel('Φωτογραφίες').setInputFiles({ name: 'σκουπίδια.jpg', mimeType: 'image/jpeg', buffer: jpeg('no script') });
  await page.getByRole('button', { name: 'Προεπισκόπηση' }).click();
  await page.waitForURL(/\/requests\/\d+\/preview$/);
  await page.getByRole('button', { name: 'Υποβολή αίτησης' }).click();
  await page.waitForURL(/\/requests\/\d+\?submitted=1$/);
  const id = Number(page.url().match(/requests\/(\d+)/)[1]);
  assert.deepEqual(sql('SELECT lat, lon, JSON_VALUE(form, "$.where_settlement") FROM requests WHERE id = ?', id)[0],
    ['40.895500', '23.535000', 'therma']);
  await context.close();
});

test('a bulky pickup booked and cancelled in the browser', async () => {
  const { addr } = await newUser('br-bulky');
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR', ...PHONE });
  const page = await login(context, addr, PASSWORD);
  // Which days have room: the public page, no JavaScript needed.
  await page.goto(BASE + '/cleaning/days');
  await page.getByLabel('Οικισμός').selectOption('vergi');
  await page.getByRole('button', { name: 'Εμφάνιση' }).click();
  await checkPage(page, 'free days', true);
  const day = await page.locator('time').first().getAttribute('datetime');
  assert.equal(day, await freeDay('vergi'));
  const before = Number(sqlValue("SELECT COALESCE(SUM(booked), 0) FROM cleaning_days WHERE zone = 'visaltia' AND day = ?", day));
  // Booking from there: the form with Vergi chosen and its days offered.
  await page.getByRole('link', { name: 'Κλείστε αποκομιδή' }).click();
  await page.waitForURL(/\/services\/cleaning-bulky\/new\?where_settlement=vergi$/);
  await checkPage(page, 'the pickup form', true);
  assert.equal(await page.locator('#f-where_settlement').inputValue(), 'vergi');
  const days = page.getByLabel('Ημέρα αποκομιδής');
  assert.equal(await days.locator('option').nth(1).getAttribute('value'), day);
  await page.getByLabel('Στρώματα').fill('2');
  await page.getByLabel('Κλαδέματα (δέματα ή σακιά)').fill('5');
  await page.getByLabel('Τοποθεσία').fill('Αγίου Γεωργίου 12');
  // Another settlement in another zone: the list follows (choices.js),
  // and says so; back to Vergi, its days again.
  await page.locator('#f-where_settlement').selectOption('nigrita');
  const town = await freeDays('nigrita');
  await page.waitForFunction((want) => document.querySelectorAll('#f-date option').length === want + 1, town.length);
  assert.deepEqual(await days.locator('option').evaluateAll((o) => o.slice(1).map((x) => x.value)), town.map((d) => d.date));
  assert.match(await page.locator('#f-date-status').textContent(), new RegExp(`${town.length} επιλογές`));
  await page.locator('#f-where_settlement').selectOption('vergi');
  await page.waitForFunction((want) => document.querySelector('#f-date option:nth-child(2)')?.value === want, day);
  await checkPage(page, 'the pickup form, its days changed', true);
  await page.getByLabel('Τηλέφωνο', { exact: true }).fill('6970000000');
  assert.match(await days.locator('option').nth(1).textContent(), / — \d+ (θέση|θέσεις)$/);
  await days.selectOption(day);
  await page.getByRole('button', { name: 'Προεπισκόπηση' }).click();
  await page.waitForURL(/\/requests\/\d+\/preview$/);
  await checkPage(page, 'the pickup preview', true);
  await page.getByRole('button', { name: 'Υποβολή αίτησης' }).click();
  await page.waitForURL(/\/requests\/\d+\?submitted=1$/);
  await checkPage(page, 'the pickup submitted', true);
  await shot(page, 'cleaning-bulky-submitted');
  const id = Number(page.url().match(/requests\/(\d+)/)[1]);
  assert.equal(Number(sqlValue("SELECT booked FROM cleaning_days WHERE zone = 'visaltia' AND day = ?", day)), before + 1);

  // Cancelled from the request's page: the place is free again.
  await page.getByText('Ανάκληση της αίτησης', { exact: true }).click();
  await page.getByRole('button', { name: 'Ναι, ανάκληση της αίτησης' }).click();
  await page.waitForURL(new RegExp(`/requests/${id}$`));
  await checkPage(page, 'withdrawn', true);
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'withdrawn');
  assert.equal(Number(sqlValue("SELECT booked FROM cleaning_days WHERE zone = 'visaltia' AND day = ?", day)), before);
  assert.match(await page.locator('.timeline').textContent(), /Ανάκληση από τον αιτούντα/);
  await context.close();
});

test('a bulky pickup booked without JavaScript: the settlement first, then a day from its list', async () => {
  const { addr } = await newUser('br-bulky-nojs');
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'el-GR', ...PHONE });
  const page = await login(context, addr, PASSWORD);
  await page.goto(BASE + '/services/cleaning-bulky/new');
  await axeWithoutScript(page, 'the pickup form without JavaScript');
  // No settlement yet: no day to pick, and the hint says why.
  assert.equal(await page.locator('#f-date option').count(), 1);
  assert.match(await page.locator('#f-date-hint').textContent(), /Διαλέξτε πρώτα τον οικισμό/);
  await page.getByLabel('Έπιπλα (τεμάχια)').fill('1');
  await page.getByLabel('Τοποθεσία').fill('Πλατεία 3');
  await page.locator('#f-where_settlement').selectOption('therma');
  await page.getByLabel('Τηλέφωνο', { exact: true }).fill('6970000001');
  await page.getByRole('button', { name: 'Προεπισκόπηση' }).click();
  // Back with Therma's days to choose from, all typed kept.
  await page.waitForURL(/\/services\/cleaning-bulky\/new/);
  const want = (await freeDays('therma')).map((d) => d.date);
  const values = [];
  for (const o of await page.locator('#f-date option').all()) values.push(await o.getAttribute('value'));
  assert.deepEqual(values.slice(1), want);
  assert.equal(await page.getByLabel('Τοποθεσία').inputValue(), 'Πλατεία 3');
  await axeWithoutScript(page, 'the pickup form with its days');
  const day = want[want.length - 1];
  const before = Number(sqlValue("SELECT COALESCE(SUM(booked), 0) FROM cleaning_days WHERE zone = 'nigrita-villages' AND day = ?", day));
  await page.getByLabel('Ημέρα αποκομιδής').selectOption(day);
  await page.getByRole('button', { name: 'Προεπισκόπηση' }).click();
  await page.waitForURL(/\/requests\/\d+\/preview$/);
  await axeWithoutScript(page, 'the pickup preview without JavaScript');
  await page.getByRole('button', { name: 'Υποβολή αίτησης' }).click();
  await page.waitForURL(/\/requests\/\d+\?submitted=1$/);
  await axeWithoutScript(page, 'the pickup submitted without JavaScript');
  const id = Number(page.url().match(/requests\/(\d+)/)[1]);
  assert.deepEqual(sql('SELECT day, zone, settlement FROM cleaning_bookings WHERE request_id = ?', id)[0], [day, 'nigrita-villages', 'therma']);
  assert.equal(Number(sqlValue("SELECT booked FROM cleaning_days WHERE zone = 'nigrita-villages' AND day = ?", day)), before + 1);
  await context.close();
});

test('a clerk prints a crew\'s day sheet', async () => {
  const day = await freeDay('lygaria');
  const { c } = await newUser('br-sheet');
  const street = `Οδός Σερρών ${Date.now() % 100000}`;
  const fields = { furniture: '3', where: street, where_settlement: 'lygaria', phone: '6912121212', date: day,
    notes: `Πίσω από την αυλόπορτα (${street}).`, action: 'preview' };
  const r = await c.postMultipart('/services/cleaning-bulky/new', fields, [], '/services/cleaning-bulky/new');
  assert.equal(r.status, 303);
  const id = r.location.match(/\d+/)[0];
  assert.equal((await c.post(`/requests/${id}/submit`, {}, `/requests/${id}/preview`)).status, 303);
  const crew = sqlValue('SELECT crew_id FROM cleaning_assignments WHERE request_id = ?', id);
  const crewName = sqlValue('SELECT name FROM cleaning_crews WHERE id = ?', crew);

  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR', acceptDownloads: true });
  const page = await login(context, 'clerk.cleaning@demo.visaltia.gr', DEMO_PASSWORD);
  await page.goto(BASE + '/staff/cleaning');
  await page.getByRole('link', { name: 'Αποκομιδές', exact: true }).click();
  await page.waitForURL(/\/staff\/cleaning\/pickups/);
  await checkPage(page, 'the plan', false);
  await page.locator(`a[href="/staff/cleaning/days/${day}"]`).first().click();
  await page.getByLabel('Συνεργείο', { exact: true }).selectOption({ label: crewName });
  await page.getByRole('button', { name: 'Εμφάνιση' }).click();
  await page.waitForURL(new RegExp(`/staff/cleaning/days/${day}\\?crew=${crew}`));
  await checkPage(page, 'the day sheet', false);
  assert.ok((await page.locator('main').textContent()).includes(street));
  // Printed: the navigation stays off the paper, the sheet is on it.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-nav').isVisible(), false);
  assert.equal(await page.locator('form.filters').isVisible(), false);
  assert.equal(await page.getByText(`Πίσω από την αυλόπορτα (${street}).`).isVisible(), true);
  const printed = await page.pdf({ format: 'A4' });
  writeFileSync(`${STATE}/cleaning-sheet-printed.pdf`, printed);
  const text = execFileSync('pdftotext', [`${STATE}/cleaning-sheet-printed.pdf`, '-'], { encoding: 'utf8' });
  assert.ok(text.includes(street), 'the printed page has the address');
  assert.match(text, /6912121212/);
  await page.emulateMedia({ media: 'screen' });
  // And the sheet as the core's PDF.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Φύλλο σε PDF' }).click(),
  ]);
  const sheet = execFileSync('pdftotext', [await download.path(), '-'], { encoding: 'utf8' });
  assert.match(sheet, /ΦΥΛΛΟ ΑΠΟΚΟΜΙΔΗΣ/);
  assert.ok(sheet.includes(street), 'the PDF has the address');
  assert.match(sheet, /3 × Έπιπλα/);
  // On a phone too.
  await page.setViewportSize({ width: 375, height: 800 });
  await fits(page, 'the day sheet on a phone');
  await page.goto(BASE + '/staff/cleaning/pickups');
  await fits(page, 'the plan on a phone');
  await page.goto(BASE + `/staff/cleaning/requests/${id}`);
  await checkPage(page, 'a pickup for the clerk', true);
  await context.close();
});

test('the head\'s pages pass axe and fit a phone', async () => {
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR', ...PHONE });
  const page = await login(context, 'head.cleaning@demo.visaltia.gr', DEMO_PASSWORD);
  for (const path of ['/staff/cleaning/capacity', '/staff/cleaning/crews', '/staff/cleaning/crews/1', '/staff/cleaning/pickups']) {
    await page.goto(BASE + path);
    await checkPage(page, path, true);
  }
  // A bad number: the page again, the message and the input kept.
  await page.goto(BASE + '/staff/cleaning/capacity');
  await page.getByLabel('Νιγρίτα (πόλη), Δευτέρα').fill('500');
  await page.getByRole('button', { name: 'Αποθήκευση' }).first().click();
  assert.equal(await page.locator('.error-summary').isVisible(), true);
  assert.equal(await page.getByLabel('Νιγρίτα (πόλη), Δευτέρα').inputValue(), '500');
  // The message is the field's own: announced with it, and the summary
  // leads there.
  const bad = page.getByLabel('Νιγρίτα (πόλη), Δευτέρα');
  assert.equal(await bad.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator(`#${await bad.getAttribute('aria-describedby')}`).textContent(),
    'Σφάλμα: Γράψτε αριθμό αποκομιδών από 0 έως 200.');
  await page.locator('.error-summary a').first().click();
  assert.equal(await bad.evaluate((el) => el === document.activeElement), true);
  await checkPage(page, 'capacity with an error', true);
  await context.close();
});
