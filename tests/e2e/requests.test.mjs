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
import { localDay, localMonth, localMonthUtc } from './lib/dates.mjs';

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
  // A PDF and a PNG without metadata are kept as sent; the phone's JPEG
  // is stored without its EXIF and comment, so as other bytes.
  const stored = sql('SELECT filename, content_type, HEX(sha256), size FROM attachments WHERE request_id = ? ORDER BY id', id);
  assert.equal(stored.length, 3);
  assert.deepEqual(stored.map((r) => r[0]), files.map((f) => f.name));
  assert.deepEqual(stored.map((r) => r[1]), ['application/pdf', 'image/jpeg', 'image/png']);
  assert.equal(stored[0][2].toLowerCase(), sha(files[0].data));
  assert.notEqual(stored[1][2].toLowerCase(), sha(files[1].data));
  assert.ok(Number(stored[1][3]) < files[1].data.length, 'the JPEG lost its metadata');
  assert.equal(stored[2][2].toLowerCase(), sha(files[2].data));
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
  // "Download my data" holds the request, its files, the mailbox and the
  // document (GDPR), and nothing internal.
  const exp = await c.post('/account/export', {}, '/account');
  assert.equal(exp.status, 200);
  const data = JSON.parse(exp.body);
  const req = data.requests.find((x) => x.id === id);
  assert.equal(req.protocol, protocol);
  assert.equal(req.form.subject, 'Βεβαίωση για το ακίνητο');
  assert.deepEqual(data.files.filter((f) => f.request_id === id).map((f) => f.sha256).slice(0, 3),
    stored.map((r) => r[2].toLowerCase()));
  assert.ok(data.mailbox.some((m) => m.kind === 'document'));
  assert.ok(data.documents.some((d) => d.code === code));
  assert.ok(data.request_history.some((e) => e.kind === 'question'));
  assert.ok(!exp.body.includes('ΕΣΩΤΕΡΙΚΟ'));
});

async function fetchBytes(c, path) {
  const { BASE } = await import('./lib/stack.mjs');
  const res = await fetch(BASE + path, { headers: { cookie: c.cookieHeader() }, redirect: 'manual' });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

test('a form with mistakes: a Greek message per field, the input and the good files kept', async () => {
  const { c } = await newUser('mistakes');
  const good = pdf('kept ' + Math.random());
  const r = await c.postMultipart('/services/general-request/new', {
    subject: 'Θέμα με <b>ετικέτα</b> και \'εισαγωγικά\'', message: 'λίγα', phone: '12', action: 'preview',
  }, [{ field: 'files', name: 'καλό.pdf', type: 'application/pdf', data: good }]);
  assert.equal(r.status, 422);
  const errors = fieldErrors(r.body);
  assert.match(errors.message, /τουλάχιστον 10/);
  assert.match(errors.phone, /τηλέφωνο/i);
  assert.equal(errors.subject, undefined);
  // Escaped, never markup; the value is kept as typed.
  assert.ok(r.body.includes('value="Θέμα με &lt;b&gt;ετικέτα&lt;/b&gt; και \'εισαγωγικά\'"'), r.body.match(/name="subject"[^>]*>/)?.[0]);
  assert.ok(!r.body.includes('<b>ετικέτα</b>'));
  // The file is kept with the draft: listed, and not asked for again.
  assert.ok(r.body.includes('καλό.pdf'));
  const id = Number(sqlValue("SELECT request_id FROM attachments WHERE filename = 'καλό.pdf' ORDER BY id DESC LIMIT 1"));
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'draft');
  // Fixing the form on the draft's page previews it with the file.
  const fixed = await c.postMultipart(`/services/general-request/new?draft=${id}`, {
    subject: 'Βεβαίωση', message: 'Ένα κανονικό μήνυμα με αρκετό κείμενο.', phone: '', action: 'preview',
  }, [], `/services/general-request/new?draft=${id}`);
  assert.equal(fixed.status, 303, fixed.body.slice(0, 2000));
  const preview = await c.get(`/requests/${id}/preview`);
  assert.ok(preview.body.includes('καλό.pdf'));
});

