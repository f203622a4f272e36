// Technical services end to end, through nginx on the real stack: every
// report submitted with its place and photos; photos through the real
// upload path (EXIF and GPS gone from the stored bytes, HEIC turned into
// JPEG, thumbnails on the clerk's page, a decompression bomb refused);
// the street light by its pole number; the road occupation permit's fee
// shown before submission, awaiting payment, then issued by the clerk as a
// sealed PDF with its terms; the heavy vehicle permit with its plate
// checked (a Greek message) and issued sealed; hostile input on the
// department's own fields and pages.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Client, fieldErrors, unescapeHtml } from './lib/client.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { loginAs } from './lib/users.mjs';
import { pdf, photo, pngBomb } from './lib/files.mjs';
import { inspect, sealKey, sealed } from './lib/pdfcheck.mjs';
import { bytes, documentOf } from './lib/documents.mjs';
import { localDay as day } from './lib/dates.mjs';

const CITIZEN = 'maria.ioannidou@demo.visaltia.gr';
const BUSINESS = 'info@fournos-nigritas.demo.visaltia.gr';
const CLERK = 'clerk.technical@demo.visaltia.gr';

let citizen, business, clerk;
before(async () => {
  citizen = await loginAs(CITIZEN);
  business = await loginAs(BUSINESS);
  clerk = await loginAs(CLERK);
});

const WHERE = { where: 'Αριστοτέλους 12', where_settlement: 'nigrita', where_lat: '40.9071', where_lon: '23.5002' };

async function preview(c, code, fields, files = []) {
  const r = await c.postMultipart(`/services/${code}/new`, { action: 'preview', ...fields }, files,
    `/services/${code}/new`);
  assert.equal(r.status, 303, `${code}: ${r.status} ${JSON.stringify(fieldErrors(r.body))}`);
  const m = r.location.match(/^\/requests\/(\d+)\/preview$/);
  assert.ok(m, r.location);
  return Number(m[1]);
}

async function apply(c, code, fields, files = []) {
  const id = await preview(c, code, fields, files);
  const r = await c.post(`/requests/${id}/submit`, {}, `/requests/${id}/preview`);
  assert.equal(r.status, 303, `${code}: ${r.status} ${JSON.stringify(fieldErrors(r.body))}`);
  assert.equal(r.location, `/requests/${id}?submitted=1`);
  return id;
}


// A stored file's bytes, straight from the database: its blobs row, or
// its chunks in order for a content over 256 KiB (schema 013); all of
// them, or the test fails.
function stored(attId) {
  const [[size, chunks, hex]] = sql('SELECT b.size, b.chunks, HEX(b.sha256) FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.id = ?', attId);
  const bytes = Number(chunks) === 0
    ? Buffer.from(sqlValue('SELECT HEX(content) FROM blobs WHERE sha256 = UNHEX(?)', hex), 'hex')
    : Buffer.concat(sql('SELECT HEX(content) FROM blob_chunks WHERE sha256 = UNHEX(?) ORDER BY seq', hex).map(([h]) => Buffer.from(h, 'hex')));
  assert.equal(bytes.length, Number(size), `attachment ${attId}: the stored bytes are all there`);
  return bytes;
}

// What a photo must not carry once stored: EXIF (and its GPS), the
// camera's name, XMP, comments.
function assertNoMetadata(buf, what) {
  for (const needle of ['Exif', 'GPS', 'DimosTestCam', 'DimosSecretComment', 'http://ns.adobe.com/xap', 'Photoshop 3.0']) {
    assert.equal(buf.indexOf(Buffer.from(needle, 'latin1')), -1, `${what}: "${needle}" is still in the stored bytes`);
  }
  // No APP1..APP15 segment at all in a JPEG.
  if (buf[0] === 0xff && buf[1] === 0xd8) {
    for (let i = 2; i + 3 < buf.length && buf[i] === 0xff && buf[i + 1] !== 0xda;) {
      assert.ok(!(buf[i + 1] >= 0xe1 && buf[i + 1] <= 0xef), `${what}: APP${buf[i + 1] - 0xe0} kept`);
      i += 2 + buf.readUInt16BE(i + 2);
    }
  }
}


// ------------------------------------------------------------- reports

const REPORTS = {
  'technical-streetlight': { fault: 'out', details: 'Σβηστή από την Κυριακή.' },
  'technical-road': { kind: 'pothole', size: 'medium' },
  'technical-sign': { sign: 'traffic', problem: 'bent' },
  'technical-pavement': { obstacle: 'materials', details: 'Δεν περνά καρότσι.' },
  'technical-drain': { problem: 'blocked' },
};

