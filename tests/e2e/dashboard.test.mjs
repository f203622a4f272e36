// The dashboard (/staff/reports): after real submissions on the web and by
// phone, a completion (rated by the citizen, once) and a withdrawal, every figure of every service (its
// CSV) equals a direct count of the requests and documents; the page shows
// the same totals, its charts and tables; clerks see their department
// only; a bad date is a message, not an error page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, fieldErrors } from './lib/client.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { newUser, loginAs } from './lib/users.mjs';
import { localDay } from './lib/dates.mjs';

const CLERK = 'clerk.general@demo.visaltia.gr';
const ALL = 'from=2000-01-01&to=2099-12-31';
const localToday = () => localDay();

// RFC 4180 rows (quoted cells, doubled quotes), the BOM dropped.
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', q = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') q = false; else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += ch;
  }
  return rows;
}

// What the summary tables must say, counted from the requests themselves.
function direct() {
  const want = new Map();
  const at = (svc) => {
    if (!want.has(svc)) want.set(svc, { web: 0, counter: 0, phone: 0, mail: 0, completed: 0, rejected: 0, withdrawn: 0, sla: 0, auto: 0, clerk: 0, backlog: 0, overdue: 0, rating: '' });
    return want.get(svc);
  };
  for (const [svc, ch, n] of sql("SELECT service, channel, COUNT(*) FROM requests WHERE status <> 'draft' GROUP BY 1, 2")) at(svc)[ch] = Number(n);
  for (const [svc, st, n] of sql("SELECT service, status, COUNT(*) FROM requests WHERE status IN ('completed', 'rejected', 'withdrawn') GROUP BY 1, 2")) at(svc)[st] = Number(n);
  for (const [svc, n] of sql("SELECT service, COUNT(*) FROM requests WHERE status IN ('completed', 'rejected') AND due_date IS NOT NULL GROUP BY 1")) at(svc).sla = Number(n);
  for (const [svc, a, c] of sql("SELECT r.service, SUM(d.issued_by IS NULL), SUM(d.issued_by IS NOT NULL) FROM documents d JOIN requests r ON r.id = d.request_id WHERE d.kind = 'certificate' GROUP BY 1")) {
    at(svc).auto = Number(a); at(svc).clerk = Number(c);
  }
  for (const [svc, open, late] of sql(`SELECT service, COUNT(*), SUM(status IN ('submitted', 'in_progress') AND due_date < '${localToday()}') FROM requests WHERE status IN ('submitted', 'in_progress', 'awaiting_citizen') GROUP BY 1`)) {
    at(svc).backlog = Number(open); at(svc).overdue = Number(late);
  }
  for (const [svc, n, sum] of sql('SELECT r.service, COUNT(*), SUM(g.rating) FROM request_ratings g JOIN requests r ON r.id = g.request_id GROUP BY 1')) {
    const t = Math.floor((Number(sum) * 10 + Math.floor(Number(n) / 2)) / Number(n));
    at(svc).rating = `${Math.floor(t / 10)},${t % 10} / 5 (${n})`;
  }
  return want;
}

function fromCsv(rows) {
  const got = new Map();
  for (const r of rows.slice(1)) {
    const [, code, , web, counter, phone, mail, total, share, completed, rejected, withdrawn, kept, missed, auto, clerk, backlog, overdue, , , rating] = r;
    got.set(code, { web: +web, counter: +counter, phone: +phone, mail: +mail, completed: +completed, rejected: +rejected, withdrawn: +withdrawn,
      sla: +kept + +missed, auto: +auto, clerk: +clerk, backlog: +backlog, overdue: +overdue, rating });
    assert.equal(+total, +web + +counter + +phone + +mail, code);
    assert.equal(+share, +total ? Math.round((+web * 100) / +total) : 0, code);
  }
  return got;
}

