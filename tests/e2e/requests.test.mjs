// Requests end to end: a citizen submits a general request with files,
// the clerk asks, the citizen answers, the clerk completes with a PDF, the
// citizen downloads it from the digital mailbox; e-mails are captured by
// the stack's SMTP sink. Then every hostile case we can think of.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Client, fieldErrors, csrfOf } from './lib/client.mjs';
import { waitMail, mailsTo } from './lib/mail.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { newUser, loginAs } from './lib/users.mjs';
import { pdf, png, jpeg, impostors } from './lib/files.mjs';

const CLERK = 'clerk.general@demo.visaltia.gr';
const sha = (b) => createHash('sha256').update(b).digest('hex');

// Fills and previews a general request; returns the draft's id.
async function draft(c, files = [], extra = {}) {
  const r = await c.postMultipart('/services/general-request/new', {
    subject: 'Βεβαίωση για το ακίνητο', message: 'Παρακαλώ για βεβαίωση ότι το ακίνητο στην οδό Ερμού 5 δεν έχει οφειλές.',
    phone: '2322022222', action: 'preview', ...extra,
  }, files);
  assert.equal(r.status, 303, r.body.slice(0, 3000));
  const m = r.location.match(/^\/requests\/(\d+)\/preview$/);
  assert.ok(m, r.location);
  return Number(m[1]);
}

async function submit(c, id) {
  const r = await c.post(`/requests/${id}/submit`, {}, `/requests/${id}/preview`);
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  assert.equal(r.location, `/requests/${id}?submitted=1`);
  return sqlValue('SELECT CONCAT(protocol_no, "/", protocol_year) FROM requests WHERE id = ?', id);
}

const three = () => [
  { field: 'files', name: 'Συμβόλαιο αγοράς.pdf', type: 'application/pdf', data: pdf('contract ' + Math.random()) },
  { field: 'files', name: 'φωτογραφία.jpg', type: 'image/jpeg', data: jpeg('photo ' + Math.random()) },
  { field: 'files', name: 'σχέδιο.png', type: 'image/png', data: png(16, 8, Math.floor(Math.random() * 200)) },
];

