// The Open311 GeoReport v2 API (/open311/v2/): the spec's endpoints in XML
// and JSON with the spec's element names; a report filed by POST with an
// api_key reaches the department's queue and its status change shows in
// GET requests and in FixMyStreet's servicerequestupdates; bad keys,
// codes, locations and bodies get the spec's errors (4xx, never 200); GET
// answers hold no personal data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Client } from './lib/client.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { CONFIG, BASE, editConfig, reload } from './lib/stack.mjs';
import { loginAs, newUser } from './lib/users.mjs';
import { apply } from './lib/apply.mjs';
import { jpeg } from './lib/files.mjs';
import { localTime } from './lib/dates.mjs';
import { waitMail, linkIn } from './lib/mail.mjs';

const API = '/open311/v2/';
const CLERK = 'clerk.technical@demo.visaltia.gr';
const dimosctl = `${process.env.DIMOS_BUILD_DIR}/core/dimosctl`;

function newKey(name) {
  const out = execFileSync(dimosctl, ['-c', CONFIG, 'apikey', 'add', name]).toString();
  const key = out.trim().split('\n').pop();
  assert.match(key, /^[A-Za-z0-9_-]{43}$/, out);
  return key;
}

async function get(path) {
  const r = await fetch(BASE + API + path, { headers: { 'accept-language': 'el' } });
  return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
}

async function post(path, fields) {
  const data = new URLSearchParams();
  for (const [k, v] of fields) data.append(k, v);
  const r = await fetch(BASE + API + path, { method: 'POST', redirect: 'manual', body: data.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } });
  return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
}

// The element names directly under each element of tag in xml.
function children(xml, tag) {
  const out = [];
  for (const m of xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))) {
    out.push([...m[1].matchAll(/<([a-z_]+)(?:\/>|>)/g)].map((x) => x[1]));
  }
  return out;
}
const text = (xml, tag) => [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);

function isError(r, status, format = 'xml') {
  assert.equal(r.status, status, r.body);
  if (format === 'xml') {
    assert.match(r.type, /^text\/xml/);
    assert.match(r.body, /^<\?xml[^>]*>\s*<errors><error><code>\d+<\/code><description>[^<]+<\/description><\/error>/);
    assert.equal(text(r.body, 'code')[0], String(status));
  } else {
    const j = JSON.parse(r.body);
    assert.ok(Array.isArray(j) && j.length >= 1);
    assert.equal(j[0].code, status);
    assert.equal(typeof j[0].description, 'string');
  }
}

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const REQUEST_ELEMENTS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description',
  'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address',
  'address_id', 'zipcode', 'lat', 'long', 'media_url'];

