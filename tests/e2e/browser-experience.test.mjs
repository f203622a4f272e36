// In a real Chromium, what a first-time citizen and a clerk meet on a
// desktop and on a phone (issue 11, items 13-20): drafts that show what was
// saved and can be continued, the error summary on the first screen of a
// phone, no page wider than a phone, the privacy notice and accessibility
// statement. Every page passes axe at both sizes and does not scroll
// sideways at 375 px (checkPage).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE } from './lib/stack.mjs';
import { launch, checkPage, login, PHONE, loadedSize } from './lib/browser.mjs';
import { newUser, PASSWORD, DEMO_PASSWORD } from './lib/users.mjs';
import { png } from './lib/files.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an empty preview makes no draft; a saved draft shows what was saved and continues', async () => {
  const { addr } = await newUser('draft');
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const page = await login(context, addr, PASSWORD);

  await page.goto(BASE + '/services/general-request/new');
  await page.getByRole('button', { name: 'Προεπισκόπηση' }).click();
  assert.equal(await page.locator('.error-summary').isVisible(), true);
  assert.equal(await page.getByText('Συνεχίζετε την αίτηση που αποθηκεύσατε').count(), 0);
  assert.deepEqual(await checkPage(page), []);
  await page.goto(BASE + '/requests');
  assert.equal(await page.getByText('Πρόχειρη').count(), 0, 'an empty preview left a draft');

  await page.goto(BASE + '/services/general-request/new');
  await page.getByLabel('Θέμα').fill('Φωτισμός στην οδό Ερμού');
  await page.getByLabel('Συνημμένα έγγραφα').setInputFiles(
    { name: 'λάμπα.png', mimeType: 'image/png', buffer: png(20, 20, 5) });
  await page.getByRole('button', { name: 'Αποθήκευση για αργότερα' }).click();
  await page.waitForURL(/\/requests\/\d+\?saved=1$/);
  const main = page.locator('main');
  assert.match(await main.textContent(), /Φωτισμός στην οδό Ερμού/);
  assert.equal(await main.getByRole('link', { name: 'λάμπα.png', exact: true }).count(), 1);
  // No empty protocol or submission rows, no receipt of what was not sent.
  assert.equal(await main.getByText('Αριθμός πρωτοκόλλου').count(), 0);
  assert.equal(await main.locator('a[href$="/receipt"]').count(), 0);
  assert.deepEqual(await checkPage(page), []);

  // From "My requests", the draft opens and continues where it was.
  await page.goto(BASE + '/requests');
  await page.getByRole('link', { name: /Πρόχειρη/ }).first().click();
  await page.getByRole('link', { name: 'Συνέχεια της αίτησης' }).click();
  await page.waitForURL(/\/services\/general-request\/new\?draft=\d+$/);
  assert.equal(await page.getByLabel('Θέμα').inputValue(), 'Φωτισμός στην οδό Ερμού');
  assert.equal(await page.getByRole('link', { name: 'λάμπα.png', exact: true }).count(), 1);
  assert.deepEqual(await checkPage(page), []);
  await context.close();
});

test('on a phone the error summary is the first thing in main, on the first screen', async () => {
  const { addr } = await newUser('phone');
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'el-GR', viewport: PHONE });
  const page = await login(context, addr, PASSWORD);
  for (const path of ['/services/general-request/new', '/services/general-complaint/new']) {
    await page.goto(BASE + path);
    await page.getByRole('button', { name: 'Προεπισκόπηση' }).click();
    const first = await page.evaluate(() => document.querySelector('main').firstElementChild.className);
    assert.equal(first, 'error-summary', path);
    const box = await page.locator('.error-summary').boundingBox();
    assert.ok(box.y + 60 < PHONE.height, `${path}: the summary starts at ${box.y}px`);
  }
  // The registration form too (anonymous).
  const anon = await browser.newContext({ javaScriptEnabled: false, locale: 'el-GR', viewport: PHONE });
  const reg = await anon.newPage();
  await reg.goto(BASE + '/register?kind=person');
  await reg.getByRole('button', { name: 'Δημιουργία λογαριασμού' }).click();
  assert.equal(await reg.evaluate(() => document.querySelector('main').firstElementChild.className), 'error-summary');
  await anon.close();
  await context.close();
});

