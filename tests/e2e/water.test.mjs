// Water end to end, on the stack packaging/run-local starts with the demo
// supplies (plugins/finance/demo/generate.py, dated from today): a meter
// reading on one's own supply (never lower than the last, with the last
// one named; recorded and answered at once; outside the reading period a
// clear message), another's supply neither readable (404) nor offered nor
// accepted, the supply's page with its consumption chart and the table
// behind it, irrigation hours by the rules, and hostile input on the
// custom fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrors } from './lib/client.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { taxisLogin } from './lib/users.mjs';
import { editConfig, reload } from './lib/stack.mjs';
import { submit, status } from './lib/money.mjs';
import { localDay } from './lib/dates.mjs';

const MINE = '1100103';		// papadopoulos's water supply
const THEIRS = '1200103';	// georgiou's
const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const last = (supply) => Number(sqlValue('SELECT value FROM wat_readings WHERE supply = ? ORDER BY read_on DESC, rank_in_day DESC, id DESC LIMIT 1', supply));

// A ΚΑΕΚ no parcel of the register has (12 digits, its regional unit and
// cadastral area not 0).
function freshKaek() {
  for (;;) {
    const kaek = `4212${String(Date.now() % 1e8).padStart(8, '0')}`.slice(0, 12);
    if (Number(sqlValue('SELECT COUNT(*) FROM wat_parcels WHERE kaek = ?', kaek)) === 0) return kaek;
  }
}

async function reading(c, fields) {
  return c.postMultipart('/services/water-reading/new', { action: 'preview', ...fields });
}

