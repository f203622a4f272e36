// Cleaning & green spaces end to end, through nginx on the real stack:
// every service submitted; a report given to a crew and completed with a
// photo; a bulky pickup booked, on the crew's day sheet and done; 50
// citizens racing for a day with 10 places; cancelling gives the place
// back (until the day before), the reminder the day before; hostile input
// on every field of the department's own and of its pages.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client, fieldErrors, csrfOf, unescapeHtml } from './lib/client.mjs';
import { waitMail } from './lib/mail.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { newUser, loginAs } from './lib/users.mjs';
import { jpeg, pdf, png } from './lib/files.mjs';
import { localDay } from './lib/dates.mjs';

const CITIZEN = 'maria.ioannidou@demo.visaltia.gr';
const CLERK = 'clerk.cleaning@demo.visaltia.gr';
const HEAD = 'head.cleaning@demo.visaltia.gr';

let citizen, clerk, head;
before(async () => {
  citizen = await loginAs(CITIZEN);
  clerk = await loginAs(CLERK);
  head = await loginAs(HEAD);
});

// A service's form, filled and previewed: the draft's id.
async function preview(c, code, fields, files = []) {
  const r = await c.postMultipart(`/services/${code}/new`, { action: 'preview', ...fields }, files,
    `/services/${code}/new`);
  assert.equal(r.status, 303, `${code}: ${r.status} ${JSON.stringify(fieldErrors(r.body))}`);
  const m = r.location.match(/^\/requests\/(\d+)\/preview$/);
  assert.ok(m, r.location);
  return Number(m[1]);
}

async function submit(c, id) {
  return c.post(`/requests/${id}/submit`, {}, `/requests/${id}/preview`);
}

async function apply(c, code, fields, files = []) {
  const id = await preview(c, code, fields, files);
  const r = await submit(c, id);
  assert.equal(r.status, 303, `${code}: ${r.status} ${JSON.stringify(fieldErrors(r.body))}`);
  assert.equal(r.location, `/requests/${id}?submitted=1`);
  return id;
}

// What a form shows in a field: an input's value or a textarea's text
// (undefined: no such input, e.g. a list of choices).
function shown(html, name) {
  // (a form's line breaks travel as CRLF, as browsers send them)
  const text = (v) => unescapeHtml(v.replace(/&#13;&#10;|&#10;/g, '\n').replace(/&#39;/g, "'")).replace(/\r\n/g, '\n');
  const input = html.match(new RegExp(`<input(?=[^>]*\\sname="${name}")(?![^>]*type="(?:hidden|radio|checkbox)")[^>]*>`));
  if (input) {
    const v = input[0].match(/\svalue="([^"]*)"/);
    return v ? text(v[1]) : '';
  }
  const area = html.match(new RegExp(`<textarea[^>]*\\sname="${name}"[^>]*>([^<]*)</textarea>`));
  return area ? text(area[1]) : undefined;
}

// The option chosen in a list (undefined: none).
function chosen(html, name) {
  const list = html.match(new RegExp(`<select[^>]*\\sname="${name}"[^>]*>([\\s\\S]*?)</select>`));
  return list?.[1].match(/<option value="([^"]*)" selected/)?.[1];
}

const status = (id) => sqlValue('SELECT status FROM requests WHERE id = ?', id);
const booked = (zone, day) => Number(sqlValue('SELECT COALESCE(SUM(booked), 0) FROM cleaning_days WHERE zone = ? AND day = ?', zone, day));

// The free days of a settlement, as anyone sees them (/cleaning/days).
async function freeDays(settlement) {
  const r = await new Client().get(`/cleaning/days?settlement=${settlement}`);
  assert.equal(r.status, 200);
  return [...r.body.matchAll(/<time datetime="(\d{4}-\d\d-\d\d)">[^<]*<\/time> — (\d+)/g)]
    .map((m) => ({ date: m[1], places: Number(m[2]) }));
}

// The head's capacity form as it stands, to change and post back.
async function capacityForm() {
  const r = await head.get('/staff/cleaning/capacity');
  assert.equal(r.status, 200);
  const fields = {};
  for (const m of r.body.matchAll(/<input[^>]*name="(cap_[a-z0-9-]+_\d)"[^>]*value="(\d*)"/g)) fields[m[1]] = m[2];
  for (const m of r.body.matchAll(/<select[^>]*name="(crew_[a-z0-9-]+)">([\s\S]*?)<\/select>/g)) {
    const sel = m[2].match(/<option value="(\d*)" selected/);
    fields[m[1]] = sel ? sel[1] : '';
  }
  assert.ok(Object.keys(fields).length >= 30, 'every zone has its weekdays and crew');
  return { fields, csrf: csrfOf(r.body) };
}

async function setCapacity(change) {
  const { fields, csrf } = await capacityForm();
  const r = await head.post('/staff/cleaning/capacity', { csrf, ...fields, ...change });
  assert.equal(r.status, 303, r.body.slice(0, 500));
  return fields;
}

