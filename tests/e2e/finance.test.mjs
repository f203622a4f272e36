// Finance end to end, on the stack packaging/run-local starts with the
// demo ledger (plugins/finance/demo/generate.py, dated from today): the
// revenue system's import through dimosctl (all or nothing, file:line
// errors, a re-import replacing the ledger in one go), the certificate of
// no debt issued at once and sealed for a Level B citizen who owes nothing
// overdue and sent to the clerk with the debts in the panel otherwise (an
// arrangement in good standing too, for the clerk to issue), the ΤΑΠ
// certificate (ΚΑΕΚ checked, the contract attached), an instalment plan
// picked from one's own debts with the monthly amount before submitting,
// the debts page with RF codes and the IBAN, and the bank's payment file;
// another department's fee through finance (ABI 2.2): the road occupation
// permit's RF code on its page and in the mailbox, and the bank's file
// paying it issues the sealed permit by itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { Client, fieldErrors } from './lib/client.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { loginAs, taxisLogin } from './lib/users.mjs';
import { STATE } from './lib/stack.mjs';
import { pdf } from './lib/files.mjs';
import { inspect } from './lib/pdfcheck.mjs';
import { submit, status, dimosctl, withDir, camt054, importPayments, rfCodes, documentOf, IBAN } from './lib/money.mjs';
import { localDay as day } from './lib/dates.mjs';

const DEMO = `${STATE}/demo/finance`;
const CLERK = 'clerk.finance@demo.visaltia.gr';
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const plain = (s) => s.replace(/\s+/g, ' ');
const ledger = () => sql('SELECT COUNT(*), COALESCE(SUM(amount_cents), 0) FROM fin_receivables')[0].map(Number);

// ISO 11649: move "RFkk" to the end, letters to numbers, mod 97 is 1.
function rfValid(rf) {
  const s = (rf.slice(4) + rf.slice(0, 4)).replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  let m = 0;
  for (const d of s) m = (m * 10 + Number(d)) % 97;
  return m === 1;
}

test('import: a bad line refuses the whole file with file:line: column: "value" why, and the ledger stays', () => {
  const before = ledger();
  assert.ok(before[0] > 100, `demo ledger: ${before}`);
  withDir((dir) => {
    cpSync(DEMO, dir, { recursive: true });
    const lines = readFileSync(`${dir}/receivables.csv`, 'utf8').split('\n');
    // Line 7 of the file: an AFM that is no AFM.
    lines[6] = lines[6].replace(/^([^,]*),([^,]*),/, '$1,12345678X,');
    writeFileSync(`${dir}/receivables.csv`, lines.join('\n'));
    const r = dimosctl('plugin', 'finance', 'import', dir);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.err, /^receivables\.csv:7: afm: "12345678X" .+/m);
    assert.match(r.err, /nothing was imported/);
  });
  assert.deepEqual(ledger(), before);
});

test('import: a full re-import replaces the ledger atomically; readers never see it half done', async () => {
  const before = ledger();
  const c = await taxisLogin('georgiou');
  const page = () => c.get('/finance/debts');
  const first = text((await page()).body).match(/Σύνολο ανεξόφλητων ([\d.,]+ €)/)[1];
  // Pages read while the import runs see either ledger, whole.
  const reads = [];
  let done = false;
  const reader = (async () => {
    while (!done) {
      const p = await page();
      assert.equal(p.status, 200);
      reads.push(text(p.body).match(/Σύνολο ανεξόφλητων ([\d.,]+ €)/)[1]);
    }
  })();
  const t0 = process.hrtime.bigint();
  const r = dimosctl('plugin', 'finance', 'import', DEMO);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  done = true;
  await reader;
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`imported ${before[0]} receivables`));
  console.log(`# finance import of ${before[0]} receivables: ${ms.toFixed(0)} ms`);
  assert.deepEqual(ledger(), before);
  for (const x of reads) assert.equal(x, first);
  assert.equal(sqlValue("SELECT COUNT(*) FROM fin_imports WHERE kind = 'receivables'") >= 1, true);
});

