// Level B through TaxisNet: the OAuth2 authorization-code flow against the
// stack's mock GSIS provider (tests/oauth-provider.py), its state binding,
// the provider's errors, and linking an existing account.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from './lib/client.mjs';
import { taxisStart, taxisProvider } from './lib/users.mjs';
import { waitMail, linkIn } from './lib/mail.mjs';
import { sql, sqlValue } from './lib/db.mjs';

const RUN = Date.now().toString(36);
const PASSWORD = 'ένας καλός κωδικός 2026';

// Starts the flow and checks what dimosd sends the browser to.
async function start(c) {
  const url = await taxisStart(c);
  assert.ok(c.cookies.has('dm_oauth'));
  assert.equal(url.pathname, '/oauth2/authorize');
  assert.equal(url.searchParams.get('response_type'), 'code');
  assert.equal(url.searchParams.get('client_id'), 'dimos-local');
  assert.match(url.searchParams.get('redirect_uri'), /\/login\/taxisnet\/callback$/);
  assert.match(url.searchParams.get('state'), /^[A-Za-z0-9_-]{43}$/);
  return url;
}

const provider = taxisProvider;

async function flow(c, user, tweak = (u) => u) {
  const back = tweak(await provider(await start(c), { test_user: user }));
  return c.get(back.pathname + back.search);
}

test('TaxisNet login finds the account with the verified AFM', async () => {
  const c = new Client();
  const login = await c.get('/login');
  assert.match(login.body, /Σύνδεση με κωδικούς TaxisNet/);
  const r = await flow(c, 'papadopoulos');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/account');
  const account = await c.get('/account');
  assert.match(account.body, /ΓΕΩΡΓΙΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ/);
  assert.match(account.body, /Επίπεδο Β/);
  assert.match(account.body, /georgios\.papadopoulos@demo\.visaltia\.gr/);
  assert.equal(sqlValue("SELECT method FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.afm = '126018150' ORDER BY s.created_at DESC LIMIT 1"), 'taxisnet');
  // The browser cookie of the flow is gone.
  assert.equal(c.cookies.has('dm_oauth'), false);
});

test('a first TaxisNet login creates a verified account and asks for an e-mail', async () => {
  sql("DELETE FROM sessions WHERE account_id IN (SELECT id FROM accounts WHERE afm = '083016618')");
  sql("DELETE FROM accounts WHERE afm = '083016618'");
  const c = new Client();
  const r = await flow(c, 'georgiou');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/account/email?welcome=1');
  const row = sql("SELECT level, status, first_name, last_name, father_name, birth_year, email FROM accounts WHERE afm = '083016618'")[0];
  assert.deepEqual(row, ['B', 'active', 'ΕΛΕΝΗ', 'ΓΕΩΡΓΙΟΥ', 'ΔΗΜΗΤΡΙΟΣ', '1982', null]);
  const page = await c.get('/account/email?welcome=1');
  assert.match(page.body, /Καλώς ήρθατε/);
  // No password to re-enter: the TaxisNet session is the proof.
  const addr = `georgiou.${RUN}@example.org`;
  const sent = await c.post('/account/email', { email: addr }, page.body);
  assert.equal(sent.status, 200);
  const mail = await waitMail(addr);
  const token = new URL(linkIn(mail, '/account/email/confirm?token=')).searchParams.get('token');
  const confirm = await c.get('/account/email/confirm?token=' + token);
  assert.equal((await c.post('/account/email/confirm', { token }, confirm.body)).status, 200);
  assert.equal(sqlValue("SELECT email FROM accounts WHERE afm = '083016618'"), addr);
});

