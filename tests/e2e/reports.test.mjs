// Reports in public (public_reports.h): the nearby open reports shown
// before filing, following one instead of filing a duplicate, the public
// list and map (approximate place, no name, photos only when a clerk
// makes them public), a clerk merging a duplicate, and every reporter
// and follower told when the work is done.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client, csrfOf, fieldErrors } from './lib/client.mjs';
import { waitMail, mailsTo } from './lib/mail.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { newUser, loginAs, PASSWORD } from './lib/users.mjs';
import { jpeg, photo } from './lib/files.mjs';
import { preview, apply } from './lib/apply.mjs';
import { localDay, localMidnightUtc } from './lib/dates.mjs';

const CLERK = 'clerk.cleaning@demo.visaltia.gr';

let clerk;
before(async () => {
  clerk = await loginAs(CLERK);
});

// A point in Nigrita of this run, and one about dy metres north of it.
const BASE = { lat: 40.9035 + Math.random() * 0.002, lon: 23.4985 + Math.random() * 0.002 };
const at = (dy = 0) => ({
  where: 'Οδός Δοκιμής 7', where_settlement: 'nigrita',
  where_lat: (BASE.lat + dy / 111320).toFixed(6), where_lon: BASE.lon.toFixed(6),
});

const protocol = (id) => sqlValue("SELECT CONCAT(protocol_no, '/', protocol_year) FROM requests WHERE id = ?", id);
const status = (id) => sqlValue('SELECT status FROM requests WHERE id = ?', id);

let first, firstUser, follower, dup, dupUser;

test('before filing, an open report of the same service within 50 m is shown, and the citizen follows it instead', async () => {
  firstUser = await newUser('reporter');
  first = await apply(firstUser.c, 'cleaning-dumping', { ...at(0), what: 'rubble' },
    [{ field: 'photos', name: 'μπάζα.jpg', type: 'image/jpeg', data: jpeg('first report') }]);
  assert.equal(status(first), 'submitted');
  assert.equal(sqlValue('SELECT settlement FROM requests WHERE id = ?', first), 'nigrita');

  follower = await newUser('follower');
  const draft = await preview(follower.c, 'cleaning-dumping', { ...at(20), what: 'bulky', details: 'Ένας καναπές.' });
  const page = await follower.c.get(`/requests/${draft}/preview`);
  assert.equal(page.status, 200);
  assert.match(page.body, /Μήπως το έχει ήδη αναφέρει κάποιος;/);
  assert.ok(page.body.includes(`action="/reports/${first}/follow"`), 'the nearby report can be followed');
  // Nothing personal of the first report on the second citizen's page.
  assert.ok(!page.body.includes(firstUser.addr));

  const r = await follower.c.post(`/reports/${first}/follow`, { action: 'follow', csrf: csrfOf(page.body) });
  assert.equal(r.status, 303);
  assert.equal(r.location, `/reports/${first}?followed=1`);
  assert.equal(sqlValue('SELECT COUNT(*) FROM request_followers WHERE request_id = ?', first), '1');
  // No duplicate was filed: the draft is still a draft.
  assert.equal(status(draft), 'draft');
  const shown = await follower.c.get(`/reports/${first}?followed=1`);
  assert.match(shown.body, /Ακολουθείτε την αναφορά/);
  assert.match(shown.body, /Δεν την ακολουθώ πια/);
});

test('reports farther than 50 m, of another service or closed are not offered as the same', async () => {
  const { c } = await newUser('elsewhere');
  const far = await preview(c, 'cleaning-dumping', { ...at(70), what: 'rubble', details: 'Μπάζα.' });
  assert.ok(!(await c.get(`/requests/${far}/preview`)).body.includes(`/reports/${first}/follow`), '70 m away');
  const other = await preview(c, 'cleaning-street', { ...at(5), problem: 'litter' });
  assert.ok(!(await c.get(`/requests/${other}/preview`)).body.includes(`/reports/${first}/follow`), 'other service');
  // A report without a point cannot be near anything, and follows nothing.
  assert.equal((await c.post('/reports/999999999/follow', { action: 'follow' }, '/reports')).status, 404);
});