test('δημοτική ενημερότητα: a Level B citizen with nothing overdue gets it at once, sealed', async () => {
  const c = await taxisLogin('papadopoulos');
  const { id, res } = await submit(c, 'fin-no-debt', { purpose: 'tender' });
  assert.equal(res.status, 303);
  assert.equal(res.location, `/requests/${id}?submitted=1`);
  assert.equal(status(id), 'completed');
  const doc = await documentOf(c, id);
  const { text: t, qr } = inspect(doc.pdf);
  for (const words of ['ΒΕΒΑΙΩΣΗ ΔΗΜΟΤΙΚΗΣ ΕΝΗΜΕΡΟΤΗΤΑΣ', 'ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ', '126018150', 'ΠΑΠΑΔΟΠΟΥΛΟΣ']) {
    assert.ok(t.includes(words), `"${words}" not in:\n${t}`);
  }
  assert.equal(new URL(qr).pathname, `/verify/${doc.code}`);
  const v = await new Client().get(`/verify/${doc.code}`);
  assert.equal(v.status, 200);
  assert.match(v.body, /Γνήσιο έγγραφο σε ισχύ/);
});

test('δημοτική ενημερότητα: a debtor\'s request goes to the clerk, whose panel shows the overdue debts', async () => {
  const c = await taxisLogin('georgiou');
  const { id, res } = await submit(c, 'fin-no-debt', { purpose: 'licence' });
  assert.equal(res.status, 303);
  assert.equal(status(id), 'submitted');
  assert.equal(Number(sqlValue('SELECT COUNT(*) FROM documents WHERE request_id = ?', id)), 0);
  const overdue = sql("SELECT description FROM fin_receivables WHERE afm = '083016618' AND due_on < ? AND amount_cents > paid_cents", day());
  assert.ok(overdue.length >= 2, 'georgiou owes a fine and a water bill');
  const clerk = await loginAs(CLERK);
  const panel = await clerk.get(`/staff/finance/requests/${id}`);
  assert.equal(panel.status, 200);
  const p = text(panel.body);
  for (const [d] of overdue) assert.ok(p.includes(d.replace(/\s+/g, ' ')), `"${d}" not in the panel`);
  assert.match(p, /Ληξιπρόθεσμ/);
});

test('δημοτική ενημερότητα: an arrangement in good standing counts as no debt, and the clerk issues', async () => {
  const c = await taxisLogin('nikolaou');
  const { id, res } = await submit(c, 'fin-no-debt', { purpose: 'payment' });
  assert.equal(res.status, 303);
  assert.equal(status(id), 'submitted');
  const clerk = await loginAs(CLERK);
  const panel = await clerk.get(`/staff/finance/requests/${id}`);
  const p = text(panel.body);
  assert.match(p, /Οι μόνες ληξιπρόθεσμες οφειλές είναι δόσεις ρύθμισης που τηρείται: λογίζεται ως μη οφειλή/);
  assert.match(p, /Ρύθμιση R\d+ της \d\d\/\d\d\/\d{4}, 12 δόσεις/);
  // The clerk issues it from the record: sealed, in the citizen's mailbox.
  assert.match(p, /Έκδοση από την εγγραφή ΑΦΜ 099603082/);
});

test('ΤΑΠ certificate: ΚΑΕΚ of 12 digits and the supply number checked, input kept; instant with no ΤΑΠ debt', async () => {
  const c = await taxisLogin('papadopoulos');
  const bad = await c.postMultipart('/services/fin-tap/new', {
    action: 'preview', address: 'Μεγάλου Αλεξάνδρου 8, Νιγρίτα', kaek: '4211802020ΑΒ', power_supply: '31195661015x',
  }, [{ field: 'contract', name: 'συμβόλαιο.pdf', type: 'application/pdf', data: pdf('contract') }]);
  assert.equal(bad.status, 422);
  const errs = fieldErrors(bad.body);
  assert.ok(errs.kaek, JSON.stringify(errs));
  assert.ok(errs.power_supply, JSON.stringify(errs));
  assert.match(bad.body, /value="4211802020ΑΒ"/);
  assert.match(bad.body, /value="Μεγάλου Αλεξάνδρου 8, Νιγρίτα"/);

  const { id, res } = await submit(c, 'fin-tap', {
    address: 'Μεγάλου Αλεξάνδρου 8, Νιγρίτα', kaek: '421180202001', power_supply: '311956610151',
  }, [{ field: 'contract', name: 'συμβόλαιο.pdf', type: 'application/pdf', data: pdf('contract') }]);
  assert.equal(res.status, 303);
  assert.equal(status(id), 'completed');
  const { text: t } = inspect((await documentOf(c, id)).pdf);
  assert.ok(t.includes('ΚΑΕΚ 42 118 02 02 001'), t);
  assert.match(t, /ΒΕΒΑΙΩΣΗ ΜΗ ΟΦΕΙΛΗΣ ΤΕΛΟΥΣ ΑΚΙΝΗΤΗΣ ΠΕΡΙΟΥΣΙΑΣ/);
  assert.equal(sqlValue("SELECT COUNT(*) FROM attachments WHERE request_id = ?", id) >= 1, true);
});