test('nothing scrolls sideways on a phone: requests, queue, request, account, verify', async () => {
  // A long address with no place to break, as people have.
  const { addr } = await newUser('averyveryverylonglocalpartwithoutbreaks');
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const page = await login(context, addr, PASSWORD);
  await page.goto(BASE + '/services/general-request/new');
  await page.getByLabel('Θέμα').fill('Υπερβολικάμεγάληλέξηχωρίςκενάπουδενχωράειπουθενάστηνοθόνητουκινητού');
  await page.getByLabel('Περιγραφή του αιτήματος').fill('Ένα αίτημα με αρκετό κείμενο για να περάσει τον έλεγχο μήκους.');
  await page.getByRole('button', { name: 'Προεπισκόπηση' }).click();
  await page.waitForURL(/\/preview$/);
  assert.deepEqual(await checkPage(page), []);
  await page.getByRole('button', { name: 'Υποβολή αίτησης' }).click();
  await page.waitForURL(/\?submitted=1$/);
  const protocol = (await page.locator('.panel__number').textContent()).trim();
  for (const path of [page.url(), BASE + '/requests', BASE + '/account', BASE + '/account/sessions', BASE + '/mailbox']) {
    await page.goto(path);
    assert.deepEqual(await checkPage(page), [], path);
  }
  await context.close();

  const office = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const clerk = await login(office, 'clerk.general@demo.visaltia.gr', DEMO_PASSWORD);
  for (const path of ['/staff', '/staff/general', '/account']) {
    await clerk.goto(BASE + path);
    assert.deepEqual(await checkPage(clerk), [], path);
  }
  await clerk.goto(BASE + '/staff/general?q=' + encodeURIComponent(protocol));
  await clerk.getByRole('link', { name: protocol }).click();
  await clerk.waitForURL(/\/staff\/general\/requests\/\d+$/);
  assert.deepEqual(await checkPage(clerk), []);
  await office.close();

  const admin = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const a = await login(admin, 'admin@demo.visaltia.gr', DEMO_PASSWORD);
  for (const path of ['/staff', '/staff/reports', '/staff/general']) {
    await a.goto(BASE + path);
    assert.deepEqual(await checkPage(a), [], path);
  }
  await admin.close();

  const visitor = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const v = await visitor.newPage();
  await v.goto(BASE + '/verify');
  assert.deepEqual(await checkPage(v), []);
  await v.goto(BASE + '/verify?code=' + 'ΑΒΓΔ'.repeat(20));
  assert.deepEqual(await checkPage(v), []);
  await visitor.close();
});

test('the privacy notice and the accessibility statement, linked from every footer', async () => {
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const page = await context.newPage();
  await page.goto(BASE + '/register?kind=person');
  // Registration asks to confirm the notice was read: it is one click away.
  await page.getByRole('link', { name: /Διαβάστε πώς ο Δήμος επεξεργάζεται/ }).click();
  await page.waitForURL(BASE + '/privacy');
  assert.equal(await page.locator('h1').textContent(), 'Προστασία προσωπικών δεδομένων');
  assert.match(await page.locator('main').textContent(), /Ο Δήμος Βισαλτίας είναι υπεύθυνος επεξεργασίας/);
  assert.match(await page.locator('main').textContent(), /Υπεύθυνο Προστασίας Δεδομένων του Δήμου Βισαλτίας/);
  assert.deepEqual(await checkPage(page), []);
  const footer = page.locator('.site-footer');
  await footer.getByRole('link', { name: 'Δήλωση προσβασιμότητας' }).click();
  await page.waitForURL(BASE + '/accessibility');
  assert.match(await page.locator('main').textContent(), /4591\/2019/);
  assert.match(await page.locator('main').textContent(), /WCAG 2\.1/);
  assert.deepEqual(await checkPage(page), []);
  await footer.getByRole('link', { name: 'Επαλήθευση εγγράφου' }).click();
  await page.waitForURL(BASE + '/verify');
  // The seal's key is there for specialists, folded away from lay visitors.
  assert.equal(await page.locator('.code--wrap').count() >= 1, true);
  assert.equal(await page.locator('.code--wrap').first().isVisible(), false);
  await page.getByRole('link', { name: 'Change language to English' }).click();
  await page.locator('.site-footer').getByRole('link', { name: 'Personal data protection' }).click();
  assert.equal(await page.locator('h1').textContent(), 'Personal data protection');
  assert.deepEqual(await checkPage(page), []);
  await context.close();
});

