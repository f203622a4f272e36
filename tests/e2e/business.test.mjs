// A business gets its own: a legal entity logs in through the mock TaxisNet
// with its own credentials (GSIS answers its AFM and legal name, nothing of
// a person's) and gets a Level B business account, shown as a legal entity
// to itself and to the clerk; finance matches its receivables by that AFM,
// so it sees its own debts and gets its own δημοτική ενημερότητα at once
// (the PDF checked like every certificate) or through the clerk when it
// owes; person-only certificates refuse it with a Greek message; an
// account links only credentials of its own kind; a business and a person
// never see each other's requests, documents or supplies (404).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Client } from './lib/client.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { loginAs, taxisFlow, taxisLogin } from './lib/users.mjs';
import { inspect, sealKey, sealed } from './lib/pdfcheck.mjs';
import { submit, status, rfCodes, bytes, documentOf } from './lib/money.mjs';
import { localDay } from './lib/dates.mjs';

const FOURNOS = { user: 'fournos', afm: '998000125', name: 'ΦΟΥΡΝΟΣ ΝΙΓΡΙΤΑΣ Ο.Ε.', email: 'info@fournos-nigritas.demo.visaltia.gr' };
const KAFENEIO = { user: 'kafeneio', afm: '625643066', name: 'ΚΑΦΕΝΕΙΟ Η ΠΛΑΤΕΙΑ ΙΚΕ' };
const PAPADOPOULOS = { afm: '126018150', email: 'georgios.papadopoulos@demo.visaltia.gr' };
const CLERK = 'clerk.finance@demo.visaltia.gr';
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#160;|&nbsp;/g, ' ').replace(/\s+/g, ' ');
const accountsOf = (afm) => sql('SELECT id, kind, level, company_name, first_name, last_name, father_name, mother_name, birth_year, taxis_userid FROM accounts WHERE afm = ? AND status <> ?', afm, 'closed');

test('a legal entity\'s first TaxisNet login makes a Level B business account named by its legal name, with nothing of a person', async () => {
  // The business registration page offers the company's own credentials.
  const reg = text((await new Client().get('/register?kind=business')).body);
  assert.ok(reg.includes('συνδεθείτε με τους κωδικούς TaxisNet της επιχείρησης'), reg.slice(0, 3000));
  // The café has no account until it logs in (a re-run finds the one the
  // first run made: one account either way).
  const c = new Client();
  const r = await taxisFlow(c, KAFENEIO.user);
  assert.equal(r.status, 303);
  assert.ok(['/account/email?welcome=1', '/account'].includes(r.location), r.location);
  const rows = accountsOf(KAFENEIO.afm);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  const [, kind, level, company, first, last, father, mother, year, userid] = rows[0];
  assert.deepEqual([kind, level, company, first, last, father, mother, year, userid],
    ['business', 'B', KAFENEIO.name, null, null, null, null, null, 'User625643066']);

  const page = text((await c.get('/account')).body);
  for (const words of ['Νομικό πρόσωπο: επαληθευμένο μέσω TaxisNet', 'Επωνυμία', KAFENEIO.name, KAFENEIO.afm]) {
    assert.ok(page.includes(words), `"${words}" not on the account page:\n${page}`);
  }
  for (const words of ['Πατρώνυμο', 'Όνομα μητέρας', 'Έτος γέννησης', 'Επίπεδο Α']) {
    assert.ok(!page.includes(words), `"${words}" on a legal entity's account page`);
  }
  // Its legal name is TaxisNet's: shown, not editable.
  const details = await c.get('/account/details');
  assert.match(details.body, /<input[^>]*name="company_name"[^>]*readonly/);

  // The data export names a business's fields, not a person's.
  const ex = await c.post('/account/export', {}, '/account');
  assert.equal(ex.status, 200);
  const data = JSON.parse(ex.body).account;
  assert.equal(data.kind, 'business');
  assert.equal(data.legal_entity, true);
  assert.equal(data.company_name, KAFENEIO.name);
  assert.equal(data.afm, KAFENEIO.afm);
  for (const k of ['first_name', 'last_name', 'father_name', 'mother_name', 'birth_year', 'amka']) {
    assert.ok(!(k in data), `${k} in a business's export`);
  }

  // The next login finds the same account.
  const again = await taxisFlow(new Client(), KAFENEIO.user);
  assert.equal(again.status, 303);
  assert.equal(again.location, '/account');
  assert.equal(accountsOf(KAFENEIO.afm).length, 1);
  assert.equal(sqlValue("SELECT COUNT(*) FROM audit_log WHERE account_id = ? AND event IN ('taxisnet_account_created', 'taxisnet_linked') AND detail = 'legal entity'", rows[0][0]) >= 1, true);
});