test('file types are decided by content: impostors are refused, nothing of them stored', async () => {
  const { c } = await newUser('impostor');
  const r = await c.postMultipart('/services/general-request/new', {
    subject: 'Αρχεία', message: 'Δοκιμή με ύποπτα αρχεία επισύναψης.', action: 'preview',
  }, [
    { field: 'files', name: 'έγγραφο.pdf', type: 'application/pdf', data: impostors.html },
    { field: 'files', name: 'photo.jpg', type: 'image/jpeg', data: impostors.elf },
    { field: 'files', name: 'scan.png', type: 'image/png', data: impostors.script },
    { field: 'files', name: '../../etc/passwd.pdf', type: 'application/pdf', data: pdf('traversal') },
  ]);
  assert.equal(r.status, 422);
  assert.match(fieldErrors(r.body).files, /δεν είναι PDF, JPEG, PNG ή HEIC/);
  const id = Number(sqlValue("SELECT MAX(id) FROM requests WHERE form LIKE '%Δοκιμή με ύποπτα αρχεία%'"));
  const names = sql('SELECT filename, content_type FROM attachments WHERE request_id = ?', id);
  // Only the real PDF, and under a harmless name.
  assert.equal(names.length, 1, JSON.stringify(names));
  assert.equal(names[0][1], 'application/pdf');
  assert.ok(!names[0][0].includes('/') && !names[0][0].includes('..'), names[0][0]);
  assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM blobs WHERE HEX(sha256) IN ('${sha(impostors.html)}', '${sha(impostors.elf)}', '${sha(impostors.script)}')`)), 0);
});

test('a file over the limit: 413 with the form and its input kept; a body over the limit: 413', async () => {
  const { c } = await newUser('big');
  const big = Buffer.concat([pdf('big'), Buffer.alloc(11 * 1024 * 1024, 0x20)]);
  const r = await c.postMultipart('/services/general-request/new', {
    subject: 'Μεγάλο αρχείο', message: 'Ένα αρχείο πάνω από το όριο των 10 MB.', action: 'preview',
  }, [{ field: 'files', name: 'μεγάλο.pdf', type: 'application/pdf', data: big }]);
  assert.equal(r.status, 413);
  assert.match(fieldErrors(r.body).files, /μεγαλύτερο από 10 MB/);
  assert.ok(r.body.includes('value="Μεγάλο αρχείο"'));
  // A whole body over the request limit never reaches the handler.
  const huge = Buffer.alloc(40 * 1024 * 1024, 0x41);
  const r2 = await c.postMultipart('/services/general-request/new', { subject: 'x', action: 'preview' },
    [{ field: 'files', name: 'huge.pdf', type: 'application/pdf', data: huge }]);
  assert.equal(r2.status, 413);
  assert.match(r2.body, /πολύ μεγάλα/);
});

test('malformed multipart bodies get 400, never a crash', async () => {
  const { c } = await newUser('malformed');
  const page = await c.get('/services/general-request/new');
  const token = csrfOf(page.body);
  const send = (ct, body) => c.request('/services/general-request/new', {
    method: 'POST', body, headers: { 'content-type': ct },
  });
  const cases = [
    ['multipart/form-data', `--x\r\ncontent-disposition: form-data; name="csrf"\r\n\r\n${token}\r\n--x--\r\n`],
    ['multipart/form-data; boundary=x', `--x\r\ncontent-disposition: form-data; name="csrf"\r\n\r\n${token}\r\n--x\r\ncontent-disposition: form-data; name="subject"\r\n\r\nunterminated`],
    ['multipart/form-data; boundary=x', `--x\r\ncontent-disposition: form-data\r\n\r\nno name\r\n--x--\r\n`],
    ['multipart/form-data; boundary=x', Buffer.concat([Buffer.from(`--x\r\ncontent-disposition: form-data; name="csrf"\r\n\r\n${token}\r\n--x\r\ncontent-disposition: form-data; name="subject"\r\n\r\n`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('\r\n--x--\r\n')])],
  ];
  for (const [ct, body] of cases) {
    const r = await send(ct, body);
    assert.equal(r.status, 400, `${ct}: ${r.status}`);
  }
  // A part header over the limit is a limit (413), not a crash either.
  const long = await send('multipart/form-data; boundary=x', `--x\r\n${'x-long: '.padEnd(9000, 'a')}\r\n\r\n--x--\r\n`);
  assert.equal(long.status, 413);
  // The server is still well.
  assert.equal((await c.get('/services/general-request/new')).status, 200);
});

test('CSRF: a state change without the token is refused and changes nothing', async () => {
  const { c } = await newUser('csrf');
  const id = await draft(c, []);
  let r = await c.post(`/requests/${id}/submit`, { csrf: 'forged' });
  assert.equal(r.status, 403);
  r = await c.request(`/requests/${id}/submit`, { method: 'POST', body: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 403);
  r = await c.postMultipart('/services/general-request/new', { csrf: '', subject: 'Χωρίς token', message: 'Δεν πρέπει να αποθηκευτεί.', action: 'save' });
  assert.equal(r.status, 403);
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'draft');
  assert.equal(sqlValue("SELECT COUNT(*) FROM requests WHERE form LIKE '%Χωρίς token%'"), '0');
  // A clerk's action too.
  const clerk = await loginAs(CLERK);
  await submit(c, id);
  r = await clerk.post(`/staff/general/requests/${id}/reject`, { csrf: 'x', text: 'Όχι.' });
  assert.equal(r.status, 403);
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'submitted');
});

test('double submit: one request, one protocol number', async () => {
  const { c } = await newUser('double');
  const id = await draft(c, []);
  const page = await c.get(`/requests/${id}/preview`);
  const token = csrfOf(page.body);
  const results = await Promise.all([1, 2, 3, 4, 5].map(() => c.post(`/requests/${id}/submit`, { csrf: token })));
  for (const r of results) {
    assert.equal(r.status, 303);
    assert.match(r.location, new RegExp(`^/requests/${id}(\\?submitted=1)?$`));
  }
  assert.equal(sql('SELECT protocol_no FROM requests WHERE id = ?', id).length, 1);
  assert.equal(sqlValue("SELECT COUNT(*) FROM request_events WHERE request_id = ? AND kind = 'submitted'", id), '1');
  const no = Number(sqlValue('SELECT protocol_no FROM requests WHERE id = ?', id));
  const year = Number(sqlValue('SELECT protocol_year FROM requests WHERE id = ?', id));
  assert.equal(sqlValue('SELECT COUNT(*) FROM requests WHERE protocol_year = ? AND protocol_no = ?', year, no), '1');
});

test('submit checks the files the draft holds now, read with the draft: too many, none of a required one', async () => {
  const { c } = await newUser('files');
  // Five files, the most the field takes; a sixth arrives in the draft
  // meanwhile (another tab): submitting refuses it, nothing numbered.
  const files = [1, 2, 3, 4, 5].map((i) => ({ field: 'files', name: `έγγραφο ${i}.pdf`, type: 'application/pdf', data: pdf(`file ${i}`) }));
  const id = await draft(c, files);
  assert.equal(sqlValue('SELECT COUNT(*) FROM attachments WHERE request_id = ? AND event_id IS NULL', id), '5');
  sql("INSERT INTO attachments (request_id, field, sha256, filename, content_type, size, uploaded_by) SELECT request_id, field, sha256, 'έκτο.pdf', content_type, size, uploaded_by FROM attachments WHERE request_id = ? LIMIT 1", id);
  const page = await c.get(`/requests/${id}/preview`);
  let r = await c.post(`/requests/${id}/submit`, { csrf: csrfOf(page.body) });
  assert.equal(r.status, 422);
  assert.ok(fieldErrors(r.body).files, r.body.slice(0, 2000));
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'draft');
  assert.equal(sql('SELECT protocol_no FROM requests WHERE id = ? AND protocol_no IS NOT NULL', id).length, 0);
  // One of them gone again: five, submitted.
  sql("DELETE FROM attachments WHERE request_id = ? AND filename = 'έκτο.pdf'", id);
  r = await c.post(`/requests/${id}/submit`, { csrf: csrfOf(page.body) });
  assert.equal(r.status, 303);
  assert.equal(r.location, `/requests/${id}?submitted=1`);
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'submitted');

  // A required file field (the proof of residence) whose file left the
  // draft: the Greek message on the field, still a draft.
  const p = await loginAs('georgios.papadopoulos@demo.visaltia.gr');
  r = await p.postMultipart('/services/cr-residence/new', { address: 'Ερμού 5, 62200 Νιγρίτα', purpose: 'public', action: 'preview' },
    [{ field: 'proof', name: 'λογαριασμός.pdf', type: 'application/pdf', data: pdf('bill') }]);
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  const rid = Number(r.location.match(/^\/requests\/(\d+)\/preview$/)[1]);
  sql('DELETE FROM attachments WHERE request_id = ?', rid);
  r = await p.post(`/requests/${rid}/submit`, { csrf: csrfOf((await p.get(`/requests/${rid}/preview`)).body) });
  assert.equal(r.status, 422);
  assert.match(fieldErrors(r.body).proof ?? '', /Επισυνάψτε/);
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', rid), 'draft');
});

test('ids of others: requests, files, drafts, mailbox items are 404 for anyone but the owner', async () => {
  const { c } = await newUser('owner');
  const id = await draft(c, [{ field: 'files', name: 'ιδιωτικό.pdf', type: 'application/pdf', data: pdf('private') }]);
  const att = sqlValue('SELECT id FROM attachments WHERE request_id = ?', id);
  const stranger = (await newUser('stranger')).c;
  for (const path of [`/requests/${id}`, `/requests/${id}/preview`, `/requests/${id}/files/${att}`,
    `/services/general-request/new?draft=${id}`, '/requests/999999999', '/mailbox/999999999', '/requests/abc', '/requests/-1']) {
    const r = await stranger.get(path);
    assert.equal(r.status, 404, path);
  }
  const token = csrfOf((await stranger.get('/requests')).body);
  for (const path of [`/requests/${id}/submit`, `/requests/${id}/withdraw`, `/requests/${id}/files/${att}/delete`]) {
    const r = await stranger.post(path, { csrf: token });
    assert.equal(r.status, 404, path);
  }
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'draft');
  assert.equal(sqlValue('SELECT COUNT(*) FROM attachments WHERE request_id = ?', id), '1');
  // A visitor is sent to log in; a citizen is not staff.
  assert.equal((await new Client().get(`/requests/${id}`)).status, 303);
  assert.equal((await c.get('/staff/general')).status, 403);
  assert.equal((await c.get(`/staff/general/requests/${id}`)).status, 403);
});

test('SQL and markup in every field are stored as text and shown escaped', async () => {
  const { c } = await newUser('hostile');
  const evil = "'); DROP TABLE requests; -- <script>alert(1)</script> \" ' ` ${x}";
  const id = await draft(c, [], { subject: evil.slice(0, 190), message: evil });
  const p = await c.get(`/requests/${id}/preview`);
  assert.ok(!p.body.includes('<script>alert(1)</script>'));
  assert.ok(p.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  await submit(c, id);
  const clerk = await loginAs(CLERK);
  const q = await clerk.get(`/staff/general?q=${encodeURIComponent("' OR 1=1 -- %_")}`);
  assert.equal(q.status, 200);
  assert.ok(!q.body.includes(`/staff/general/requests/${id}"`));
  const d = await clerk.get(`/staff/general/requests/${id}`);
  assert.ok(!d.body.includes('<script>alert(1)</script>'));
  assert.ok(Number(sqlValue('SELECT COUNT(*) FROM requests')) > 0);
});

test('workflow: assign, internal note never shown to the citizen, reject names the department, withdraw', async () => {
  const { c } = await newUser('workflow');
  const id = await draft(c, []);
  const protocol = await submit(c, id);
  const clerk = await loginAs(CLERK);
  const base = `/staff/general/requests/${id}`;
  let r = await clerk.post(`${base}/assign`, { to: 'me' }, base);
  assert.equal(r.status, 303);
  assert.ok(sqlValue('SELECT assigned_to FROM requests WHERE id = ?', id));
  const mine = await clerk.get('/staff/general?assigned=me');
  assert.ok(mine.body.includes(protocol));
  r = await clerk.postMultipart(`${base}/note`, { text: 'ΕΣΩΤΕΡΙΚΟ: ο αιτών έχει οφειλή.' }, [], base);
  assert.equal(r.status, 303);
  const seen = await c.get(`/requests/${id}`);
  assert.ok(!seen.body.includes('ΕΣΩΤΕΡΙΚΟ'));
  assert.ok(!seen.body.includes('Εσωτερική σημείωση'));
  // Not allowed now: completing a withdrawn request, asking without text.
  r = await clerk.postMultipart(`${base}/ask`, { text: '' }, [], base);
  assert.equal(r.status, 422);
  assert.match(r.body, /Γράψτε κείμενο ή επιλέξτε έτοιμη απάντηση/);
  r = await clerk.postMultipart(`${base}/reject`, { text: 'Λείπει το συμβόλαιο.' }, [], base);
  assert.equal(r.status, 303);
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'rejected');
  const reason = sqlValue("SELECT body FROM mailbox_items WHERE request_id = ? AND kind = 'message'", id);
  assert.match(reason, /^Γενική Γραμματεία: Λείπει το συμβόλαιο\.$/);
  r = await clerk.postMultipart(`${base}/complete`, { text: 'x' }, [], base);
  assert.match(r.body, /δεν είναι δυνατή στην τρέχουσα κατάσταση/);
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'rejected');
  // Every action left exactly one event.
  const kinds = sql('SELECT kind, visibility FROM request_events WHERE request_id = ? ORDER BY id', id).map((x) => x.join(':'));
  assert.deepEqual(kinds, ['submitted:public', 'assigned:internal', 'note:internal', 'rejected:public']);

  // The citizen withdraws another one.
  const id2 = await draft(c, []);
  await submit(c, id2);
  r = await c.post(`/requests/${id2}/withdraw`, {}, `/requests/${id2}`);
  assert.equal(r.status, 303);
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id2), 'withdrawn');
  r = await c.post(`/requests/${id2}/withdraw`, {}, `/requests/${id2}`);
  assert.equal(r.status, 409);
});

