// The plugin guide's walkthrough, followed to the letter on a copy of the
// source tree: the commands of docs/plugin-guide.md marked
// "<!-- walkthrough:... -->" are run as they are written (the port and
// state folder aside), from copying plugins/_template to a new department
// "deya", building (no manual cmake), its unit test, a stack with it
// enabled, its staff, to a citizen's request that a clerk completes. Then
// the department's promise: two citizens taking a day's last place at the
// same moment cannot both have it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, execSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SOURCE = process.env.DIMOS_SOURCE_DIR;
const PORT = Number(process.env.DIMOS_WALK_PORT ?? (Number(process.env.DIMOS_PORT ?? 18080) + 10));
const WORK = mkdtempSync(join(tmpdir(), 'dimos-walkthrough-'));
chmodSync(WORK, 0o755);	// MariaDB and nginx run as their own users
const STATE = join(WORK, 'stack');
const CLERK_PASSWORD = 'Νερό και αποχέτευση 2026';
let lib;

// The environment of a developer at their checkout: nothing of the test
// stack ctest runs (its URL, state folder, prebuilt binaries).
function devEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const k of ['DIMOS_BUILD_DIR', 'DIMOS_SKIP_BUILD', 'DIMOS_URL', 'DIMOS_CONFIG', 'DIMOS_STATE_DIR',
    'DIMOS_PORT', 'DIMOS_PLUGINS']) if (!(k in extra)) delete env[k];
  return env;
}