test('ΤΑΠ certificate: a property with ΤΑΠ owed goes to the clerk', async () => {
  const [kaek, power, address] = sql("SELECT p.kaek, p.power_supply, p.address FROM fin_properties p WHERE p.owner_afm = '046281947' LIMIT 1")[0];
  const c = await taxisLogin('vasileiou');
  const { id, res } = await submit(c, 'fin-tap', { address, kaek, power_supply: power },
    [{ field: 'contract', name: 'contract.pdf', type: 'application/pdf', data: pdf('contract') }]);
  assert.equal(res.status, 303);
  assert.equal(status(id), 'submitted');
});

test('my debts: overdue and totals, each debt with a valid RF code, amount and the IBAN', async () => {
  const c = await taxisLogin('georgiou');
  const page = await c.get('/finance/debts');
  assert.equal(page.status, 200);
  const t = text(page.body);
  assert.match(t, /Ληξιπρόθεσμες οφειλές [1-9][\d.]*,\d\d €/);
  assert.match(t, /Σύνολο ανεξόφλητων [\d.]+,\d\d €/);
  assert.ok(t.includes('GR23 0110 2500 0000 2500 4012 340'), 'the IBAN, grouped');
  const codes = rfCodes(page.body);
  const open = Number(sqlValue("SELECT COUNT(*) FROM fin_receivables WHERE afm = '083016618' AND amount_cents > paid_cents"));
  assert.equal(codes.length, open);
  for (const rf of codes) assert.ok(rfValid(rf), `${rf} fails ISO 11649`);
  // Someone else's debts are not there, and a visitor is sent to log in.
  assert.ok(!t.includes('126018150'));
  const anon = await new Client().get('/finance/debts');
  assert.ok([302, 303].includes(anon.status), String(anon.status));
});

test('instalments: own debts only, 2–48, the monthly amount shown before submitting', async () => {
  const c = await taxisLogin('georgiou');
  const form = await c.get('/services/fin-instalments/new');
  assert.equal(form.status, 200);
  const values = [...form.body.matchAll(/<input[^>]*name="debts"[^>]*value="([a-z0-9_-]+)"/g)].map((m) => m[1]);
  assert.ok(values.length >= 2, form.body.slice(form.body.indexOf('debts'), form.body.indexOf('debts') + 1500));
  // A forged debt and too many instalments: messages on the fields.
  const bad = await c.postMultipart('/services/fin-instalments/new', { action: 'preview', debts: 'd99999999', instalments: '60' });
  assert.equal(bad.status, 422);
  const errs = fieldErrors(bad.body);
  assert.ok(errs.debts && errs.instalments, JSON.stringify(errs));
  assert.match(bad.body, /value="60"/);

  // Too many for the smallest instalment: the message says how many fit.
  const many = await c.postMultipart('/services/fin-instalments/new', { action: 'preview', debts: values, instalments: '48' });
  assert.equal(many.status, 422);
  assert.match(plain(fieldErrors(many.body).instalments), /δεν μπορεί να είναι μικρότερη από 20,00 €: για [\d.]+,\d\d € έως \d+ δόσεις/);
  const r = await c.postMultipart('/services/fin-instalments/new', { action: 'preview', debts: values, instalments: '3' });
  assert.equal(r.status, 303, JSON.stringify(fieldErrors(r.body)));
  const id = Number(r.location.match(/^\/requests\/(\d+)\/preview$/)[1]);
  const previewPage = await c.get(`/requests/${id}/preview`);
  const preview = text(previewPage.body);
  // The whole sum in 3, the last taking the cents left over.
  const total = Number(sqlValue("SELECT SUM(amount_cents - paid_cents) FROM fin_receivables WHERE afm = '083016618' AND amount_cents > paid_cents"));
  const euro = (cents) => `${Math.floor(cents / 100).toLocaleString('de-DE')},${String(cents % 100).padStart(2, '0')} €`;
  assert.ok(preview.includes(euro(Math.floor(total / 3))), `${euro(Math.floor(total / 3))} not in: ${preview.slice(preview.indexOf('Στοιχεία'), preview.indexOf('Στοιχεία') + 800)}`);

  // Submitted, the clerk approves by issuing the decision from the plan.
  const res = await c.post(`/requests/${id}/submit`, {}, previewPage.body);
  assert.equal(res.status, 303);
  assert.equal(status(id), 'submitted');
  assert.equal(Number(sqlValue('SELECT total_cents FROM fin_plans WHERE request_id = ?', id)), total);
  assert.equal(Number(sqlValue('SELECT COUNT(*) FROM fin_plan_debts WHERE request_id = ?', id)), values.length);
  const clerk = await loginAs(CLERK);
  const base = `/staff/finance/requests/${id}`;
  const panel = await clerk.get(base);
  assert.equal(panel.status, 200);
  const record = panel.body.match(/name="record" id="record-1" value="([^"]+)"/)?.[1];
  const r2 = await clerk.post(`${base}/issue`, record ? { record } : {}, base);
  assert.equal(r2.status, 303, text(r2.body).slice(0, 1500));
  assert.equal(status(id), 'completed');
  const { text: t } = inspect((await documentOf(c, id)).pdf);
  assert.match(t, /ΑΠΟΦΑΣΗ ΡΥΘΜΙΣΗΣ ΟΦΕΙΛΩΝ ΣΕ ΔΟΣΕΙΣ/);
  assert.ok(t.includes('083016618'), t);
  assert.ok(t.replace(/\s+/g, ' ').includes(euro(total)), `${euro(total)} not in:\n${t}`);
});