test('the public list and map show service, status, an approximate place and the date, never a name or the address', async () => {
  const anon = new Client();
  const list = await anon.get('/reports?service=cleaning-dumping&settlement=nigrita');
  assert.equal(list.status, 200);
  assert.ok(list.body.includes(`href="/reports/${first}"`), 'the report is listed');
  assert.ok(!list.body.includes('Οδός Δοκιμής'), 'the address text is not public');
  assert.ok(!list.body.includes(firstUser.addr));
  // Without JavaScript the list is all there; the map reads the same as GeoJSON.
  const gj = JSON.parse((await anon.get('/reports.geojson?service=cleaning-dumping')).body);
  const f = gj.features.find((x) => x.properties.id === first);
  assert.ok(f, 'the report is on the map');
  assert.deepEqual(Object.keys(f.properties).sort(), ['date', 'id', 'service', 'status', 'status_label', 'title', 'url']);
  const [lon, lat] = f.geometry.coordinates;
  const exact = [Number(at(0).where_lon), Number(at(0).where_lat)];
  assert.ok(lon !== exact[0] || lat !== exact[1], 'the point is rounded');
  assert.ok(Math.abs(lat - exact[1]) < 0.001 && Math.abs(lon - exact[0]) < 0.0015, 'within the grid');
  // Filters: another settlement, another service leave it out; nonsense filters nothing out.
  assert.ok(!(await anon.get('/reports?settlement=therma')).body.includes(`href="/reports/${first}"`));
  assert.ok(!(await anon.get('/reports?service=cleaning-street')).body.includes(`href="/reports/${first}"`));
  const odd = await anon.get('/reports?service=%3Cscript%3E&department=x%27&before=-5');
  assert.equal(odd.status, 200);
  assert.ok(!odd.body.includes('<script>'));
  // One report: its page, a login link for following.
  const one = await anon.get(`/reports/${first}`);
  assert.equal(one.status, 200);
  assert.match(one.body, /Συνδεθείτε για να ακολουθήσετε/);
  // A bulky pickup (a booking, not a report) and a draft are never public.
  const draft = sqlValue("SELECT MIN(id) FROM requests WHERE status = 'draft'");
  assert.equal((await anon.get(`/reports/${draft}`)).status, 404);
});

test("a report's date is the municipality's day: sent at 00:30 in Athens, it is of that day, though UTC's is the one before", async () => {
  const was = sqlValue("SELECT DATE_FORMAT(submitted_at, '%Y-%m-%d %H:%i:%s.%f') FROM requests WHERE id = ?", first);
  const day = localDay();
  const utc = new Date(Date.parse(localMidnightUtc(day).replace(' ', 'T') + 'Z') + 30 * 60000).toISOString().slice(0, 19).replace('T', ' ');
  assert.notEqual(utc.slice(0, 10), day, 'the UTC date is the day before');
  sql('UPDATE requests SET submitted_at = ? WHERE id = ?', utc, first);
  try {
    const anon = new Client();
    const gj = JSON.parse((await anon.get('/reports.geojson?service=cleaning-dumping')).body);
    assert.equal(gj.features.find((x) => x.properties.id === first).properties.date, day);
    const one = await anon.get(`/reports/${first}`);
    assert.match(one.body, new RegExp(`<dd>${day}</dd>|datetime="${day}"`));
    assert.ok(!one.body.includes(utc.slice(0, 10)), 'no UTC date on the page');
    // The staff's map of open requests too.
    const staff = JSON.parse((await clerk.get('/staff/cleaning/map.geojson')).body);
    const mine = staff.features.find((x) => x.properties.url === `/staff/cleaning/requests/${first}`);
    assert.ok(mine, 'the report is on the staff map');
    assert.equal(mine.properties.date, day);
  } finally {
    sql('UPDATE requests SET submitted_at = ? WHERE id = ?', was, first);
  }
});

test('a photo is public only once a clerk marks it so', async () => {
  const att = sqlValue("SELECT id FROM attachments WHERE request_id = ? AND field = 'photos'", first);
  const anon = new Client();
  assert.equal((await anon.get(`/reports/${first}/photos/${att}/thumb`)).status, 404);
  const page = await clerk.get(`/staff/cleaning/requests/${first}`);
  assert.match(page.body, /Φωτογραφίες στον δημόσιο χάρτη/);
  assert.match(page.body, /Θέση/);
  const r = await clerk.post(`/staff/cleaning/requests/${first}/files/${att}/public`, { public: '1' }, page.body);
  assert.equal(r.status, 303);
  assert.equal((await anon.get(`/reports/${first}/photos/${att}/thumb`)).status, 200);
  assert.ok((await anon.get(`/reports/${first}`)).body.includes(`/reports/${first}/photos/${att}/thumb`));
  // Another request's file through this report: not found.
  assert.equal((await anon.get(`/reports/${first}/photos/${Number(att) + 100000}`)).status, 404);
});