test('the whole path: submit with three files, question, answer, completion with a PDF, mailbox', async () => {
  const { c, addr } = await newUser('path');
  const form = await c.get('/services/general-request/new');
  assert.equal(form.status, 200);
  assert.match(form.body, /enctype="multipart\/form-data"/);
  assert.match(form.body, /name="subject"/);
  assert.match(form.body, /type="file"[^>]*name="files"|name="files"[^>]*type="file"/);

  const files = three();
  const id = await draft(c, files);
  const preview = await c.get(`/requests/${id}/preview`);
  assert.equal(preview.status, 200);
  assert.match(preview.body, /Ελέγξτε την αίτησή σας/);
  assert.match(preview.body, /Ερμού 5/);
  for (const f of files) assert.ok(preview.body.includes(f.name), f.name);
  // Nothing is numbered before submission.
  assert.equal(sqlValue('SELECT protocol_no FROM requests WHERE id = ?', id), null);

  const protocol = await submit(c, id);
  assert.match(protocol, /^\d+\/20\d\d$/);
  const page = await c.get(`/requests/${id}?submitted=1`);
  assert.match(page.body, /Η αίτησή σας υποβλήθηκε/);
  assert.ok(page.body.includes(protocol));
  // The files are stored by content: their hashes are the blobs' keys.
  const stored = sql('SELECT filename, content_type, HEX(sha256), size FROM attachments WHERE request_id = ? ORDER BY id', id);
  assert.equal(stored.length, 3);
  assert.deepEqual(stored.map((r) => r[0]), files.map((f) => f.name));
  assert.deepEqual(stored.map((r) => r[1]), ['application/pdf', 'image/jpeg', 'image/png']);
  assert.deepEqual(stored.map((r) => r[2].toLowerCase()), files.map((f) => sha(f.data)));
  assert.equal(Number(sqlValue('SELECT COUNT(*) FROM blobs WHERE HEX(sha256) IN (?, ?, ?)', ...stored.map((r) => r[2]))), 3);

  // The confirmation e-mail carries the number and the time.
  const confirm = await waitMail(addr, 2);
  assert.ok(confirm.subject.includes(protocol), confirm.subject);
  assert.ok(confirm.body.includes(protocol));
  assert.match(confirm.body, /\d\d\/\d\d\/20\d\d \d\d:\d\d/);

  // The receipt PDF.
  const receipt = await c.request(`/requests/${id}/receipt`);
  assert.equal(receipt.status, 200);
  assert.equal(receipt.headers.get('content-type'), 'application/pdf');
  assert.ok(receipt.body.startsWith('%PDF-'));

  // The clerk sees it in the queue and asks for something.
  const clerk = await loginAs(CLERK);
  const queue = await clerk.get(`/staff/general?q=${encodeURIComponent(protocol)}`);
  assert.equal(queue.status, 200);
  assert.ok(queue.body.includes(`/staff/general/requests/${id}`));
  const detail = await clerk.get(`/staff/general/requests/${id}`);
  assert.equal(detail.status, 200);
  for (const f of files) assert.ok(detail.body.includes(f.name));
  const attId = sqlValue('SELECT id FROM attachments WHERE request_id = ? ORDER BY id LIMIT 1', id);
  const dl = await fetchBytes(clerk, `/staff/general/requests/${id}/files/${attId}`);
  assert.equal(dl.status, 200);
  assert.equal(sha(dl.bytes), sha(files[0].data));
  assert.match(dl.headers.get('content-disposition'), /^attachment; /);

  const question = 'Χρειαζόμαστε το τοπογραφικό διάγραμμα του ακινήτου.';
  let r = await clerk.postMultipart(`/staff/general/requests/${id}/ask`, { text: question }, [], `/staff/general/requests/${id}`);
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'awaiting_citizen');
  // The notice tells that something arrived, never what.
  const notice = await waitMail(addr, 3);
  assert.match(notice.subject, /ψηφιακή σας θυρίδα/);
  assert.ok(!notice.body.includes('τοπογραφικό'), notice.body);

  // The citizen answers with a file.
  const mine = await c.get(`/requests/${id}`);
  assert.ok(mine.body.includes(question));
  assert.match(mine.body, /id="answer"/);
  const plan = png(32, 32, 7);
  r = await c.postMultipart(`/requests/${id}/answer`, { message: 'Επισυνάπτω το διάγραμμα.' },
    [{ field: 'files', name: 'τοπογραφικό.png', type: 'image/png', data: plan }], mine.body);
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'in_progress');
  assert.equal(sqlValue('SELECT COUNT(*) FROM attachments WHERE request_id = ? AND event_id IS NOT NULL', id), '1');

  // The clerk completes it with a PDF: sealed, delivered, verifiable.
  const answer = pdf('answer ' + protocol);
  r = await clerk.postMultipart(`/staff/general/requests/${id}/complete`, { text: 'Σας αποστέλλουμε τη βεβαίωση.' },
    [{ field: 'document', name: 'βεβαίωση.pdf', type: 'application/pdf', data: answer }], `/staff/general/requests/${id}`);
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'completed');
  const [docId, code, docSha] = sql('SELECT id, code, HEX(sha256) FROM documents WHERE request_id = ?', id)[0];
  assert.equal(docSha.toLowerCase(), sha(answer));

  // The mailbox: newest first, unread count in the header.
  const box = await c.get('/mailbox');
  assert.equal(box.status, 200);
  assert.match(box.body, /class="count">2</);
  const itemId = sqlValue('SELECT id FROM mailbox_items WHERE document_id = ?', docId);
  const item = await c.get(`/mailbox/${itemId}`);
  assert.equal(item.status, 200);
  assert.ok(item.body.includes(code.slice(0, 4)));
  const box2 = await c.get('/mailbox');
  assert.match(box2.body, /class="count">1</);
  const got = await fetchBytes(c, `/mailbox/${itemId}/file`);
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'application/pdf');
  assert.equal(sha(got.bytes), sha(answer));

  // Anyone can verify it by its code; nobody else can download it.
  const v = await new Client().get(`/verify/${code}`);
  assert.equal(v.status, 200);
  assert.match(v.body, /Γνήσιο έγγραφο σε ισχύ/);
  const other = (await newUser('other')).c;
  for (const path of [`/mailbox/${itemId}`, `/mailbox/${itemId}/file`, `/requests/${id}`,
    `/requests/${id}/files/${attId}`, `/requests/${id}/receipt`, `/requests/${id}/preview`]) {
    const x = await other.get(path);
    assert.equal(x.status, 404, path);
    assert.ok(!x.body.includes(protocol), path);
  }
  // The history tells the citizen the public steps only.
  const hist = await c.get(`/requests/${id}`);
  for (const k of ['Υποβολή αίτησης', 'Ερώτηση της υπηρεσίας', 'Απάντηση του αιτούντος', 'Ολοκλήρωση']) {
    assert.ok(hist.body.includes(k), k);
  }
  assert.equal(mailsTo(addr).length >= 4, true);
});

async function fetchBytes(c, path) {
  const { BASE } = await import('./lib/stack.mjs');
  const res = await fetch(BASE + path, { headers: { cookie: c.cookieHeader() }, redirect: 'manual' });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