test('meter reading: only one\'s own supplies are offered, and another\'s is refused', async () => {
  const c = await taxisLogin('papadopoulos');
  const form = await c.get('/services/water-reading/new');
  assert.equal(form.status, 200);
  const offered = [...form.body.matchAll(/<input[^>]*name="supply"[^>]*value="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(offered, [MINE], 'the water supply with a meter; not the sewer one, not anyone else\'s');
  const r = await reading(c, { supply: THEIRS, reading: '99999' });
  assert.equal(r.status, 422);
  assert.ok(fieldErrors(r.body).supply, JSON.stringify(fieldErrors(r.body)));
  assert.equal((await c.get(`/water/supplies/${THEIRS}`)).status, 404);
  assert.equal((await c.get('/water/supplies/9999999')).status, 404);
  assert.equal((await c.get(`/water/supplies/${MINE}`)).status, 200);
});

test('meter reading: lower than the last is refused with the last one named, input kept', async () => {
  const c = await taxisLogin('papadopoulos');
  const was = last(MINE);
  const r = await reading(c, { supply: MINE, reading: String(was - 1) });
  assert.equal(r.status, 422);
  const msg = fieldErrors(r.body).reading;
  assert.ok(msg, JSON.stringify(fieldErrors(r.body)));
  assert.ok(text(msg).replace(/\./g, '').includes(String(was)), msg);
  assert.match(r.body, new RegExp(`name="reading"[^>]*value="${was - 1}"|value="${was - 1}"[^>]*name="reading"`));
  assert.equal(last(MINE), was);
});

test('meter reading: accepted at once into the readings, the request answered, and it only counts up', async () => {
  const c = await taxisLogin('papadopoulos');
  const was = last(MINE);
  const { id, preview, res } = await submit(c, 'water-reading', { supply: MINE, reading: String(was + 17) });
  assert.match(text(preview.body), /17 m³/, 'the consumption since the last reading on the preview');
  assert.equal(res.status, 303);
  assert.equal(status(id), 'completed');
  assert.equal(last(MINE), was + 17);
  assert.equal(sqlValue('SELECT request_id FROM wat_readings WHERE supply = ? ORDER BY id DESC LIMIT 1', MINE), String(id));
  const answer = sqlValue("SELECT body FROM mailbox_items WHERE request_id = ? AND kind = 'answer'", id);
  assert.match(answer, new RegExp(`${was + 17} m³`));
  // The new one is now the last: the one before it is refused.
  const again = await reading(c, { supply: MINE, reading: String(was + 5) });
  assert.equal(again.status, 422);
});

test('meter reading: outside the reading period, a clear message and nothing recorded', async () => {
  const d = new Date();
  const mmdd = (x) => `${String(x.getUTCMonth() + 1).padStart(2, '0')}-${String(x.getUTCDate()).padStart(2, '0')}`;
  // A period that ended yesterday's month ago and does not hold today.
  const off = new Date(d.getTime() + 40 * 86400000);
  const off2 = new Date(d.getTime() + 50 * 86400000);
  const restore = editConfig((ini) => ini.replace(/reading_periods = .*/, `reading_periods = ${mmdd(off)}..${mmdd(off2)}`));
  try {
    await reload();
    const c = await taxisLogin('papadopoulos');
    const was = last(MINE);
    const r = await reading(c, { supply: MINE, reading: String(was + 1) });
    assert.equal(r.status, 422);
    const all = text(r.body);
    assert.match(all, /περίοδο/i, all.slice(all.indexOf('πρόβλημα'), all.indexOf('πρόβλημα') + 400));
    assert.equal(last(MINE), was);
  } finally {
    restore();
    await reload();
  }
});

test('my supply: consumption as an SVG chart with the table behind it, and the bills', async () => {
  const c = await taxisLogin('papadopoulos');
  const list = await c.get('/water/supplies');
  assert.equal(list.status, 200);
  assert.ok(list.body.includes(MINE) && !list.body.includes(THEIRS));
  const p = await c.get(`/water/supplies/${MINE}`);
  assert.equal(p.status, 200);
  assert.match(p.body, /<svg[^>]*role="img"/);
  assert.match(p.body, /<table/);
  const bills = Number(sqlValue('SELECT COUNT(*) FROM wat_bills WHERE supply = ?', MINE));
  assert.ok(bills > 0);
  assert.match(text(p.body), /\d+,\d\d €/);
  assert.match(text(p.body), /\d\d\/\d\d\/\d{4}/);
});

test('irrigation: a farmer\'s parcel by ΚΑΕΚ gets the hours of the rules at once; a parcel not in the register goes to the clerk', async () => {
  const c = await taxisLogin('nikolaou');
  const season = Number(localDay().slice(0, 4)) + 1;
  // A parcel of his with no water yet for the season (one request each):
  // put on his register here, as the water register's import would, so
  // that the test needs none of the demo's few parcels (every run on the
  // same stack would use one up).
  const kaek = freshKaek();
  sql("INSERT INTO wat_parcels (afm, kaek, name, name_f, unit, area_tenths) VALUES ('099603082', ?, 'Δοκιμή e2e', 'ΔΟΚΙΜΗ E2E', 'Νιγρίτα', 250)", kaek);
  const foreign = sqlValue("SELECT kaek FROM wat_parcels WHERE afm <> '099603082' AND kaek IS NOT NULL LIMIT 1");
  // A parcel not in his register is the clerk's to check: nothing granted.
  const other = await submit(c, 'water-irrigation', { parcel_kaek: foreign, crop: 'maize', area: '5', season: String(season) });
  assert.equal(other.res.status, 303);
  assert.equal(status(other.id), 'submitted');
  assert.equal(Number(sqlValue('SELECT COUNT(*) FROM wat_allotments WHERE request_id = ?', other.id)), 0);
  const { id, preview, res } = await submit(c, 'water-irrigation', { parcel_kaek: kaek, crop: 'cotton', area: '10', season: String(season) });
  const hours = Number(text(preview.body).match(/Ώρες άρδευσης κατά τους κανόνες (\d+)/)[1]);
  assert.ok(hours > 0);
  assert.equal(res.status, 303);
  assert.equal(status(id), 'completed');
  assert.equal(sqlValue('SELECT hours FROM wat_allotments WHERE request_id = ?', id), String(hours));
  assert.match(sqlValue("SELECT body FROM mailbox_items WHERE request_id = ? AND kind = 'answer'", id), new RegExp(`${hours} ώρες`));
});

test('hostile input on the custom fields: messages per field, never a 500', async () => {
  const c = await taxisLogin('papadopoulos');
  for (const v of ['12abc', '-5', '1e9', '<script>alert(1)</script>', '9'.repeat(40), "1' OR '1'='1", '\u202e123']) {
    const r = await reading(c, { supply: MINE, reading: v });
    assert.equal(r.status, 422, `reading ${JSON.stringify(v)}: ${r.status}`);
    assert.ok(fieldErrors(r.body).reading, v);
    assert.ok(!r.body.includes('<script>alert'), 'escaped');
  }
  for (const s of ['../1100103', "1100103' --", '', 'x'.repeat(300)]) {
    const r = await reading(c, { supply: s, reading: '1' });
    assert.equal(r.status, 422, `supply ${JSON.stringify(s)}: ${r.status}`);
    assert.ok(fieldErrors(r.body).supply, s);
  }
  const k = await taxisLogin('nikolaou');
  for (const [f, v] of [['parcel_kaek', '42121563400Χ'], ['area', '-3'], ['area', 'πολλά'], ['season', '1999']]) {
    const r = await k.postMultipart('/services/water-irrigation/new', { action: 'preview', parcel_kaek: '421215634002', crop: 'cotton', area: '10', season: '2027', [f]: v });
    assert.equal(r.status, 422, `${f}=${v}: ${r.status}`);
    assert.ok(fieldErrors(r.body)[f], `${f}=${v}: ${JSON.stringify(fieldErrors(r.body))}`);
  }
});