test('the company\'s TaxisNet login reaches the business account that holds its verified AFM; a half answer is refused', async () => {
  const demo = sqlValue('SELECT id FROM accounts WHERE email = ?', FOURNOS.email);
  const c = new Client();
  const r = await taxisFlow(c, FOURNOS.user);
  assert.equal(r.status, 303);
  assert.equal(r.location, '/account');
  assert.equal(sqlValue("SELECT a.id FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.afm = ? AND a.kind = 'business' ORDER BY s.created_at DESC LIMIT 1", FOURNOS.afm), demo);
  assert.match(text((await c.get('/account')).body), new RegExp(FOURNOS.email.replace(/\./g, '\\.')));
  assert.equal(accountsOf(FOURNOS.afm).filter((row) => row[1] === 'business').length, 1);

  // No firstname but a father and a birth year: neither a person nor a
  // company; nothing is made.
  const bad = await taxisFlow(new Client(), 'halfname');
  assert.equal(bad.status, 400);
  assert.match(text(bad.body), /Η ταυτοποίηση δεν ολοκληρώθηκε/);
  assert.equal(accountsOf('534640974').length, 0);
});

test('an account links only TaxisNet credentials of its own kind (a Greek message otherwise, nothing changed)', async () => {
  // A person logged in, with a company's credentials.
  const person = await loginAs(PAPADOPOULOS.email);
  const before = sql('SELECT kind, level, afm, first_name, company_name FROM accounts WHERE email = ?', PAPADOPOULOS.email);
  let r = await taxisFlow(person, KAFENEIO.user);
  assert.equal(r.status, 409);
  assert.match(text(r.body), /Αυτοί είναι κωδικοί επιχείρησης/);
  assert.match(text(r.body), /ο λογαριασμός σας είναι προσωπικός/);
  assert.deepEqual(sql('SELECT kind, level, afm, first_name, company_name FROM accounts WHERE email = ?', PAPADOPOULOS.email), before);
  assert.equal(accountsOf(KAFENEIO.afm).length, 1);

  // A business logged in, with a person's credentials.
  const business = await loginAs(FOURNOS.email);
  const was = sql('SELECT kind, level, afm, first_name, company_name FROM accounts WHERE email = ?', FOURNOS.email);
  r = await taxisFlow(business, 'karagiannis');
  assert.equal(r.status, 409);
  assert.match(text(r.body), /Αυτοί είναι προσωπικοί κωδικοί/);
  assert.deepEqual(sql('SELECT kind, level, afm, first_name, company_name FROM accounts WHERE email = ?', FOURNOS.email), was);
  assert.equal(sqlValue("SELECT COUNT(*) FROM accounts WHERE afm = '019935180' AND kind = 'business'"), '0');

  // With its own credentials it links, and stays the same account.
  r = await taxisFlow(business, FOURNOS.user);
  assert.equal(r.status, 303);
  assert.equal(r.location, '/account?verified=1');
  assert.deepEqual(sql('SELECT kind, level, afm, company_name FROM accounts WHERE email = ?', FOURNOS.email)[0],
    ['business', 'B', FOURNOS.afm, FOURNOS.name]);
});