// "1.234,56" (a page's euros) in cents.
const cents = (s) => Number(s.replace(/\./g, '').replace(',', ''));
const overdue = (html) => cents(text(html).match(/Ληξιπρόθεσμες οφειλές ([\d.,]+) €/)[1]);

// The ledger as the demo's plus lines of the test's own, imported the
// revenue system's way (dimosctl plugin finance import).
function importLedgerWith(lines) {
  return withDir((dir) => {
    cpSync(DEMO, dir, { recursive: true });
    const file = `${dir}/receivables.csv`;
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n*$/, '\n') + lines.join('\n') + '\n');
    return dimosctl('plugin', 'finance', 'import', dir);
  });
}

test('bank payment file: a debt paid by its RF code leaves the list; the same file again counts once', async () => {
  // A fine of its own, overdue, new on every run: a payment the bank
  // booked today keeps counting over any re-import of today's ledger, so
  // a demo debt paid by an earlier run stays paid. The demo ledger comes
  // back at the end.
  const ref = `E${Date.now()}`;
  const imported = importLedgerWith([`${ref},191186254,ΘΕΟΔΩΡΟΥ ΜΙΧΑΗΛ,fine,"Πρόστιμο στάθμευσης (Κ.Ο.Κ.), κλήση ${ref}",25.00,,${day(-40)},${day(-10)},,,,`]);
  assert.equal(imported.code, 0, imported.out + imported.err);
  try {
    const c = await taxisLogin('theodorou');
    const before = (await c.get('/finance/debts')).body;
    const rf = sqlValue('SELECT rf FROM fin_receivables WHERE ref = ?', ref).replace(/ /g, '');
    assert.ok(rfValid(rf), rf);
    assert.ok(rfCodes(before).includes(rf), `${rf} on the page`);
    const owed = overdue(before);
    assert.ok(owed >= 2500, `${owed} overdue includes the fine`);
    const stamp = Date.now();
    const xml = camt054([{ rf, amount: '25.00', ref: `E2E-${stamp}` }, { rf: 'RF18539007547034', amount: '5.00', ref: `E2E-X-${stamp}` }]);
    const r = importPayments(xml);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /1 to receivables, 0 to fees, 1 unmatched/);
    const after = (await c.get('/finance/debts')).body;
    assert.ok(!rfCodes(after).includes(rf), `${rf} still listed`);
    assert.equal(overdue(after), owed - 2500);
    assert.ok(text(after).includes(`κλήση ${ref} 25,00 €`), 'among the paid ones');
    const again = importPayments(xml);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /2 already recorded/);
    assert.equal(sqlValue('SELECT COUNT(*) FROM fin_payments WHERE bank_ref IN (?, ?)', `E2E-${stamp}`, `E2E-X-${stamp}`), '2');
    assert.equal(overdue((await c.get('/finance/debts')).body), owed - 2500);
    // A file for another account is refused whole.
    const other = importPayments(camt054([{ rf, amount: '25.00', ref: `E2E-O-${stamp}` }], { iban: 'GR1601101250000000012300695' }));
    assert.equal(other.code, 1);
    assert.match(other.err, /nothing was recorded/);
    assert.equal(sqlValue('SELECT COUNT(*) FROM fin_payments WHERE bank_ref = ?', `E2E-O-${stamp}`), '0');
  } finally {
    const back = dimosctl('plugin', 'finance', 'import', DEMO);
    assert.equal(back.code, 0, back.out + back.err);
  }
});


