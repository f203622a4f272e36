// Issue 11a: the staff's second factor (TOTP, RFC 6238). A head cannot
// reach a staff page before enrolling; enrolment shows a QR code and the
// secret as text, and ends with recovery codes shown once; a login asks for
// the code after the password (computed here with node's crypto); a wrong
// or replayed code is refused, a recovery code works once, failures are
// throttled like logins; dimosctl resets a lost factor; all of it audited.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Client, fieldErrors, unescapeHtml } from './lib/client.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { CONFIG, editConfig, reload } from './lib/stack.mjs';
import { PASSWORD, uniqueEmail, loginAs } from './lib/users.mjs';
import { DEMO_TOTP, base32Decode, freshCode, totpAt, stepNow } from './lib/totp.mjs';

const dimosctl = `${process.env.DIMOS_BUILD_DIR}/core/dimosctl`;
const ctl = (...args) => execFileSync(dimosctl, ['-c', CONFIG, ...args], { encoding: 'utf8' });

function staffMember(role, tag) {
  const email = uniqueEmail(tag);
  const pwfile = `${process.env.DIMOS_STATE_DIR}/pw-factor-${process.pid}`;
  writeFileSync(pwfile, PASSWORD + '\n');
  ctl('user', 'add', '--email', email, '--first', 'Θεόδωρος', '--last', 'Προϊστάμενος',
    '--role', role, '--department', 'general', '--password-file', pwfile);
  return email;
}

// The wrong codes here count against 127.0.0.1 in the login throttle too:
// the files after this one start from a clean count.
after(() => sql("DELETE FROM login_throttle WHERE subject LIKE 'i:%' OR subject LIKE 'f:%'"));

const events = (email) => sql('SELECT a.event, a.detail FROM audit_log a JOIN accounts u ON u.id = a.account_id WHERE u.email = ? AND a.event LIKE ? ORDER BY a.id', email, 'factor%')
  .map(([e, d]) => (d ? `${e}:${d}` : e));

async function password(email) {
  const c = new Client();
  const r = await c.post('/login', { email, password: PASSWORD, next: '/staff' });
  assert.equal(r.status, 303, r.body);
  return { c, r };
}

async function enrol(email) {
  const { c, r } = await password(email);
  assert.equal(r.location, '/login/enrol?next=/staff');
  const page = await c.get(r.location);
  return { c, page, secret: enrolSecret(page) };
}

// An enrolment page: not kept by a cache; the QR code, drawn as SVG, and
// the same secret as text to type in; the secret.
function enrolSecret(page) {
  assert.equal(page.status, 200);
  assert.match(page.headers.get('cache-control'), /no-store/);
  assert.match(page.body, /<svg [^>]*class="qr" role="img" aria-label="Κωδικός QR[^"]*"[^>]*><rect [^>]*><\/rect><path d="M\d+ \d+h\d+v1h-\d+z/);
  const key = unescapeHtml(page.body.match(/<code class="factor-secret__key">([A-Z2-7 ]+)<\/code>/)[1]);
  assert.equal(key.replace(/ /g, '').length, 32);
  return base32Decode(key);
}

