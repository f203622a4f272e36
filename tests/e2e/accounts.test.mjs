// Accounts end to end: registration with e-mail confirmation, login and
// its throttling, sessions, CSRF, password reset, profile changes, export,
// closing an account, roles — including the hostile cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Client, csrfOf, fieldErrors, inputValue } from './lib/client.mjs';
import { waitMail, linkIn, mailsTo } from './lib/mail.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { CONFIG } from './lib/stack.mjs';
import { localDay } from './lib/dates.mjs';
import { PASSWORD, person, register, newUser, loginAs } from './lib/users.mjs';

const RUN = Date.now().toString(36);
let seq = 0;
const email = (tag) => `${tag}.${RUN}.${++seq}@example.org`;

test('registration: every field is checked in Greek and the input is kept', async () => {
  const c = new Client();
  const r = await register(c, person('not-an-email', {
    first_name: 'Ελένη', last_name: '', father_name: 'Γ'.repeat(150), mobile: '2101234567', afm: '123456789',
    password: 'short', password2: 'other', terms: undefined,
  }));
  assert.equal(r.status, 422);
  const errors = fieldErrors(r.body);
  assert.match(errors.last_name, /Συμπληρώστε το πεδίο «Επώνυμο»/);
  assert.match(errors.father_name, /έως 100 χαρακτήρες/);
  assert.match(errors.email, /Γράψτε μια διεύθυνση email/);
  assert.match(errors.mobile, /κινητό/);
  assert.match(errors.afm, /ΑΦΜ πρέπει να έχει 9 ψηφία/);
  assert.match(errors.password, /τουλάχιστον 10 χαρακτήρες/);
  assert.match(errors.terms, /Επιβεβαιώστε/);
  assert.match(r.body, /<div class="error-summary" role="alert"/);
  assert.match(r.body, /<title>Σφάλμα: /);
  // What the citizen typed is still there (but never the passwords).
  assert.equal(inputValue(r.body, 'first_name'), 'Ελένη');
  assert.equal(inputValue(r.body, 'email'), 'not-an-email');
  assert.equal(inputValue(r.body, 'afm'), '123456789');
  assert.equal(inputValue(r.body, 'password'), null);
  // English too.
  const en = new Client({ 'accept-language': 'en' });
  const e = await en.post('/register', person('x'), '/register?kind=person');
  assert.match(fieldErrors(e.body).email, /Enter an email address/);
});

test('registration, confirmation by the mailed link, login', async () => {
  const { c, addr } = await newUser('flow');
  const account = await c.get('/account');
  assert.equal(account.status, 200);
  assert.match(account.body, /<p class="lead">Ελένη Δοκιμή<\/p>/);
  assert.match(account.body, new RegExp(addr.replace(/[.]/g, '\\.')));
  assert.match(account.body, /Επίπεδο Α/);
  const mail = mailsTo(addr)[0];
  assert.match(mail.subject, /^Επιβεβαίωση email – Δήμος Βισαλτίας$/);
  assert.match(mail.body, /Γεια σας Ελένη Δοκιμή,/);
  // The confirmation link works once.
  const token = new URL(linkIn(mail, '/register/confirm?token=')).searchParams.get('token');
  const again = await new Client().get('/register/confirm?token=' + token);
  assert.equal(again.status, 404);
  assert.match(again.body, /Ο σύνδεσμος δεν ισχύει/);
  assert.equal(sqlValue('SELECT status FROM accounts WHERE email = ?', addr), 'active');
  assert.ok(Number(sqlValue("SELECT COUNT(*) FROM audit_log a JOIN accounts u ON u.id = a.account_id WHERE u.email = ? AND a.event IN ('email_verified', 'login')", addr)) >= 2);
});

test('an e-mail that already has an account: same answer, and its owner is told', async () => {
  const { addr } = await newUser('taken');
  const c = new Client();
  const r = await register(c, person(addr, { first_name: 'Άλλος' }));
  assert.equal(r.status, 200);
  assert.match(r.body, /Ελέγξτε το email σας/);
  const warn = await waitMail(addr, 2);
  assert.match(warn.subject, /Απόπειρα εγγραφής/);
  assert.equal(sqlValue('SELECT COUNT(*) FROM accounts WHERE email = ?', addr), '1');
});