test('linking a Level A account: it becomes Level B with the verified names', async () => {
  sql("UPDATE accounts SET afm = NULL WHERE afm = '018609131'");
  const c = new Client();
  const addr = `link.${RUN}@example.org`;
  const form = await c.get('/register?kind=person');
  const reg = await c.post('/register', { kind: 'person', first_name: 'Σοφία', last_name: 'Κων/νίδου',
    father_name: 'Θανάσης', email: addr, mobile: '6900000001', password: PASSWORD, password2: PASSWORD, terms: '1' }, form.body);
  assert.equal(reg.status, 200);
  const mail = await waitMail(addr);
  const token = new URL(linkIn(mail, '/register/confirm?token=')).searchParams.get('token');
  await c.post('/register/confirm', { token }, (await c.get('/register/confirm?token=' + token)).body);
  assert.equal((await c.post('/login', { email: addr, password: PASSWORD })).status, 303);
  assert.match((await c.get('/account')).body, /Επαλήθευση ταυτότητας με TaxisNet/);
  const r = await flow(c, 'konstantinidou');
  assert.equal(r.location, '/account?verified=1');
  const page = await c.get('/account?verified=1');
  assert.match(page.body, /Η ταυτότητά σας επαληθεύτηκε/);
  assert.match(page.body, /ΣΟΦΙΑ ΚΩΝΣΤΑΝΤΙΝΙΔΟΥ/);
  assert.deepEqual(sql('SELECT level, afm, email FROM accounts WHERE email = ?', addr)[0], ['B', '018609131', addr]);
  // Another Level A account cannot take that verified identity.
  const other = new Client();
  const addr2 = `link2.${RUN}@example.org`;
  await other.post('/register', { kind: 'person', first_name: 'Άλλη', last_name: 'Σοφία', father_name: 'Χ',
    email: addr2, mobile: '6900000002', password: PASSWORD, password2: PASSWORD, terms: '1' }, '/register?kind=person');
  const m2 = await waitMail(addr2);
  const t2 = new URL(linkIn(m2, '/register/confirm?token=')).searchParams.get('token');
  await other.post('/register/confirm', { token: t2 }, (await other.get('/register/confirm?token=' + t2)).body);
  await other.post('/login', { email: addr2, password: PASSWORD });
  const taken = await flow(other, 'konstantinidou');
  assert.equal(taken.status, 409);
  assert.match(taken.body, /Ο ΑΦΜ ανήκει σε άλλον λογαριασμό/);
  assert.equal(sqlValue('SELECT level FROM accounts WHERE email = ?', addr2), 'A');
});

test('an unverified AFM claim never captures a TaxisNet login', async () => {
  sql("DELETE FROM sessions WHERE account_id IN (SELECT id FROM accounts WHERE afm = '099603082')");
  sql("DELETE FROM accounts WHERE afm = '099603082'");
  const squatter = new Client();
  const addr = `squat.${RUN}@example.org`;
  const r = await squatter.post('/register', { kind: 'person', first_name: 'Ψεύτικος', last_name: 'Νικολάου',
    father_name: 'Χ', email: addr, mobile: '6900000003', afm: '099603082', password: PASSWORD, password2: PASSWORD,
    terms: '1' }, '/register?kind=person');
  assert.equal(r.status, 200);
  const c = new Client();
  const back = await flow(c, 'nikolaou');
  assert.equal(back.location, '/account/email?welcome=1');
  assert.equal(sqlValue('SELECT afm FROM accounts WHERE email = ?', addr), null);
  assert.deepEqual(sql("SELECT level, first_name FROM accounts WHERE afm = '099603082'")[0], ['B', 'ΙΩΑΝΝΗΣ']);
});

test('a forged or replayed state, or another browser, gets nothing', async () => {
  const c = new Client();
  let r = await flow(c, 'papadopoulos', (u) => { u.searchParams.set('state', 'x'.repeat(43)); return u; });
  assert.equal(r.status, 400);
  assert.match(r.body, /Η ταυτοποίηση δεν ολοκληρώθηκε/);
  assert.equal(c.cookies.has('dm_sid'), false);
  // The callback opened in another browser (no flow cookie).
  const a = new Client();
  const url = await provider(await start(a), { test_user: 'papadopoulos' });
  const b = new Client();
  r = await b.get(url.pathname + url.search);
  assert.equal(r.status, 400);
  assert.equal(b.cookies.has('dm_sid'), false);
  // Replaying a completed callback.
  const d = new Client();
  const back = await provider(await start(d), { test_user: 'papadopoulos' });
  const cookie = d.cookies.get('dm_oauth');
  assert.equal((await d.get(back.pathname + back.search)).status, 303);
  const e = new Client();
  e.cookies.set('dm_oauth', cookie);
  r = await e.get(back.pathname + back.search);
  assert.equal(r.status, 400);
  assert.ok(Number(sqlValue("SELECT COUNT(*) FROM audit_log WHERE event = 'taxisnet_failed'")) >= 3);
});

test('the provider refusing or failing is explained, never a crash', async () => {
  let c = new Client();
  const denied = await provider(await start(c), { test_deny: '1' });
  assert.equal(denied.searchParams.get('error'), 'access_denied');
  let r = await c.get(denied.pathname + denied.search);
  assert.equal(r.status, 403);
  assert.match(r.body, /Ακυρώσατε την ταυτοποίηση/);
  for (const user of ['fail500', 'badxml', 'doctype', 'badafm', 'incomplete']) {
    c = new Client();
    r = await flow(c, user);
    assert.equal(r.status, 400, user);
    assert.match(r.body, /Η ταυτοποίηση δεν ολοκληρώθηκε/, user);
    assert.equal(c.cookies.has('dm_sid'), false, user);
  }
});
