// Certificates end to end: instant issue from the civil and the male
// registry for Level B citizens, the clerk's path with the registry panel,
// revocation and a corrected certificate, public verification by code and
// by upload, the family-record boundary (403, nothing issued), and the
// confidential next-of-kin certificate. Each PDF is checked with qpdf,
// pdffonts, pdftotext, zbarimg, pdfinfo (tagged, /Lang), pdfsig (the PAdES
// seal, trusted through the demo CA) and Ed25519 over its SHA-256.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from './lib/client.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { loginAs, taxisLogin } from './lib/users.mjs';
import { pdf } from './lib/files.mjs';
import { inspect, pdfsigOf, sealKey, sealed, withFile } from './lib/pdfcheck.mjs';
import { execFileSync } from 'node:child_process';
import { bytes, documentOf } from './lib/documents.mjs';
import { mailsTo } from './lib/mail.mjs';
import { waitFor } from './lib/stack.mjs';

const PAPADOPOULOS = 'georgios.papadopoulos@demo.visaltia.gr';
const CR_CLERK = 'clerk.civil-registry@demo.visaltia.gr';

// Fills a service's form and submits it; returns the draft id and the
// answer to "submit".
async function apply(c, code, fields, files = []) {
  const r = await c.postMultipart(`/services/${code}/new`, { action: 'preview', ...fields }, files);
  assert.equal(r.status, 303, r.body.slice(0, 3000));
  const id = Number(r.location.match(/^\/requests\/(\d+)\/preview$/)[1]);
  const res = await c.post(`/requests/${id}/submit`, {}, `/requests/${id}/preview`);
  return { id, res };
}


const dashed = (code) => code.match(/.{4}/g).join('-');
const codes = (html) => [...html.matchAll(/<span class="code code--wrap">([0-9a-f]+)<\/span>/g)].map((m) => m[1]);

async function upload(bytesToCheck) {
  const v = new Client();
  return v.postMultipart('/verify', {}, [{ field: 'file', name: 'έγγραφο.pdf', type: 'application/pdf', data: bytesToCheck }], '/verify');
}