function sh(script, extra = {}) {
  return execFileSync('bash', ['-euo', 'pipefail', '-c', script],
    { cwd: WORK, env: devEnv(extra), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

// The guide's block after <!-- walkthrough:name -->.
function block(name) {
  const guide = readFileSync(join(WORK, 'docs/plugin-guide.md'), 'utf8');
  const m = guide.match(new RegExp(`<!-- walkthrough:${name} -->\\n\`\`\`sh\\n([\\s\\S]*?)\`\`\``));
  assert.ok(m, `the guide has no walkthrough:${name} block`);
  return m[1];
}

// Greek public holidays (fixed, and moving with Orthodox Easter), as the
// core's calendar has them; the walkthrough picks a working day with it.
function orthodoxEaster(y) {
  const a = y % 4, b = y % 7, c = y % 19, d = (19 * c + 15) % 30, e = (2 * a + 4 * b - d + 34) % 7;
  const month = Math.floor((d + e + 114) / 31), day = ((d + e + 114) % 31) + 1;
  return new Date(Date.UTC(y, month - 1, day + 13));	/* Julian to Gregorian */
}

function isHoliday(t) {
  const y = t.getUTCFullYear(), md = `${t.getUTCMonth() + 1}-${t.getUTCDate()}`;
  if (['1-1', '1-6', '3-25', '5-1', '8-15', '10-28', '12-25', '12-26'].includes(md)) return true;
  const easter = orthodoxEaster(y).getTime(), day = 86400000;
  return [-48, -2, 1, 50].some((k) => t.getTime() === easter + k * day);
}

const iso = (t) => t.toISOString().slice(0, 10);

// The k-th working day from tomorrow (Athens' date is what counts).
function workingDay(k) {
  const athens = new Date(new Date().toLocaleString('en-US', { timeZone: 'Europe/Athens' }));
  let t = new Date(Date.UTC(athens.getFullYear(), athens.getMonth(), athens.getDate()));
  for (let n = 0; n < k;) {
    t = new Date(t.getTime() + 86400000);
    if (t.getUTCDay() !== 0 && t.getUTCDay() !== 6 && !isHoliday(t)) n++;
  }
  return iso(t);
}

before(async () => {
  // A copy of the checkout as it stands (tracked and new files).
  execSync(`git -C "${SOURCE}" ls-files -z --cached --others --exclude-standard | `
    + `(cd "${SOURCE}" && tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -C "${WORK}" -xf -`, { stdio: 'pipe', shell: '/bin/bash' });
  // The developer's build folder, configured before the new department
  // exists: the guide's build must pick it up without running cmake.
  sh('cmake -S . -B build -DCMAKE_BUILD_TYPE=Debug -DDIMOS_TESTS=ON >/dev/null');
});

after(() => {
  try { sh('packaging/run-local --stop', { DIMOS_STATE_DIR: STATE, DIMOS_PORT: String(PORT) }); } catch { /* not started */ }
  rmSync(WORK, { recursive: true, force: true });
});

test('the guide: copy, build, test, enable, staff, a request completed', { timeout: 1500000 }, async () => {
  // 1. Copy the template and rename it.
  sh(block('copy'));
  assert.ok(existsSync(join(WORK, 'plugins/deya/deya.c')));
  assert.equal(sh('grep -rl newdept plugins/deya || true').trim(), '');
  // ... and make it the developer's: the department's names.
  sh(`sed -i 's/"Νέο τμήμα"/"Ύδρευση"/; s/"New department"/"Water supply"/' plugins/deya/deya.c`);

  // 2. Build: the new folder is found without running cmake again.
  sh(block('build'));
  assert.ok(existsSync(join(WORK, 'build/plugins/deya.so')), 'deya.so was built');

  // 3. A local stack with the department enabled.
  const stackCmd = block('stack').replace(/DIMOS_PORT=\d+/, `DIMOS_PORT=${PORT}`);
  assert.notEqual(stackCmd, block('stack'), 'the guide names a port');
  sh(stackCmd, { DIMOS_STATE_DIR: STATE, DIMOS_WORKERS: '2' });

  // Its unit test, as ctest runs it, against the stack's MariaDB.
  sh('build/plugins/deya/test_deya', {
    DIMOS_CONFIG: join(STATE, 'dimos.ini'), DIMOS_PLUGIN_SCHEMA: join(WORK, 'plugins/deya/schema'),
  });

  // 4. The department's clerk; an unknown department is refused.
  writeFileSync(join(WORK, 'clerk.pw'), CLERK_PASSWORD + '\n');
  const made = sh(block('staff'), { DIMOS_STATE_DIR: STATE });
  assert.match(made, /clerk\.deya@example\.org: account created/);
  assert.throws(() => sh(block('staff').replace('--department deya', '--department deyaa')
    .replace('clerk.deya@', 'clerk.other@'), { DIMOS_STATE_DIR: STATE }),
  (e) => /no department 'deyaa'/.test(e.stderr));

  // The citizen and the clerk, through the site.
  Object.assign(process.env, {
    DIMOS_URL: `http://127.0.0.1:${PORT}`, DIMOS_STATE_DIR: STATE,
    DIMOS_CONFIG: join(STATE, 'dimos.ini'), DIMOS_SOURCE_DIR: WORK,
  });
  lib = {
    ...(await import('../e2e/lib/users.mjs')), ...(await import('../e2e/lib/client.mjs')),
    ...(await import('../e2e/lib/stack.mjs')), ...(await import('../e2e/lib/db.mjs')),
    ...(await import('../e2e/lib/dates.mjs')),
  };
  const home = await lib.get('/');
  assert.equal(home.status, 200);
  assert.ok(home.body.includes('Ύδρευση'), 'the catalogue lists the new department');

  // 5. A citizen asks for a visit on a working day.
  const day = workingDay(3);
  const { c } = await lib.newUser('walk');
  const form = await c.get('/services/deya-visit/new');
  assert.equal(form.status, 200);
  // A weekend day is refused by the plugin's validate, input kept.
  let saturday = new Date(`${workingDay(1)}T00:00:00Z`);
  while (saturday.getUTCDay() !== 6) saturday = new Date(saturday.getTime() + 86400000);
  let r = await c.postMultipart('/services/deya-visit/new', {
    day: iso(saturday), kind: 'information', reason: 'Σύνδεση νέου ακινήτου με το δίκτυο', action: 'preview',
  }, [], form.body);
  assert.equal(r.status, 422, r.body.slice(0, 500));
  assert.match(lib.fieldErrors(r.body).day, /εργάσιμη ημέρα/);
  assert.ok(r.body.includes('Σύνδεση νέου ακινήτου με το δίκτυο'));
  // Its documents field takes PDFs only: a photo is turned away by the
  // core, with the field and the types named, and nothing is stored.
  const { png } = await import('../e2e/lib/files.mjs');
  r = await c.postMultipart('/services/deya-visit/new', {
    day, kind: 'documents', reason: 'Σύνδεση νέου ακινήτου με το δίκτυο', action: 'preview',
  }, [{ field: 'document', name: 'σελίδα.png', type: 'application/pdf', data: png(16, 16, 3) }], form.body);
  assert.equal(r.status, 422, r.body.slice(0, 500));
  assert.equal(lib.fieldErrors(r.body).document,
    'Το πεδίο «Έγγραφα» δέχεται μόνο αρχεία PDF· το «σελίδα.png» δεν είναι');
  assert.match(r.body, /accept="\.pdf,application\/pdf"/);
  r = await c.postMultipart('/services/deya-visit/new', {
    day, kind: 'information', reason: 'Σύνδεση νέου ακινήτου με το δίκτυο', action: 'preview',
  }, [], form.body);
  assert.equal(r.status, 303, r.body.slice(0, 1000));
  const id = Number(r.location.match(/^\/requests\/(\d+)\/preview$/)[1]);
  r = await c.post(`/requests/${id}/submit`, {}, `/requests/${id}/preview`);
  assert.equal(r.status, 303);
  const protocol = lib.sqlValue("SELECT CONCAT(protocol_no, '/', protocol_year) FROM requests WHERE id = ?", id);
  assert.match(protocol, /^\d+\/20\d\d$/);
  assert.equal(lib.sqlValue('SELECT booked FROM deya_days WHERE day = ?', day), '1');

  // The clerk plans the day from the queue: the day column, a filter.
  const clerk = await lib.loginAs('clerk.deya@example.org', CLERK_PASSWORD);
  let q = await clerk.get('/staff/deya');
  assert.equal(q.status, 200);
  // Its header sorts by it (the plugin declared it sortable).
  assert.match(q.body, /<th scope="col"><a href="\/staff\/deya\?[^"]*&amp;sort=day">Ημέρα<\/a><\/th>/);
  const sorted = await clerk.get('/staff/deya?sort=-day');
  assert.match(sorted.body, /<th scope="col" aria-sort="descending"><a href="[^"]*&amp;sort=day">Ημέρα/);
  assert.ok(sorted.body.includes(`/staff/deya/requests/${id}`));
  assert.ok(q.body.includes(`/staff/deya/requests/${id}`));
  const shown = day.split('-').reverse().join('/');
  assert.ok(q.body.includes(shown), 'the day is shown in its column');
  q = await clerk.get(`/staff/deya?c.day.from=${day}&c.day.to=${day}`);
  assert.ok(q.body.includes(`/staff/deya/requests/${id}`));
  q = await clerk.get(`/staff/deya?c.day.from=${workingDay(10)}`);
  assert.ok(!q.body.includes(`/staff/deya/requests/${id}`), 'filtered out');
  // The plugin's own page: the day's visits.
  const visits = await clerk.get(`/staff/deya/day/${day}`);
  assert.equal(visits.status, 200);
  assert.ok(visits.body.includes(protocol));

  // ... takes it and completes it with an answer.
  r = await clerk.postMultipart(`/staff/deya/requests/${id}/start`, {}, [], `/staff/deya/requests/${id}`);
  assert.equal(r.status, 303, r.body.slice(0, 1000));
  r = await clerk.postMultipart(`/staff/deya/requests/${id}/complete`,
    { text: 'Σας περιμένουμε στις 10:00 στο γραφείο 3.' }, [], `/staff/deya/requests/${id}`);
  assert.equal(r.status, 303, r.body.slice(0, 1000));
  assert.equal(lib.sqlValue('SELECT status FROM requests WHERE id = ?', id), 'completed');
  const box = await c.get('/mailbox');
  assert.equal(box.status, 200);
  const item = lib.sqlValue('SELECT id FROM mailbox_items WHERE request_id = ? ORDER BY id DESC LIMIT 1', id);
  const letter = await c.get(`/mailbox/${item}`);
  assert.ok(letter.body.includes('Σας περιμένουμε στις 10:00 στο γραφείο 3.'));
});

test('the last place of a day goes to one citizen only', { timeout: 300000 }, async () => {
  // One visit a day, then two citizens at the same moment.
  const restore = lib.editConfig((t) => `${t}\n[plugin.deya]\nvisits_per_day = 1\n`);
  try {
    await lib.reload();
    const day = workingDay(7);
    const people = await Promise.all([lib.newUser('race1'), lib.newUser('race2')]);
    const drafts = [];
    for (const { c } of people) {
      const page = await c.get('/services/deya-visit/new');
      const r = await c.postMultipart('/services/deya-visit/new', {
        day, kind: 'information', reason: 'Αλλαγή ιδιοκτήτη στο ρολόι νερού', action: 'preview',
      }, [], page.body);
      assert.equal(r.status, 303, r.body.slice(0, 500));
      const id = Number(r.location.match(/^\/requests\/(\d+)\/preview$/)[1]);
      drafts.push({ c, id, page: (await c.get(`/requests/${id}/preview`)).body });
    }
    const results = await Promise.all(drafts.map(({ c, id, page }) => c.post(`/requests/${id}/submit`, {}, page)));
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [303, 422], results.map((r) => r.body.slice(0, 300)).join('\n'));
    const refused = results.find((r) => r.status === 422);
    assert.match(lib.fieldErrors(refused.body).day, /πλήρης/);
    assert.equal(lib.sqlValue('SELECT booked FROM deya_days WHERE day = ?', day), '1');
    // The refused one used no number and is still a draft.
    const lost = drafts[results.indexOf(refused)].id;
    assert.equal(lib.sqlValue('SELECT status FROM requests WHERE id = ?', lost), 'draft');
    assert.equal(lib.sqlValue('SELECT protocol_no FROM requests WHERE id = ?', lost), null);
    // The numbers are of the municipality's year (not UTC's, which is
    // still the old one in Athens' first hours of January).
    const numbers = lib.sql('SELECT protocol_no FROM requests WHERE protocol_year = ? '
      + 'AND protocol_no IS NOT NULL ORDER BY protocol_no', Number(lib.localDay().slice(0, 4))).map((row) => Number(row[0]));
    numbers.forEach((n, i) => assert.equal(n, i + 1, 'protocol numbers stay gapless'));
    // The one who has it withdraws: on_transition gives the place back,
    // in the transaction of the withdrawal.
    const won = drafts[results.findIndex((r) => r.status === 303)];
    const page = await won.c.get(`/requests/${won.id}`);
    const w = await won.c.post(`/requests/${won.id}/withdraw`, {}, page.body);
    assert.equal(w.status, 303, w.body.slice(0, 300));
    assert.equal(lib.sqlValue('SELECT status FROM requests WHERE id = ?', won.id), 'withdrawn');
    assert.equal(lib.sqlValue('SELECT booked FROM deya_days WHERE day = ?', day), '0');
    assert.equal(lib.sqlValue('SELECT COUNT(*) FROM deya_bookings WHERE request_id = ?', won.id), '0');
  } finally {
    restore();
    await lib.reload();
  }
});

test('the administrator turns the service off and renames the department', { timeout: 120000 }, async () => {
  const before = lib.sqlValue("SELECT id FROM requests WHERE service = 'deya-visit' AND status <> 'draft' "
    + 'ORDER BY id LIMIT 1');
  const restore = lib.editConfig((t) => `${t}\n[service.deya-visit]\nenabled = no\n`
    + '\n[department.deya]\nname_el = Ύδρευση και Αποχέτευση\ncontact_phone = +30 23220 11111\n');
  try {
    await lib.reload();
    const home = await lib.get('/');
    assert.ok(home.body.includes('Ύδρευση και Αποχέτευση'));
    assert.ok(!home.body.includes('/services/deya-visit'), 'not in the catalogue');
    assert.equal((await lib.get('/services/deya-visit')).status, 404);
    const { c } = await lib.newUser('off');
    assert.equal((await c.get('/services/deya-visit/new')).status, 404);
    // What was asked before stays with the department.
    const clerk = await lib.loginAs('clerk.deya@example.org', CLERK_PASSWORD);
    const r = await clerk.get(`/staff/deya/requests/${before}`);
    assert.equal(r.status, 200);
    assert.ok(r.body.includes('Ύδρευση και Αποχέτευση'));
  } finally {
    restore();
    await lib.reload();
  }
  assert.equal((await lib.get('/services/deya-visit')).status, 200);
});