// Today in the municipality's time zone.
const today = () => localDay();
const isoWeekday = (iso) => ((new Date(`${iso}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
const crewId = (name) => Number(sqlValue('SELECT id FROM cleaning_crews WHERE name = ?', name));

// -------------------------------------------------------------- services

const REPORTS = {
  'cleaning-bin': { request: 'broken', bin: 'recycling', details: 'Το καπάκι έσπασε και τα σκουπίδια σκορπίζονται.' },
  'cleaning-dumping': { what: ['rubble', 'tyres'], details: 'Μπάζα και λάστιχα στο ρέμα.' },
  'cleaning-street': { problem: 'overflowing' },
  'cleaning-animal': { animal: 'dog' },
  'green-pruning': { trees: '3', details: 'Τα κλαδιά ακουμπούν τα καλώδια.' },
  'green-tree': { danger: 'leaning', phone: '6912345678' },
  'green-planting': { trees: '5', species: 'Πλάτανος', details: 'Στο πεζοδρόμιο μπροστά στο σχολείο.' },
  'green-playground': { part: 'swing', details: 'Η αλυσίδα της κούνιας είναι σπασμένη.' },
  'green-irrigation': { fault: 'leak' },
  'green-grass': { kind: 'plot' },
};

test('every report of the department is submitted, numbered and in the queue', async () => {
  const where = { where: 'Πλατεία Ελευθερίας 3', where_settlement: 'nigrita', where_lat: '40.9080', where_lon: '23.5010' };
  for (const [code, fields] of Object.entries(REPORTS)) {
    const id = await apply(citizen, code, { ...where, ...fields },
      [{ field: 'photos', name: 'φωτογραφία.jpg', type: 'image/jpeg', data: jpeg(code) }]);
    assert.equal(status(id), 'submitted', code);
    assert.equal(sqlValue('SELECT department FROM requests WHERE id = ?', id), 'cleaning');
    assert.equal(sqlValue('SELECT JSON_VALUE(form, "$.where_settlement") FROM requests WHERE id = ?', id), 'nigrita');
    assert.equal(sqlValue('SELECT lat FROM requests WHERE id = ?', id), '40.908000');
    const page = await citizen.get(`/requests/${id}`);
    assert.match(page.body, /Πλατεία Ελευθερίας 3, Νιγρίτα/);
  }
  // The dangerous tree is due the next business day; pruning in weeks
  // (counted from the municipality's today, as the due dates are).
  const due = sql('SELECT service, DATEDIFF(due_date, ?) FROM requests WHERE service IN '
    + "('green-tree', 'green-pruning') ORDER BY id DESC LIMIT 2", localDay());
  const days = Object.fromEntries(due.map(([s, d]) => [s, Number(d)]));
  assert.ok(days['green-tree'] <= 4, JSON.stringify(days));
  assert.ok(days['green-pruning'] >= 20, JSON.stringify(days));
  const queue = await clerk.get('/staff/cleaning?status=open');
  assert.equal(queue.status, 200);
  assert.match(queue.body, /Επικίνδυνο δέντρο \(επείγον\)/);
  // The clerk plans by settlement and zone: the queue's columns.
  assert.match(queue.body, /<th scope="col">Οικισμός<\/th>/);
  assert.match(queue.body, /<th scope="col">Ζώνη<\/th>/);
  const town = await clerk.get('/staff/cleaning?status=open&c.where.settlement=nigrita');
  const rows = [...town.body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].slice(1);
  assert.ok(rows.length >= 10);
  assert.ok(rows.every((r) => r[1].includes('Νιγρίτα')), 'only Nigrita');
  const zone = await clerk.get('/staff/cleaning?status=open&c.where.zone=achinos');
  assert.ok(!zone.body.includes('Πλατεία Ελευθερίας 3'));
  // Not a settlement: marked, not an error page.
  const bad = await clerk.get('/staff/cleaning?c.where.settlement=%3Cscript%3E');
  assert.equal(bad.status, 200);
  assert.match(bad.body, /form-group--error/);
});

test('a report without its settlement or with a point elsewhere is refused with the field kept', async () => {
  const r = await citizen.postMultipart('/services/cleaning-street/new', {
    action: 'preview', where: 'Οδός <Ερμού> 5', problem: 'litter', where_settlement: '',
  }, [], '/services/cleaning-street/new');
  assert.equal(r.status, 422);
  assert.equal(fieldErrors(r.body).where, 'Επιλέξτε τον οικισμό από τη λίστα.');
  assert.ok(r.body.includes('value="Οδός &lt;Ερμού&gt; 5"'));
  // Without a settlement but with a point, the nearest settlement is it.
  const id = await preview(citizen, 'cleaning-street', {
    where: 'Στη γέφυρα', problem: 'sweeping', where_lat: '40.8951', where_lon: '23.5349',
  });
  assert.equal(sqlValue('SELECT JSON_VALUE(form, "$.where_settlement") FROM requests WHERE id = ?', id), 'therma');
});

// ------------------------------------------------------- a report's path

test('a clerk gives a report to a crew and completes it with a photo; the citizen is told', async () => {
  const { c, addr } = await newUser('cleaning-report');
  const id = await apply(c, 'cleaning-dumping', {
    where: 'Ρέμα Νιγρίτας, κάτω από τη γέφυρα', where_settlement: 'nigrita', what: 'bulky',
  }, [{ field: 'photos', name: 'μπάζα.jpg', type: 'image/jpeg', data: jpeg('dumping') }]);
  const page = await clerk.get(`/staff/cleaning/requests/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /Δεν έχει ανατεθεί σε συνεργείο/);
  const crew = crewId('Συνεργείο Νιγρίτας Β');
  const r = await clerk.post(`/staff/cleaning/crew-assign/${id}`, { crew: String(crew) }, page.body);
  assert.equal(r.status, 303);
  assert.equal(r.location, `/staff/cleaning/requests/${id}`);
  // Given to a crew: the work is under way, the citizen sees it.
  assert.equal(status(id), 'in_progress');
  assert.equal(Number(sqlValue('SELECT crew_id FROM cleaning_assignments WHERE request_id = ?', id)), crew);
  const work = await clerk.get(`/staff/cleaning/crews/${crew}`);
  assert.ok(work.body.includes(`/staff/cleaning/requests/${id}"`));
  assert.match(work.body, /Ρέμα Νιγρίτας, κάτω από τη γέφυρα, Νιγρίτα/);
  const after = await clerk.get(`/staff/cleaning/requests/${id}`);
  assert.match(after.body, /Συνεργείο Νιγρίτας Β/);
  // Done, with the crew's photo of the cleaned place.
  const done = await clerk.postMultipart(`/staff/cleaning/requests/${id}/complete`, {
    text: 'Τα μπάζα απομακρύνθηκαν. Ευχαριστούμε για την αναφορά.',
  }, [{ field: 'files', name: 'καθαρό.jpg', type: 'image/jpeg', data: jpeg('clean') }], after.body);
  assert.equal(done.status, 303, done.body.slice(0, 800));
  assert.equal(status(id), 'completed');
  assert.equal(Number(sqlValue("SELECT COUNT(*) FROM attachments WHERE request_id = ? AND filename = 'καθαρό.jpg'", id)), 1);
  assert.equal(Number(sqlValue('SELECT open FROM cleaning_assignments WHERE request_id = ?', id)), 0);
  const box = await c.get('/mailbox');
  assert.match(box.body, /Απάντηση στην αίτηση/);
  await waitMail(addr, 3);	// confirmation, submission, the mailbox notice
  // The crew's list no longer has it.
  const work2 = await clerk.get(`/staff/cleaning/crews/${crew}`);
  assert.ok(!work2.body.includes(`/staff/cleaning/requests/${id}"`));
});

// ---------------------------------------------------------- bulky pickup

const pickup = (date, extra = {}) => ({
  furniture: '2', mattresses: '1', where: 'Ερμού 5', where_settlement: 'nigrita', phone: '6912345678',
  date, notes: 'Στην είσοδο της πολυκατοικίας.', ...extra,
});

// The days a form offers in its day list: value and label.
function offered(html) {
  const list = html.match(/<select[^>]*\sname="date"[^>]*>([\s\S]*?)<\/select>/);
  assert.ok(list, 'the day is a list');
  return [...list[1].matchAll(/<option value="(\d{4}-\d\d-\d\d)"[^>]*>([^<]*)<\/option>/g)]
    .map((m) => ({ date: m[1], label: unescapeHtml(m[2]) }));
}