test('instant issue: a Level B citizen gets a sealed family status certificate at once', async () => {
  const c = await loginAs(PAPADOPOULOS);
  const { id, res } = await apply(c, 'cr-family-status', { whom: 'self', purpose: 'public' });
  assert.equal(res.status, 303);
  assert.equal(res.location, `/requests/${id}?submitted=1`);
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'completed');
  const protocol = sqlValue('SELECT CONCAT(protocol_no, "/", protocol_year) FROM requests WHERE id = ?', id);
  // One mail: the receipt with the number, which says the certificate is
  // in the mailbox already; no mailbox notice a second later for the same.
  const since = sqlValue('SELECT submitted_at FROM requests WHERE id = ?', id);
  const account = sqlValue('SELECT account_id FROM requests WHERE id = ?', id);
  assert.equal(Number(sqlValue("SELECT COUNT(*) FROM outbox WHERE account_id = ? AND kind = 'submitted' AND created_at >= ? AND subject LIKE ?",
    account, since, `%${protocol}%`)), 1);
  assert.equal(Number(sqlValue("SELECT COUNT(*) FROM outbox WHERE account_id = ? AND kind = 'mailbox' AND created_at >= ?", account, since)), 0);
  const doc = await documentOf(c, id);
  // The download is named for what it is and its protocol number.
  assert.ok(doc.disposition.includes(`filename="pistopoiitiko-oikogeneiakis-katastasis-${protocol.replace('/', '-')}.pdf"`),
    doc.disposition);

  const { text, qr } = inspect(doc.pdf);
  for (const words of ['ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΟΙΚΟΓΕΝΕΙΑΚΗΣ ΚΑΤΑΣΤΑΣΗΣ', 'ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ', 'Παπαδόπουλος', 'Γεώργιος',
    'Νικολάου', 'Μουρατίδου', 'Αικατερίνη', 'Παπαδοπούλου', protocol, dashed(doc.code)]) {
    assert.ok(text.includes(words), `"${words}" not in:\n${text}`);
  }
  assert.match(text, /Εκδόθηκε αυτόματα/);
  // The members in a table with column headings, the marriage the registry
  // holds with its act, and the lines every certificate ends with; no
  // facts joined with «·», the date of issue once.
  for (const heading of ['Σχέση', 'Ονοματεπώνυμο', 'Γονείς', 'Γέννηση', 'ΓΑΜΟΣ', 'Ληξιαρχική πράξη γάμου']) {
    assert.ok(text.includes(heading), `"${heading}" not in:\n${text}`);
  }
  assert.match(text, /31\/2005, Ληξιαρχείο Νιγρίτας/);
  assert.match(text, /Σκοπός έκδοσης: υποβολή σε δημόσια υπηρεσία\./);
  assert.match(text, /Χορηγείται ατελώς\./);
  assert.match(text, /Δημοτολόγιο του Δήμου Βισαλτίας/);
  assert.doesNotMatch(text, /·/);
  assert.doesNotMatch(text, /Ημερομηνία έκδοσης/);
  assert.equal(text.match(/Νιγρίτα, \d\d\/\d\d\/\d{4}/g).length, 1);
  // The QR code opens the verification page of exactly this document.
  const url = new URL(qr);
  assert.equal(url.pathname, `/verify/${doc.code}`);

  // Anyone can verify it; the page shows initials, never the full name.
  const visitor = new Client();
  const page = await visitor.get(url.pathname);
  assert.equal(page.status, 200);
  assert.match(page.body, /Γνήσιο έγγραφο σε ισχύ/);
  assert.match(page.body, /Γ\. Π\./);
  assert.ok(!page.body.includes('Παπαδόπουλος'));
  assert.ok(!page.body.includes('126018150'));
  const [hash, signature] = codes(page.body);
  // The seal: Ed25519 over SHA-256, under the key the page publishes.
  const key = sealKey((await visitor.get('/verify/key/seal.pub')).body);
  assert.equal(hash, (await import('node:crypto')).createHash('sha256').update(doc.pdf).digest('hex'));
  assert.equal(sealed(key, doc.pdf, signature), true);
  const tampered = Buffer.from(doc.pdf);
  const at = tampered.indexOf('Παπαδόπουλος') > 0 ? tampered.indexOf('Παπαδόπουλος') : tampered.length >> 1;
  tampered[at] ^= 0x01;
  assert.equal(sealed(key, tampered, signature), false);
  // pdfsig sees the same change inside the signed byte range.
  const report = pdfsigOf(tampered);
  assert.doesNotMatch(report, /Signature is Valid/, report);
  assert.match(report, /Digest Mismatch|Signature is Invalid/, report);
  // Uploading the file: the very bytes match, a one-byte change does not.
  let r = await upload(doc.pdf);
  assert.equal(r.status, 200);
  assert.match(r.body, /Το αρχείο είναι ακριβώς αυτό που εξέδωσε ο Δήμος/);
  // The one-byte change breaks the PDF's own signature too: /verify says
  // the file was altered after sealing.
  r = await upload(tampered);
  assert.match(r.body, /άλλαξε μετά τη σφραγίση/);
  assert.match(r.body, /Άκυρη· το αρχείο άλλαξε μετά τη σφραγίση/);
  // A code that does not exist, and one that is malformed.
  r = await visitor.get('/verify/ABCDEFGHJKLMNPQR');
  assert.equal(r.status, 404);
  assert.match(r.body, /Δεν βρέθηκε έγγραφο/);
  r = await visitor.get('/verify?code=%3Cscript%3E');
  assert.equal(r.status, 422);
  assert.ok(!r.body.includes('<script>'));
});