const base32 = (buf) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0, out = '';
  for (const b of buf) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) { out += alphabet[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  return bits > 0 ? out + alphabet[(value << (5 - bits)) & 31] : out;
};

// email's secret column: the format byte, a nonce, the sealed secret and
// its tag (1 + 24 + 20 + 16 bytes), with no trace of the secret itself.
function assertSealed(email, secret) {
  const [[hex, len]] = sql('SELECT HEX(f.secret), LENGTH(f.secret) FROM staff_factors f JOIN accounts a ON a.id = f.account_id WHERE a.email = ?', email);
  assert.equal(Number(len), 61);
  assert.match(hex, /^01/);
  const stored = Buffer.from(hex, 'hex');
  assert.equal(stored.includes(secret), false, 'the secret in the clear');
  assert.equal(stored.includes(secret.subarray(0, 8)), false, 'part of the secret in the clear');
  assert.equal(stored.toString('latin1').includes(base32(secret).slice(0, 16)), false, 'the secret in base32');
}

test('a head reaches no staff page before enrolling; enrolment confirms a code and shows recovery codes once', async () => {
  const head = staffMember('head', 'head');
  const { c, r } = await password(head);
  assert.equal(r.location, '/login/enrol?next=/staff');
  // The pending login opens nothing else: it is a visitor's elsewhere.
  let s = await c.get('/staff');
  assert.equal(s.status, 303);
  assert.match(s.location, /^\/login\?next=/);
  assert.equal((await c.get('/account')).status, 303);
  assert.equal((await c.get('/login/code')).location, '/login/enrol');

  const { secret } = await enrol(head);
  // Another login shows the same secret until one is confirmed.
  const { c: c2, page, secret: again } = await enrol(head);
  assert.deepEqual(again, secret);
  // A wrong code: 422, the message at the field, the code not shown back.
  let bad = await c2.post('/login/enrol', { code: '000000', next: '/staff' }, page.body);
  if (totpAt(secret, stepNow()) === '000000') bad = await c2.post('/login/enrol', { code: '111111', next: '/staff' }, page.body);
  assert.equal(bad.status, 422);
  assert.match(fieldErrors(bad.body).code, /6 ψηφία/);
  assert.equal((await c2.get('/staff')).status, 303);

  const done = await c2.post('/login/enrol', { code: totpAt(secret, stepNow()), next: '/staff' }, page.body);
  assert.equal(done.status, 200, done.body);
  assert.match(done.headers.get('cache-control'), /no-store/);
  const codes = [...done.body.matchAll(/<li><code>([0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4})<\/code><\/li>/g)].map((m) => m[1]);
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  assert.match(done.body, /href="\/staff"/);
  assert.equal((await c2.get('/staff')).status, 200);
  // The secret is stored sealed (XChaCha20-Poly1305 under the key folder's
  // factor.key): neither its bytes nor its base32 are in the column.
  assertSealed(head, secret);
  // Stored hashed only.
  const stored = sql('SELECT HEX(code_hash) FROM staff_recovery_codes r JOIN accounts a ON a.id = r.account_id WHERE a.email = ?', head).map((x) => x[0]);
  assert.equal(stored.length, 10);
  for (const code of codes) assert.ok(!stored.some((h) => h.includes(Buffer.from(code).toString('hex').toUpperCase())));
  // The first tab's pending login did not become a session.
  assert.equal((await c.get('/staff')).status, 303);
  assert.deepEqual(events(head), ['factor_failed:enrolment', 'factor_enrolled']);
});

test('a login asks for the code; a wrong or replayed code is refused, a recovery code works once, dimosctl resets', async () => {
  const head = staffMember('head', 'head2');
  const { c: ec, page, secret } = await enrol(head);
  const done = await ec.post('/login/enrol', { code: totpAt(secret, stepNow()), next: '/staff' }, page.body);
  assert.equal(done.status, 200);
  const codes = [...done.body.matchAll(/<li><code>([0-9a-z-]{19})<\/code><\/li>/g)].map((m) => m[1]);

  // The code after the password, next kept.
  let { c, r } = await password(head);
  assert.equal(r.location, '/login/code?next=/staff');
  let form = await c.get(r.location);
  assert.equal(form.status, 200);
  assert.match(form.body, /autocomplete="one-time-code"/);
  let wrong = await c.post('/login/code', { code: '12345', next: '/staff' }, form.body);
  assert.equal(wrong.status, 422);
  assert.match(fieldErrors(wrong.body).code, /Ο κωδικός δεν είναι σωστός/);
  const code = await freshCode(head, secret);
  const ok = await c.post('/login/code', { code, next: '/staff' }, form.body);
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/staff');
  assert.equal((await c.get('/staff')).status, 200);
  // The same value again, from another browser: refused (RFC 6238 5.2).
  ({ c, r } = await password(head));
  form = await c.get('/login/code');
  const replay = await c.post('/login/code', { code }, form.body);
  assert.equal(replay.status, 422);
  assert.equal((await c.get('/staff')).status, 303);

  // A recovery code, typed in capitals without dashes, works once.
  const rec = codes[0];
  const used = await c.post('/login/code', { code: rec.replace(/-/g, '').toUpperCase() }, form.body);
  assert.equal(used.status, 200, used.body);
  assert.match(used.body, /Σας μένουν 9/);
  assert.equal((await c.get('/staff')).status, 200);
  const again = await password(head);
  form = await again.c.get('/login/code');
  assert.equal((await again.c.post('/login/code', { code: rec }, form.body)).status, 422);

  // A lost phone: dimosctl resets the factor and ends the sessions.
  assert.match(ctl('user', 'reset-factor', '--email', head), /second factor removed/);
  assert.equal((await c.get('/staff')).status, 303);
  assert.equal((await password(head)).r.location, '/login/enrol?next=/staff');
  assert.throws(() => ctl('user', 'reset-factor', '--email', head), /has no second factor/);
  assert.deepEqual(events(head), ['factor_enrolled', 'factor_failed:totp', 'factor_used:totp', 'factor_failed:totp',
    'factor_used:recovery code', 'factor_failed:recovery code', 'factor_reset']);
});

test('codes are throttled like logins', async () => {
  const head = staffMember('head', 'head3');
  const { c, page, secret } = await enrol(head);
  assert.equal((await c.post('/login/enrol', { code: totpAt(secret, stepNow()) }, page.body)).status, 200);
  const { c: c2 } = await password(head);
  const form = await c2.get('/login/code');
  let r;
  for (let i = 0; i < 40; i++) {
    r = await c2.post('/login/code', { code: '999999' === totpAt(secret, stepNow()) ? '888888' : '999999' }, form.body);
    if (r.status === 429) break;
    assert.equal(r.status, 422);
  }
  assert.equal(r.status, 429);
  assert.match(fieldErrors(r.body).code, /Πάρα πολλές αποτυχημένες προσπάθειες/);
  // Locked: even the right code waits.
  assert.equal((await c2.post('/login/code', { code: totpAt(secret, stepNow() + 1) }, form.body)).status, 429);
  assert.equal((await c2.get('/staff')).status, 303);
});

test('clerks log in with the password alone, unless [security] totp_clerks is on; the demo heads with the demo secret', async () => {
  const clerk = staffMember('clerk', 'clerk');
  assert.equal((await password(clerk)).r.location, '/staff');
  const restore = editConfig((t) => t.replace(/^\[security\]$/m, '[security]\ntotp_clerks = yes'));
  try {
    await reload();
    assert.equal((await password(clerk)).r.location, '/login/enrol?next=/staff');
  } finally {
    restore();
    await reload();
  }
  assert.equal((await password(clerk)).r.location, '/staff');
  // The shared login helper gives the demo's code.
  const admin = await loginAs('admin@demo.visaltia.gr');
  assert.equal((await admin.get('/staff')).status, 200);
});

const recoveryCodes = (body) => [...body.matchAll(/<li><code>([0-9a-z-]{19})<\/code><\/li>/g)].map((m) => m[1]);

// A login with a recovery code instead of the app's: the status of the
// code page's answer (200 taken, 422 refused).
async function withRecovery(email, code) {
  const { c } = await password(email);
  const form = await c.get('/login/code');
  return (await c.post('/login/code', { code }, form.body)).status;
}

test('staff renew their recovery codes from their account after a current code; the old ones stop working', async () => {
  const head = staffMember('head', 'renew');
  const { c: ec, page, secret } = await enrol(head);
  const first = recoveryCodes((await ec.post('/login/enrol', { code: totpAt(secret, stepNow()), next: '/staff' }, page.body)).body);
  assert.equal(first.length, 10);
  // The account page leads there; it says how many are left.
  assert.match((await ec.get('/account')).body, /href="\/account\/factor"/);
  let acc = await ec.get('/account/factor');
  assert.equal(acc.status, 200);
  assert.match(acc.headers.get('cache-control'), /no-store/);
  assert.match(acc.body, /Σας μένουν 10 αχρησιμοποίητοι κωδικοί ανάκτησης/);
  assert.equal(await withRecovery(head, first[0]), 200);
  acc = await ec.get('/account/factor');
  assert.match(acc.body, /Σας μένουν 9 αχρησιμοποίητοι/);
  // A wrong code, and a recovery code in place of the app's: refused.
  let r = await ec.post('/account/factor', { code: '000000' }, acc.body);
  assert.equal(r.status, 422);
  assert.match(fieldErrors(r.body).code, /Ο κωδικός δεν είναι σωστός/);
  r = await ec.post('/account/factor', { code: first[1] }, acc.body);
  assert.equal(r.status, 422);
  // A current code: ten new codes, shown once.
  r = await ec.post('/account/factor', { code: await freshCode(head, secret) }, acc.body);
  assert.equal(r.status, 200, r.body.slice(0, 2000));
  assert.match(r.headers.get('cache-control'), /no-store/);
  assert.match(r.body, /Οι προηγούμενοι δεν ισχύουν πια/);
  const renewed = recoveryCodes(r.body);
  assert.equal(renewed.length, 10);
  assert.ok(renewed.every((x) => !first.includes(x)));
  // The earlier ones no longer open a login; the new ones do, once.
  assert.equal(await withRecovery(head, first[2]), 422);
  assert.equal(await withRecovery(head, renewed[0]), 200);
  assert.equal(await withRecovery(head, renewed[0]), 422);
  assert.match((await ec.get('/account/factor')).body, /Σας μένουν 9 αχρησιμοποίητοι/);
  assert.deepEqual(events(head).filter((e) => e !== 'factor_failed:recovery code'), ['factor_enrolled', 'factor_used:recovery code',
    'factor_failed:renewing recovery codes', 'factor_failed:renewing recovery codes', 'factor_codes_renewed', 'factor_used:recovery code']);
  // Staff only: a visitor is sent to log in.
  assert.equal((await new Client().get('/account/factor')).status, 303);
});

test('a clerk may enrol by choice while totp_clerks is off; from then on their logins ask for the code', async () => {
  const clerk = staffMember('clerk', 'volunteer');
  // The password alone, as for every clerk while totp_clerks is off.
  const { c, r } = await password(clerk);
  assert.equal(r.location, '/staff');
  const page = await c.get('/account/factor');
  const secret = enrolSecret(page);
  assert.match(page.body, /Μπορείτε να προστατέψετε τον λογαριασμό σας/);
  const wrong = await c.post('/account/factor', { code: '999999' }, page.body);
  assert.equal(wrong.status, 422);
  assert.equal((await c.get('/staff')).status, 200, 'a wrong code ends nothing');
  const done = await c.post('/account/factor', { code: totpAt(secret, stepNow()) }, page.body);
  assert.equal(done.status, 200, done.body.slice(0, 2000));
  assert.equal(recoveryCodes(done.body).length, 10);
  // This browser goes on with its factor given; a new login asks for it.
  assert.equal((await c.get('/staff')).status, 200);
  assert.match((await c.get('/account/factor')).body, /Σας μένουν 10/);
  const again = await password(clerk);
  assert.equal(again.r.location, '/login/code?next=/staff');
  assert.equal((await again.c.get('/staff')).status, 303);
  const form = await again.c.get('/login/code');
  const ok = await again.c.post('/login/code', { code: await freshCode(clerk, secret), next: '/staff' }, form.body);
  assert.equal(ok.status, 303);
  assert.equal((await again.c.get('/staff')).status, 200);
  assert.deepEqual(events(clerk), ['factor_failed:enrolment', 'factor_enrolled', 'factor_used:totp']);
});

test('no secret is stored in the clear; one left by an older version is sealed by dimosctl migrate, or at its next use', async () => {
  assert.equal(base32(DEMO_TOTP), 'MRUW233TFVSGK3LPFV2G65DQFUZDAMRW');
  // Every secret of the stack, the demo's included, is sealed.
  assert.equal(Number(sqlValue('SELECT COUNT(*) FROM staff_factors WHERE LENGTH(secret) <> 61 OR LEFT(secret, 1) <> 0x01')), 0);
  assert.equal(Number(sqlValue('SELECT COUNT(*) FROM staff_factors WHERE LOCATE(?, secret) > 0 OR LOCATE(?, secret) > 0',
    DEMO_TOTP.toString('latin1'), base32(DEMO_TOTP))), 0);
  assertSealed('admin@demo.visaltia.gr', DEMO_TOTP);

  // Two heads enrolled by an older version: their secrets in the clear.
  const old = [staffMember('head', 'clear1'), staffMember('head', 'clear2')];
  const secrets = [Buffer.from('older-version-secr-1'), Buffer.from('older-version-secr-2')];
  old.forEach((email, i) => sql('INSERT INTO staff_factors (account_id, secret, confirmed_at) SELECT id, UNHEX(?), UTC_TIMESTAMP(6) FROM accounts WHERE email = ?',
    secrets[i].toString('hex'), email));
  // The first logs in before the upgrade step: the code works, and the
  // secret is sealed as it is read.
  const { c } = await password(old[0]);
  const form = await c.get('/login/code');
  const r = await c.post('/login/code', { code: await freshCode(old[0], secrets[0]), next: '/staff' }, form.body);
  assert.equal(r.status, 303, r.body);
  assertSealed(old[0], secrets[0]);
  // dimosctl migrate seals the rest, and says how many.
  assert.match(ctl('migrate'), /^factor: 1 second-factor secrets encrypted$/m);
  assertSealed(old[1], secrets[1]);
  assert.doesNotMatch(ctl('migrate'), /secrets encrypted/);
  const again = await password(old[1]);
  const f2 = await again.c.get('/login/code');
  assert.equal((await again.c.post('/login/code', { code: await freshCode(old[1], secrets[1]), next: '/staff' }, f2.body)).status, 303);
  assert.equal((await again.c.get('/staff')).status, 200);

  // A sealed secret copied to another account's row does not open there:
  // the login is refused, not let through.
  sql('UPDATE staff_factors SET secret = (SELECT secret FROM (SELECT f.secret FROM staff_factors f JOIN accounts a ON a.id = f.account_id WHERE a.email = ?) s) WHERE account_id = (SELECT id FROM accounts WHERE email = ?)', old[0], old[1]);
  const moved = await password(old[1]);
  const f3 = await moved.c.get('/login/code');
  const refused = await moved.c.post('/login/code', { code: totpAt(secrets[0], stepNow()), next: '/staff' }, f3.body);
  assert.notEqual(refused.status, 303);
  assert.equal((await moved.c.get('/staff')).status, 303);
});