test('a clerk merges a duplicate: it closes pointing to the kept one, its reporter follows that one', async () => {
  dupUser = await newUser('duplicate');
  dup = await apply(dupUser.c, 'cleaning-dumping', { ...at(10), what: 'rubble', details: 'Μπάζα στη γωνία.' });
  const page = await clerk.get(`/staff/cleaning/requests/${dup}`);
  // Bad numbers: a Greek message, nothing changed.
  for (const [into, msg] of [['abc', /Γράψτε αριθμό πρωτοκόλλου/], [protocol(dup), /δεν ενώνεται με τον εαυτό της/],
    ['999999/2026', /Δεν υπάρχει αίτηση/]]) {
    const bad = await clerk.post(`/staff/cleaning/requests/${dup}/merge`, { into }, page.body);
    assert.equal(bad.status, 422, into);
    assert.match(bad.body, msg);
  }
  assert.equal(status(dup), 'submitted');
  const r = await clerk.post(`/staff/cleaning/requests/${dup}/merge`, { into: protocol(first) }, page.body);
  assert.equal(r.status, 303, r.body.slice(0, 500));
  assert.equal(status(dup), 'completed');
  assert.equal(sqlValue('SELECT merged_into FROM requests WHERE id = ?', dup), String(first));
  assert.equal(sqlValue('SELECT merged_from FROM request_followers WHERE request_id = ? AND account_id = (SELECT account_id FROM requests WHERE id = ?)', first, dup), String(dup));
  assert.equal((await new Client().get(`/reports/${dup}`)).status, 404, 'a merged report is not public');
  const box = await dupUser.c.get('/mailbox');
  assert.ok(box.body.includes(`ενώθηκε με την ${protocol(first)}`));
  const after = await clerk.get(`/staff/cleaning/requests/${dup}`);
  assert.match(after.body, /Ενώθηκε με την αναφορά/);
  // Merging again: it is closed now.
  const again = await clerk.post(`/staff/cleaning/requests/${dup}/merge`, { into: protocol(first) }, after.body);
  assert.equal(again.status, 422);
});

test('when the work is done, the reporter and every follower are told, by mailbox and e-mail', async () => {
  const followerMails = mailsTo(follower.addr).length;
  const dupMails = mailsTo(dupUser.addr).length;
  const page = await clerk.get(`/staff/cleaning/requests/${first}`);
  const done = await clerk.postMultipart(`/staff/cleaning/requests/${first}/complete`, {
    text: 'Τα μπάζα απομακρύνθηκαν.',
  }, [], page.body);
  assert.equal(done.status, 303, done.body.slice(0, 500));
  assert.equal(status(first), 'completed');
  for (const [who, before] of [[follower, followerMails], [dupUser, dupMails]]) {
    const box = await who.c.get('/mailbox');
    assert.ok(box.body.includes(`Ολοκληρώθηκε η αναφορά ${protocol(first)} που ακολουθείτε`), who.addr);
    await waitMail(who.addr, before + 1);
  }
  const item = sql("SELECT body FROM mailbox_items WHERE account_id = (SELECT account_id FROM requests WHERE id = ?) ORDER BY id DESC LIMIT 1", dup);
  assert.equal(item[0][0], 'Τα μπάζα απομακρύνθηκαν.');
  // Closed: off the public map.
  assert.equal((await new Client().get(`/reports/${first}`)).status, 404);
});