test('SLA: the clock stops while awaiting the citizen; overdue requests are flagged', async () => {
  const { c } = await newUser('sla');
  const id = await draft(c, []);
  const protocol = await submit(c, id);
  const due0 = sqlValue('SELECT due_date FROM requests WHERE id = ?', id);
  // The general request's SLA: 20 business days, never on a weekend.
  const dow = new Date(due0 + 'T12:00:00Z').getUTCDay();
  assert.ok(dow >= 1 && dow <= 5, due0);
  const clerk = await loginAs(CLERK);
  const base = `/staff/general/requests/${id}`;
  let r = await clerk.postMultipart(`${base}/ask`, { text: 'Στείλτε μας το συμβόλαιο.' }, [], base);
  assert.equal(r.status, 303);
  // Two weeks pass while the citizen takes their time.
  sql('UPDATE requests SET awaiting_since = awaiting_since - INTERVAL 14 DAY WHERE id = ?', id);
  r = await c.postMultipart(`/requests/${id}/answer`, { message: 'Το συμβόλαιο επισυνάπτεται.' }, [], `/requests/${id}`);
  assert.equal(r.status, 303);
  const due1 = sqlValue('SELECT due_date FROM requests WHERE id = ?', id);
  const moved = (Date.parse(due1) - Date.parse(due0)) / 86400000;
  // Ten business days (fewer if holidays fell in them) are two weeks
  // of calendar, give or take a holiday.
  assert.ok(moved >= 12 && moved <= 18, `${due0} -> ${due1}`);
  assert.equal(sqlValue('SELECT awaiting_since FROM requests WHERE id = ?', id), null);
  // Overdue: past its due date while still open. The date is moved back
  // afterwards: the dashboard's summary of open requests (stats_open)
  // knows the real one, and a later run of dashboard.test.mjs counts both.
  sql('UPDATE requests SET due_date = ? WHERE id = ?', localDay(-1), id);
  try {
    const q = await clerk.get('/staff/general?overdue=1&status=open');
    assert.ok(q.body.includes(protocol));
    assert.match(q.body, new RegExp(`<tr class="row--overdue"><td[^>]*><a href="/staff/general/requests/${id}"`));
    assert.match((await clerk.get(base)).body, /Εκπρόθεσμη/);
    assert.match((await c.get(`/requests/${id}`)).body, /Εκπρόθεσμη/);
  } finally {
    sql('UPDATE requests SET due_date = ? WHERE id = ?', due1, id);
  }
});