test('my debts: the business sees its own receivables by its AFM, with RF codes, and nobody else\'s', async () => {
  const c = await taxisLogin(FOURNOS.user);
  const page = await c.get('/finance/debts');
  assert.equal(page.status, 200);
  const t = text(page.body);
  assert.ok(t.includes(FOURNOS.name), t.slice(0, 2000));
  const open = sql("SELECT description FROM fin_receivables WHERE afm = ? AND amount_cents > paid_cents", FOURNOS.afm);
  assert.ok(open.length >= 1, 'the bakery has a fee not due yet');
  assert.equal(rfCodes(page.body).length, open.length);
  for (const [d] of open) assert.ok(t.includes(d.replace(/\s+/g, ' ')), `"${d}" not on its debts page`);
  assert.match(t, /Σύνολο ανεξόφλητων [1-9][\d.]*,\d\d €/);
  // Nobody else's: not the café's, not a person's.
  for (const [d] of sql("SELECT description FROM fin_receivables WHERE afm IN (?, ?) AND amount_cents > paid_cents", KAFENEIO.afm, PAPADOPOULOS.afm)) {
    assert.ok(!t.includes(d.replace(/\s+/g, ' ')), `someone else's "${d}" on the bakery's page`);
  }
  assert.ok(!t.includes(PAPADOPOULOS.afm) && !t.includes(KAFENEIO.afm));

  // The café owes: overdue, shown as such.
  const cafe = text((await (await taxisLogin(KAFENEIO.user)).get('/finance/debts')).body);
  assert.match(cafe, /Ληξιπρόθεσμες οφειλές [1-9][\d.]*,\d\d €/);
  assert.ok(cafe.includes(KAFENEIO.name));
});

test('δημοτική ενημερότητα: the business owing nothing overdue gets its own at once, sealed, naming the company and its AFM', async () => {
  const c = await taxisLogin(FOURNOS.user);
  const { id, res } = await submit(c, 'fin-no-debt', { purpose: 'licence' });
  assert.equal(res.status, 303);
  assert.equal(res.location, `/requests/${id}?submitted=1`);
  assert.equal(status(id), 'completed');
  assert.deepEqual(sql('SELECT applicant_name, applicant_afm FROM requests WHERE id = ?', id)[0], [FOURNOS.name, FOURNOS.afm]);
  const doc = await documentOf(c, id);
  const { text: t, qr } = inspect(doc.pdf);
  const flat = t.replace(/\s+/g, ' ');
  for (const words of ['ΒΕΒΑΙΩΣΗ ΔΗΜΟΤΙΚΗΣ ΕΝΗΜΕΡΟΤΗΤΑΣ', 'ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ', `για τον ΑΦΜ ${FOURNOS.afm} (${FOURNOS.name})`,
    'Επωνυμία', FOURNOS.name, FOURNOS.afm, 'Άδεια ή παράταση λειτουργίας καταστήματος']) {
    assert.ok(flat.includes(words), `"${words}" not in:\n${t}`);
  }
  // Nothing of a person's on a company's certificate.
  for (const words of ['Ονοματεπώνυμο', 'Πατρώνυμο', `${FOURNOS.name} του`]) {
    assert.ok(!flat.includes(words), `"${words}" on a legal entity's certificate:\n${t}`);
  }
  // The QR code opens the verification of this document; anyone checks it.
  assert.equal(new URL(qr).pathname, `/verify/${doc.code}`);
  const visitor = new Client();
  const v = await visitor.get(`/verify/${doc.code}`);
  assert.equal(v.status, 200);
  assert.match(v.body, /Γνήσιο έγγραφο σε ισχύ/);
  assert.ok(!v.body.includes(FOURNOS.afm), 'the public page shows no AFM');
  // The seal: Ed25519 over SHA-256 under the published key; a changed
  // byte fails it.
  const [hash, signature] = [...v.body.matchAll(/<span class="code code--wrap">([0-9a-f]+)<\/span>/g)].map((m) => m[1]);
  assert.equal(hash, createHash('sha256').update(doc.pdf).digest('hex'));
  const key = sealKey((await visitor.get('/verify/key/seal.pub')).body);
  assert.equal(sealed(key, doc.pdf, signature), true);
  const tampered = Buffer.from(doc.pdf);
  tampered[tampered.length >> 1] ^= 0x01;
  assert.equal(sealed(key, tampered, signature), false);
  // In the company's mailbox, not anybody else's.
  const box = text((await c.get('/mailbox')).body);
  assert.match(box, /ΒΕΒΑΙΩΣΗ ΔΗΜΟΤΙΚΗΣ ΕΝΗΜΕΡΟΤΗΤΑΣ|Βεβαίωση δημοτικής ενημερότητας/i);
  assert.equal(sqlValue('SELECT a.kind FROM mailbox_items m JOIN accounts a ON a.id = m.account_id WHERE m.id = ?', doc.item), 'business');
});