test('the pickup day is picked from the days with room in the settlement\'s zone, offered with their places', async () => {
  const { c } = await newUser('bulky-offered');
  // A new form knows no settlement yet: no day is offered, the hint says
  // to choose it first.
  let r = await c.get('/services/cleaning-bulky/new');
  assert.equal(r.status, 200);
  assert.deepEqual(offered(r.body), []);
  assert.match(r.body, /Διαλέξτε πρώτα τον οικισμό/);
  // Named by a link (the free days' page), the settlement is chosen and
  // its days are offered: exactly the days with room, each with the
  // places left.
  r = await c.get('/services/cleaning-bulky/new?where_settlement=dafni');
  assert.match(r.body, /<option value="dafni" selected/);
  const days = await freeDays('dafni');
  assert.ok(days.length >= 3);
  assert.deepEqual(offered(r.body).map((d) => d.date), days.map((d) => d.date));
  for (const [i, d] of offered(r.body).entries()) {
    assert.match(d.label, new RegExp(`^(Δευτέρα|Τρίτη|Τετάρτη|Πέμπτη|Παρασκευή) ${d.date.slice(8)}/${d.date.slice(5, 7)}/${d.date.slice(0, 4)} — ${days[i].places} (θέση|θέσεις)$`));
  }
  // In English, in English.
  r = await c.get('/services/cleaning-bulky/new?where_settlement=dafni&lang=en');
  assert.match(offered(r.body)[0]?.label ?? '', /^(Monday|Tuesday|Wednesday|Thursday|Friday) \d\d\/\d\d\/\d{4} — \d+ places?$/);
  await c.get('/services/cleaning-bulky/new?lang=el');
  // Another zone, other days: Nigrita's town has its own crew.
  const town = await freeDays('nigrita');
  r = await c.get('/services/cleaning-bulky/new?where_settlement=nigrita');
  assert.deepEqual(offered(r.body).map((d) => d.date), town.map((d) => d.date));
  // A settlement not on the list offers nothing and chooses nothing.
  r = await c.get('/services/cleaning-bulky/new?where_settlement=atlantis');
  assert.deepEqual(offered(r.body), []);
  assert.doesNotMatch(r.body, /<option value="[a-z-]+" selected/);

  // A closed day is never offered, a full one neither.
  const [closedDay, fullDay] = [days[0].date, days[1].date];
  const capPage = await head.get('/staff/cleaning/capacity');
  assert.equal((await head.post('/staff/cleaning/capacity/close', { date: closedDay, zone: 'achinos', reason: 'Απογραφή' }, capPage.body)).status, 303);
  const wasBooked = booked('achinos', fullDay);
  sql('INSERT INTO cleaning_days (zone, day, booked) VALUES (?, ?, 200) ON DUPLICATE KEY UPDATE booked = 200', 'achinos', fullDay);
  try {
    r = await c.get('/services/cleaning-bulky/new?where_settlement=dafni');
    const now = offered(r.body).map((d) => d.date);
    assert.ok(!now.includes(closedDay) && !now.includes(fullDay), JSON.stringify(now));
    assert.deepEqual(now, days.slice(2).map((d) => d.date));
    // Sent anyway (a forged form, or a page left open): refused on the
    // day with the department's reason and the days that have room.
    for (const [day, why] of [[closedDay, /δεν γίνεται αποκομιδή στον οικισμό σας/], [fullDay, /είναι πλήρης για τον οικισμό σας/]]) {
      r = await c.postMultipart('/services/cleaning-bulky/new', { action: 'preview', ...pickup(day, { where_settlement: 'dafni' }) },
        [], '/services/cleaning-bulky/new');
      assert.equal(r.status, 422);
      assert.match(fieldErrors(r.body).date, why);
      assert.match(fieldErrors(r.body).date, /Ελεύθερες ημέρες για τον οικισμό Δάφνη: /);
      assert.deepEqual(offered(r.body).map((d) => d.date), now);
    }
  } finally {
    const shown = await head.get('/staff/cleaning/capacity');
    assert.equal((await head.post('/staff/cleaning/capacity/reopen', { date: closedDay, zone: 'achinos' }, shown.body)).status, 303);
    sql('UPDATE cleaning_days SET booked = ? WHERE zone = ? AND day = ?', wasBooked, 'achinos', fullDay);
  }

  // Without script: the settlement chosen and the form sent without a
  // day; it comes back with that settlement's days to pick from, and
  // what was typed kept.
  r = await c.postMultipart('/services/cleaning-bulky/new', { action: 'preview', ...pickup('', { where_settlement: 'dafni' }) },
    [], '/services/cleaning-bulky/new');
  assert.equal(r.status, 422);
  assert.ok(fieldErrors(r.body).date);
  const list = offered(r.body);
  assert.deepEqual(list.map((d) => d.date), (await freeDays('dafni')).map((d) => d.date));
  const draft = Number(r.body.match(/\/services\/cleaning-bulky\/new\?draft=(\d+)/)[1]);
  // The saved draft shows the same list, the day once chosen kept.
  r = await c.postMultipart(`/services/cleaning-bulky/new?draft=${draft}`, { action: 'save', ...pickup(list[1].date, { where_settlement: 'dafni' }) },
    [], `/services/cleaning-bulky/new?draft=${draft}`);
  assert.equal(r.status, 303);
  r = await c.get(`/services/cleaning-bulky/new?draft=${draft}`);
  assert.deepEqual(offered(r.body).map((d) => d.date), list.map((d) => d.date));
  assert.equal(chosen(r.body, 'date'), list[1].date);
  // A weekend is never one of the days.
  const sunday = (() => { const d = new Date(`${list[0].date}T12:00:00Z`); d.setUTCDate(d.getUTCDate() + ((7 - d.getUTCDay()) % 7 || 7)); return d.toISOString().slice(0, 10); })();
  r = await c.postMultipart(`/services/cleaning-bulky/new?draft=${draft}`, { action: 'preview', ...pickup(sunday, { where_settlement: 'dafni' }) },
    [], `/services/cleaning-bulky/new?draft=${draft}`);
  assert.equal(r.status, 422);
  assert.match(fieldErrors(r.body).date, /Σαββατοκύριακα/);
  // Booked from the list: the place taken in that zone, the day shown as
  // a date on the request.
  const before = booked('achinos', list[1].date);
  r = await c.postMultipart(`/services/cleaning-bulky/new?draft=${draft}`, { action: 'preview', ...pickup(list[1].date, { where_settlement: 'dafni' }) },
    [], `/services/cleaning-bulky/new?draft=${draft}`);
  assert.equal(r.status, 303, JSON.stringify(fieldErrors(r.body)));
  assert.equal((await submit(c, draft)).status, 303);
  assert.equal(booked('achinos', list[1].date), before + 1);
  r = await c.get(`/requests/${draft}`);
  assert.ok(r.body.includes(`${list[1].date.slice(8)}/${list[1].date.slice(5, 7)}/${list[1].date.slice(0, 4)}`));
});