test('the look: headings, tags on the baseline, buttons apart, thumbnails for staff, the seal folded on /verify', async () => {
  const { addr } = await newUser('look');
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const page = await login(context, addr, PASSWORD);
  await page.goto(BASE + '/services/general-request/new');
  // The form's buttons do not touch, on a desktop or a phone.
  for (const size of [null, PHONE]) {
    if (size) await page.setViewportSize(size);
    const [a, b] = await page.locator('.form-actions .button').evaluateAll((els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }));
    const apart = Math.max(b.left - a.right, b.top - a.bottom, a.left - b.right, a.top - b.bottom);
    assert.ok(apart >= 8, `buttons ${apart}px apart`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  assert.match(await page.locator('input[type=file]').evaluate((e) => getComputedStyle(e, '::file-selector-button').borderTopWidth), /^[1-9]/);
  await page.getByLabel('Θέμα').fill('Φωτογραφία λακκούβας');
  await page.getByLabel('Περιγραφή του αιτήματος').fill('Λακκούβα στην οδό Ερμού, φωτογραφία συνημμένη.');
  await page.getByLabel('Συνημμένα έγγραφα').setInputFiles({ name: 'λακκούβα.png', mimeType: 'image/png', buffer: png(60, 40, 9) });
  await page.getByRole('button', { name: 'Προεπισκόπηση' }).click();
  await page.getByRole('button', { name: 'Υποβολή αίτησης' }).click();
  await page.waitForURL(/\?submitted=1$/);
  // A section heading is a step below the page's title.
  const [h1, h2] = await page.evaluate(() => [
    parseFloat(getComputedStyle(document.querySelector('h1')).fontSize),
    parseFloat(getComputedStyle(document.querySelector('main h2:not(.panel__title)')).fontSize)]);
  assert.ok(h2 <= 0.6 * h1, `h2 ${h2}px under h1 ${h1}px`);
  // The status tag sits on the line of its row's text.
  await page.goto(BASE + '/requests');
  const offset = await page.evaluate(() => {
    const row = document.querySelector('.table tbody tr');
    const tag = row.querySelector('.tag').getBoundingClientRect();
    const text = row.querySelector('td:nth-child(2)');
    const range = document.createRange();
    range.selectNodeContents(text);
    const line = range.getClientRects()[0];
    return Math.abs((tag.top + tag.bottom) / 2 - (line.top + line.bottom) / 2);
  });
  assert.ok(offset <= 3, `tag ${offset}px off its row's line`);
  const protocol = (await page.locator('.table tbody tr').first().locator('a').first().textContent()).trim().split(' ')[0];
  await context.close();

  // The clerk sees the photo, not only its name.
  const office = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const clerk = await login(office, 'clerk.general@demo.visaltia.gr', DEMO_PASSWORD);
  await clerk.goto(BASE + '/staff/general?q=' + encodeURIComponent(protocol));
  await clerk.getByRole('link', { name: protocol }).click();
  const thumb = clerk.locator('.file-list__thumb img');
  assert.equal(await thumb.count(), 1);
  await thumb.scrollIntoViewIfNeeded();
  assert.ok((await loadedSize(thumb))[0] > 0, 'the thumbnail loads');
  assert.deepEqual(await checkPage(clerk), []);
  await office.close();
});

test('search on the home page: accents and final sigma do not matter; popular services', async () => {
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const page = await context.newPage();
  await page.goto(BASE + '/');
  for (const q of ['ΠΑΡΑΠΟΝΟ', 'παραπονο', 'παράπονο', 'complaint']) {
    await page.getByLabel('Αναζήτηση υπηρεσίας').fill(q);
    await page.getByRole('button', { name: 'Αναζήτηση', exact: true }).click();
    const found = page.locator('.results');
    assert.equal(await found.getByRole('link', { name: 'Παράπονο για υπηρεσία του Δήμου' }).count(), 1, q);
  }
  // Final sigma: «οικογενειακης» finds «Οικογενειακής».
  await page.goto(BASE + '/?q=' + encodeURIComponent('πιστοποιητικο οικογενειακης'));
  assert.ok(await page.locator('.results .service-list__item').count() >= 1);
  assert.deepEqual(await checkPage(page), []);
  await page.goto(BASE + '/?q=' + encodeURIComponent('ξξξξ'));
  assert.match(await page.locator('.results').textContent(), /Δεν βρέθηκε υπηρεσία/);
  // The TaxisNet note is said once per department, not on every certificate.
  await page.goto(BASE + '/');
  const notes = await page.locator('#dept-civil_registry .tag').count();
  assert.equal(notes, 1);
  await context.close();
  // Requests were submitted above: the most requested services head the
  // page (a logged-in visitor's, which no cache holds).
  const { addr } = await newUser('popular');
  const mine = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const home = await login(mine, addr, PASSWORD);
  await home.goto(BASE + '/');
  assert.ok(await home.locator('.popular a').count() >= 1);
  await home.locator('.popular a').first().click();
  await home.waitForURL(/\/services\//);
  await mine.close();
});