test('businesses need a valid AFM, and one account per AFM', async () => {
  const c = new Client();
  const afm = '080000129';
  const biz = (addr, extra = {}) => ({
    kind: 'business', company_name: 'Ξυλουργείο Α.Ε.', afm, legal_rep: 'Παύλος Ξύλας', email: addr,
    password: PASSWORD, password2: PASSWORD, terms: '1', ...extra,
  });
  sql('DELETE FROM accounts WHERE kind = ? AND afm = ?', 'business', afm);
  let r = await register(c, biz(email('biz'), { afm: '' }));
  assert.equal(r.status, 422);
  assert.match(fieldErrors(r.body).afm, /^Γράψτε τον ΑΦΜ: 9 ψηφία/);
  r = await register(c, biz(email('biz'), { afm: '080 000 129' }));
  assert.equal(r.status, 200);
  // A second account for the AFM is not made; what the visitor sees is
  // in abuse.test.mjs (item 11).
  r = await register(c, biz(email('biz2')));
  assert.equal(r.status, 200);
  assert.equal(sqlValue('SELECT COUNT(*) FROM accounts WHERE kind = ? AND afm = ?', 'business', afm), '1');
});

test('login: wrong password and unknown e-mail get the same answer in the same time', async () => {
  const { addr } = await newUser('enum');
  const c = new Client();
  const time = async (e) => {
    const t0 = performance.now();
    const r = await c.post('/login', { email: e, password: 'wrong password here' });
    return { r, ms: performance.now() - t0 };
  };
  const known = [], unknown = [];
  for (let i = 0; i < 3; i++) {
    known.push(await time(addr));
    unknown.push(await time(email('nobody')));
  }
  for (const x of [...known, ...unknown]) {
    assert.equal(x.r.status, 422);
    assert.match(fieldErrors(x.r.body).password, /^Το email ή ο κωδικός δεν είναι σωστά\.$/);
  }
  const avg = (a) => a.reduce((s, x) => s + x.ms, 0) / a.length;
  // Both pay for an argon2id verification.
  assert.ok(avg(unknown) > avg(known) * 0.5, `unknown ${avg(unknown)} ms vs known ${avg(known)} ms`);
  sql("DELETE FROM login_throttle WHERE subject LIKE 'e:%'");
});

test('throttling per e-mail and per client address', async () => {
  const { addr } = await newUser('throttle');
  const c = new Client();
  for (let i = 0; i < 5; i++) {
    assert.equal((await c.post('/login', { email: addr, password: 'nope nope nope' })).status, 422);
  }
  // Locked now, even with the right password; the message is in Greek.
  let r = await c.post('/login', { email: addr, password: PASSWORD });
  assert.equal(r.status, 429);
  assert.match(fieldErrors(r.body).email, /Πάρα πολλές αποτυχημένες προσπάθειες\. .* σε 15 λεπτά/);
  // The same lock for an address that has no account: no enumeration.
  const ghost = email('ghost');
  for (let i = 0; i < 5; i++) await c.post('/login', { email: ghost, password: 'nope nope nope' });
  r = await c.post('/login', { email: ghost, password: 'nope nope nope' });
  assert.equal(r.status, 429);
  sql("DELETE FROM login_throttle WHERE subject LIKE 'e:%'");

  // Per client address: many e-mails from one place.
  sql("DELETE FROM login_throttle WHERE subject LIKE 'i:%'");
  for (let i = 0; i < 30; i++) await c.post('/login', { email: email('spray'), password: 'x' });
  r = await c.post('/login', { email: addr, password: PASSWORD });
  assert.equal(r.status, 429);
  sql("DELETE FROM login_throttle WHERE subject LIKE 'i:%' OR subject LIKE 'e:%'");
  r = await c.post('/login', { email: addr, password: PASSWORD });
  assert.equal(r.status, 303);
});

test('CSRF: a missing or wrong token gets 403 and changes nothing', async () => {
  const { c, addr } = await newUser('csrf');
  const before = sqlValue('SELECT mobile FROM accounts WHERE email = ?', addr);
  const fields = { first_name: 'Χάκερ', last_name: 'Χ', father_name: 'Χ', mobile: '6999999999', lang: 'el' };
  let r = await c.post('/account/details', { ...fields, csrf: undefined });
  assert.equal(r.status, 403);
  assert.match(r.body, /Η φόρμα έληξε/);
  r = await c.post('/account/details', { ...fields, csrf: 'A'.repeat(43) });
  assert.equal(r.status, 403);
  // A token from another session is just as wrong.
  const other = await newUser('csrf-other');
  const stolen = csrfOf((await other.c.get('/account/details')).body);
  r = await c.post('/account/details', { ...fields, csrf: stolen });
  assert.equal(r.status, 403);
  assert.equal(sqlValue('SELECT mobile FROM accounts WHERE email = ?', addr), before);
  // Anonymous forms too: a login without the signed cookie's token.
  const anon = new Client();
  r = await anon.post('/login', { email: addr, password: PASSWORD, csrf: 'forged' });
  assert.equal(r.status, 403);
  assert.equal(anon.cookies.has('dm_sid'), false);
  // And the right token works.
  r = await c.post('/account/details', fields, '/account/details');
  assert.equal(r.status, 303);
  assert.equal(sqlValue('SELECT mobile FROM accounts WHERE email = ?', addr), '+306999999999');
});