// The receipt (its mail and the page after submitting) says where the
// outcome is as it is when it goes: already in the mailbox for a
// certificate issued at once, to come for a request a clerk answers; in
// the citizen's language.
async function receiptOf(addr, protocol) {
  let found;
  await waitFor(() => { found = mailsTo(addr).find((m) => m.subject.includes(protocol)); return !!found; },
    20000, `the receipt of ${protocol} to ${addr}`);
  return found;
}
// A receipt's words (it has no QR code for inspect to read).
const receiptText = (r) => withFile(r.data, (file) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
const protocolOf = (id) => sqlValue('SELECT CONCAT(protocol_no, "/", protocol_year) FROM requests WHERE id = ?', id);

test('the receipt says the instant certificate is already in the mailbox, in Greek and in English', async () => {
  const c = await loginAs(PAPADOPOULOS);
  const { id, res } = await apply(c, 'cr-family-status', { whom: 'self', purpose: 'public' });
  assert.equal(res.location, `/requests/${id}?submitted=1`);
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'completed');
  const mail = await receiptOf(PAPADOPOULOS, protocolOf(id));
  assert.match(mail.subject, /το πιστοποιητικό είναι στη θυρίδα σας/);
  assert.match(mail.body, /Το πιστοποιητικό εκδόθηκε αμέσως και βρίσκεται ήδη στην ψηφιακή σας θυρίδα:\n\S+\/mailbox\n/);
  assert.doesNotMatch(mail.body, /θα το βρείτε/);
  // Dated when it was submitted, not when its hold would have ended.
  const date = new Date(mail.headers.date);
  const submitted = new Date(`${sqlValue('SELECT submitted_at FROM requests WHERE id = ?', id)}Z`);
  assert.ok(Math.abs(date - submitted) < 5000, `${mail.headers.date} vs ${submitted.toISOString()}`);
  let page = await c.get(`/requests/${id}?submitted=1`);
  assert.match(page.body, /Σας στείλαμε επιβεβαίωση με email\. Το αποτέλεσμα εκδόθηκε αμέσως και βρίσκεται ήδη στην ψηφιακή σας θυρίδα\./);
  assert.doesNotMatch(page.body, /Θα ενημερωθείτε στην ψηφιακή σας θυρίδα/);
  // The receipt's PDF, drawn when asked for: completed, nothing due.
  const receipt = receiptText(await bytes(c, `/requests/${id}/receipt`));
  assert.match(receipt, /Ολοκληρώθηκε\s+\d\d\/\d\d\/\d{4} \d\d:\d\d/);
  assert.doesNotMatch(receipt, /Προθεσμία απάντησης/);

  // The same citizen writing in English.
  const account = sqlValue('SELECT account_id FROM requests WHERE id = ?', id);
  sql("UPDATE accounts SET lang = 'en' WHERE id = ?", account);
  try {
    c.headers['accept-language'] = 'en';
    const en = await apply(c, 'cr-family-status', { whom: 'self', purpose: 'public' });
    const enMail = await receiptOf(PAPADOPOULOS, protocolOf(en.id));
    assert.match(enMail.subject, /the certificate is in your mailbox/);
    assert.match(enMail.body, /The certificate was issued at once and is already in your digital mailbox:/);
    assert.doesNotMatch(enMail.body, /will arrive/);
    page = await c.get(`/requests/${en.id}?submitted=1`);
    assert.match(page.body, /We have sent you a confirmation by email\. The outcome was issued at once and is already in your digital mailbox\./);
    assert.doesNotMatch(page.body, /You will be told of every step/);
  } finally {
    sql("UPDATE accounts SET lang = 'el' WHERE id = ?", account);
  }
});