test('at the counter the pickup\'s days are offered from the form\'s first render once its settlement is known: named by a link, or saved in the draft', async () => {
  const form = await clerk.get('/staff/cleaning/counter');
  let r = await clerk.post('/staff/cleaning/counter', { service: 'cleaning-bulky', channel: 'phone',
    first_name: 'Ευάγγελος', last_name: 'Γκισεδάκης' }, form.body);
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  const step2 = r.location;
  assert.match(step2, /^\/staff\/cleaning\/counter\/\d+$/);
  // No settlement yet: no day, the hint says to choose it first.
  r = await clerk.get(step2);
  assert.equal(r.status, 200);
  assert.deepEqual(offered(r.body), []);
  assert.match(r.body, /Διαλέξτε πρώτα τον οικισμό/);
  // Named by a link (what choices.js asks when the settlement changes):
  // chosen, and its days offered on the first render.
  r = await clerk.get(`${step2}?where_settlement=dafni`);
  assert.equal(chosen(r.body, 'where_settlement'), 'dafni');
  assert.deepEqual(offered(r.body).map((d) => d.date), (await freeDays('dafni')).map((d) => d.date));
  assert.ok(offered(r.body).length >= 1);
  // Sent without a day: the draft keeps what was typed; the clerk coming
  // back to it (a GET) finds it all, and the days of its settlement.
  r = await clerk.postMultipart(step2, pickup('', { where_settlement: 'nigrita' }), [], r.body);
  assert.equal(r.status, 422);
  assert.ok(fieldErrors(r.body).date);
  r = await clerk.get(step2);
  assert.equal(r.status, 200);
  assert.equal(chosen(r.body, 'where_settlement'), 'nigrita');
  assert.equal(shown(r.body, 'where'), 'Ερμού 5');
  assert.equal(shown(r.body, 'furniture'), '2');
  const town = (await freeDays('nigrita')).map((d) => d.date);
  assert.deepEqual(offered(r.body).map((d) => d.date), town);
  // Booked from that list: registered, the place taken.
  const before = booked('nigrita', town[0]);
  r = await clerk.postMultipart(step2, pickup(town[0]), [], r.body);
  assert.equal(r.status, 303, JSON.stringify(fieldErrors(r.body)));
  assert.match(r.location, /^\/staff\/cleaning\/requests\/\d+\?registered=1$/);
  assert.equal(booked('nigrita', town[0]), before + 1);
});

test('at the counter a settlement named by a link to step one is carried to step two, whose first render offers its days', async () => {
  // A link names the service and the address's settlement (what the
  // citizen's /services/cleaning-bulky/new?where_settlement= takes).
  const form = await clerk.get('/staff/cleaning/counter?service=cleaning-bulky&where_settlement=dafni&other_settlement=atlantis&x=1');
  assert.equal(form.status, 200);
  assert.equal(chosen(form.body, 'service'), 'cleaning-bulky');
  // Step one's form posts to an address that keeps the known settlement
  // only (an unknown one, or any other parameter, is dropped).
  const action = unescapeHtml(form.body.match(/<form[^>]*\saction="(\/staff\/cleaning\/counter[^"]*)"/)[1]);
  assert.equal(action, '/staff/cleaning/counter?where_settlement=dafni');
  const r = await clerk.post(action, { service: 'cleaning-bulky', channel: 'counter',
    first_name: 'Ευτέρπη', last_name: 'Δαφνιώτη' }, form.body);
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  assert.match(r.location, /^\/staff\/cleaning\/counter\/\d+\?where_settlement=dafni$/);
  // Step two's first render: the settlement chosen, its days offered.
  const step2 = await clerk.get(r.location);
  assert.equal(step2.status, 200);
  assert.equal(chosen(step2.body, 'where_settlement'), 'dafni');
  const days = (await freeDays('dafni')).map((d) => d.date);
  assert.ok(days.length >= 1);
  assert.deepEqual(offered(step2.body).map((d) => d.date), days);
  // Without a link, step one hands nothing on: step two asks for the
  // settlement first, as before.
  const plain = await clerk.get('/staff/cleaning/counter');
  assert.equal(chosen(plain.body, 'service'), undefined);
  assert.match(plain.body, /action="\/staff\/cleaning\/counter"/);
  const r2 = await clerk.post('/staff/cleaning/counter', { service: 'cleaning-bulky', channel: 'counter',
    first_name: 'Ευτέρπη', last_name: 'Δαφνιώτη' }, plain.body);
  assert.match(r2.location, /^\/staff\/cleaning\/counter\/\d+$/);
  assert.deepEqual(offered((await clerk.get(r2.location)).body), []);
});