test('dashboard: every service\'s figures equal direct counts, after real submissions, a completion and a withdrawal', async () => {
  // A web request, completed by the clerk; another, withdrawn; one by phone.
  const { c } = await newUser('dash');
  const clerk = await loginAs(CLERK);
  const ids = [];
  for (let i = 0; i < 2; i++) {
    let r = await c.postMultipart('/services/general-request/new', {
      subject: 'Πίνακας στόχων', message: 'Μια αίτηση για τον έλεγχο των στατιστικών του Δήμου.', phone: '2322022222', action: 'preview',
    }, []);
    assert.equal(r.status, 303, r.body.slice(0, 2000));
    const id = Number(r.location.match(/^\/requests\/(\d+)\/preview$/)[1]);
    r = await c.post(`/requests/${id}/submit`, {}, `/requests/${id}/preview`);
    assert.equal(r.status, 303);
    ids.push(id);
  }
  let r = await clerk.postMultipart(`/staff/general/requests/${ids[0]}/complete`, { text: 'Ολοκληρώθηκε.' }, [], `/staff/general/requests/${ids[0]}`);
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  r = await c.post(`/requests/${ids[1]}/withdraw`, {}, `/requests/${ids[1]}`);
  assert.equal(r.status, 303);
  // The citizen rates the completed one, once; a withdrawn one cannot be.
  const done = `/requests/${ids[0]}`;
  let mine = await c.get(done);
  assert.match(mine.body, /Αξιολόγηση της εξυπηρέτησης/);
  r = await c.post(`${done}/rate`, { comment: 'Χωρίς βαθμό' }, mine.body);
  assert.equal(r.status, 422);
  assert.ok(fieldErrors(r.body).rating);
  assert.ok(r.body.includes('Χωρίς βαθμό'), 'the comment is kept');
  r = await c.post(`${done}/rate`, { rating: '9', comment: '' }, mine.body);
  assert.equal(r.status, 422);
  r = await c.post(`${done}/rate`, { rating: '4', comment: 'Γρήγορα & <ευγενικά>.' }, mine.body);
  assert.equal(r.status, 303);
  assert.equal(r.location, `${done}?rated=1`);
  r = await c.post(`${done}/rate`, { rating: '1', comment: '' }, mine.body);
  assert.equal(r.status, 303);
  assert.deepEqual(sql('SELECT rating, comment FROM request_ratings WHERE request_id = ?', ids[0]), [['4', 'Γρήγορα & <ευγενικά>.']]);
  mine = await c.get(done);
  assert.match(mine.body, /Η αξιολόγησή σας: <strong>4 \/ 5<\/strong>/);
  assert.ok(mine.body.includes('Γρήγορα &amp; &lt;ευγενικά&gt;.'));
  assert.ok(!mine.body.includes('action="/requests/' + ids[0] + '/rate"'));
  assert.equal((await c.post(`/requests/${ids[1]}/rate`, { rating: '5' }, mine.body)).status, 409);
  const form = await clerk.get('/staff/general/counter');
  r = await clerk.post('/staff/general/counter', { service: 'general-complaint', channel: 'phone', afm: '090000010',
    first_name: 'Στατιστική', last_name: 'Τηλεφωνική' }, form.body);
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  const page = await clerk.get(r.location);
  r = await clerk.postMultipart(r.location, { about: 'water', subject: 'Τηλεφωνικό παράπονο', description: 'Καταχωρίστηκε από το τηλέφωνο για τον πίνακα.' }, [], page.body);
  assert.equal(r.status, 303, r.body.slice(0, 2000));

  const admin = await loginAs('admin@demo.visaltia.gr');
  const csv = await admin.get(`/staff/reports?${ALL}&csv=services`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  assert.match(csv.headers.get('content-disposition'), /attachment; filename="dimos-services-2000-01-01-2099-12-31.csv"/);
  const got = fromCsv(parseCsv(csv.body));
  const want = direct();
  assert.ok(want.size >= 2, 'several services have requests');
  assert.deepEqual(Object.fromEntries([...got].sort()), Object.fromEntries([...want].sort()));
  assert.ok(got.get('general-request').completed >= 1 && got.get('general-request').withdrawn >= 1);
  assert.ok(got.get('general-complaint').phone >= 1);

  // The page: the same totals, both charts, a table each, a CSV link each.
  const html = (await admin.get(`/staff/reports?${ALL}`)).body;
  const total = [...want.values()].reduce((s, v) => s + v.web + v.counter + v.phone + v.mail, 0);
  const web = [...want.values()].reduce((s, v) => s + v.web, 0);
  assert.match(html, new RegExp(`<dt>Αιτήσεις που υποβλήθηκαν</dt><dd>${total}</dd>`));
  assert.match(html, new RegExp(`<dt>Μερίδιο ηλεκτρονικών</dt><dd>${Math.round((web * 100) / total)} %`));
  assert.equal((html.match(/<svg [^>]*class="chart__svg"[^>]*role="img"/g) || []).length, 2);
  for (const t of ['months', 'departments', 'services']) {
    assert.ok(html.includes(`id="table-${t}"`), t);
    assert.ok(html.includes(`href="/staff/reports?${ALL.replace('&', '&amp;')}&amp;csv=${t}"`), t);
  }
  // Below the 50% target, most offline first: the complaint by phone.
  const counter = html.slice(html.indexOf('id="counter-title"'));
  assert.match(counter, /<table class="table table--numbers dash-counter">/);
  const offline = [...counter.matchAll(/<tr><th scope="row">[^<]*<\/th><td[^>]*>[^<]*<\/td><td[^>]*>(\d+)<\/td><td[^>]*>(\d+)<\/td><td[^>]*>(\d+) %/g)]
    .map((m) => m.slice(1).map(Number));
  assert.ok(offline.length >= 1);
  for (let i = 0; i < offline.length; i++) {
    assert.ok(offline[i][2] < 50);
    if (i > 0) assert.ok(offline[i - 1][0] >= offline[i][0], 'most offline first');
  }
});

test('dashboard: clerks see their department only; filters and bad dates', async () => {
  const clerk = await loginAs(CLERK);
  let r = await clerk.get(`/staff/reports?${ALL}&csv=departments`);
  assert.equal(r.status, 200);
  const depts = parseCsv(r.body).slice(1).map((row) => row[0]);
  assert.deepEqual(depts, ['Γενική Γραμματεία']);
  assert.equal((await clerk.get(`/staff/reports?${ALL}&dept=civil_registry`)).status, 403);
  // The department filter: only its services.
  const admin = await loginAs('admin@demo.visaltia.gr');
  r = await admin.get(`/staff/reports?${ALL}&dept=general&csv=services`);
  const codes = parseCsv(r.body).slice(1).map((row) => row[1]);
  assert.ok(codes.length > 0);
  for (const code of codes) assert.equal(sqlValue('SELECT DISTINCT department FROM requests WHERE service = ?', code), 'general');
  // A date that is none: the page with a Greek message and the input kept.
  r = await admin.get('/staff/reports?from=2026-02-31&to=2026-01-01');
  assert.equal(r.status, 200);
  assert.match(r.body, /Η ημερομηνία «Από» δεν είναι έγκυρη/);
  assert.ok(r.body.includes('value="2026-02-31"'));
  r = await admin.get('/staff/reports?from=2026-03-01&to=2026-01-01');
  assert.match(r.body, /Η ημερομηνία «Έως» είναι πριν από την «Από»/);
  assert.equal((await admin.get('/staff/reports?csv=nothing')).status, 400);
  // Citizens and visitors do not see it.
  const { c } = await newUser('dashno');
  assert.equal((await c.get('/staff/reports')).status, 403);
  assert.notEqual((await new Client().get('/staff/reports')).status, 200);
});

test('public statistics: without a login, aggregates only, the same as the dashboard; open data as CSV and JSON', async () => {
  const v = new Client();
  const page = await v.get('/statistics');
  assert.equal(page.status, 200);
  assert.match(page.body, /Οι αιτήσεις προς τον Δήμο σε αριθμούς/);
  assert.equal((page.body.match(/<svg [^>]*class="chart__svg"[^>]*role="img"/g) || []).length, 2);
  const json = await v.get('/statistics.json');
  assert.equal(json.status, 200);
  assert.match(json.headers.get('content-type'), /^application\/json/);
  const data = JSON.parse(json.body);
  assert.equal(data.electronic_target_percent, 50);
  // The same figures as the staff dashboard for the same days.
  const admin = await loginAs('admin@demo.visaltia.gr');
  const csv = parseCsv((await admin.get(`/staff/reports?from=${data.from}&to=${data.to}&csv=months`)).body).slice(1);
  assert.deepEqual(data.months.map((m) => [m.month, m.channels.web, m.channels.counter, m.channels.phone, m.channels.mail, m.submitted, m.electronic_share_percent, m.completed]),
    csv.map((r) => [r[0], ...r.slice(1, 7).map(Number), Number(r[7])]));
  assert.equal(data.total.submitted, data.months.reduce((s, m) => s + m.submitted, 0));
  // No person in it: no names, e-mails, AFMs of any applicant.
  for (const [name, email, afm] of sql("SELECT applicant_name, applicant_email, applicant_afm FROM requests WHERE status <> 'draft' LIMIT 50")) {
    for (const body of [page.body, json.body]) {
      if (name) assert.ok(!body.includes(name));
      if (email) assert.ok(!body.includes(email));
      if (afm) assert.ok(!body.includes(afm));
    }
  }
  const open = await v.get('/statistics.csv');
  assert.equal(open.status, 200);
  const rows = parseCsv(open.body);
  assert.equal(rows.length - 1, data.months.length);
  assert.deepEqual(rows.slice(1).map((r) => Number(r[5])), data.months.map((m) => m.submitted));
});