test('δημοτική ενημερότητα: the business that owes goes to the clerk, who sees a legal entity and its overdue debts', async () => {
  const c = await taxisLogin(KAFENEIO.user);
  const { id, res } = await submit(c, 'fin-no-debt', { purpose: 'tender' });
  assert.equal(res.status, 303);
  assert.equal(status(id), 'submitted');
  assert.equal(sqlValue('SELECT COUNT(*) FROM documents WHERE request_id = ?', id), '0');
  const clerk = await loginAs(CLERK);
  const p = text((await clerk.get(`/staff/finance/requests/${id}`)).body);
  for (const words of [KAFENEIO.name, KAFENEIO.afm, 'Νομικό πρόσωπο, επαληθευμένο μέσω TaxisNet', 'Επωνυμία']) {
    assert.ok(p.includes(words), `"${words}" not on the clerk's page`);
  }
  const overdue = sql('SELECT description FROM fin_receivables WHERE afm = ? AND due_on < ? AND amount_cents > paid_cents', KAFENEIO.afm, localDay());
  assert.ok(overdue.length >= 2, 'the café owes a water bill and a fee');
  for (const [d] of overdue) assert.ok(p.includes(d.replace(/\s+/g, ' ')), `"${d}" not in the panel`);
});

// A request's row in its department's queue, found by its number.
async function queueRow(clerk, dept, id, lang = 'el') {
  const protocol = sqlValue("SELECT CONCAT(protocol_no, '/', protocol_year) FROM requests WHERE id = ?", id);
  const page = await clerk.get(`/staff/${dept}?status=all&q=${encodeURIComponent(protocol)}&lang=${lang}`);
  assert.equal(page.status, 200);
  const rows = page.body.match(/<tr[\s>][\s\S]*?<\/tr>/g) ?? [];
  const row = rows.find((r) => r.includes(`/staff/${dept}/requests/${id}"`));
  assert.ok(row, `request ${id} (${protocol}) not in the queue`);
  return row;
}

test('the staff queue marks a business applicant by its company name and a visible «Επιχείρηση» / "Business"; a person has no mark', async () => {
  const business = await submit(await taxisLogin(KAFENEIO.user), 'fin-no-debt', { purpose: 'tender' });
  assert.equal(business.res.status, 303);
  const person = await submit(await taxisLogin('papadopoulos'), 'fin-no-debt', { purpose: 'tender' });
  assert.equal(person.res.status, 303);
  const clerk = await loginAs(CLERK);
  const b = await queueRow(clerk, 'finance', business.id);
  const cell = b.match(/<td data-label="Αιτών">([\s\S]*?)<\/td>/);
  assert.ok(cell, b);
  assert.ok(text(cell[1]).includes(KAFENEIO.name), cell[1]);
  assert.match(cell[1], /<strong class="tag tag--business">Επιχείρηση<\/strong>/);
  assert.ok(text(cell[1]).includes(KAFENEIO.afm), cell[1]);
  const p = await queueRow(clerk, 'finance', person.id);
  assert.doesNotMatch(p, /tag--business|Επιχείρηση/);
  // In English too.
  const en = await queueRow(clerk, 'finance', business.id, 'en');
  assert.match(en, /<strong class="tag tag--business">Business<\/strong>/);
});

test('person-only certificates refuse the business with a Greek message, never a request', async () => {
  const c = await taxisLogin(FOURNOS.user);
  const drafts = () => sqlValue("SELECT COUNT(*) FROM requests r JOIN accounts a ON a.id = r.account_id WHERE a.afm = ? AND a.kind = 'business' AND r.department IN ('civil_registry', 'male_registry')", FOURNOS.afm);
  const before = drafts();
  for (const code of ['cr-family-status', 'cr-birth', 'cr-next-of-kin', 'cr-residence', 'cr-local-origin', 'mr-registration']) {
    const form = await c.get(`/services/${code}/new`);
    assert.equal(form.status, 403, code);
    assert.match(text(form.body), /Την αίτηση αυτή την υποβάλλουν μόνο φυσικά πρόσωπα/, code);
    // Posting the form anyway makes nothing.
    const post = await c.postMultipart(`/services/${code}/new`, { action: 'preview', whom: 'self', purpose: 'public' }, [], '/services/fin-no-debt/new');
    assert.equal(post.status, 403, `${code}: ${post.status}`);
    assert.match(text(post.body), /μόνο φυσικά πρόσωπα/);
  }
  assert.equal(drafts(), before);
  // The catalogue still shows them, as services for persons.
  const svc = await c.get('/services/cr-birth');
  assert.equal(svc.status, 200);
});