test('a bulky pickup is booked on a free day, shown on the crew\'s sheet, and done for the whole day at once', async () => {
  const days = await freeDays('nigrita');
  assert.ok(days.length >= 5, 'the town has room on the next working days');
  // Room for two: this pickup and another on the same day below.
  const day = days.find((d) => d.places >= 2).date;
  const before = booked('nigrita', day);
  const { c, addr } = await newUser('cleaning-bulky');
  const id = await apply(c, 'cleaning-bulky', pickup(day));
  assert.equal(booked('nigrita', day), before + 1);
  const [bday, zone, st] = sql('SELECT day, zone, status FROM cleaning_bookings WHERE request_id = ?', id)[0];
  assert.deepEqual([bday, zone, st], [day, 'nigrita', 'booked']);
  // The zone's crew has it; the citizen's receipt came.
  const crew = crewId('Συνεργείο Νιγρίτας Α');
  assert.equal(Number(sqlValue('SELECT crew_id FROM cleaning_assignments WHERE request_id = ?', id)), crew);
  await waitMail(addr, 2);

  // The queue narrowed to pickups has the day: shown, filtered, sorted.
  const shownDay = day.split('-').reverse().join('/');
  let q = await clerk.get('/staff/cleaning?service=cleaning-bulky');
  assert.match(q.body, /<th scope="col"><a href="\/staff\/cleaning\?[^"]*&amp;sort=date">Ημέρα<\/a><\/th>/);
  // Found by its number: the open pickups of earlier runs on the same
  // stack may fill the first page.
  const protocol = sqlValue("SELECT CONCAT(protocol_no, '/', protocol_year) FROM requests WHERE id = ?", id);
  q = await clerk.get(`/staff/cleaning?service=cleaning-bulky&q=${encodeURIComponent(protocol)}`);
  assert.ok(q.body.includes(`/staff/cleaning/requests/${id}"`));
  assert.ok(q.body.includes(shownDay), 'the day in its column');
  q = await clerk.get(`/staff/cleaning?service=cleaning-bulky&c.date.from=${day}&c.date.to=${day}`);
  assert.ok(q.body.includes(`/staff/cleaning/requests/${id}"`));
  const later = days.find((d) => d.date > day).date;
  q = await clerk.get(`/staff/cleaning?service=cleaning-bulky&c.date.from=${later}`);
  assert.ok(!q.body.includes(`/staff/cleaning/requests/${id}"`), 'another day filtered out');
  q = await clerk.get('/staff/cleaning?service=cleaning-bulky&sort=date');
  assert.match(q.body, /<th scope="col" aria-sort="ascending">/);
  const [head, ...rows] = [...q.body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[1]);
  const col = [...head.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].findIndex((m) => m[1].includes('Ημέρα'));
  const order = rows.map((r) => [...r.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)][col][1])
    .map((v) => v.split('/').reverse().join('-'));
  assert.ok(order.length >= 2 && order.every((d) => /^\d{4}-\d\d-\d\d$/.test(d)), JSON.stringify(order));
  assert.deepEqual(order, [...order].sort(), 'sorted by the day');
  // The clerk plans from the pickups' page and the day's sheet.
  const plan = await clerk.get('/staff/cleaning/pickups');
  assert.equal(plan.status, 200);
  assert.ok(plan.body.includes(`/staff/cleaning/days/${day}`));
  const sheet = await clerk.get(`/staff/cleaning/days/${day}?crew=${crew}`);
  assert.equal(sheet.status, 200);
  assert.match(sheet.body, /Ερμού 5/);
  assert.match(sheet.body, /2 × Έπιπλα, 1 × Στρώματα/);
  assert.match(sheet.body, /\+306912345678/);
  assert.match(sheet.body, /Στην είσοδο της πολυκατοικίας/);
  // Not yet: the day has not come.
  assert.ok(!sheet.body.includes(`name="pickup_${id}"`));
  const pdfr = await clerk.request(`/staff/cleaning/days/${day}/pdf?crew=${crew}`);
  assert.equal(pdfr.status, 200);
  assert.equal(pdfr.headers.get('content-type'), 'application/pdf');
  assert.match(pdfr.headers.get('content-disposition'), /attachment; filename="apokomides-/);

  // The day comes (the booking is moved to today): done, all at once.
  const now0 = today();
  sql('UPDATE cleaning_bookings SET day = ? WHERE request_id = ?', now0, id);
  const other = await apply(citizen, 'cleaning-bulky', pickup(day, { furniture: '1', mattresses: '' }));
  sql('UPDATE cleaning_bookings SET day = ? WHERE request_id = ?', now0, other);
  const now = await clerk.get(`/staff/cleaning/days/${now0}?crew=${crew}`);
  assert.ok(now.body.includes(`name="pickup_${id}"`), 'the day\'s pickups can be ticked');
  // One was not made: unticked, it stays open.
  const r = await clerk.post(`/staff/cleaning/days/${now0}/done?crew=${crew}`, { [`pickup_${id}`]: '1' }, now.body);
  assert.equal(r.status, 303);
  assert.match(r.location, /done=1$/);
  assert.equal(status(id), 'completed');
  assert.equal(sqlValue('SELECT status FROM cleaning_bookings WHERE request_id = ?', id), 'done');
  assert.equal(status(other), 'submitted');
  const box = await c.get('/mailbox');
  assert.match(box.body, /Απάντηση στην αίτηση/);
  // Marked done twice: nothing more happens.
  const again = await clerk.post(`/staff/cleaning/days/${now0}/done?crew=${crew}`, { [`pickup_${id}`]: '1' },
    `/staff/cleaning/days/${now0}?crew=${crew}`);
  assert.equal(again.status, 303);
  assert.match(again.location, /done=0$/);
});