test('sessions: cookie flags, rotation at login, fixation, expiry, ending them', async () => {
  const { c, addr } = await newUser('sess');
  // Log in again from a client that carries a planted session id.
  const planted = 'A'.repeat(43);
  const victim = new Client();
  victim.cookies.set('dm_sid', planted);
  const form = await victim.get('/login');
  const res = await fetch(`${process.env.DIMOS_URL}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: victim.cookieHeader() },
    body: new URLSearchParams({ csrf: csrfOf(form.body), email: addr, password: PASSWORD }).toString(),
  });
  const set = res.headers.getSetCookie().find((s) => s.startsWith('dm_sid='));
  assert.match(set, /^dm_sid=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; SameSite=Lax; HttpOnly$/);
  assert.notEqual(set.split(';')[0], `dm_sid=${planted}`);
  // Each login gets a new id; the old one stops working.
  const first = c.cookies.get('dm_sid');
  await c.post('/login', { email: addr, password: PASSWORD }, '/account');
  const second = c.cookies.get('dm_sid');
  assert.notEqual(first, second);
  const stale = new Client();
  stale.cookies.set('dm_sid', first);
  assert.equal((await stale.get('/account')).status, 303);

  // Idle expiry: half an hour without a request.
  const idle = await newUser('idle');
  sql("UPDATE sessions s JOIN accounts a ON a.id = s.account_id SET s.last_seen = UTC_TIMESTAMP(6) - INTERVAL 31 MINUTE WHERE a.email = ?", idle.addr);
  let r = await idle.c.get('/account');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/login?next=/account');
  // Absolute expiry, however active.
  const abs = await newUser('absolute');
  sql("UPDATE sessions s JOIN accounts a ON a.id = s.account_id SET s.expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE a.email = ?", abs.addr);
  assert.equal((await abs.c.get('/account')).status, 303);

  // Two devices; one ends the other; another user's reference ends nothing.
  const laptop = new Client();
  await laptop.post('/login', { email: addr, password: PASSWORD });
  const page = await c.get('/account/sessions');
  const refs = [...page.body.matchAll(/name="ref" value="([0-9a-f]{16})"/g)].map((m) => m[1]);
  assert.ok(refs.length >= 1);
  // Their times are the municipality's (stored in UTC): today's local
  // date, as people write it, and no UTC timestamp.
  const [y, mo, d] = localDay().split('-');
  assert.ok(page.body.includes(`${d}/${mo}/${y} `), 'the sessions began today, local time');
  assert.doesNotMatch(page.body, /\d{4}-\d\d-\d\d \d\d:\d\d/);
  const intruder = await newUser('intruder');
  r = await intruder.c.post('/account/sessions/end', { ref: refs[0] }, '/account/sessions');
  assert.equal(r.status, 404);
  assert.equal((await laptop.get('/account')).status, 200);
  r = await c.post('/account/sessions/end-others', {}, '/account/sessions');
  assert.equal(r.status, 303);
  assert.equal((await laptop.get('/account')).status, 303);
  assert.equal((await c.get('/account')).status, 200);

  // Logout.
  r = await c.post('/logout', {}, '/account');
  assert.equal(r.status, 303);
  assert.equal((await c.get('/account')).status, 303);
});

test('password reset by a single-use, expiring link', async () => {
  const { c, addr } = await newUser('reset');
  const anon = new Client();
  let r = await anon.post('/login/reset', { email: addr });
  assert.match(r.body, /Αν υπάρχει λογαριασμός/);
  // The same answer for an address without an account, and no mail.
  const ghost = email('reset-ghost');
  r = await anon.post('/login/reset', { email: ghost });
  assert.match(r.body, /Αν υπάρχει λογαριασμός/);
  const mail = await waitMail(addr, 2);
  assert.match(mail.subject, /Επαναφορά κωδικού/);
  const token = new URL(linkIn(mail, '/login/reset/confirm?token=')).searchParams.get('token');
  const page = await anon.get('/login/reset/confirm?token=' + token);
  assert.equal(page.status, 200);
  const newpw = 'άλλος νέος κωδικός 99';
  r = await anon.post('/login/reset/confirm', { token, password: newpw, password2: newpw }, page.body);
  assert.equal(r.status, 200);
  assert.match(r.body, /Ο κωδικός σας άλλαξε/);
  // Replayed: refused, nothing changes.
  r = await anon.post('/login/reset/confirm', { token, password: 'third password 333', password2: 'third password 333' }, page.body);
  assert.equal(r.status, 404);
  // The old session is gone, the old password too; the new one works.
  assert.equal((await c.get('/account')).status, 303);
  assert.equal((await new Client().post('/login', { email: addr, password: PASSWORD })).status, 422);
  assert.equal((await new Client().post('/login', { email: addr, password: newpw })).status, 303);
  assert.equal(mailsTo(ghost).length, 0);
  // An expired link.
  await anon.post('/login/reset', { email: addr });
  const m2 = await waitMail(addr, 4);
  const t2 = new URL(linkIn(m2, '/login/reset/confirm?token=')).searchParams.get('token');
  sql('UPDATE account_tokens SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE purpose = ? AND used_at IS NULL', 'reset_password');
  assert.equal((await anon.get('/login/reset/confirm?token=' + t2)).status, 404);
});

test('changing the password needs the current one and ends the other sessions', async () => {
  const { c, addr } = await newUser('chpw');
  const phone = new Client();
  await phone.post('/login', { email: addr, password: PASSWORD });
  const newpw = 'ο νέος μου κωδικός 1';
  let r = await c.post('/account/password', { current: 'wrong wrong', password: newpw, password2: newpw });
  assert.equal(r.status, 422);
  assert.match(fieldErrors(r.body).current, /Ο τρέχων κωδικός δεν είναι σωστός/);
  r = await c.post('/account/password', { current: PASSWORD, password: newpw, password2: newpw });
  assert.equal(r.status, 200);
  assert.equal((await phone.get('/account')).status, 303);
  assert.equal((await c.get('/account')).status, 200);
  const note = await waitMail(addr, 2);
  assert.match(note.subject, /Ο κωδικός σας άλλαξε/);
  assert.equal(sqlValue("SELECT COUNT(*) FROM audit_log a JOIN accounts u ON u.id = a.account_id WHERE u.email = ? AND a.event = 'password_changed'", addr), '1');
});

test('changing the e-mail: confirmed from the new address, the old one told', async () => {
  const { c, addr } = await newUser('chmail');
  const phone = new Client();
  await phone.post('/login', { email: addr, password: PASSWORD });
  const next = email('chmail-new');
  let r = await c.post('/account/email', { email: next, password: PASSWORD });
  assert.equal(r.status, 200);
  const m = await waitMail(next);
  const token = new URL(linkIn(m, '/account/email/confirm?token=')).searchParams.get('token');
  const page = await c.get('/account/email/confirm?token=' + token);
  r = await c.post('/account/email/confirm', { token }, page.body);
  assert.equal(r.status, 200);
  assert.equal(sqlValue('SELECT COUNT(*) FROM accounts WHERE email = ?', next), '1');
  const told = await waitMail(addr, 2);
  assert.match(told.subject, /Το email του λογαριασμού σας άλλαξε/);
  assert.equal((await phone.get('/account')).status, 303);
  assert.equal((await new Client().post('/login', { email: next, password: PASSWORD })).status, 303);
});

test('hostile text in every field is stored as text and shown escaped', async () => {
  const xss = '<script>alert(1)</script>';
  const sqli = "Ο'Brien\"; DROP TABLE accounts; --";
  const { c, addr } = await newUser('xss', { first_name: xss, last_name: sqli, father_name: '<img src=x onerror=alert(1)>' });
  const page = await c.get('/account');
  assert.doesNotMatch(page.body, /<script>alert/);
  assert.doesNotMatch(page.body, /<img src=x/);
  assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(page.body, /Ο'Brien"; DROP TABLE accounts; --/);
  assert.equal(sqlValue('SELECT first_name FROM accounts WHERE email = ?', addr), xss);
  assert.ok(Number(sqlValue('SELECT COUNT(*) FROM accounts')) > 0);
});

test('download my data: everything about me as JSON, and the export is audited', async () => {
  const { c, addr } = await newUser('export');
  const r = await c.post('/account/export', {}, '/account');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.match(r.headers.get('content-disposition'), /attachment; filename="dimos-my-data\.json"/);
  const data = JSON.parse(r.body);
  assert.equal(data.format, 'dimos-account-export/1');
  // Its times are UTC as stored, and it says so.
  assert.equal(data.times, 'UTC, YYYY-MM-DD HH:MM:SS[.ffffff]');
  assert.equal(data.account.email, addr);
  assert.equal(data.account.first_name, 'Ελένη');
  assert.ok(data.sessions.length >= 1);
  assert.ok(data.security_events.some((e) => e.event === 'login'));
  assert.equal(sqlValue("SELECT COUNT(*) FROM audit_log a JOIN accounts u ON u.id = a.account_id WHERE u.email = ? AND a.event = 'data_exported'", addr), '1');
});

test('closing an account removes the personal data and every way in', async () => {
  const { c, addr } = await newUser('close');
  const id = sqlValue('SELECT id FROM accounts WHERE email = ?', addr);
  let r = await c.post('/account/close', { password: 'not mine', confirm: '1' });
  assert.equal(r.status, 422);
  r = await c.post('/account/close', { password: PASSWORD, confirm: '1' });
  assert.equal(r.status, 200);
  assert.match(r.body, /Ο λογαριασμός σας έκλεισε/);
  const row = sql('SELECT status, email, first_name, last_name, mobile, password_hash FROM accounts WHERE id = ?', id)[0];
  assert.deepEqual(row, ['closed', null, null, null, null, null]);
  assert.equal(sqlValue('SELECT COUNT(*) FROM sessions WHERE account_id = ?', id), '0');
  assert.equal((await c.get('/account')).status, 303);
  assert.equal((await new Client().post('/login', { email: addr, password: PASSWORD })).status, 422);
});

test('staff pages are refused to anyone without the role; roles come from dimosctl', async () => {
  const dimosctl = `${process.env.DIMOS_BUILD_DIR}/core/dimosctl`;
  const anon = new Client();
  let r = await anon.get('/staff');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/login?next=/staff');
  assert.equal((await anon.post('/logout', { csrf: 'x' })).status, 403);
  const citizen = await newUser('citizen');
  assert.equal((await citizen.c.get('/staff')).status, 403);
  // A clerk of the general department.
  const clerk = email('clerk');
  const pwfile = `${process.env.DIMOS_STATE_DIR}/pw-${RUN}`;
  (await import('node:fs')).writeFileSync(pwfile, PASSWORD + '\n');
  const out = execFileSync(dimosctl, ['-c', CONFIG, 'user', 'add', '--email', clerk, '--first', 'Ανδρέας',
    '--last', 'Υπάλληλος', '--role', 'clerk', '--department', 'general', '--password-file', pwfile], { encoding: 'utf8' });
  assert.match(out, /account created/);
  assert.match(out, /granted clerk in general/);
  const cl = new Client();
  assert.equal((await cl.post('/login', { email: clerk, password: PASSWORD })).status, 303);
  r = await cl.get('/staff');
  assert.equal(r.status, 200);
  assert.match(r.body, /Γενική Γραμματεία/);
  assert.doesNotMatch(r.body, /Προσωπικό και ρόλοι/);
  assert.match((await cl.get('/')).body, /href="\/staff"/);
  execFileSync(dimosctl, ['-c', CONFIG, 'user', 'revoke', '--email', clerk, '--role', 'clerk', '--department', 'general']);
  assert.equal((await cl.get('/staff')).status, 403);
  assert.deepEqual(sql("SELECT a.event FROM audit_log a JOIN accounts u ON u.id = a.account_id WHERE u.email = ? AND a.event LIKE 'role_%' ORDER BY a.id", clerk).map((x) => x[0]), ['role_granted', 'role_revoked']);
  // The administrator sees everyone's roles.
  const admin = await loginAs('admin@demo.visaltia.gr');
  r = await admin.get('/staff');
  assert.equal(r.status, 200);
  assert.match(r.body, /Προσωπικό και ρόλοι/);
  assert.match(r.body, /clerk\.general@demo\.visaltia\.gr/);
  // "Since" is the municipality's day: a role granted at 22:30 UTC on 1
  // March was granted on 2 March in Visaltia.
  const head = email('head');
  execFileSync(dimosctl, ['-c', CONFIG, 'user', 'add', '--email', head, '--first', 'Ελένη',
    '--last', 'Προϊσταμένη', '--role', 'head', '--department', 'general', '--password-file', pwfile]);
  sql("UPDATE staff_roles r JOIN accounts a ON a.id = r.account_id SET r.granted_at = '2026-03-01 22:30:00' WHERE a.email = ?", head);
  r = await admin.get('/staff');
  const row = r.body.split('<tr>').find((tr) => tr.includes(head));
  assert.ok(row, 'the new head is listed');
  assert.match(row, /data-label="Από">02\/03\/2026</);
  execFileSync(dimosctl, ['-c', CONFIG, 'user', 'revoke', '--email', head, '--role', 'head', '--department', 'general']);
});