test('every report of the department is submitted with its place and a photo, and is in the queue', async () => {
  for (const [code, fields] of Object.entries(REPORTS)) {
    const id = await apply(citizen, code, { ...WHERE, ...fields },
      [{ field: 'photos', name: 'φωτογραφία.jpg', type: 'image/jpeg', data: photo('jpeg', { tag: code }) }]);
    assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'submitted', code);
    assert.equal(sqlValue('SELECT department FROM requests WHERE id = ?', id), 'technical');
    assert.equal(sqlValue('SELECT lat FROM requests WHERE id = ?', id), '40.907100');
    assert.equal(sqlValue('SELECT COUNT(*) FROM attachments WHERE request_id = ? AND field = "photos"', id), '1');
    const page = await citizen.get(`/requests/${id}`);
    assert.match(page.body, /Αριστοτέλους 12, Νιγρίτα/);
  }
  const queue = await clerk.get('/staff/technical?status=open');
  assert.equal(queue.status, 200);
  for (const title of ['Βλάβη φωτισμού οδού', 'Λακκούβα ή φθορά οδοστρώματος', 'Κατεστραμμένη πινακίδα',
    'Εμπόδιο σε πεζοδρόμιο', 'Φρεάτιο όμβριων υδάτων']) {
    assert.ok(queue.body.includes(title), title);
  }
});

test('a photo keeps no EXIF or GPS once stored; the clerk sees its thumbnail', async () => {
  const original = photo('jpeg', { tag: 'gps photo', width: 64, height: 48, gps: [40.9071, 23.5002] });
  assert.ok(original.indexOf(Buffer.from('GPS')) > 0, 'the test photo has a GPS position');
  const id = await apply(citizen, 'technical-road', { ...WHERE, kind: 'pothole' },
    [{ field: 'photos', name: 'λακκούβα.jpg', type: 'image/jpeg', data: original }]);
  const [[att, type, name, tw, th]] = sql('SELECT id, content_type, filename, thumb_width, thumb_height FROM attachments WHERE request_id = ?', id);
  assert.equal(type, 'image/jpeg');
  assert.equal(name, 'λακκούβα.jpg');
  assertNoMetadata(stored(att), 'the stored JPEG');
  // The citizen's download is the stored file, without metadata too.
  const mine = await bytes(citizen, `/requests/${id}/files/${att}`);
  assert.equal(mine.status, 200);
  assertNoMetadata(mine.data, 'the download');
  assert.ok(mine.data.length > 200 && mine.data[0] === 0xff && mine.data[1] === 0xd8);
  // Thumbnails: within 320 px, shown on the clerk's page, a JPEG.
  assert.equal(Number(tw), 64);
  assert.equal(Number(th), 48);
  const page = await clerk.get(`/staff/technical/requests/${id}`);
  assert.equal(page.status, 200);
  const src = `/staff/technical/requests/${id}/files/${att}/thumb`;
  assert.ok(page.body.includes(`<img src="${src}" width="64" height="48"`), 'the thumbnail is on the page');
  assert.match(page.body, /alt="Μικρογραφία: λακκούβα\.jpg"/);
  const thumb = await bytes(clerk, src);
  assert.equal(thumb.status, 200);
  assert.equal(thumb.type, 'image/jpeg');
  assertNoMetadata(thumb.data, 'the thumbnail');
  // Someone else's request's thumbnail: not found.
  const other = await loginAs('georgios.papadopoulos@demo.visaltia.gr');
  assert.equal((await bytes(other, `/requests/${id}/files/${att}/thumb`)).status, 404);
  assert.equal((await bytes(citizen, `/requests/${id}/files/${att}/thumb`)).status, 200);
});

test('a HEIC photo is accepted and stored as a JPEG without its GPS; a PNG loses its text chunks', async () => {
  const heic = photo('heic', { tag: 'heic', width: 64, height: 48, gps: [40.9071, 23.5002] });
  const png = photo('png', { tag: 'png', width: 40, height: 30, gps: [40.9071, 23.5002] });
  const id = await apply(citizen, 'technical-drain', { ...WHERE, problem: 'grate' }, [
    { field: 'photos', name: 'IMG_0001.HEIC', type: 'image/heic', data: heic },
    { field: 'photos', name: 'οθόνη.png', type: 'image/png', data: png },
  ]);
  const rows = sql('SELECT id, content_type, filename, thumb_width FROM attachments WHERE request_id = ? ORDER BY id', id);
  assert.equal(rows.length, 2);
  assert.deepEqual(rows.map((r) => [r[1], r[2]]), [['image/jpeg', 'IMG_0001.jpg'], ['image/png', 'οθόνη.png']]);
  for (const [att] of rows) assertNoMetadata(stored(att), `attachment ${att}`);
  const pngBytes = stored(rows[1][0]);
  for (const chunk of ['tEXt', 'iTXt', 'zTXt', 'eXIf']) assert.equal(pngBytes.indexOf(Buffer.from(chunk)), -1, chunk);
  assert.ok(rows.every((r) => Number(r[3]) > 0), 'both have thumbnails');
});

