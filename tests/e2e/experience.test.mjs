// What a citizen and a clerk read (issue 11, items 17, 18 and 20): the
// municipality's name in the genitive, staff wording on staff pages and the
// citizen's on theirs, singular and plural, department names not codes,
// what the citizen receives written in the citizen's language whoever
// sends it; feedback after answering, mailbox titles with the protocol
// number, download names a person recognises, links that open the item;
// error messages that say what is wrong and how to put it right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrors, unescapeHtml } from './lib/client.mjs';
import { waitMail } from './lib/mail.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { newUser, loginAs, register, person, uniqueEmail } from './lib/users.mjs';
import { Client } from './lib/client.mjs';
import { pdf } from './lib/files.mjs';

const CLERK = 'clerk.general@demo.visaltia.gr';
const text = (html) => unescapeHtml(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));

async function submitted(c, extra = {}) {
  const r = await c.postMultipart('/services/general-request/new', {
    subject: 'Βεβαίωση μόνιμης κατοικίας', message: 'Χρειάζομαι βεβαίωση μόνιμης κατοικίας για τον εργοδότη μου.',
    action: 'preview', ...extra,
  });
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  const id = Number(r.location.match(/^\/requests\/(\d+)\/preview$/)[1]);
  const preview = await c.get(`/requests/${id}/preview`);
  assert.match(text(preview.body), /Ελέγξτε τα στοιχεία και υποβάλετέ την\./);
  const s = await c.post(`/requests/${id}/submit`, {}, preview.body);
  assert.equal(s.status, 303);
  return { id, protocol: sqlValue('SELECT CONCAT(protocol_no, "/", protocol_year) FROM requests WHERE id = ?', id) };
}

test('e-mails name the municipality in the genitive', async () => {
  const c = new Client();
  const addr = uniqueEmail('genitive');
  assert.equal((await register(c, person(addr))).status, 200);
  const mail = await waitMail(addr);
  assert.match(mail.body, /υπηρεσίες του Δήμου Βισαλτίας/);
  assert.doesNotMatch(mail.body, /του Δήμος/);
});

test('the clerk reads staff wording, department names, singular and plural', async () => {
  const { c } = await newUser('wording');
  const { id } = await submitted(c);
  const clerk = await loginAs(CLERK);
  const base = `/staff/general/requests/${id}`;
  const r = await clerk.postMultipart(`${base}/ask`, { text: 'Στείλτε μας το μισθωτήριο.' }, [], base);
  assert.equal(r.status, 303);
  const page = text((await clerk.get(base)).body);
  assert.match(page, /Αναμένεται απάντηση του πολίτη/);
  assert.doesNotMatch(page, /απάντησή σας|περιμένουμε εσάς|Το αίτημά σας/);
  assert.match(page, /Περιγραφή του αιτήματος/);
  // The citizen, on the same request, is spoken to.
  assert.match(text((await c.get(`/requests/${id}`)).body), /Αναμένεται απάντησή σας/);

  // One unread item: singular.
  const header = (await c.get('/requests')).body;
  assert.match(header, /class="count">1<\/span><span class="visually-hidden"> μη αναγνωσμένο<\/span>/);

  // The clerk's account and the administrator's staff list: names, not codes.
  const account = text((await clerk.get('/account')).body);
  assert.match(account, /Υπάλληλος – Γενική Γραμματεία|– Γενική Γραμματεία/);
  assert.doesNotMatch(account, /– general\b/);
  const admin = await loginAs('admin@demo.visaltia.gr');
  const staff = (await admin.get('/staff')).body;
  assert.doesNotMatch(staff, /data-label="[^"]*">general</);
});