test('a business and a person never see each other\'s requests, documents or supplies (404)', async () => {
  const business = await taxisLogin(FOURNOS.user);
  const person = await taxisLogin('papadopoulos');
  const own = (afm, kind) => sql("SELECT r.id FROM requests r JOIN accounts a ON a.id = r.account_id WHERE a.afm = ? AND a.kind = ? AND r.service = 'fin-no-debt' AND r.status = 'completed' ORDER BY r.id DESC LIMIT 1", afm, kind)[0];
  // The person's own certificate of no debt, if the finance tests have
  // not made one in this run.
  if (!own(PAPADOPOULOS.afm, 'person')) {
    const { res } = await submit(person, 'fin-no-debt', { purpose: 'tender' });
    assert.equal(res.status, 303);
  }
  if (!own(FOURNOS.afm, 'business')) {
    const { res } = await submit(business, 'fin-no-debt', { purpose: 'tender' });
    assert.equal(res.status, 303);
  }
  const [personReq] = own(PAPADOPOULOS.afm, 'person');
  const [businessReq] = own(FOURNOS.afm, 'business');
  const personItem = sqlValue('SELECT m.id FROM mailbox_items m JOIN documents d ON d.id = m.document_id WHERE d.request_id = ?', personReq);
  const businessItem = sqlValue('SELECT m.id FROM mailbox_items m JOIN documents d ON d.id = m.document_id WHERE d.request_id = ?', businessReq);
  for (const [who, path] of [[business, `/requests/${personReq}`], [business, `/mailbox/${personItem}`],
    [business, `/mailbox/${personItem}/file`], [person, `/requests/${businessReq}`], [person, `/mailbox/${businessItem}`],
    [person, `/mailbox/${businessItem}/file`]]) {
    assert.equal((await bytes(who, path)).status, 404, path);
  }
  // Each one's own is there.
  assert.equal((await business.get(`/requests/${businessReq}`)).status, 200);
  assert.equal((await person.get(`/requests/${personReq}`)).status, 200);
  // Supplies: the bakery's commercial supply and the person's household one.
  const [bSupply] = sql("SELECT supply FROM wat_supplies WHERE afm = ? AND type = 'water' LIMIT 1", FOURNOS.afm)[0];
  const [pSupply] = sql("SELECT supply FROM wat_supplies WHERE afm = ? AND type = 'water' LIMIT 1", PAPADOPOULOS.afm)[0];
  assert.equal((await business.get(`/water/supplies/${bSupply}`)).status, 200);
  assert.equal((await business.get(`/water/supplies/${pSupply}`)).status, 404);
  assert.equal((await person.get(`/water/supplies/${bSupply}`)).status, 404);
  // Debts: each page lists only its own AFM's, whatever the address asks;
  // the clerk's look-up by AFM is not theirs.
  const bDebts = text((await business.get(`/finance/debts?afm=${PAPADOPOULOS.afm}`)).body);
  const pDebts = text((await person.get(`/finance/debts?afm=${FOURNOS.afm}`)).body);
  assert.ok(bDebts.includes(FOURNOS.afm) && !bDebts.includes(PAPADOPOULOS.afm) && !bDebts.includes('ΠΑΠΑΔΟΠΟΥΛΟΣ'));
  assert.ok(pDebts.includes(PAPADOPOULOS.afm) && !pDebts.includes(FOURNOS.afm) && !pDebts.includes(FOURNOS.name));
  for (const [who, afm] of [[business, PAPADOPOULOS.afm], [person, FOURNOS.afm]]) {
    assert.ok([403, 404].includes((await bytes(who, `/staff/finance/debtor?afm=${afm}`)).status));
  }
});