test('the receipt of a request a clerk answers says the outcome will come to the mailbox', async () => {
  const c = await loginAs(PAPADOPOULOS);
  // A general request: a clerk answers it.
  const { id } = await apply(c, 'general-request', { subject: 'Φωτισμός', message: 'Χαλασμένη λάμπα στην πλατεία.' });
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'submitted');
  const mail = await receiptOf(PAPADOPOULOS, protocolOf(id));
  assert.doesNotMatch(mail.subject, /πιστοποιητικό/);
  assert.match(mail.body, /Το αποτέλεσμα θα το βρείτε στην ψηφιακή σας θυρίδα\./);
  assert.doesNotMatch(mail.body, /ήδη/);
  const page = await c.get(`/requests/${id}?submitted=1`);
  assert.match(page.body, /Σας στείλαμε επιβεβαίωση με email\. Θα ενημερωθείτε στην ψηφιακή σας θυρίδα για κάθε εξέλιξη\./);
  assert.doesNotMatch(page.body, /βρίσκεται ήδη/);
  const receipt = receiptText(await bytes(c, `/requests/${id}/receipt`));
  assert.match(receipt, /Προθεσμία απάντησης\s+\d\d\/\d\d\/\d{4}/);
  assert.doesNotMatch(receipt, /Ολοκληρώθηκε/);
  // A receipt held for an outcome that does not come goes on its own
  // after the hold, saying the outcome is to come (tests/unit
  // test_requests: test_receipt_outcome); none is left held here.
  assert.equal(Number(sqlValue("SELECT COUNT(*) FROM outbox WHERE kind = 'submitted' AND status = 'pending' AND send_after IS NOT NULL AND account_id = ?",
    sqlValue('SELECT account_id FROM requests WHERE id = ?', id))), 0);
});

test('a member of the applicant\'s own family record: issued; anyone else: 403 and nothing issued', async () => {
  const c = await loginAs(PAPADOPOULOS);
  const { id, res } = await apply(c, 'cr-birth', {
    whom: 'member', member_surname: 'Παπαδοπούλου', member_name: 'Μαρία', member_birth_date: '2011-09-30', purpose: 'education',
  });
  assert.equal(res.status, 303);
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'completed');
  const { text } = inspect((await documentOf(c, id)).pdf);
  assert.match(text, /ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΓΕΝΝΗΣΗΣ/);
  // The act's number after its label, the label's words not repeated.
  assert.doesNotMatch(text, /Ληξιαρχική πράξη γέννησης\s+Ληξιαρχική πράξη/);
  assert.match(text, /Ληξιαρχική πράξη γέννησης\s+\d+\/2011, Ληξιαρχείο/);
  assert.match(text, /Μαρία/);
  assert.match(text, /30\/09\/2011|30 Σεπτεμβρίου 2011/);

  // His sister is in the registry, but in another family record.
  const before = Number(sqlValue('SELECT COUNT(*) FROM documents'));
  const sister = await apply(c, 'cr-birth', {
    whom: 'member', member_surname: 'Παπαδοπούλου', member_name: 'Ελένη', member_birth_date: '1978-03-02', purpose: 'any',
  });
  assert.equal(sister.res.status, 403);
  assert.match(sister.res.body, /δεν ανήκει στη δική σας οικογενειακή μερίδα/);
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', sister.id), 'draft');
  assert.equal(sqlValue('SELECT protocol_no FROM requests WHERE id = ?', sister.id), null);
  assert.equal(Number(sqlValue('SELECT COUNT(*) FROM documents')), before);
});