test('fifty citizens race for a day with ten places: ten bookings, forty refusals that offer the next free days', async () => {
  // The race day: the last business day of Tragilos in the window. The
  // places it holds already (a run on the same stack that stopped before
  // giving its own back, below) are counted, and its weekday gets ten
  // more: the test uses up nothing, however often it runs on one stack.
  const { fields } = await capacityForm();
  const all = ['1', '2', '3', '4', '5'].map((wd) => fields[`cap_tragilos_${wd}`]);
  await setCapacity({ cap_tragilos_1: '200', cap_tragilos_2: '200', cap_tragilos_3: '200', cap_tragilos_4: '200', cap_tragilos_5: '200' });
  const days = await freeDays('aidonochori');
  assert.ok(days.length > 5, JSON.stringify(days));
  const day = days[days.length - 1].date;
  const base = booked('tragilos', day);
  const bookedRows = () => Number(sqlValue("SELECT COUNT(*) FROM cleaning_bookings WHERE day = ? AND zone = 'tragilos' AND status = 'booked'", day));
  const baseRows = bookedRows();
  assert.ok(base + 10 <= 200, `${day} holds ${base}`);
  await setCapacity({ [`cap_tragilos_${isoWeekday(day)}`]: String(base + 10) });
  assert.equal((await freeDays('aidonochori')).find((d) => d.date === day)?.places, 10);

  const users = [];
  for (let i = 0; i < 50; i += 10) {
    users.push(...await Promise.all(Array.from({ length: 10 }, () => newUser('race'))));
  }
  const drafts = [];
  for (const u of users) {
    drafts.push(await preview(u.c, 'cleaning-bulky', pickup(day, { where_settlement: 'aidonochori', where: 'Κεντρική 1' })));
  }
  // The year's counter as the race begins (numbers taken by requests
  // deleted since, by other tests, are above every request's).
  // (The municipality's year: the one submissions are numbered in.)
  const maxNo = Number(sqlValue('SELECT COALESCE(MAX(last_no), 0) FROM protocol_counters WHERE year = ?', Number(localDay().slice(0, 4))));
  // Everyone presses "submit" at the same moment.
  const pages = await Promise.all(users.map((u, i) => u.c.get(`/requests/${drafts[i]}/preview`)));
  const t0 = process.hrtime.bigint();
  const results = await Promise.all(users.map((u, i) => u.c.post(`/requests/${drafts[i]}/submit`, { csrf: csrfOf(pages[i].body) })));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const ok = results.filter((r) => r.status === 303);
  const refused = results.filter((r) => r.status === 422);
  console.log(`race: ${ok.length} booked, ${refused.length} refused, ${results.length - ok.length - refused.length} other, `
    + `all 50 answered in ${ms.toFixed(0)} ms`);
  assert.equal(ok.length, 10);
  assert.equal(refused.length, 40);
  for (const r of refused) {
    const msg = fieldErrors(r.body).date;
    assert.ok(msg, 'the refusal is on the day');
    assert.match(msg, /(πλήρης|μόλις γέμισε) για τον οικισμό σας\. Ελεύθερες ημέρες για τον οικισμό Αηδονοχώρι: /);
    // The days offered do have room.
    const offered = [...msg.split('Αηδονοχώρι: ')[1].matchAll(/(\d\d)\/(\d\d)\/(\d{4})/g)].map((m) => `${m[3]}-${m[2]}-${m[1]}`);
    assert.ok(offered.length >= 1 && !offered.includes(day), msg);
  }
  assert.equal(booked('tragilos', day), base + 10);
  assert.equal(bookedRows(), baseRows + 10);
  // Ten numbers, none used by a refusal: gapless.
  const numbered = sql(`SELECT protocol_no FROM requests WHERE id IN (${drafts.join(',')}) AND protocol_no IS NOT NULL ORDER BY protocol_no`)
    .map((r) => Number(r[0]));
  assert.deepEqual(numbered, Array.from({ length: 10 }, (_, i) => maxNo + 1 + i));
  assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM requests WHERE id IN (${drafts.join(',')}) AND status = 'draft'`)), 40);
  // The refused may pick another day: the first offered works.
  const msg = fieldErrors(refused[0].body).date;
  const [, dd, mm, yyyy] = msg.match(/Αηδονοχώρι: [^ ]+ (\d\d)\/(\d\d)\/(\d{4})/);
  const loser = users[results.indexOf(refused[0])];
  const id = drafts[results.indexOf(refused[0])];
  const redo = await loser.c.postMultipart(`/services/cleaning-bulky/new?draft=${id}`, {
    action: 'preview', ...pickup(`${yyyy}-${mm}-${dd}`, { where_settlement: 'aidonochori', where: 'Κεντρική 1' }),
  }, [], `/services/cleaning-bulky/new?draft=${id}`);
  assert.equal(redo.status, 303, JSON.stringify(fieldErrors(redo.body)));
  assert.equal((await submit(loser.c, id)).status, 303);
  await setCapacity(Object.fromEntries(all.map((v, i) => [`cap_tragilos_${i + 1}`, v])));
  // Every place booked here is given back, as its citizen would cancel it.
  const won = results.map((r, i) => (r.status === 303 ? i : -1)).filter((i) => i >= 0);
  for (const i of [...won, results.indexOf(refused[0])]) {
    const page = await users[i].c.get(`/requests/${drafts[i]}`);
    assert.equal((await users[i].c.post(`/requests/${drafts[i]}/withdraw`, {}, page.body)).status, 303);
  }
  assert.equal(booked('tragilos', day), base);
  assert.equal(bookedRows(), baseRows);
});

test('cancelling a pickup until the day before gives its place back; on the day it is refused with why', async () => {
  const day = (await freeDays('therma'))[1].date;
  const before = booked('nigrita-villages', day);
  const { c } = await newUser('cleaning-cancel');
  const id = await apply(c, 'cleaning-bulky', pickup(day, { where_settlement: 'therma' }));
  assert.equal(booked('nigrita-villages', day), before + 1);
  const reminder = sqlValue('SELECT reminder FROM cleaning_bookings WHERE request_id = ?', id);
  assert.ok(reminder);
  assert.equal(sqlValue('SELECT status FROM outbox WHERE id = ?', reminder), 'pending');
  const page = await c.get(`/requests/${id}`);
  const r = await c.post(`/requests/${id}/withdraw`, {}, page.body);
  assert.equal(r.status, 303);
  assert.equal(status(id), 'withdrawn');
  assert.equal(booked('nigrita-villages', day), before);
  assert.equal(sqlValue('SELECT status FROM cleaning_bookings WHERE request_id = ?', id), 'cancelled');
  // The reminder will not go; the history says what happened.
  assert.equal(sqlValue('SELECT status FROM outbox WHERE id = ?', reminder), 'cancelled');
  const after = await c.get(`/requests/${id}`);
  assert.match(after.body, /Ανάκληση από τον αιτούντα/);

  // Booked for today (moved there): too late, the page says why.
  const id2 = await apply(c, 'cleaning-bulky', pickup(day, { where_settlement: 'therma' }));
  sql('UPDATE cleaning_bookings SET day = ? WHERE request_id = ?', today(), id2);
  const page2 = await c.get(`/requests/${id2}`);
  const late = await c.post(`/requests/${id2}/withdraw`, {}, page2.body);
  assert.equal(late.status, 409);
  assert.match(unescapeHtml(late.body), /δεν ακυρώνεται πια· ακύρωση γίνεται έως και την προηγούμενη ημέρα/);
  assert.equal(status(id2), 'submitted');
  assert.equal(sqlValue('SELECT status FROM cleaning_bookings WHERE request_id = ?', id2), 'booked');
});

test('the reminder e-mail goes the day before, with the day, the address and the items', async () => {
  const days = await freeDays('dafni');
  const day = days[days.length - 1].date;
  const { c, addr } = await newUser('cleaning-remind');
  const id = await apply(c, 'cleaning-bulky', pickup(day, { where_settlement: 'dafni', where: 'Πλατανιά 7', branches: '4' }));
  const [reminder, sendAfter] = sql('SELECT b.reminder, o.send_after FROM cleaning_bookings b JOIN outbox o ON o.id = b.reminder WHERE b.request_id = ?', id)[0];
  // The day before at 18:00 local (Europe/Athens: UTC+2 or +3).
  const prev = new Date(`${day}T12:00:00Z`); prev.setUTCDate(prev.getUTCDate() - 1);
  assert.match(sendAfter, new RegExp(`^${prev.toISOString().slice(0, 10)} 1[56]:00:00`));
  await waitMail(addr, 2);	// confirmation of the account, the submission
  // Time passes: the reminder becomes due and the mailer sends it.
  sql('UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP(6) WHERE id = ?', reminder);
  const mail = await waitMail(addr, 3);
  assert.match(mail.subject, /Αύριο η αποκομιδή ογκωδών/);
  assert.ok(mail.body.includes('Πλατανιά 7'));
  assert.match(mail.body, /4 × Κλαδέματα/);
  assert.match(mail.body, new RegExp(`${day.slice(8)}/${day.slice(5, 7)}/${day.slice(0, 4)}`));
  assert.ok(mail.body.includes(`/requests/${id}`));
});

// ------------------------------------------------------------ the head

test('the head sets the capacity and closes a day; citizens are offered other days', async () => {
  const day = (await freeDays('achinos'))[0].date;
  const page = await head.get('/staff/cleaning/capacity');
  const r = await head.post('/staff/cleaning/capacity/close', { date: day, zone: 'achinos', reason: 'Βλάβη απορριμματοφόρου' }, page.body);
  assert.equal(r.status, 303);
  assert.ok(!(await freeDays('dafni')).some((d) => d.date === day));
  const refused = await citizen.postMultipart('/services/cleaning-bulky/new', { action: 'preview', ...pickup(day, { where_settlement: 'dafni' }) },
    [], '/services/cleaning-bulky/new');
  assert.equal(refused.status, 422);
  assert.match(fieldErrors(refused.body).date, /δεν γίνεται αποκομιδή στον οικισμό σας\. Ελεύθερες ημέρες για τον οικισμό Δάφνη: /);
  const shown = await head.get('/staff/cleaning/capacity');
  assert.match(shown.body, /Βλάβη απορριμματοφόρου/);
  const reopen = await head.post('/staff/cleaning/capacity/reopen', { date: day, zone: 'achinos' }, shown.body);
  assert.equal(reopen.status, 303);
  assert.ok((await freeDays('dafni')).some((d) => d.date === day));
  // A clerk may not change the capacity.
  const denied = await clerk.post('/staff/cleaning/capacity', { cap_nigrita_1: '99' }, '/staff/cleaning/pickups');
  assert.equal(denied.status, 403);
  const crews = await clerk.get('/staff/cleaning/crews');
  assert.equal(crews.status, 403);
  assert.equal((await clerk.get('/staff/cleaning/capacity')).status, 403);
  for (const path of ['/staff/cleaning/capacity/close', '/staff/cleaning/capacity/reopen', '/staff/cleaning/crews']) {
    const r2 = await clerk.post(path, { date: day, zone: 'achinos', name: 'Κανένα' }, '/staff/cleaning/pickups');
    assert.equal(r2.status, 403, path);
  }
  assert.ok(!sql('SELECT zone FROM cleaning_closed WHERE day = ?', day).length, 'nothing closed by the clerk');
  // The queue's tabs show the head's pages to the head only.
  assert.match((await head.get('/staff/cleaning')).body, /href="\/staff\/cleaning\/capacity"/);
  assert.ok(!(await clerk.get('/staff/cleaning')).body.includes('href="/staff/cleaning/capacity"'));
  assert.match((await clerk.get('/staff/cleaning')).body, /href="\/staff\/cleaning\/pickups"/);
});

test('a contractor\'s crew is named, renamed and retired by the head; nobody logs in as one', async () => {
  const page = await head.get('/staff/cleaning/crews');
  const name = `Ανάδοχος ${Date.now()}`;
  let r = await head.post('/staff/cleaning/crews', { name, contractor: 'Πράσινη Γη Α.Ε.', phone: '6977 000 111' }, page.body);
  assert.equal(r.status, 303);
  const id = crewId(name);
  assert.ok(id > 0);
  assert.equal(Number(sqlValue('SELECT COUNT(*) FROM accounts WHERE first_name = ? OR last_name = ?', name, name)), 0);
  r = await head.post('/staff/cleaning/crews', { name }, page.body);
  assert.equal(r.status, 422);
  assert.match(unescapeHtml(r.body), /Υπάρχει ήδη συνεργείο με αυτό το όνομα/);
  r = await head.post(`/staff/cleaning/crews/${id}/save`, { name: `${name} Β`, contractor: 'Πράσινη Γη Α.Ε.', phone: '', active: '' }, page.body);
  assert.equal(r.status, 303);
  assert.equal(sqlValue('SELECT active FROM cleaning_crews WHERE id = ?', id), '0');
  // Retired: not offered on a request's page.
  const ids = await apply(citizen, 'green-grass', { where: 'Οικόπεδο στην έξοδο', where_settlement: 'lygaria', kind: 'plot' });
  const req = await clerk.get(`/staff/cleaning/requests/${ids}`);
  assert.ok(!req.body.includes(`${name} Β`));
  const bad = await clerk.post(`/staff/cleaning/crew-assign/${ids}`, { crew: String(id) }, req.body);
  assert.equal(bad.status, 400);
});

// --------------------------------------------------------------- hostile

test('hostile input on every field of the department gets a message or a 4xx, never a 5xx, and keeps what was typed', async () => {
  const day = (await freeDays('nigrita'))[0].date;
  const cases = [
    [{ furniture: '-1' }, 'furniture'],
    [{ furniture: 'δύο' }, 'furniture'],
    [{ furniture: '99999999999999999999' }, 'furniture'],
    [{ furniture: '11' }, 'furniture'],
    [{ furniture: '0', mattresses: '0' }, 'furniture'],
    [{ branches: '20', furniture: '5' }, 'furniture'],
    [{ other: '1' }, 'other_what'],
    [{ other: '1', other_what: 'x'.repeat(201) }, 'other_what'],
    [{ other_what: 'μια\nπόρτα' }, 'other_what'],
    [{ where: '' }, 'where'],
    [{ where: 'α'.repeat(201) }, 'where'],
    [{ where_settlement: "nigrita' OR '1'='1" }, 'where'],
    [{ where_settlement: '../../etc/passwd' }, 'where'],
    [{ where_lat: '91', where_lon: '23.5' }, 'where'],
    [{ where_lat: 'NaN', where_lon: 'Infinity' }, 'where'],
    [{ phone: '' }, 'phone'],
    [{ phone: '<script>alert(1)</script>' }, 'phone'],
    [{ date: '' }, 'date'],
    [{ date: '2026-02-30' }, 'date'],
    [{ date: '1999-01-01' }, 'date'],
    [{ date: '2999-01-01' }, 'date'],
    [{ date: "2026-12-08'; DROP TABLE cleaning_days; --" }, 'date'],
    [{ notes: 'x'.repeat(1001) }, 'notes'],
  ];
  for (const [change, field] of cases) {
    const fields = { action: 'preview', ...pickup(day), ...change };
    const r = await citizen.postMultipart('/services/cleaning-bulky/new', fields, [], '/services/cleaning-bulky/new');
    assert.equal(r.status, 422, `${JSON.stringify(change)}: ${r.status}`);
    const errors = fieldErrors(r.body);
    assert.match(errors[field] ?? '', /[α-ωά-ώ]/i, `${JSON.stringify(change)}: a Greek message, ${JSON.stringify(errors)}`);
    // Everything typed is there to correct, the wrong value too (a
    // settlement or day not on its list cannot be chosen in the list, an
    // offered day comes back chosen; a right phone comes back in its
    // international form).
    for (const [name, value] of Object.entries(fields)) {
      if (name === 'action' || name === 'where_settlement') continue;
      if (name === 'date') {
        if (!('date' in change) && !('where_settlement' in change)) assert.equal(chosen(r.body, 'date'), value, `${JSON.stringify(change)}: date kept`);
        continue;
      }
      const want = name === 'phone' && !errors.phone ? `+30${value}` : value;
      assert.equal(shown(r.body, name), want, `${JSON.stringify(change)}: ${name} kept`);
    }
  }
  assert.equal(Number(sqlValue("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'cleaning_days'")), 1);
  const reports = [
    ['cleaning-bin', { request: 'explode', bin: 'general' }, 'request'],
    ['cleaning-bin', { request: 'new', bin: '<b>' }, 'bin'],
    ['cleaning-bin', { request: 'move', bin: 'general' }, 'details'],
    ['cleaning-dumping', { what: ['rubble', 'uranium'] }, 'what'],
    ['cleaning-dumping', { what: [] }, 'what'],
    ['cleaning-street', { problem: '' }, 'problem'],
    ['cleaning-animal', { animal: 'dragon' }, 'animal'],
    ['green-pruning', { trees: '0', details: 'x' }, 'trees'],
    ['green-pruning', { trees: '51', details: 'x' }, 'trees'],
    ['green-pruning', { trees: '3', details: '' }, 'details'],
    ['green-tree', { danger: 'leaning', phone: '123' }, 'phone'],
    ['green-planting', { trees: '2', details: 'Στην πλατεία', species: 'x'.repeat(101) }, 'species'],
    ['green-playground', { part: 'swing', details: 'y'.repeat(2001) }, 'details'],
    ['green-irrigation', { fault: 'flood' }, 'fault'],
    ['green-grass', { kind: 'moon' }, 'kind'],
  ];
  for (const [code, change, field] of reports) {
    const fields = { action: 'preview', where: 'Πλατεία 1', where_settlement: 'nigrita', ...change };
    const r = await citizen.postMultipart(`/services/${code}/new`, fields,
      [{ field: 'photos', name: 'x.jpg', type: 'image/jpeg', data: jpeg('h') }], `/services/${code}/new`);
    assert.equal(r.status, 422, `${code} ${JSON.stringify(change)}: ${r.status}`);
    assert.match(fieldErrors(r.body)[field] ?? '', /[α-ωά-ώ]/i, `${code} ${JSON.stringify(change)}: ${JSON.stringify(fieldErrors(r.body))}`);
    for (const [name, value] of Object.entries(fields)) {
      if (typeof value !== 'string' || name === 'action') continue;
      if (shown(r.body, name) === undefined) continue;	// a choice: checked by the core's tests
      assert.equal(shown(r.body, name), value, `${code} ${JSON.stringify(change)}: ${name} kept`);
    }
  }
  // A photo field takes photos only, decided by content; and at most 3.
  const notPhoto = await citizen.postMultipart('/services/cleaning-street/new', { action: 'preview', where: 'Πλατεία 1',
    where_settlement: 'nigrita', problem: 'litter' }, [{ field: 'photos', name: 'photo.jpg', type: 'image/jpeg', data: pdf('x') }],
  '/services/cleaning-street/new');
  assert.equal(notPhoto.status, 422);
  assert.ok(fieldErrors(notPhoto.body).photos);
  const many = await citizen.postMultipart('/services/cleaning-street/new', { action: 'preview', where: 'Πλατεία 1',
    where_settlement: 'nigrita', problem: 'litter' }, [1, 2, 3, 4].map((i) => ({ field: 'photos', name: `${i}.png`, type: 'image/png', data: png(8, 8, i) })),
  '/services/cleaning-street/new');
  assert.equal(many.status, 422);

  // The department's own pages.
  const capPage = await head.get('/staff/cleaning/capacity');
  const { fields } = await capacityForm();
  for (const v of ['-1', '201', '3.5', 'ten', '1e3', '<script>', '']) {
    const r = await head.post('/staff/cleaning/capacity', { ...fields, cap_nigrita_2: '4', cap_nigrita_1: v }, capPage.body);
    assert.equal(r.status, 422, `capacity ${v}`);
    // The message on the day that is wrong, and on it only; all kept.
    const errors = fieldErrors(r.body);
    assert.deepEqual(Object.keys(errors), ['cap_nigrita_1'], `capacity ${v}`);
    assert.equal(errors.cap_nigrita_1, 'Γράψτε αριθμό αποκομιδών από 0 έως 200.');
    assert.match(r.body, /<a href="#f-cap_nigrita_1">Νιγρίτα \(πόλη\), Δευτέρα: Γράψτε αριθμό/);
    assert.equal(shown(r.body, 'cap_nigrita_1'), v, `capacity ${v} kept`);
    assert.equal(shown(r.body, 'cap_nigrita_2'), '4', 'the other days kept');
  }
  for (const crew of ['999999', '-1', "1' OR '1'='1", 'x']) {
    const r = await head.post('/staff/cleaning/capacity', { ...fields, crew_nigrita: crew }, capPage.body);
    assert.equal(r.status, 422, `crew ${crew}`);
    assert.equal(fieldErrors(r.body).crew_nigrita, 'Διαλέξτε ενεργό συνεργείο από τη λίστα.');
  }
  for (const [date, zone, reason] of [['yesterday', '*', ''], ['2020-01-01', '*', ''], [day, '../x', ''], [day, '*', 'a\nb'], [day, '*', 'ρ'.repeat(201)]]) {
    const r = await head.post('/staff/cleaning/capacity/close', { date, zone, reason }, capPage.body);
    assert.equal(r.status, 422, `close ${date} ${zone}`);
  }
  assert.equal((await head.post('/staff/cleaning/capacity/reopen', { date: 'x', zone: '*' }, capPage.body)).status, 400);
  const crewsPage = await head.get('/staff/cleaning/crews');
  for (const [name, contractor, phone] of [['', '', ''], ['x'.repeat(101), '', ''], ['A\nB', '', ''], ['Καλό', 'c'.repeat(201), ''], ['Καλό', '', 'abc'], ['Καλό', '', '1'.repeat(30)],
    // 14 digits spaced out to 20 characters: more than the column holds
    // (it gave a 500), a message that says how to write it.
    ['Καλό', '', '69 77 00 01 11 22 33']]) {
    const r = await head.post('/staff/cleaning/crews', { name, contractor, phone }, crewsPage.body);
    assert.equal(r.status, 422, `crew ${name.slice(0, 10)} ${phone}`);
    if (phone.length === 20) assert.match(r.body, /class="error-message"[^>]*>.*έως 16 χαρακτήρες/);
  }
  assert.equal((await head.post('/staff/cleaning/crews/abc/save', { name: 'x' }, crewsPage.body)).status, 404);
  assert.equal((await head.post('/staff/cleaning/crews/99999999/save', { name: 'x' }, crewsPage.body)).status, 404);
  const qpage = await clerk.get('/staff/cleaning/pickups');
  for (const crew of ['', '0', '-5', 'abc', '1e5']) {
    const r = await clerk.post(`/staff/cleaning/crew-assign/1${crew === '' ? '' : ''}`, { crew }, qpage.body);
    assert.ok(r.status >= 400 && r.status < 500, `assign ${crew}: ${r.status}`);
  }
  assert.equal((await clerk.post('/staff/cleaning/crew-assign/abc', { crew: '1' }, qpage.body)).status, 404);
  for (const path of ['/staff/cleaning/days/2026-02-30', '/staff/cleaning/days/x', `/staff/cleaning/days/${day}?crew=abc`,
    `/staff/cleaning/days/${day}/pdf?crew=1%27`, '/cleaning/days?settlement=%3Cscript%3E', '/staff/cleaning/crews/0']) {
    const r = await clerk.get(path);
    assert.equal(r.status, 404, path);
  }
  const future = await clerk.post(`/staff/cleaning/days/${day}/done?crew=1`, { pickup_1: '1' }, qpage.body);
  assert.equal(future.status, 409);
  // A visitor and a citizen see none of the staff's pages.
  assert.equal((await citizen.get('/staff/cleaning/pickups')).status, 403);
  assert.equal((await new Client().get('/staff/cleaning/pickups')).status, 303);
  assert.equal((await citizen.post('/staff/cleaning/crew-assign/1', { crew: '1' }, '/requests')).status, 403);
});
