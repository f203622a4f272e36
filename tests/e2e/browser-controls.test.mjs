// In a real Chromium: file controls in the page's language whatever the
// browser's (issue 11, item 19), usable by keyboard and without script; and
// the second factor's enrolment page (11a): its QR code scans to the same
// secret that is shown as text, and the page passes axe at both sizes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, CONFIG } from './lib/stack.mjs';
import { launch, checkPage, login } from './lib/browser.mjs';
import { newUser, uniqueEmail, PASSWORD } from './lib/users.mjs';
import { png } from './lib/files.mjs';
import { base32Decode, totpAt, stepNow } from './lib/totp.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const FOCUS = 'rgb(255, 221, 0)';

async function fileControl(page, label, button, none, file) {
  const input = page.getByLabel(label);
  assert.equal(await input.getAttribute('type'), 'file');
  const pick = page.locator('.file-pick', { has: input });
  // Our words on the button, not the browser's; nothing chosen yet.
  assert.equal((await pick.locator('.file-pick__button').textContent()).trim(), button);
  assert.equal(await pick.locator('.file-pick__names').textContent(), none);
  // The real input lies over the button and takes its clicks.
  const a = await input.boundingBox();
  const b = await pick.locator('.file-pick__button').boundingBox();
  assert.ok(a && b && Math.abs(a.x - b.x) < 1 && Math.abs(a.width - b.width) < 1 && a.height >= 40, JSON.stringify({ a, b }));
  // The keyboard reaches the input itself, and the focus shows on the button.
  await input.focus();
  assert.equal(await page.evaluate(() => document.activeElement.type), 'file');
  assert.equal(await pick.locator('.file-pick__button').evaluate((e) => getComputedStyle(e).backgroundColor), FOCUS);
  await input.setInputFiles(file);
  assert.equal(await pick.locator('.file-pick__names').textContent(), file.name);
}

test('file controls speak the page\'s language, not the browser\'s, with and without script', async () => {
  const { addr } = await newUser('files');
  // The Greek page, then the English one.
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const page = await login(context, addr, PASSWORD);
  await page.goto(BASE + '/services/general-request/new');
  await fileControl(page, 'Συνημμένα έγγραφα', 'Επιλογή αρχείων', 'Δεν επιλέξατε αρχείο',
    { name: 'σχέδιο.png', mimeType: 'image/png', buffer: png(20, 20, 3) });
  assert.deepEqual(await checkPage(page), []);
  await page.goto(BASE + '/services/general-request/new?lang=en');
  await fileControl(page, 'Attached documents', 'Choose files', 'No file chosen',
    { name: 'plan.png', mimeType: 'image/png', buffer: png(20, 20, 4) });
  assert.deepEqual(await checkPage(page), []);
  await page.goto(BASE + '/verify?lang=el');
  const verify = page.locator('.file-pick');
  assert.equal((await verify.locator('.file-pick__button').textContent()).trim(), 'Επιλογή αρχείου');
  await context.close();

  // Without script: the same control, the file still goes with the form.
  const nojs = await browser.newContext({ bypassCSP: true, locale: 'el-GR', javaScriptEnabled: false });
  const p2 = await login(nojs, addr, PASSWORD);
  await p2.goto(BASE + '/services/general-request/new');
  await p2.getByLabel('Θέμα').fill('Χωρίς JavaScript');
  await p2.getByLabel('Συνημμένα έγγραφα').setInputFiles({ name: 'χωρίς-js.png', mimeType: 'image/png', buffer: png(20, 20, 6) });
  assert.equal(await p2.locator('.file-pick__names').first().textContent(), '');
  await p2.getByRole('button', { name: 'Αποθήκευση για αργότερα' }).click();
  await p2.waitForURL(/\/requests\/\d+\?saved=1$/);
  assert.equal(await p2.locator('main').getByRole('link', { name: 'χωρίς-js.png', exact: true }).count(), 1);
  await nojs.close();
});

test('the enrolment page: its QR code scans to the secret shown as text; axe at both sizes', async () => {
  const head = uniqueEmail('qrhead');
  const dir = mkdtempSync(join(tmpdir(), 'dimos-qr-'));
  writeFileSync(join(dir, 'pw'), PASSWORD + '\n');
  execFileSync(`${process.env.DIMOS_BUILD_DIR}/core/dimosctl`, ['-c', CONFIG, 'user', 'add', '--email', head,
    '--first', 'Άννα', '--last', 'Κωδικού', '--role', 'head', '--department', 'general', '--password-file', join(dir, 'pw')]);
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const page = await context.newPage();
  await page.goto(BASE + '/login');
  await page.getByLabel('Email').fill(head);
  await page.getByLabel('Κωδικός', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Σύνδεση' }).click();
  await page.waitForURL((u) => u.pathname === '/login/enrol');
  assert.deepEqual(await checkPage(page), []);
  const key = (await page.locator('.factor-secret__key').textContent()).replace(/\s/g, '');
  await page.locator('svg.qr').screenshot({ path: join(dir, 'qr.png') });
  const scanned = execFileSync('zbarimg', ['--quiet', '--raw', join(dir, 'qr.png')], { encoding: 'utf8' }).trim();
  const uri = new URL(scanned);
  assert.equal(uri.protocol, 'otpauth:');
  assert.equal(uri.host, 'totp');
  assert.equal(decodeURIComponent(uri.pathname), `/Δήμος Βισαλτίας:${head}`);
  assert.equal(uri.searchParams.get('secret'), key);
  assert.equal(uri.searchParams.get('digits'), '6');
  assert.equal(uri.searchParams.get('period'), '30');
  // The code from the scanned secret turns the factor on; the recovery
  // codes page passes axe too.
  await page.getByLabel('Κωδικός επαλήθευσης').fill(totpAt(base32Decode(key), stepNow()));
  await page.getByRole('button', { name: 'Ενεργοποίηση' }).click();
  await page.getByRole('heading', { name: 'Οι κωδικοί ανάκτησής σας' }).waitFor();
  assert.equal(await page.locator('.recovery-codes li').count(), 10);
  assert.deepEqual(await checkPage(page), []);
  await context.close();
});