test('male registry: the registration certificate is issued at once to a matching Level B citizen', async () => {
  const c = await loginAs(PAPADOPOULOS);
  const { id, res } = await apply(c, 'mr-registration', { purpose: 'any' });
  assert.equal(res.status, 303);
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'completed');
  const { text, qr } = inspect((await documentOf(c, id)).pdf);
  assert.match(text, /ΜΗΤΡΩΑ ΑΡΡΕΝΩΝ/);
  assert.match(text, /ΠΑΠΑΔΟΠΟΥΛΟΣ του ΝΙΚΟΛΑΟΥ/);
  assert.match(qr, /\/verify\/[0-9A-Z]{16}$/);
  // Its own department's letterhead ([letterhead.male_registry]) under the
  // municipality's, and the statement of automatic issue.
  for (const line of ['ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ', 'ΠΕΡΙΦΕΡΕΙΑ ΚΕΝΤΡΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ', 'ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ',
    'Διεύθυνση Διοικητικών Υπηρεσιών', 'Τμήμα Δημοτολογίου – Μητρώο Αρρένων', '23223 50130']) {
    assert.ok(text.includes(line), `"${line}" not in:\n${text}`);
  }
  assert.doesNotMatch(text, /Τμήμα Δημοτολογίου και Ληξιαρχείου/);
  assert.doesNotMatch(text, /dimotologio@visaltia\.gr/);
  assert.match(text, /Εκδόθηκε αυτόματα/);
  assert.doesNotMatch(text, /Με εντολή Δημάρχου|Ο\/Η υπάλληλος/);
  assert.match(text, /φέρει ηλεκτρονική σφραγίδα/);
});

test('the clerk path: registry records beside the request, issue with one action, revoke, issue a corrected one', async () => {
  const c = await loginAs(PAPADOPOULOS);
  const { id, res } = await apply(c, 'cr-local-origin', { whom: 'self', purpose: 'public' });
  assert.equal(res.status, 303);
  // Local origin certificates are never issued automatically.
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'submitted');
  const clerk = await loginAs(CR_CLERK);
  const base = `/staff/civil_registry/requests/${id}`;
  const page = await clerk.get(base);
  assert.equal(page.status, 200);
  assert.match(page.body, /Εγγραφές μητρώου/);
  const ref = page.body.match(/name="record" id="record-1" value="([^"]+)"/)?.[1];
  assert.ok(ref, 'the panel offers a record');
  assert.match(page.body, /Παπαδόπουλος Γεώργιος/);
  // A record that does not exist is refused, nothing issued.
  let r = await clerk.post(`${base}/issue`, { record: 'p:99999999' }, base);
  assert.equal(r.status, 422);
  assert.equal(sqlValue('SELECT COUNT(*) FROM documents WHERE request_id = ?', id), '0');
  r = await clerk.post(`${base}/issue`, { record: ref }, base);
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'completed');
  const first = await documentOf(c, id);
  const t1 = inspect(first.pdf).text;
  assert.match(t1, /ΔΗΜΟΤΙΚΟΤΗΤΑΣ|ΙΘΑΓΕΝΕΙΑΣ/);
  assert.ok(!/Εκδόθηκε αυτόματα/.test(t1), 'a clerk issued it');
  // Signed by the clerk who issued it, by name and title, by the mayor's
  // mandate; never the generic «Ο/Η υπάλληλος».
  const clerkName = sqlValue("SELECT CONCAT(first_name, ' ', last_name) FROM accounts WHERE email = ?", CR_CLERK);
  assert.ok(t1.includes(clerkName), `${clerkName} not in:\n${t1}`);
  const title = sqlValue('SELECT t.title FROM staff_titles t JOIN accounts a ON a.id = t.account_id WHERE a.email = ?', CR_CLERK);
  assert.ok(title && t1.includes(title), `${title} not in:\n${t1}`);
  assert.match(t1, /Με εντολή Δημάρχου/);
  assert.doesNotMatch(t1, /Ο\/Η υπάλληλος/);
  // The department's letterhead from [letterhead.civil_registry].
  assert.match(t1, /ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ/);
  assert.match(t1, /Τμήμα Δημοτολογίου και Ληξιαρχείου/);
  assert.match(t1, /φέρει ηλεκτρονική σφραγίδα/);

  // Revoked with a reason: verification says so, the citizen is told.
  r = await clerk.post(`/staff/civil_registry/documents/${first.docId}/revoke`, { reason: 'Λάθος στον σκοπό έκδοσης.' }, base);
  assert.equal(r.status, 303);
  const v = await new Client().get(`/verify/${first.code}`);
  assert.match(v.body, /Το έγγραφο ανακλήθηκε και δεν ισχύει/);
  assert.ok(!v.body.includes('Λάθος στον σκοπό'), 'the reason is not public');
  assert.match(sqlValue("SELECT body FROM mailbox_items WHERE request_id = ? AND kind = 'message' ORDER BY id DESC LIMIT 1", id), /ανακλήθηκε[\s\S]*Λάθος στον σκοπό έκδοσης/);
  const item = await c.get(`/mailbox/${first.item}`);
  assert.match(item.body, /Το έγγραφο ανακλήθηκε/);
  // The upload check reports the revoked file as revoked.
  assert.match((await upload(first.pdf)).body, /ανακλήθηκε και δεν ισχύει/);

  // A corrected one: a new code, valid; the old stays revoked.
  r = await clerk.post(`${base}/issue`, { record: ref, text: 'Διορθωμένο πιστοποιητικό.' }, base);
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  const second = await documentOf(c, id);
  assert.notEqual(second.code, first.code);
  assert.match((await new Client().get(`/verify/${second.code}`)).body, /Γνήσιο έγγραφο σε ισχύ/);
  assert.equal(sqlValue('SELECT status FROM documents WHERE id = ?', first.docId), 'revoked');
});