test('a decompression bomb, a damaged photo and a photo-named script are refused with a Greek message', async () => {
  const cases = [
    [{ name: 'βόμβα.png', type: 'image/png', data: pngBomb() }, /έχει υπερβολικά πολλά pixel/],
    [{ name: 'σπασμένη.jpg', type: 'image/jpeg', data: photo('jpeg', { tag: 'broken' }).subarray(0, 300) }, /κατεστραμμένη ή δεν διαβάζεται/],
    [{ name: 'photo.jpg', type: 'image/jpeg', data: Buffer.from('#!/bin/sh\nrm -rf /\n') }, /δεν είναι/],
  ];
  for (const [file, message] of cases) {
    const r = await citizen.postMultipart('/services/technical-sign/new', {
      action: 'preview', ...WHERE, sign: 'street', problem: 'faded', details: '<img src=x onerror=alert(1)>',
    }, [{ field: 'photos', ...file }], '/services/technical-sign/new');
    assert.equal(r.status, 422, file.name);
    assert.match(fieldErrors(r.body).photos ?? '', message, file.name);
    // The input is kept, escaped.
    assert.ok(r.body.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!r.body.includes('<img src=x'));
  }
});

// ----------------------------------------------------------- street light

test('a street light by its pole number: the register checks it and the clerk sees the pole', async () => {
  let r = await citizen.postMultipart('/services/technical-streetlight/new', {
    action: 'preview', pole: '999999', fault: 'out',
  }, [], '/services/technical-streetlight/new');
  assert.equal(r.status, 422);
  assert.match(fieldErrors(r.body).pole, /Δεν υπάρχει κολόνα με αυτόν τον αριθμό/);
  r = await citizen.postMultipart('/services/technical-streetlight/new', {
    action: 'preview', pole: 'Α12;DROP', fault: 'out',
  }, [], '/services/technical-streetlight/new');
  assert.equal(r.status, 422);
  assert.match(fieldErrors(r.body).pole, /μόνο ψηφία/);
  // Neither a pole nor a place.
  r = await citizen.postMultipart('/services/technical-streetlight/new', {
    action: 'preview', fault: 'flicker',
  }, [], '/services/technical-streetlight/new');
  assert.equal(r.status, 422);
  assert.match(fieldErrors(r.body).where, /αριθμό της κολόνας ή τη θέση/);
  const id = await apply(citizen, 'technical-streetlight', { pole: '1002', fault: 'flicker' });
  const page = await clerk.get(`/staff/technical/requests/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /Κολόνα 1002: Αριστοτέλους, nigrita/);
  // The queue narrowed to the service filters by pole.
  const q = await clerk.get('/staff/technical?service=technical-streetlight&c.pole=1002');
  assert.equal(q.status, 200);
  assert.ok(q.body.includes(`/staff/technical/requests/${id}`));
});

test('a point outside the municipality is refused on the server', async () => {
  const r = await citizen.postMultipart('/services/technical-road/new', {
    action: 'preview', ...WHERE, where_lat: '37.9715', where_lon: '23.7257', kind: 'pothole',
  }, [], '/services/technical-road/new');
  assert.equal(r.status, 422);
  assert.match(fieldErrors(r.body).where, /εκτός των ορίων του Δήμου/);
  assert.ok(r.body.includes('value="Αριστοτέλους 12"'));
});

// ----------------------------------------------------- road occupation

test('road occupation: the fee before submission, awaiting payment, then a sealed permit with its terms', async () => {
  const start = day(14), end = day(23);
  const fields = {
    purpose: 'scaffolding', ...WHERE, start, end, area: '12,5', phone: '2322022222',
  };
  // A wrong area and dates that end before they start: a Greek message each.
  let r = await business.postMultipart('/services/technical-occupation/new', {
    action: 'preview', ...fields, area: 'δώδεκα', end: day(10),
  }, [{ field: 'building_permit', name: 'άδεια.pdf', type: 'application/pdf', data: pdf('oikodomiki') }],
  '/services/technical-occupation/new');
  assert.equal(r.status, 422);
  const errs = fieldErrors(r.body);
  assert.match(errs.area, /εμβαδόν σε τετραγωνικά μέτρα/);
  assert.match(errs.end, /τελευταία ημέρα/);
  assert.ok(r.body.includes('value="δώδεκα"'), 'kept');

  const id = await preview(business, 'technical-occupation', fields,
    [{ field: 'building_permit', name: 'άδεια.pdf', type: 'application/pdf', data: pdf('oikodomiki 2') }]);
  // 12.5 m² × 10 days × 0.50 €/m² = 62.50 €, before submitting.
  const pv = await business.get(`/requests/${id}/preview`);
  assert.equal(pv.status, 200);
  const text = unescapeHtml(pv.body);
  assert.match(text, /Το τέλος κατάληψης/);
  assert.match(text, /Τέλος: 62,50 €/);
  assert.match(text, /12,50 m² × 10 ημέρες × 0,50 €\/m² = 62,50 €/);
  assert.match(text, /πληρώνεται μετά την υποβολή/);
  const sub = await business.post(`/requests/${id}/submit`, {}, `/requests/${id}/preview`);
  assert.equal(sub.status, 303);
  assert.deepEqual(sql('SELECT status, fee, area, days, rate FROM technical_permits WHERE request_id = ?', id)[0],
    ['awaiting_payment', '6250', '1250', '10', '50']);

  // The clerk cannot issue before the fee is paid.
  const base = `/staff/technical/requests/${id}`;
  let page = await clerk.get(base);
  assert.match(page.body, /Αναμένεται η πληρωμή του τέλους/);
  r = await clerk.post(`${base}/issue`, { record: `permit:${id}` }, base);
  assert.equal(r.status, 422);
  assert.match(unescapeHtml(r.body), /εκδίδεται αφού πληρωθεί το τέλος/);
  assert.equal(sqlValue('SELECT COUNT(*) FROM documents WHERE request_id = ?', id), '0');
  // Recording the payment: a bad reference is refused and kept.
  const pay = `/staff/technical/permits/${id}/payment`;
  r = await clerk.post(pay, { reference: 'x\u0001' }, pay);
  assert.equal(r.status, 400);
  r = await clerk.post(pay, { reference: '<b>' + 'x'.repeat(70) }, pay);
  assert.equal(r.status, 422);
  assert.match(r.body, /αριθμό της απόδειξης/);
  assert.ok(r.body.includes('value="&lt;b&gt;xxx'));
  r = await clerk.post(pay, { reference: 'ΑΠ-2026/0457' }, pay);
  assert.equal(r.status, 303);
  assert.equal(r.location, base);
  assert.deepEqual(sql('SELECT status, payment_ref FROM technical_permits WHERE request_id = ?', id)[0],
    ['pending', 'ΑΠ-2026/0457']);
  // Twice: nothing left to record.
  assert.equal((await clerk.post(pay, { reference: 'ΑΠ-2026/0458' }, base)).status, 409);

  // The clerk issues the permit: sealed, with its terms, to the mailbox.
  page = await clerk.get(base);
  assert.match(page.body, /ΑΠ-2026\/0457/);
  r = await clerk.post(`${base}/issue`, { record: `permit:${id}` }, base);
  assert.equal(r.status, 303, r.body.slice(0, 1500));
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'completed');
  assert.equal(sqlValue('SELECT status FROM technical_permits WHERE request_id = ?', id), 'issued');
  const doc = await documentOf(business, id);
  const { text: pdfText, qr } = inspect(doc.pdf);
  const flat = pdfText.replace(/\s+/g, ' ');
  for (const words of ['ΑΔΕΙΑ ΚΑΤΑΛΗΨΗΣ ΚΟΙΝΟΧΡΗΣΤΟΥ ΧΩΡΟΥ', 'ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ', 'Αριστοτέλους 12', '12,50 m²',
    '62,50 €', '1. Η άδεια ισχύει μόνο', 'διάβαση πεζών', '6. Ο Δήμος μπορεί να ανακαλέσει']) {
    assert.ok(flat.includes(words), `"${words}" not in:\n${pdfText}`);
  }
  await assertSealed(doc, qr);
  // In force on its first day, for the wardens.
  const list = await clerk.get(`/staff/technical/permits?date=${start}`);
  assert.equal(list.status, 200);
  assert.ok(list.body.includes(`/staff/technical/requests/${id}`));
  assert.equal((await clerk.get('/staff/technical/permits?date=%3Cscript%3E')).status, 400);
});

// Checked like the certificates: the QR opens its verification page, whose
// hash is the file's and whose Ed25519 seal verifies under the site's key.
async function assertSealed(doc, qr) {
  assert.equal(new URL(qr).pathname, `/verify/${doc.code}`);
  const visitor = new Client();
  const page = await visitor.get(`/verify/${doc.code}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /Γνήσιο έγγραφο σε ισχύ/);
  const [hash, signature] = [...page.body.matchAll(/<span class="code code--wrap">([0-9a-f]+)<\/span>/g)].map((m) => m[1]);
  assert.equal(hash, createHash('sha256').update(doc.pdf).digest('hex'));
  const key = sealKey((await visitor.get('/verify/key/seal.pub')).body);
  assert.equal(sealed(key, doc.pdf, signature), true);
  const tampered = Buffer.from(doc.pdf);
  tampered[tampered.length >> 1] ^= 1;
  assert.equal(sealed(key, tampered, signature), false);
}

// --------------------------------------------------------- heavy vehicle

test('heavy vehicle: plates checked with a Greek message, then a sealed permit', async () => {
  const fields = {
    vehicle: 'truck', weight: '26000', route: 'Από τη Σιτοχώρι μέσω της Εθνικής Οδού προς τη Νιγρίτα',
    start: day(10), end: day(12), phone: '6912345678',
  };
  const file = [{ field: 'registration', name: 'άδεια-κυκλοφορίας.pdf', type: 'application/pdf', data: pdf('reg') }];
  for (const [plate, message] of [['ABC-12', /όπως στην πινακίδα/], ['<script>', /όπως στην πινακίδα/],
    ['ΚΒΧ-123', /πινακίδα μοτοσικλέτας/]]) {
    const r = await business.postMultipart('/services/technical-heavy/new', { action: 'preview', ...fields, plate },
      file, '/services/technical-heavy/new');
    assert.equal(r.status, 422, plate);
    assert.match(fieldErrors(r.body).plate ?? '', message, plate);
  }
  let r = await business.postMultipart('/services/technical-heavy/new', {
    action: 'preview', ...fields, plate: 'ΕΡΒ-1234', weight: '2000',
  }, file, '/services/technical-heavy/new');
  assert.equal(r.status, 422);
  assert.match(fieldErrors(r.body).weight, /δεν χρειάζονται άδεια/);
  // Typed in Latin look-alikes and lower case: the Greek plate.
  const id = await preview(business, 'technical-heavy', { ...fields, plate: 'epb 1234' }, file);
  const pv = unescapeHtml((await business.get(`/requests/${id}/preview`)).body);
  assert.match(pv, /ΕΡΒ-1234/);
  assert.match(pv, /Χωρίς τέλος/);
  r = await business.post(`/requests/${id}/submit`, {}, `/requests/${id}/preview`);
  assert.equal(r.status, 303);
  assert.equal(sqlValue('SELECT status FROM technical_permits WHERE request_id = ?', id), 'pending');
  const base = `/staff/technical/requests/${id}`;
  r = await clerk.post(`${base}/issue`, { record: `permit:${id}` }, base);
  assert.equal(r.status, 303, r.body.slice(0, 1500));
  const doc = await documentOf(business, id);
  const { text, qr } = inspect(doc.pdf);
  const flat = text.replace(/\s+/g, ' ');
  for (const words of ['ΑΔΕΙΑ ΔΙΕΛΕΥΣΗΣ ΒΑΡΕΟΣ ΟΧΗΜΑΤΟΣ', 'ΕΡΒ-1234', '26000 κιλά', 'Εθνικής Οδού']) {
    assert.ok(flat.includes(words), `"${words}" not in:\n${text}`);
  }
  await assertSealed(doc, qr);
});

test('the payment page and the permits list refuse what is not theirs', async () => {
  // A report is no permit; a citizen is no clerk.
  const report = sqlValue("SELECT id FROM requests WHERE service = 'technical-road' ORDER BY id DESC LIMIT 1");
  assert.equal((await clerk.get(`/staff/technical/permits/${report}/payment`)).status, 404);
  assert.equal((await clerk.get('/staff/technical/permits/abc/payment')).status, 404);
  assert.equal((await citizen.get('/staff/technical/permits')).status, 403);
});
