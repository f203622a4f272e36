// Key rotation keeps old documents valid: a certificate sealed before
// `dimosctl keys rotate` still verifies after it (by code, by upload, its
// Ed25519 signature under the key it names, its PAdES signature in
// pdfsig), one sealed after uses the new key; the old generation keeps only
// its public files. In Chromium, a visitor verifies both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Client } from './lib/client.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { loginAs } from './lib/users.mjs';
import { BASE, CONFIG, STATE, reload } from './lib/stack.mjs';
import { inspect, sealKey, sealed } from './lib/pdfcheck.mjs';
import { launch, axe } from './lib/browser.mjs';
import { localTime } from './lib/dates.mjs';

const PAPADOPOULOS = 'georgios.papadopoulos@demo.visaltia.gr';
const DIMOSCTL = `${process.env.DIMOS_BUILD_DIR}/core/dimosctl`;
const dimosctl = (...args) => execFileSync(DIMOSCTL, ['-c', CONFIG, ...args], { encoding: 'utf8' });

// A family status certificate issued at once; its record and bytes.
async function issue(c) {
  const r = await c.postMultipart('/services/cr-family-status/new', { action: 'preview', whom: 'self', purpose: 'any' });
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  const id = Number(r.location.match(/^\/requests\/(\d+)\/preview$/)[1]);
  const res = await c.post(`/requests/${id}/submit`, {}, `/requests/${id}/preview`);
  assert.equal(res.status, 303);
  const [docId, code, keyId] = sql('SELECT id, code, key_id FROM documents WHERE request_id = ?', id)[0];
  const item = sqlValue('SELECT id FROM mailbox_items WHERE document_id = ?', docId);
  const file = await fetch(`${BASE}/mailbox/${item}/file`, { headers: { cookie: c.cookieHeader() } });
  assert.equal(file.status, 200);
  return { code, keyId, pdf: Buffer.from(await file.arrayBuffer()) };
}

const signatureOf = (html) => [...html.matchAll(/<span class="code code--wrap">([0-9a-f]+)<\/span>/g)].map((m) => m[1])[1];

let before_, after_;

test('a certificate sealed before keys rotate still verifies after it; one sealed after uses the new key', async () => {
  const c = await loginAs(PAPADOPOULOS);
  before_ = await issue(c);
  inspect(before_.pdf);

  const out = dimosctl('keys', 'rotate');
  assert.match(out, new RegExp(`^retired ${before_.keyId}$`, 'm'), out);
  const newId = out.match(/^key ([0-9a-f]{16})$/m)[1];
  assert.notEqual(newId, before_.keyId);
  assert.match(out, /^certificate CN=Δήμος Βισαλτίας/m);
  // The retired generation keeps its public files only.
  assert.equal(existsSync(`${STATE}/keys/${before_.keyId}/seal.key`), false);
  assert.equal(existsSync(`${STATE}/keys/${before_.keyId}/seal-cert.key`), false);
  assert.equal(existsSync(`${STATE}/keys/${before_.keyId}/seal.pub`), true);
  // Every generation is on record, the old one with its end.
  // Its times are the municipality's (Europe/Athens), as it says.
  const list = dimosctl('keys', 'list');
  assert.match(list, /^times: Europe\/Athens$/m, list);
  const [from, until] = sql('SELECT activated_at, retired_at FROM seal_keys WHERE key_id = ?', before_.keyId)[0];
  assert.match(list, new RegExp(`^${before_.keyId}  ${localTime(from)}  ${localTime(until)}  \\d{4}-\\d\\d-\\d\\d`, 'm'), list);
  const since = sqlValue('SELECT activated_at FROM seal_keys WHERE key_id = ?', newId);
  assert.match(list, new RegExp(`^${newId}  ${localTime(since)}  \\(current\\)`, 'm'), list);

  // New workers take the new generation.
  await reload();
  after_ = await issue(c);
  assert.equal(after_.keyId, newId);
  inspect(after_.pdf);

  const visitor = new Client();
  for (const [doc, retired] of [[before_, true], [after_, false]]) {
    const page = await visitor.get(`/verify/${doc.code}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Γνήσιο έγγραφο σε ισχύ/);
    assert.ok(page.body.includes(`<span class="code">${doc.keyId}</span>`), `key ${doc.keyId} not shown`);
    assert.match(page.body, /Έγκυρη· το αρχείο δεν έχει αλλάξει από τη σφραγίση/);
    assert.match(page.body, /Πιστοποιητικό σφραγίδας<\/dt><dd>CN=Δήμος Βισαλτίας/);
    assert.equal(page.body.includes('έως σήμερα'), !retired);
    // Ed25519 under the key the document names, published for good.
    const key = sealKey((await visitor.get(`/verify/keys/${doc.keyId}/seal.pub`)).body);
    assert.equal(sealed(key, doc.pdf, signatureOf(page.body)), true);
    const crt = await visitor.get(`/verify/keys/${doc.keyId}/seal.crt`);
    assert.equal(crt.status, 200);
    assert.match(crt.body, /^-----BEGIN CERTIFICATE-----/);
    // The very file, uploaded.
    const up = await visitor.postMultipart('/verify', {}, [{ field: 'file', name: 'cert.pdf', type: 'application/pdf', data: doc.pdf }], '/verify');
    assert.match(up.body, /Το αρχείο είναι ακριβώς αυτό που εξέδωσε ο Δήμος/);
  }
  // The old signature does not pass under the new key.
  const page = await visitor.get(`/verify/${before_.code}`);
  const newKey = sealKey((await visitor.get(`/verify/keys/${after_.keyId}/seal.pub`)).body);
  assert.equal(sealed(newKey, before_.pdf, signatureOf(page.body)), false);
  // The current key the page publishes is the new one.
  assert.ok((await visitor.get('/verify')).body.includes(after_.keyId));
  assert.equal((await visitor.get('/verify/keys/0000000000000000/seal.pub')).status, 404);
});

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('browser: a visitor verifies a certificate from before the rotation and one from after', async () => {
  assert.ok(before_ && after_, 'the rotation test ran first');
  const context = await browser.newContext({ bypassCSP: true, locale: 'el-GR' });
  const v = await context.newPage();
  for (const doc of [before_, after_]) {
    await v.goto(BASE + '/verify');
    await v.getByLabel('Κωδικός επαλήθευσης').fill(doc.code.match(/.{4}/g).join('-'));
    await v.getByRole('button', { name: 'Έλεγχος', exact: true }).click();
    await v.waitForURL(new RegExp(`/verify/${doc.code}$`));
    assert.match(await v.locator('.panel__title').textContent(), /Γνήσιο έγγραφο σε ισχύ/);
    const rows = await v.locator('.summary-list').first().textContent();
    assert.ok(rows.includes(doc.keyId), rows);
    assert.match(rows, /Υπογραφή μέσα στο PDF \(PAdES\)Έγκυρη/);
    assert.deepEqual(await axe(v), []);
  }
  await context.close();
});