test('a fee through finance: the permit shows its RF code, amount and IBAN, and the bank file issues it sealed', async () => {
  const business = await loginAs('info@fournos-nigritas.demo.visaltia.gr');
  const fields = {
    purpose: 'scaffolding', where: 'Αριστοτέλους 14', where_settlement: 'nigrita', where_lat: '40.9071',
    where_lon: '23.5002', start: day(14), end: day(18), area: '10', phone: '2322022222',
  };
  const { id, res } = await submit(business, 'technical-occupation', fields,
    [{ field: 'building_permit', name: 'άδεια.pdf', type: 'application/pdf', data: pdf('fee through finance') }]);
  assert.equal(res.status, 303);
  // 10 m² × 5 days × 0,50 €/m² = 25,00 €, raised with finance at submission.
  const [rf, cents] = sql("SELECT rf, amount_cents FROM fin_fees WHERE plugin = 'technical' AND request_id = ?", id)[0];
  assert.equal(cents, '2500');
  assert.ok(rfValid(rf), rf);
  assert.match(rf, /^RF\d\d51052\d+$/, 'the prefix of the configuration, kind 2 (a fee)');
  const page = text((await business.get(`/requests/${id}`)).body);
  for (const words of [rf, 'Τέλος: 25,00 €', IBAN, 'ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ', 'Αναμένεται πληρωμή', 'η άδεια εκδίδεται μόνη της']) {
    assert.ok(page.includes(words), `"${words}" not on the request's page`);
  }
  const mail = sql("SELECT title, body FROM mailbox_items WHERE request_id = ? AND kind = 'message'", id);
  assert.equal(mail.length, 1);
  for (const words of [rf, '25,00 €', IBAN, 'ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ']) assert.ok(plain(mail[0][1]).includes(words), `"${words}" not in the message`);
  // The clerk's page names the code too.
  const clerk = await loginAs('clerk.technical@demo.visaltia.gr');
  assert.ok(text((await clerk.get(`/staff/technical/requests/${id}`)).body).includes(rf));

  // Too little paid: recorded, left for the clerk, the permit still waits.
  let r = importPayments(camt054([{ rf, amount: '20.00', ref: `E2E-F1-${Date.now()}` }]));
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /0 to fees, 1 unmatched/);
  assert.match(plain(r.out), /is 25,00 €, not what was paid/);
  assert.equal(status(id), 'submitted');
  // Paid in full: the permit is issued, sealed, to the mailbox.
  const xml = camt054([{ rf, amount: '25.00', ref: `E2E-F2-${Date.now()}` }]);
  r = importPayments(xml);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /1 to fees, 0 unmatched/);
  assert.match(r.out, /1 paid fees passed to their departments, 0 could not be/);
  assert.equal(status(id), 'completed');
  assert.deepEqual(sql('SELECT status, payment_ref FROM technical_permits WHERE request_id = ?', id)[0], ['issued', rf]);
  const doc = await documentOf(business, id);
  const { text: t, qr } = inspect(doc.pdf);
  const flat = plain(t);
  for (const words of ['ΑΔΕΙΑ ΚΑΤΑΛΗΨΗΣ ΚΟΙΝΟΧΡΗΣΤΟΥ ΧΩΡΟΥ', 'ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ', 'Αριστοτέλους 14', '25,00 €']) {
    assert.ok(flat.includes(words), `"${words}" not in:\n${t}`);
  }
  assert.equal(new URL(qr).pathname, `/verify/${doc.code}`);
  const v = await new Client().get(`/verify/${doc.code}`);
  assert.equal(v.status, 200);
  assert.match(v.body, /Γνήσιο έγγραφο σε ισχύ/);
  const after = text((await business.get(`/requests/${id}`)).body);
  for (const words of ['Εκδόθηκε', 'Πληρώθηκε']) assert.ok(after.includes(words), `"${words}" not on the page`);
  // The same file again: nothing more, one permit.
  r = importPayments(xml);
  assert.match(r.out, /1 already recorded/);
  assert.equal(sqlValue('SELECT COUNT(*) FROM documents WHERE request_id = ?', id), '1');
});
