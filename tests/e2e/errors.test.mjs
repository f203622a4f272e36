// Error pages through XSLT in both languages, and hostile input refused
// with 4xx: invalid UTF-8, oversized bodies and queries, wrong methods.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, get, raw } from './lib/stack.mjs';

test('404 in Greek and English', async () => {
  let r = await get('/no/such/page');
  assert.equal(r.status, 404);
  assert.match(r.body, /<h1>Η σελίδα δεν βρέθηκε<\/h1>/);
  assert.match(r.body, /Κωδικός σφάλματος: 404/);
  r = await get('/no/such/page?lang=en');
  assert.equal(r.status, 404);
  assert.match(r.body, /<h1>Page not found<\/h1>/);
});

test('405 names the allowed methods', async () => {
  const r = await get('/', { method: 'DELETE' });
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'GET, HEAD');
  assert.match(r.body, /Η ενέργεια δεν επιτρέπεται/);
  const p = await get('/services/general-request', { method: 'POST', body: 'a=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(p.status, 405);
});

test('HEAD is answered without a body', async () => {
  const res = await fetch(BASE + '/', { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.equal((await res.text()).length, 0);
});

test('413 when a form is larger than limits.form (dimosd)', async () => {
  const body = 'x=' + 'a'.repeat(300 * 1024);
  const r = await get('/', { method: 'POST', body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 413);
  assert.match(r.body, /Το αρχείο ή η φόρμα είναι πολύ μεγάλα/);
});

test('413 when a body is larger than nginx allows, rendered by dimosd', async () => {
  const body = Buffer.alloc(33 * 1024 * 1024, 0x61);
  const r = await get('/', { method: 'POST', body,
    headers: { 'content-type': 'application/octet-stream', cookie: 'lang=en' } });
  assert.equal(r.status, 413);
  assert.match(r.body, /The file or form is too large/);
  assert.match(r.headers.get('content-security-policy'), /default-src 'none'/);
});

test('invalid UTF-8 in the path or the query is a 400 page', async () => {
  let r = await raw('GET /services/%C3%28 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(r.status, 400);
  assert.match(r.text, /Το αίτημα δεν είναι έγκυρο/);
  r = await get('/?q=%C0%AF');
  assert.equal(r.status, 400);
  r = await get('/?q=%ED%A0%80');
  assert.equal(r.status, 400);
  r = await get('/?q=%00');
  assert.equal(r.status, 400);
  r = await raw('GET /?q=\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(r.status, 400);
  r = await get('/?bad=%zz');
  assert.equal(r.status, 400);
});

test('a query over limits.query is refused with 414', async () => {
  const r = await get('/?q=' + 'a'.repeat(10000));
  assert.equal(r.status, 414);
  assert.match(r.body, /Η διεύθυνση είναι πολύ μεγάλη/);
});

test('form bodies of other types are refused with 415', async () => {
  const r = await get('/', { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 415);
});

test('XSS attempts in the URL come back escaped', async () => {
  const r = await get('/%22%3E%3Cscript%3Ealert(1)%3C/script%3E?lang=en');
  assert.equal(r.status, 404);
  assert.doesNotMatch(r.body, /<script>alert/);
  // The path appears only URL-escaped in the language switch link.
  assert.match(r.body, /href="\/%22%3E%3Cscript%3Ealert\(1\)%3C\/script%3E\?lang=el"|href="\/&quot;&gt;&lt;script&gt;/);
});
