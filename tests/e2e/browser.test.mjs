// A real Chromium (Debian's, headless) driven by playwright-core: open the
// home page, follow a service link, and let axe-core check accessibility.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE } from './lib/stack.mjs';
import { waitMail, linkIn } from './lib/mail.mjs';
import { launch, checkPage } from './lib/browser.mjs';

let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('home page, a service, accessible, no JavaScript needed', async () => {
  // Our pages forbid inline scripts (CSP); axe is injected by the test.
  const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true, locale: 'el-GR' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const res = await page.goto(BASE + '/');
  assert.equal(res.status(), 200);
  assert.equal(await page.title(), 'Ηλεκτρονικές υπηρεσίες – Δήμος Βισαλτίας');
  assert.deepEqual(await checkPage(page), []);
  // The stylesheet and the emblem load (nothing broken on the page).
  const cssOk = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor);
  assert.equal(cssOk, 'rgb(0, 52, 118)');

  await page.getByRole('link', { name: 'Αίτημα συνάντησης με τον Δήμαρχο' }).click();
  await page.waitForURL(BASE + '/services/general-meeting');
  assert.equal(await page.locator('h1').textContent(), 'Αίτημα συνάντησης με τον Δήμαρχο');
  assert.deepEqual(await checkPage(page), []);

  await page.getByRole('link', { name: 'Change language to English' }).click();
  assert.equal(await page.locator('h1').textContent(), 'Request a meeting with the mayor');
  assert.deepEqual(await checkPage(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('pages work with JavaScript disabled and keyboard only', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'el-GR' });
  const page = await context.newPage();
  await page.goto(BASE + '/');
  // The skip link is the first thing the keyboard reaches.
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.textContent);
  assert.equal(focused, 'Μετάβαση στο κύριο περιεχόμενο');
  await page.locator('#dept-general a[href="/services/general-request"]').click();
  await page.waitForURL(BASE + '/services/general-request');
  await page.screenshot({ path: `${process.env.DIMOS_STATE_DIR}/screenshot-service.png`, fullPage: true });
  await context.close();
});

test('register, confirm from the e-mail, log in, see the profile, log out', async () => {
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const page = await context.newPage();
  const addr = `browser.${Date.now().toString(36)}@example.org`;
  const password = 'ένας καλός κωδικός 2026';

  await page.goto(BASE + '/');
  await page.getByRole('link', { name: 'Εγγραφή', exact: true }).click();
  assert.deepEqual(await checkPage(page), []);
  await page.getByLabel('Φυσικό πρόσωπο (πολίτης)').check();
  await page.getByRole('button', { name: 'Συνέχεια' }).click();
  await page.waitForURL(/\/register\?kind=person/);
  // Submitting with mistakes first: messages in Greek, input kept.
  await page.getByLabel('Όνομα', { exact: true }).fill('Αλέξανδρος');
  await page.getByLabel('Email').fill('όχι-email');
  await page.getByRole('button', { name: 'Δημιουργία λογαριασμού' }).click();
  assert.equal(await page.locator('.error-summary').isVisible(), true);
  assert.equal(await page.getByLabel('Όνομα', { exact: true }).inputValue(), 'Αλέξανδρος');
  assert.deepEqual(await checkPage(page), []);
  await page.getByLabel('Επώνυμο').fill('Μακεδόνας');
  await page.getByLabel('Όνομα πατέρα').fill('Φίλιππος');
  await page.getByLabel('Email').fill(addr);
  await page.getByLabel('Κινητό τηλέφωνο').fill('6912345678');
  await page.getByLabel('Νέος κωδικός').fill(password);
  await page.getByLabel('Επαναλάβετε τον νέο κωδικό').fill(password);
  await page.getByLabel(/Έχω διαβάσει/).check();
  await page.getByRole('button', { name: 'Δημιουργία λογαριασμού' }).click();
  assert.equal(await page.locator('h1').textContent(), 'Ελέγξτε το email σας');
  assert.deepEqual(await checkPage(page), []);

  const mail = await waitMail(addr);
  await page.goto(linkIn(mail, '/register/confirm?token='));
  await page.getByRole('button', { name: 'Ενεργοποίηση' }).click();
  assert.equal(await page.locator('h1').textContent(), 'Ο λογαριασμός σας ενεργοποιήθηκε');

  await page.getByRole('link', { name: 'Σύνδεση' }).first().click();
  assert.deepEqual(await checkPage(page), []);
  await page.getByLabel('Email').fill(addr);
  await page.getByLabel('Κωδικός', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Σύνδεση' }).click();
  await page.waitForURL(BASE + '/account');
  assert.equal(await page.locator('.lead').textContent(), 'Αλέξανδρος Μακεδόνας');
  assert.equal(await page.locator('.site-header__user').textContent(), 'Αλέξανδρος Μακεδόνας');
  assert.deepEqual(await checkPage(page), []);
  await page.getByRole('link', { name: 'Συνδέσεις και συσκευές' }).click();
  assert.deepEqual(await checkPage(page), []);
  await page.screenshot({ path: `${process.env.DIMOS_STATE_DIR}/screenshot-sessions.png`, fullPage: true });

  await page.getByRole('button', { name: 'Αποσύνδεση' }).first().click();
  await page.waitForURL(BASE + '/');
  // Exactly: the water department's "Νέα σύνδεση" service links must not count.
  assert.equal(await page.getByRole('link', { name: 'Σύνδεση', exact: true }).count(), 1);
  await page.goto(BASE + '/account');
  await page.waitForURL(/\/login\?next=\/account/);
  await context.close();
});
