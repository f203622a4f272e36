// In a real Chromium: a Level B citizen (TaxisNet) asks for a family status
// certificate, finds it in the digital mailbox and downloads it; a visitor
// with no account verifies it by its code. axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, STATE } from './lib/stack.mjs';
import { launch, checkPage } from './lib/browser.mjs';
import { inspect } from './lib/pdfcheck.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const shot = (page, name) => page.screenshot({ path: `${STATE}/screenshot-${name}.png`, fullPage: true });

test('family status certificate: TaxisNet login, instant issue, download, public verification', async () => {
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(BASE + '/services/cr-family-status');
  assert.deepEqual(await checkPage(page), []);
  await page.locator('a.button--start').click();
  // Not logged in: the login page, where TaxisNet is offered.
  await page.waitForURL(/\/login\?next=/);
  await page.getByRole('link', { name: /TaxisNet/ }).first().click();
  // The mock GSIS login form.
  await page.waitForURL(/\/oauth2\/authorize/);
  await page.locator('input[name="username"]').fill('papadopoulos');
  await page.locator('input[name="password"]').fill('papadopoulos1');
  await page.locator('button[value="login"]').click();
  await page.waitForURL((u) => u.origin === BASE && !u.pathname.startsWith('/login'));
  await page.goto(BASE + '/services/cr-family-status/new');
  assert.deepEqual(await checkPage(page), []);
  await page.getByLabel('Εμένα').check();
  await page.getByLabel('Υποβολή σε δημόσια υπηρεσία').check();
  await page.getByRole('button', { name: 'Προεπισκόπηση' }).click();
  await page.waitForURL(/\/preview$/);
  assert.deepEqual(await checkPage(page), []);
  await page.getByRole('button', { name: 'Υποβολή αίτησης' }).click();
  await page.waitForURL(/\?submitted=1$/);
  assert.match(await page.locator('.summary-list').first().textContent(), /Ολοκληρώθηκε/);
  assert.deepEqual(await checkPage(page), []);

  await page.getByRole('link', { name: /Ψηφιακή θυρίδα/ }).click();
  await page.getByRole('link', { name: /ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΟΙΚΟΓΕΝΕΙΑΚΗΣ ΚΑΤΑΣΤΑΣΗΣ/i }).first().click();
  assert.deepEqual(await checkPage(page), []);
  const code = (await page.locator('.code').first().textContent()).trim();
  assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Λήψη εγγράφου (PDF)' }).click(),
  ]);
  const pdf = readFileSync(await download.path());
  const { text } = inspect(pdf);
  assert.match(text, /ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΟΙΚΟΓΕΝΕΙΑΚΗΣ ΚΑΤΑΣΤΑΣΗΣ/);
  assert.ok(text.includes(code));
  await shot(page, 'certificate-mailbox');
  await context.close();

  // A bank clerk, say: no account, the code typed by hand in lower case.
  const visitor = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const v = await visitor.newPage();
  await v.goto(BASE + '/verify');
  assert.deepEqual(await checkPage(v), []);
  await v.getByLabel('Κωδικός επαλήθευσης').fill(code.toLowerCase().replace(/-/g, ' '));
  await v.getByRole('button', { name: 'Έλεγχος', exact: true }).click();
  await v.waitForURL(/\/verify\/[0-9A-Z]{16}$/);
  assert.match(await v.locator('.panel__title').textContent(), /Γνήσιο έγγραφο σε ισχύ/);
  assert.deepEqual(await checkPage(v), []);
  await shot(v, 'verify');
  // And by uploading the file.
  await v.goto(BASE + '/verify');
  await v.getByLabel('Το αρχείο PDF που λάβατε').setInputFiles({ name: 'cert.pdf', mimeType: 'application/pdf', buffer: pdf });
  await v.getByRole('button', { name: 'Έλεγχος αρχείου' }).click();
  assert.match(await v.locator('.panel__title').textContent(), /ακριβώς αυτό που εξέδωσε ο Δήμος/);
  assert.deepEqual(await checkPage(v), []);
  await visitor.close();
});