test('the counter channel: a clerk registers a request that came by phone; it is numbered and counted', async () => {
  const clerk = await loginAs(CLERK);
  const afm = '090000045';   // valid check digit, nobody's yet
  sql('DELETE FROM accounts WHERE afm = ? AND email IS NULL', afm);
  const form = await clerk.get('/staff/general/counter');
  assert.equal(form.status, 200);
  assert.match(form.body, /Καταχώριση αίτησης γκισέ/);
  // Step one: who and what; a missing name is a Greek message, input kept.
  let r = await clerk.post('/staff/general/counter', { service: 'general-request', channel: 'phone', afm, first_name: 'Αθανάσιος', last_name: '' }, form.body);
  assert.equal(r.status, 422);
  assert.ok(fieldErrors(r.body).last_name);
  assert.ok(r.body.includes('value="Αθανάσιος"'));
  r = await clerk.post('/staff/general/counter', { service: 'general-request', channel: 'phone', afm,
    first_name: 'Αθανάσιος', last_name: 'Τηλεφωνάκης', father_name: 'Ιωάννης', mobile: '6971234567' }, form.body);
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  const step2 = r.location;
  assert.match(step2, /^\/staff\/general\/counter\/\d+$/);
  // Step two: the service's own form, filled in by the clerk.
  const page = await clerk.get(step2);
  r = await clerk.postMultipart(step2, { subject: 'Λακκούβα στον δρόμο', message: 'Ο πολίτης αναφέρει λακκούβα στην οδό Σερρών 12.' },
    [{ field: 'files', name: 'σημείωμα.pdf', type: 'application/pdf', data: pdf('phone note') }], page.body);
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  const id = Number(r.location.match(/\/requests\/(\d+)\?registered=1$/)[1]);
  const [channel, status, no, createdBy, applicant] = sql('SELECT channel, status, protocol_no, created_by, applicant_name FROM requests WHERE id = ?', id)[0];
  assert.equal(channel, 'phone');
  assert.equal(status, 'submitted');
  assert.ok(no);
  assert.equal(createdBy, sqlValue("SELECT id FROM accounts WHERE email = ?", CLERK));
  assert.equal(applicant, 'Αθανάσιος Τηλεφωνάκης');
  assert.equal(sqlValue('SELECT COUNT(*) FROM attachments WHERE request_id = ?', id), '1');
  // The citizen was found or created by AFM; a second request finds them.
  const owner = sqlValue('SELECT account_id FROM requests WHERE id = ?', id);
  assert.equal(sqlValue('SELECT afm FROM accounts WHERE id = ?', owner), afm);
  r = await clerk.post('/staff/general/counter', { service: 'general-complaint', channel: 'counter', afm,
    first_name: 'Αθανάσιος', last_name: 'Τηλεφωνάκης' }, '/staff/general/counter');
  const again = Number(r.location.match(/(\d+)$/)[1]);
  assert.equal(sqlValue('SELECT account_id FROM requests WHERE id = ?', again), owner);
  // The report counts it under its channel, and shares of web requests.
  const report = await clerk.get('/staff/reports');
  assert.equal(report.status, 200);
  // This month is the municipality's (the report counts its days), not
  // UTC's: they differ in the first hours of a month in Athens.
  const month = localMonth();
  const [from, to] = localMonthUtc(month);
  const row = report.body.match(new RegExp(`<th scope="row">${month}</th>((?:<td[^>]*>[^<]*(?:<strong[^>]*>[^<]*</strong>)?</td>)+)`));
  assert.ok(row, 'this month is in the report');
  const cells = [...row[1].matchAll(/<td[^>]*>([0-9]+)/g)].map((m) => Number(m[1]));
  const [web, counter, phone, mail, total, share] = cells;
  assert.ok(phone >= 1 && web >= 1);
  assert.equal(web + counter + phone + mail, total);
  assert.equal(share, Math.round((web * 100) / total));
  assert.equal(phone, Number(sqlValue("SELECT COUNT(*) FROM requests WHERE channel = 'phone' AND status <> 'draft' AND department = 'general' AND submitted_at >= ? AND submitted_at < ?", from, to)));
});