test('after answering, a confirmation; the outcome titled with the number, named for people, linked', async () => {
  const { c } = await newUser('feedback');
  const { id, protocol } = await submitted(c);
  // The clerk reads English; the citizen reads Greek.
  const clerk = await loginAs(CLERK);
  await clerk.get('/staff?lang=en');
  const base = `/staff/general/requests/${id}`;
  let r = await clerk.postMultipart(`${base}/ask`, { text: 'Please send the lease.' }, [], base);
  assert.equal(r.status, 303);
  const asked = sqlValue('SELECT title FROM mailbox_items WHERE request_id = ? ORDER BY id DESC LIMIT 1', id);
  assert.equal(asked, `Η υπηρεσία χρειάζεται στοιχεία για την αίτηση ${protocol}`);

  const mine = await c.get(`/requests/${id}`);
  r = await c.postMultipart(`/requests/${id}/answer`, { message: 'Το μισθωτήριο ακολουθεί.' },
    [{ field: 'files', name: 'μισθωτήριο.pdf', type: 'application/pdf', data: pdf('lease') }], mine.body);
  assert.equal(r.status, 303);
  const after = await c.get(r.location);
  assert.match(text(after.body), /Στείλατε την απάντησή σας/);
  assert.match(after.body, /role="status"/);

  r = await clerk.postMultipart(`${base}/start`, {}, [], base);
  r = await clerk.postMultipart(`${base}/complete`, { text: 'Σας στέλνουμε τη βεβαίωση.' },
    [{ field: 'document', name: 'scan_0042_final(2).pdf', type: 'application/pdf', data: pdf('answer ' + protocol) }], base);
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  const [itemId, title] = sql('SELECT id, title FROM mailbox_items WHERE request_id = ? AND document_id IS NOT NULL', id)[0];
  assert.ok(title.includes(protocol), title);
  assert.doesNotMatch(title, /scan_0042/);
  assert.match(title, /^Απάντηση: /);

  const box = text((await c.get('/mailbox')).body);
  assert.ok(box.includes(protocol));
  const file = await c.get(`/mailbox/${itemId}/file`);
  assert.equal(file.status, 200);
  const [no, year] = protocol.split('/');
  assert.match(file.headers.get('content-disposition'), new RegExp(`filename="apantisi-[a-z0-9-]+-${no}-${year}\\.pdf"`));
  const receipt = await c.get(`/requests/${id}/receipt`);
  assert.match(receipt.headers.get('content-disposition'), new RegExp(`filename="apodeiktiko-[a-z0-9-]+-${no}-${year}\\.pdf"`));

  // The completed request links to the item itself.
  const done = (await c.get(`/requests/${id}`)).body;
  assert.ok(done.includes(`href="/mailbox/${itemId}"`), 'the request links its mailbox item');
});

test('error messages say what is wrong and how to put it right', async () => {
  const { c } = await newUser('errors');
  const r = await c.postMultipart('/services/general-request/new', {
    subject: 'Α', message: 'λίγα', phone: '12', action: 'preview',
  });
  assert.equal(r.status, 422);
  const e = fieldErrors(r.body);
  // Not "fill in the field": the limit, and what to do.
  assert.match(e.subject, /τουλάχιστον 3 χαρακτήρες/);
  assert.match(e.message, /τουλάχιστον 10 χαρακτήρες/);
  assert.match(e.phone, /10 ψηφία/);
  const empty = await c.postMultipart('/services/general-complaint/new', { action: 'preview' });
  const f = fieldErrors(empty.body);
  assert.match(f.about, /^Επιλέξτε /);
  assert.match(f.subject, /^Γράψτε /);
  assert.match(f.description, /^(Γράψτε|Περιγράψτε) /);
  for (const m of [...Object.values(e), ...Object.values(f)]) {
    assert.doesNotMatch(m, /Συμπληρώστε το πεδίο/, m);
  }
  // A field left empty: its hint says what to write, in the message too.
  const blank = fieldErrors((await c.postMultipart('/services/general-request/new', { action: 'preview' })).body);
  assert.equal(blank.subject, 'Γράψτε στο «Θέμα» τουλάχιστον 3 χαρακτήρες: Μια σύντομη περιγραφή, π.χ. «Αίτημα για βεβαίωση».');
  assert.match(blank.message, /^Γράψτε στο «Περιγραφή του αιτήματος» τουλάχιστον \d+ χαρακτήρες: Γράψτε τι ζητάτε από τον Δήμο/);
});