test('someone the registry does not know goes to the clerk, who is told there is no match', async () => {
  const c = await taxisLogin('oikonomou');
  const { id, res } = await apply(c, 'cr-family-status', { whom: 'self', purpose: 'any' });
  assert.equal(res.status, 303);
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'submitted');
  assert.equal(sqlValue('SELECT COUNT(*) FROM documents WHERE request_id = ?', id), '0');
  const clerk = await loginAs(CR_CLERK);
  const page = await clerk.get(`/staff/civil_registry/requests/${id}`);
  assert.match(page.body, /Καμία εγγραφή δεν ταιριάζει με τον αιτούντα/);
  assert.match(page.body, /Καμία εγγραφή του μητρώου δεν ταιριάζει· η έκδοση δεν είναι δυνατή/);
  // The clerk answers instead: a rejection naming the department.
  const r = await clerk.postMultipart(`/staff/civil_registry/requests/${id}/reject`,
    { text: 'Δεν είστε εγγεγραμμένος στο Δημοτολόγιο του Δήμου.' }, [], page.body);
  assert.equal(r.status, 303);
  assert.match((await c.get('/mailbox')).body, /απορρίφθηκε/);
});

test('next of kin: confidential, clerk approval, visible to its applicant only', async () => {
  const c = await taxisLogin('nikolaou');
  const { id, res } = await apply(c, 'cr-next-of-kin', {
    deceased_surname: 'Νικολάου', deceased_name: 'Κωνσταντίνος', deceased_father: 'Ιωάννης', death_date: '2021-03-09',
    relationship: 'child', purpose: 'inheritance',
  }, [{ field: 'death_certificate', name: 'πράξη θανάτου.pdf', type: 'application/pdf', data: pdf('death 10/2021') }]);
  assert.equal(res.status, 303);
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'submitted');
  const base = `/staff/civil_registry/requests/${id}`;
  // Only the civil registry's staff see it.
  for (const who of ['clerk.male-registry@demo.visaltia.gr', 'clerk.general@demo.visaltia.gr']) {
    const other = await loginAs(who);
    assert.equal((await other.get(base)).status, 403, who);
    assert.equal((await other.get('/staff/civil_registry')).status, 403, who);
  }
  const clerk = await loginAs(CR_CLERK);
  const page = await clerk.get(base);
  assert.match(page.body, /Εμπιστευτική αίτηση/);
  const ref = page.body.match(/name="record" id="record-1" value="([^"]+)"/)?.[1];
  assert.ok(ref);
  const r = await clerk.post(`${base}/issue`, { record: ref }, base);
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  const doc = await documentOf(c, id);
  assert.equal(sqlValue('SELECT confidential FROM documents WHERE id = ?', doc.docId), '1');
  const { text } = inspect(doc.pdf);
  assert.match(text, /ΕΓΓΥΤΕΡΩΝ ΣΥΓΓΕΝΩΝ/);
  assert.match(text, /Κωνσταντίνος/);
  // Another citizen (even of the same surname) gets nothing.
  const other = await loginAs(PAPADOPOULOS);
  assert.equal((await other.get(`/mailbox/${doc.item}`)).status, 404);
  assert.equal((await bytes(other, `/mailbox/${doc.item}/file`)).status, 404);
  assert.equal((await other.get(`/requests/${id}`)).status, 404);
  // Verification shows the type and initials only.
  const v = await new Client().get(`/verify/${doc.code}`);
  assert.match(v.body, /Γνήσιο έγγραφο σε ισχύ/);
  assert.ok(!v.body.includes('Κωνσταντίνος'));
});