test('discovery, services and a service definition in both formats, with the spec\'s names', async () => {
  for (const path of ['', 'discovery.xml', 'discovery']) {
    const r = await get(path);
    assert.equal(r.status, 200);
    assert.match(r.type, /^text\/xml; charset=utf-8/);
    assert.deepEqual(children(r.body, 'discovery')[0].slice(0, 4), ['changeset', 'contact', 'key_service', 'endpoints']);
    assert.deepEqual(children(r.body, 'endpoint')[0], ['specification', 'url', 'changeset', 'type', 'formats', 'format', 'format']);
    assert.match(text(r.body, 'url')[0], /\/open311\/v2\/$/);
  }
  const dj = JSON.parse((await get('discovery.json')).body);
  assert.deepEqual(dj.endpoints[0].formats, ['text/xml', 'application/json']);
  assert.match(dj.endpoints[0].url, /\/open311\/v2\/$/);

  const sx = await get('services.xml');
  assert.equal(sx.status, 200);
  const svc = children(sx.body, 'service');
  assert.ok(svc.length >= 5);
  for (const c of svc) assert.deepEqual(c, ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
  const codes = text(sx.body, 'service_code');
  assert.ok(codes.includes('technical-sign'));
  // Certificates and Level B services are not filed through the API.
  assert.ok(!codes.includes('technical-occupation'));
  for (const c of codes) assert.match(c, /^[A-Za-z0-9_.-]+$/);
  for (const m of text(sx.body, 'metadata')) assert.match(m, /^(true|false)$/);
  const sj = JSON.parse((await get('services.json')).body);
  assert.deepEqual(sj.map((s) => s.service_code), codes);
  assert.equal(typeof sj[0].metadata, 'boolean');

  const dx = await get('services/technical-sign.xml');
  assert.equal(dx.status, 200, dx.body);
  assert.match(dx.body, /<service_definition><service_code>technical-sign<\/service_code><attributes><attribute>/);
  const attrs = children(dx.body, 'attribute');
  const acodes = text(dx.body, 'code');
  // The place and the description are the spec's own arguments.
  assert.ok(!acodes.includes('where') && !acodes.includes('details'), acodes.join());
  assert.ok(acodes.includes('sign') && acodes.includes('problem'));
  for (const a of attrs) assert.deepEqual(a.slice(0, 8), ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', ...a.slice(7, 8)]);
  assert.deepEqual(text(dx.body, 'order'), attrs.map((_, i) => String(i + 1)));
  assert.ok(text(dx.body, 'datatype').includes('singlevaluelist'));
  assert.ok(text(dx.body, 'key').includes('traffic'));
  const dj2 = JSON.parse((await get('services/technical-sign.json')).body);
  const sign = dj2.attributes.find((a) => a.code === 'sign');
  assert.equal(sign.datatype, 'singlevaluelist');
  assert.equal(sign.required, true);
  assert.equal(typeof sign.order, 'number');
  assert.ok(sign.values.some((v) => v.key === 'traffic' && v.name));

  isError(await get('services/technical-occupation.xml'), 404);
  isError(await get('services/no-such.json'), 404, 'json');
  isError(await get('services/technical-sign.html'), 404);
});

test('a report filed by POST reaches the clerk; its status change shows in requests and updates', async () => {
  const key = newKey('FixMyStreet test');
  const email = `open311.${Date.now()}@example.org`;
  const since = new Date(Date.now() - 60000).toISOString().replace(/\.\d+Z$/, 'Z');
  const base = [['api_key', key], ['jurisdiction_id', 'visaltia.gr'], ['service_code', 'technical-sign'],
    ['lat', '40.907123'], ['long', '23.500234'], ['address_string', 'Αριστοτέλους 12, Νιγρίτα'],
    ['email', email], ['first_name', 'Ελένη'], ['last_name', 'Παπαδάκη'], ['phone', '6912345678'],
    ['description', 'Η πινακίδα STOP έχει πέσει.'], ['attribute[sign]', 'traffic'], ['attribute[problem][]', 'bent']];

  const r = await post('requests.xml', base);
  assert.equal(r.status, 200, r.body);
  assert.match(r.body, /<service_requests><request><service_request_id>\d+<\/service_request_id>/);
  const id = text(r.body, 'service_request_id')[0];
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'submitted');
  assert.equal(sqlValue('SELECT channel FROM requests WHERE id = ?', id), 'web');
  assert.equal(sqlValue("SELECT JSON_VALUE(form, '$.sign') FROM requests WHERE id = ?", id), 'traffic');
  assert.equal(sqlValue("SELECT JSON_VALUE(form, '$.details') FROM requests WHERE id = ?", id), 'Η πινακίδα STOP έχει πέσει.');
  // The citizen: a new Level A account, confirmed by e-mail as anyone's.
  assert.equal(sqlValue('SELECT status FROM accounts WHERE email = ?', email), 'pending');
  const mail = await waitMail(email, 1);
  assert.ok(linkIn(mail, '/register/confirm?token='));

  // A multi-value attribute repeats its key, with or without "[]".
  const many = await post('requests.json', [['api_key', key], ['service_code', 'cleaning-dumping'],
    ['lat', '40.9071'], ['long', '23.5002'], ['email', email], ['description', 'Μπάζα και λάστιχα στο ρέμα.'],
    ['attribute[what][]', 'rubble'], ['attribute[what]', 'tyres']]);
  assert.equal(many.status, 200, many.body);
  const manyId = JSON.parse(many.body)[0].service_request_id;
  assert.equal(sqlValue("SELECT JSON_VALUE(form, '$.what') FROM requests WHERE id = ?", manyId), 'rubble,tyres');

  // The clerk sees it in the queue and starts work on it.
  const clerk = await loginAs(CLERK);
  // Found by its number among the open ones (earlier runs' reports on the
  // same stack may fill the first page).
  const protocol = sqlValue("SELECT CONCAT(protocol_no, '/', protocol_year) FROM requests WHERE id = ?", id);
  const queue = await clerk.get(`/staff/technical?status=open&q=${encodeURIComponent(protocol)}`);
  assert.equal(queue.status, 200);
  assert.ok(queue.body.includes(`/staff/technical/requests/${id}"`), 'the report is in the queue');
  const page = await clerk.get(`/staff/technical/requests/${id}`);
  assert.equal(page.status, 200);
  const started = await clerk.postMultipart(`/staff/technical/requests/${id}/start`, {}, [], `/staff/technical/requests/${id}`);
  assert.equal(started.status, 303, started.body.slice(0, 1000));
  assert.equal(sqlValue('SELECT status FROM requests WHERE id = ?', id), 'in_progress');

  // GET requests: exactly the ids asked for, in both formats, no personal data.
  const gx = await get(`requests.xml?service_request_id=${id}`);
  assert.equal(gx.status, 200, gx.body);
  assert.deepEqual(children(gx.body, 'request'), [REQUEST_ELEMENTS]);
  assert.equal(text(gx.body, 'status')[0], 'open');
  for (const secret of [email, 'Ελένη', 'Παπαδάκη', '6912345678', 'Αριστοτέλους', 'STOP', '40.907123'])
    assert.ok(!gx.body.includes(secret), `${secret} in ${gx.body}`);
  assert.equal(text(gx.body, 'lat')[0], '40.907');
  assert.equal(text(gx.body, 'long')[0], '23.500');
  assert.match(text(gx.body, 'requested_datetime')[0], W3C);
  const gj = JSON.parse((await get(`requests/${id}.json`)).body);
  assert.equal(gj.length, 1);
  assert.equal(String(gj[0].service_request_id), id);
  assert.equal(gj[0].service_code, 'technical-sign');
  const other = sqlValue("SELECT MIN(id) FROM requests WHERE service = 'technical-sign' AND status <> 'draft' AND id <> ?", id);
  if (other) {
    const two = JSON.parse((await get(`requests.json?service_request_id=${id},${other}`)).body);
    assert.deepEqual(two.map((x) => String(x.service_request_id)).sort(), [id, other].sort());
  }
  const open = JSON.parse((await get('requests.json?service_code=technical-sign&status=open')).body);
  assert.ok(open.some((x) => String(x.service_request_id) === id));
  const closed = JSON.parse((await get('requests.json?status=closed')).body);
  assert.ok(!closed.some((x) => String(x.service_request_id) === id));
  const tok = await get(`tokens/${id}.xml`);
  assert.equal(tok.status, 200);
  assert.deepEqual(children(tok.body, 'request'), [['service_request_id', 'token']]);

  // FixMyStreet's updates: the submission and the start, each once.
  const ux = await get(`servicerequestupdates.xml?start_date=${encodeURIComponent(since)}`);
  assert.equal(ux.status, 200, ux.body);
  const mine = [...ux.body.matchAll(/<request_update>([\s\S]*?)<\/request_update>/g)].map((m) => m[1])
    .filter((u) => u.includes(`<service_request_id>${id}</service_request_id>`));
  assert.deepEqual(mine.map((u) => text(u, 'status')[0]), ['open', 'in_progress']);
  for (const u of mine) {
    assert.deepEqual(children(`<request_update>${u}</request_update>`, 'request_update')[0],
      ['update_id', 'service_request_id', 'status', 'updated_datetime', 'description', 'media_url']);
    assert.match(text(u, 'updated_datetime')[0], W3C);
  }
  const ids = text(ux.body, 'update_id');
  assert.equal(new Set(ids).size, ids.length);
  const uj = JSON.parse((await get(`servicerequestupdates.json?start_date=${encodeURIComponent(since)}`)).body);
  assert.ok(uj.some((u) => String(u.service_request_id) === id && u.status === 'in_progress'));

  // An update from FixMyStreet's side: a note for the department.
  const up = await post('servicerequestupdates.json', [['api_key', key], ['service_request_id', id],
    ['update_id', 'fms-77'], ['status', 'OPEN'], ['description', 'Ακόμα πεσμένη.'], ['email', email]]);
  assert.equal(up.status, 200, up.body);
  const upd = JSON.parse(up.body);
  assert.ok(upd[0].update_id > 0);
  assert.equal(sqlValue("SELECT visibility FROM request_events WHERE id = ?", upd[0].update_id), 'internal');

  // The same citizen again: matched by e-mail, no second account.
  const again = await post('requests.json', base.map(([k, v]) => [k, k === 'attribute[sign]' ? 'street' : v]));
  assert.equal(again.status, 200, again.body);
  assert.equal(sqlValue('SELECT COUNT(*) FROM accounts WHERE email = ?', email), '1');
});

test('bad keys, codes, locations and bodies get the spec\'s errors', async () => {
  const key = newKey('errors test');
  const good = [['api_key', key], ['service_code', 'technical-sign'], ['lat', '40.9071'], ['long', '23.5002'],
    ['email', 'someone@example.org'], ['attribute[sign]', 'traffic'], ['attribute[problem]', 'bent']];
  const without = (k) => good.filter(([x]) => x !== k);
  const count = () => sqlValue('SELECT COUNT(*) FROM requests');
  const before = count();

  isError(await post('requests.xml', without('api_key')), 403);
  isError(await post('requests.json', [['api_key', 'x'.repeat(43)], ...without('api_key')]), 403, 'json');
  isError(await post('requests.xml', [...without('service_code'), ['service_code', 'no-such']]), 404);
  isError(await post('requests.xml', [...without('service_code'), ['service_code', 'technical-occupation']]), 404);
  isError(await post('requests.xml', [...without('service_code'), ['service_code', 'τεχνικό']]), 400);
  isError(await post('requests.xml', without('service_code')), 400);
  isError(await post('requests.json', without('lat').filter(([k]) => k !== 'long')), 400, 'json');
  isError(await post('requests.xml', [...without('lat'), ['lat', '91.5']]), 400);
  isError(await post('requests.xml', without('email')), 400);
  isError(await post('requests.xml', [...without('attribute[sign]'), ['attribute[sign]', 'nonsense']]), 400);
  isError(await post('requests.xml', [...good, ['attribute[Bad Key]', 'x']]), 400);
  isError(await post('requests.xml', [...good, ['service_code', 'technical-sign']]), 400);
  const missing = await post('requests.xml', without('attribute[sign]'));
  isError(missing, 400);
  assert.match(missing.body, /attribute\[sign\]/);

  // Garbage and hostile bodies: 4xx, never a 200 or a 500.
  for (const body of ['%', '%zz=%%', 'attribute[=1&attribute]]=2', '\u0000\u0001', 'a=' + 'b'.repeat(100000),
    'attribute[x]' + '&attribute[x]=1'.repeat(100)]) {
    const r = await fetch(BASE + API + 'requests.xml', { method: 'POST', body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.ok(r.status >= 400 && r.status < 500, `${r.status} for ${body.slice(0, 40)}`);
  }
  isError(await get('requests.xml?service_request_id=1,abc'), 400);
  isError(await get('requests.xml?start_date=yesterday'), 400);
  isError(await get('requests.xml?status=pending'), 400);
  isError(await get('requests/999999999.xml'), 404);
  isError(await get('tokens/999999999.json'), 404, 'json');
  isError(await get('nothing.xml'), 404);
  assert.equal(count(), before, 'a refused POST files nothing');

  // A method an endpoint does not have: 405 in the spec's form.
  isError(await post('discovery.xml', [['api_key', key]]), 405);

  // Over its limit a key gets 429 with Retry-After, in the spec's form.
  const restore = editConfig((c) => `${c}\n[open311]\nper_minute = 2\n`);
  try {
    await reload();
    const limited = newKey('limit test');
    const bad = [['api_key', limited], ['service_code', 'no-such']];
    isError(await post('requests.xml', bad), 404);
    isError(await post('requests.xml', bad), 404);
    const over = await post('requests.xml', bad);
    isError(over, 429);
  } finally {
    restore();
    await reload();
  }

  // A revoked key is refused.
  const list = execFileSync(dimosctl, ['-c', CONFIG, 'apikey', 'list']).toString();
  const row = list.split('\n').find((l) => l.endsWith('\terrors test') && l.includes('\tactive\t'));
  assert.ok(row, list);
  // Its times are the municipality's, as the heading says: the key was
  // used above.
  assert.equal(list.split('\n')[0], 'id\tstate\tcreated (Europe/Athens)\tlast used (Europe/Athens)\tname');
  const [created, used] = sql('SELECT created_at, last_used_at FROM api_keys WHERE id = ?', row.split('\t')[0])[0];
  assert.deepEqual(row.split('\t').slice(2, 4), [localTime(created), localTime(used)]);
  execFileSync(dimosctl, ['-c', CONFIG, 'apikey', 'revoke', row.split('\t')[0]]);
  isError(await post('requests.xml', good), 403);
  assert.equal(sqlValue('SELECT COUNT(*) FROM api_keys WHERE name = ? AND revoked_at IS NULL', 'errors test'), '0');
});

test('GET gives what the public map shows: the settlement for the address, a summary for the description, a public photo\'s URL', async () => {
  const { c } = await newUser('open311map');
  const lat = (40.9035 + Math.random() * 0.002).toFixed(6);
  const lon = (23.4985 + Math.random() * 0.002).toFixed(6);
  const id = String(await apply(c, 'cleaning-dumping', {
    where: 'Οδός Ιδιωτική 13', where_settlement: 'nigrita', where_lat: lat, where_lon: lon, what: 'rubble',
    details: 'Ο κ. Καραμανλής στο 13 πετάει μπάζα, τηλ. 6999123456.',
  }, [{ field: 'photos', name: 'μπάζα.jpg', type: 'image/jpeg', data: jpeg('open311 photo') }]));
  const fields = async () => {
    const gx = await get(`requests/${id}.xml`);
    assert.equal(gx.status, 200, gx.body);
    assert.deepEqual(children(gx.body, 'request'), [REQUEST_ELEMENTS]);
    const [j] = JSON.parse((await get(`requests/${id}.json`)).body);
    for (const secret of ['Ιδιωτική 13', 'Καραμανλής', '6999123456', lat, lon])
      assert.ok(!gx.body.includes(secret) && !JSON.stringify(j).includes(secret), `${secret} in ${gx.body}`);
    return { xml: gx.body, j };
  };
  // The map names the settlement, never the address typed; nor does the API.
  let { xml, j } = await fields();
  assert.equal(j.address, 'Νιγρίτα, Δήμος Βισαλτίας');
  assert.equal(text(xml, 'address')[0], 'Νιγρίτα, Δήμος Βισαλτίας');
  // The description: what the map shows (the service, the place), never the citizen's text.
  assert.equal(j.description, `${j.service_name} · Νιγρίτα, Δήμος Βισαλτίας`);
  assert.equal(text(xml, 'description')[0], j.description);
  // No photo until a clerk marks one public.
  assert.ok(!j.media_url, JSON.stringify(j));
  assert.match(xml, /<media_url\/>|<media_url><\/media_url>/);
  const att = sqlValue("SELECT id FROM attachments WHERE request_id = ? AND field = 'photos'", id);
  const clerk = await loginAs('clerk.cleaning@demo.visaltia.gr');
  const page = await clerk.get(`/staff/cleaning/requests/${id}`);
  const r = await clerk.post(`/staff/cleaning/requests/${id}/files/${att}/public`, { public: '1' }, page.body);
  assert.equal(r.status, 303);
  ({ xml, j } = await fields());
  assert.equal(j.media_url, `${BASE}/reports/${id}/photos/${att}`);
  assert.equal(text(xml, 'media_url')[0], j.media_url);
  // An absolute URL that serves it, to anyone.
  const photo = await fetch(j.media_url);
  assert.equal(photo.status, 200);
  assert.match(photo.headers.get('content-type'), /^image\/jpeg/);
  // Unmarked again: gone from the API as from the map.
  const again = await clerk.get(`/staff/cleaning/requests/${id}`);
  assert.equal((await clerk.post(`/staff/cleaning/requests/${id}/files/${att}/public`, { public: '0' }, again.body)).status, 303);
  ({ j } = await fields());
  assert.ok(!j.media_url);
});

test('GETs are limited per client address: over [open311] get_per_client a 429 in the spec\'s format', async () => {
  // The test stack allows many (the suite reads the API often); here the
  // shipped kind of limit, made small.
  const restore = editConfig((t) => t.replace(/^get_per_client = .*$/m, 'get_per_client = 3'));
  sql("DELETE FROM login_throttle WHERE subject LIKE 'o:%'");
  try {
    await reload();
    for (const path of ['discovery.xml', 'services.json', 'requests.xml']) {
      const r = await get(path);
      assert.equal(r.status, 200, `${path} within the limit: ${r.status}`);
    }
    for (const [path, format] of [['requests.xml', 'xml'], ['requests/1.json', 'json'], ['services.json', 'json']]) {
      const r = await fetch(BASE + API + path);
      const over = { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
      isError(over, 429, format);
      const wait = Number(r.headers.get('retry-after'));
      assert.ok(wait >= 1 && wait <= 60, `Retry-After ${r.headers.get('retry-after')}`);
    }
    // A POST (with its own key's limit) is not a GET's.
    const p = await post('requests.xml', [['api_key', 'nonsense']]);
    isError(p, 403);
  } finally {
    restore();
    sql("DELETE FROM login_throttle WHERE subject LIKE 'o:%'");
    await reload();
  }
  assert.equal((await get('discovery.xml')).status, 200);
});