test('canned responses: the head of the department keeps them; {name} and {protocol} are filled in', async () => {
  const head = await loginAs('head.general@demo.visaltia.gr');
  const clerk = await loginAs(CLERK);
  assert.equal((await clerk.get('/staff/general/responses')).status, 403);
  const title = `Παραλαβή ${Date.now()}`;
  let r = await head.post('/staff/general/responses', { title, body: 'Αγαπητέ/ή {name}, η αίτησή σας {protocol} παραλήφθηκε. {άγνωστο}' }, '/staff/general/responses');
  assert.equal(r.status, 303);
  const rid = sqlValue('SELECT id FROM canned_responses WHERE title = ?', title);
  const { c } = await newUser('canned');
  const id = await draft(c, []);
  const protocol = await submit(c, id);
  const base = `/staff/general/requests/${id}`;
  const page = await clerk.get(base);
  assert.ok(page.body.includes(title));
  r = await clerk.postMultipart(`${base}/message`, { canned: rid, text: '' }, [], page.body);
  assert.equal(r.status, 303);
  const body = sqlValue("SELECT body FROM mailbox_items WHERE request_id = ? AND kind = 'message'", id);
  assert.equal(body, `Αγαπητέ/ή Ελένη Δοκιμή, η αίτησή σας ${protocol} παραλήφθηκε. {άγνωστο}`);
  // Another department's head cannot delete it.
  const other = await loginAs('head.civil-registry@demo.visaltia.gr');
  const token = (await other.get('/staff/civil_registry/responses')).body.match(/name="csrf" value="([^"]+)"/)[1];
  assert.equal((await other.post(`/staff/civil_registry/responses/${rid}/delete`, { csrf: token })).status, 404);
  assert.equal((await other.post(`/staff/general/responses/${rid}/delete`, { csrf: token })).status, 403);
  r = await head.post(`/staff/general/responses/${rid}/delete`, {}, '/staff/general/responses');
  assert.equal(r.status, 303);
  assert.equal(sqlValue('SELECT COUNT(*) FROM canned_responses WHERE id = ?', rid), '0');
});