test('clerks: another department\'s request is 403 by path and 404 by id', async () => {
  const c = await loginAs('maria.ioannidou@demo.visaltia.gr');
  const r = await c.postMultipart('/services/general-request/new', {
    subject: 'Αίτημα', message: 'Ένα γενικό αίτημα για τον έλεγχο πρόσβασης.', action: 'preview',
  });
  const id = Number(r.location.match(/\/requests\/(\d+)\//)[1]);
  await c.post(`/requests/${id}/submit`, {}, `/requests/${id}/preview`);
  const cr = await loginAs(CR_CLERK);
  assert.equal((await cr.get(`/staff/general/requests/${id}`)).status, 403);
  assert.equal((await cr.get(`/staff/civil_registry/requests/${id}`)).status, 404);
  const token = (await cr.get('/staff/civil_registry')).body.match(/name="csrf" value="([^"]+)"/)?.[1]
    ?? (await cr.get(`/staff`)).body.match(/name="csrf" value="([^"]+)"/)[1];
  assert.equal((await cr.post(`/staff/civil_registry/requests/${id}/reject`, { csrf: token, text: 'x' })).status, 404);
  assert.equal((await cr.post(`/staff/general/requests/${id}/reject`, { csrf: token, text: 'x' })).status, 403);
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'submitted');
});

test('permanent residence: proof attached, a clerk approves, the certificate passes the same checks', async () => {
  const c = await loginAs(PAPADOPOULOS);
  // The proof of residence is required: a Greek message without it.
  let r = await c.postMultipart('/services/cr-residence/new', { address: 'Ερμού 5, 62200 Νιγρίτα', purpose: 'public', action: 'preview' });
  assert.equal(r.status, 422);
  assert.match(r.body, /Επισυνάψτε/);
  const { id, res } = await apply(c, 'cr-residence', { address: 'Ερμού 5, 62200 Νιγρίτα', purpose: 'public' },
    [{ field: 'proof', name: 'λογαριασμός ΔΕΗ.pdf', type: 'application/pdf', data: pdf('bill') }]);
  assert.equal(res.status, 303);
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'submitted');
  const clerk = await loginAs(CR_CLERK);
  const base = `/staff/civil_registry/requests/${id}`;
  const page = await clerk.get(base);
  assert.ok(page.body.includes('λογαριασμός ΔΕΗ.pdf'));
  const ref = page.body.match(/name="record" id="record-1" value="([^"]+)"/)?.[1];
  r = await clerk.post(`${base}/issue`, ref ? { record: ref } : {}, base);
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  const { text, qr, pages } = inspect((await documentOf(c, id)).pdf);
  assert.match(text, /ΜΟΝΙΜΗΣ ΚΑΤΟΙΚΙΑΣ/);
  assert.match(text, /Ερμού 5/);
  // It names the municipality the person lives in.
  assert.match(text, /κάτοικος του Δήμου Βισαλτίας/);
  assert.match(qr, /\/verify\/[0-9A-Z]{16}$/);
  assert.equal(pages, 1);
});