test('a follow is personal: in the data export, gone with the account; a withdrawn report is told to its followers', async () => {
  // A report of its own, 1 km from the others.
  const reporter = await newUser('withdrawer');
  const rep = await apply(reporter.c, 'cleaning-street', { ...at(1000), problem: 'litter' });
  const [keeps, leaves] = [await newUser('follows-on'), await newUser('follows-closes')];
  for (const f of [keeps, leaves]) {
    const page = await f.c.get(`/reports/${rep}`);
    assert.equal((await f.c.post(`/reports/${rep}/follow`, { action: 'follow', csrf: csrfOf(page.body) })).status, 303);
  }
  const leavesId = sqlValue('SELECT id FROM accounts WHERE email = ?', leaves.addr);
  const keepsId = sqlValue('SELECT id FROM accounts WHERE email = ?', keeps.addr);
  assert.equal(sqlValue('SELECT COUNT(*) FROM request_followers WHERE request_id = ?', rep), '2');

  // "Download my data" has the reports one follows, and nobody else's.
  const data = JSON.parse((await keeps.c.post('/account/export', {}, '/account')).body);
  assert.deepEqual(data.following.map((f) => [f.request_id, f.protocol, f.service]), [[Number(rep), protocol(rep), 'cleaning-street']]);
  assert.ok(data.following[0].since);
  assert.deepEqual(JSON.parse((await reporter.c.post('/account/export', {}, '/account')).body).following, []);

  // A closed account follows nothing any more.
  assert.equal((await leaves.c.post('/account/close', { password: PASSWORD, confirm: '1' })).status, 200);
  assert.equal(sqlValue('SELECT COUNT(*) FROM request_followers WHERE account_id = ?', leavesId), '0');
  assert.equal(sqlValue('SELECT COUNT(*) FROM request_followers WHERE request_id = ?', rep), '1');

  // The reporter withdraws it: the follower is told, by mailbox and
  // e-mail, in their language; the closed account hears nothing.
  const mails = mailsTo(keeps.addr).length;
  const leftItems = sqlValue('SELECT COUNT(*) FROM mailbox_items WHERE account_id = ?', leavesId);
  const page = await reporter.c.get(`/requests/${rep}`);
  assert.equal((await reporter.c.post(`/requests/${rep}/withdraw`, { csrf: csrfOf(page.body) })).status, 303);
  assert.equal(status(rep), 'withdrawn');
  const box = await keeps.c.get('/mailbox');
  assert.ok(box.body.includes(`Ανακλήθηκε η αναφορά ${protocol(rep)} που ακολουθείτε`));
  const body = sqlValue('SELECT body FROM mailbox_items WHERE account_id = ? ORDER BY id DESC LIMIT 1', keepsId);
  assert.match(body, new RegExp(`την ανακάλεσε.*Αν το πρόβλημα παραμένει, κάντε νέα αναφορά`));
  await waitMail(keeps.addr, mails + 1);
  assert.equal(sqlValue('SELECT COUNT(*) FROM mailbox_items WHERE account_id = ?', leavesId), leftItems);
  // Nothing of the reporter's in what the follower got.
  assert.ok(!body.includes(reporter.addr));
});

test("the photo's GPS position fills the point when the citizen asks, checked against the boundary, then is gone", async () => {
  const { c } = await newUser('gps');
  const noPoint = { where: 'Δίπλα στο γήπεδο', where_settlement: 'nigrita', what: 'rubble', where_use_photo: '1' };
  const withGps = photo('jpeg', { tag: 'gps fill', width: 48, height: 32, gps: [40.9071, 23.5002] });
  const id = await preview(c, 'cleaning-dumping', noPoint,
    [{ field: 'photos', name: 'gps.jpg', type: 'image/jpeg', data: withGps }]);
  assert.equal(sqlValue('SELECT lat FROM requests WHERE id = ?', id), '40.907100');
  assert.equal(sqlValue('SELECT lon FROM requests WHERE id = ?', id), '23.500200');
  const att = sqlValue('SELECT id FROM attachments WHERE request_id = ?', id);
  const stored = Buffer.from(sqlValue('SELECT HEX(b.content) FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.id = ?', att), 'hex');
  assert.equal(stored.indexOf(Buffer.from('GPS')), -1, 'the stored photo has no GPS');
  // Not ticked: the position is not used.
  const r0 = await c.postMultipart('/services/cleaning-dumping/new', { action: 'preview', ...noPoint, where_use_photo: '' },
    [{ field: 'photos', name: 'gps.jpg', type: 'image/jpeg', data: withGps }], '/services/cleaning-dumping/new');
  assert.equal(r0.status, 303);
  const id0 = Number(r0.location.match(/\/requests\/(\d+)\//)[1]);
  assert.equal(sqlValue('SELECT lat FROM requests WHERE id = ?', id0), null);
  // A photo taken in Athens: outside the municipality, refused.
  const athens = photo('jpeg', { tag: 'athens', gps: [37.9715, 23.7257] });
  const out = await c.postMultipart('/services/cleaning-dumping/new', { action: 'preview', ...noPoint },
    [{ field: 'photos', name: 'athens.jpg', type: 'image/jpeg', data: athens }], '/services/cleaning-dumping/new');
  assert.equal(out.status, 422);
  assert.match(fieldErrors(out.body).where, /όρια του Δήμου|εκτός/);
  // A photo without a position: a clear message, the input kept.
  const none = await c.postMultipart('/services/cleaning-dumping/new', { action: 'preview', ...noPoint },
    [{ field: 'photos', name: 'plain.jpg', type: 'image/jpeg', data: jpeg('no gps') }], '/services/cleaning-dumping/new');
  assert.equal(none.status, 422);
  assert.equal(fieldErrors(none.body).where, 'Η φωτογραφία δεν έχει θέση. Δείξτε το σημείο στον χάρτη ή γράψτε τις συντεταγμένες.');
  assert.ok(none.body.includes('value="Δίπλα στο γήπεδο"'));
});
