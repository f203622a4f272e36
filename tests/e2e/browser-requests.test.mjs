// In a real Chromium: a citizen submits a request with files and later
// downloads the answer from the digital mailbox; a clerk processes it from
// the queue. Every page passes axe-core (WCAG 2.1 AA).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BASE, STATE } from './lib/stack.mjs';
import { launch, axe, login as signIn } from './lib/browser.mjs';
import { newUser, PASSWORD, DEMO_PASSWORD } from './lib/users.mjs';
import { pdf, png } from './lib/files.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const sha = (b) => createHash('sha256').update(b).digest('hex');
const shot = (page, name) => page.screenshot({ path: `${STATE}/screenshot-${name}.png`, fullPage: true });

const login = (context, email, password) => signIn(context, BASE, email, password);

test('a citizen submits with files; a clerk completes with a PDF; the citizen downloads it', async () => {
  const { addr } = await newUser('browser-req');
  const citizen = await browser.newContext({ bypassCSP: true, locale: 'el-GR', acceptDownloads: true });
  const page = await login(citizen, addr, PASSWORD);

  await page.goto(BASE + '/services/general-request');
  await page.getByRole('button', { name: /Υποβολή αίτησης|Ξεκινήστε/ }).or(page.locator('a.button--start')).first().click();
  await page.waitForURL(BASE + '/services/general-request/new');
  assert.deepEqual(await axe(page), []);
  await page.getByLabel('Θέμα').fill('Κλαδέματα στην πλατεία');
  await page.getByLabel('Το αίτημά σας').fill('Τα δέντρα στην κεντρική πλατεία της Νιγρίτας χρειάζονται κλάδεμα πριν τον χειμώνα.');
  await page.getByLabel('Συνημμένα έγγραφα').setInputFiles([
    { name: 'πλατεία.png', mimeType: 'image/png', buffer: png(40, 30, 3) },
    { name: 'χάρτης.pdf', mimeType: 'application/pdf', buffer: pdf('map') },
  ]);
  await page.getByRole('button', { name: 'Προεπισκόπηση' }).click();
  await page.waitForURL(/\/requests\/\d+\/preview$/);
  assert.equal(await page.locator('h1').textContent(), 'Ελέγξτε την αίτησή σας');
  assert.equal(await page.getByText('πλατεία.png').count(), 1);
  assert.deepEqual(await axe(page), []);
  await shot(page, 'request-preview');
  await page.getByRole('button', { name: 'Υποβολή αίτησης' }).click();
  await page.waitForURL(/\/requests\/\d+\?submitted=1$/);
  const protocol = (await page.locator('.panel__number').textContent()).trim();
  assert.match(protocol, /^\d+\/20\d\d$/);
  assert.deepEqual(await axe(page), []);
  await shot(page, 'request-submitted');
  const requestUrl = page.url().replace(/\?.*$/, '');

  // The clerk, in another browser.
  const office = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const clerk = await login(office, 'clerk.general@demo.visaltia.gr', DEMO_PASSWORD);
  await clerk.goto(BASE + '/staff/general');
  assert.deepEqual(await axe(clerk), []);
  await clerk.getByLabel('Αναζήτηση').fill(protocol);
  await clerk.getByRole('button', { name: 'Εφαρμογή φίλτρων' }).click();
  await clerk.getByRole('link', { name: protocol }).click();
  await clerk.waitForURL(/\/staff\/general\/requests\/\d+$/);
  assert.deepEqual(await axe(clerk), []);
  await shot(clerk, 'staff-request');
  await clerk.getByRole('button', { name: 'Ανάθεση' }).click();
  await clerk.waitForURL(/done=assign/);
  await clerk.getByRole('button', { name: 'Έναρξη' }).click();
  await clerk.waitForURL(/done=start/);
  const answer = pdf('Απάντηση ' + protocol);
  const complete = clerk.locator('#act-complete');
  await complete.getByLabel('Απάντηση', { exact: true }).fill('Το κλάδεμα προγραμματίστηκε για την επόμενη εβδομάδα.');
  await complete.getByLabel('Έγγραφο απάντησης (PDF)').setInputFiles({ name: 'απάντηση.pdf', mimeType: 'application/pdf', buffer: answer });
  await complete.getByRole('button', { name: 'Ολοκλήρωση αίτησης' }).click();
  await clerk.waitForLoadState();
  if (!/done=complete/.test(clerk.url())) assert.fail(await clerk.locator('.error-summary').textContent());
  assert.match(await clerk.locator('.notice--success').textContent(), /ολοκληρώθηκε/);
  assert.deepEqual(await axe(clerk), []);
  await office.close();

  // The citizen: the header counts the unread item; the document downloads.
  await page.goto(BASE + '/');
  assert.equal((await page.locator('.site-nav .count').textContent()).trim(), '1');
  await page.getByRole('link', { name: /Ψηφιακή θυρίδα/ }).click();
  assert.deepEqual(await axe(page), []);
  await shot(page, 'mailbox');
  await page.locator('.mailbox__link').first().click();
  assert.deepEqual(await axe(page), []);
  await shot(page, 'mailbox-item');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Λήψη εγγράφου (PDF)' }).click(),
  ]);
  assert.equal(sha(readFileSync(await download.path())), sha(answer));
  await page.goto(requestUrl);
  assert.match(await page.locator('.summary-list').first().textContent(), /Ολοκληρώθηκε/);
  assert.deepEqual(await axe(page), []);
  await citizen.close();
});

test('the request pages work without JavaScript', async () => {
  const { addr } = await newUser('nojs');
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'el-GR' });
  const page = await login(context, addr, PASSWORD);
  await page.goto(BASE + '/services/general-complaint/new');
  await page.getByRole('button', { name: 'Προεπισκόπηση' }).click();
  // Errors without any script: the summary links to the fields.
  assert.equal(await page.locator('.error-summary').isVisible(), true);
  assert.ok(await page.locator('.error-summary a').count() >= 2);
  await page.getByRole('button', { name: 'Αποθήκευση για αργότερα' }).click();
  await page.waitForURL(/\/requests\/\d+\?saved=1$/);
  await page.goto(BASE + '/requests');
  assert.equal(await page.getByText('Πρόχειρη').count() >= 1, true);
  await context.close();
});
