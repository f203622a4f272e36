// Hardening, the second half of issue 11: what a hostile visitor can make
// the platform do to others (mail bombing, links that outlive a reset,
// enumeration), what input can break (column limits, undeclared files),
// what a citizen sees of staff, and weak passwords.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, fieldErrors } from './lib/client.mjs';
import { linkIn, mailsTo, waitMail } from './lib/mail.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { editConfig, reload, waitFor } from './lib/stack.mjs';
import { PASSWORD, newUser, person, register, uniqueEmail } from './lib/users.mjs';

const queued = (addr) => Number(sqlValue('SELECT COUNT(*) FROM outbox WHERE to_addr = ?', addr));
const tokenOf = (mail, path) => new URL(linkIn(mail, path)).searchParams.get('token');

// The token of the k-th reset link mailed to addr (counting from 1).
async function resetToken(addr, k) {
  const path = '/login/reset/confirm?token=';
  let found;
  await waitFor(() => {
    found = mailsTo(addr).filter((m) => m.body.includes(path))[k - 1];
    return !!found;
  }, 20000, `reset mail #${k} to ${addr}`);
  return tokenOf(found, path);
}

// Every way a visitor makes the platform mail an address they type.
const asks = {
  reset: (c, addr) => c.post('/login/reset', { email: addr }),
  resend: (c, addr) => c.post('/register/resend', { email: addr }),
  register: (c, addr) => register(c, person(addr)),
};

test('item 3: mail to one address is limited, whoever asks and whether or not it has an account', async () => {
  sql("DELETE FROM login_throttle WHERE subject LIKE 'n:%'");
  const { c: owner, addr } = await newUser('bombed');      // the registration mail counts: 1 of 5
  const kinds = ['reset', 'resend', 'register', 'reset'];
  for (const k of kinds) {
    const r = await asks[k](new Client(), addr);
    assert.equal(r.status, 200, `${k}: ${r.status}`);
  }
  const before = queued(addr);
  for (const k of Object.keys(asks)) {
    const r = await asks[k](new Client(), addr);
    assert.equal(r.status, 429, `${k} over the limit: ${r.status}`);
    assert.match(fieldErrors(r.body).email, /Έχουν σταλεί ήδη αρκετά μηνύματα .* σε 60 λεπτά/);
  }
  // A logged-in user cannot use "change my address" to mail it either.
  const { c: other } = await newUser('bomber');
  let r = await other.post('/account/email', { email: addr, password: PASSWORD });
  assert.equal(r.status, 429);
  assert.match(fieldErrors(r.body).email, /Έχουν σταλεί ήδη αρκετά/);
  assert.equal(queued(addr), before, 'mail was queued over the limit');
  // The owner still logs in (the limit is on mail, not on the account).
  assert.equal((await owner.get('/account')).status, 200);

  // An address without an account is limited the same way (no hint of
  // which addresses have accounts), and another address is not affected.
  const ghost = uniqueEmail('ghost-bombed');
  for (let i = 0; i < 5; i++) assert.equal((await asks.reset(new Client(), ghost)).status, 200);
  assert.equal((await asks.reset(new Client(), ghost)).status, 429);
  assert.equal((await asks.reset(new Client(), uniqueEmail('fine'))).status, 200);
  // English too.
  r = await new Client({ 'accept-language': 'en' }).post('/login/reset', { email: ghost });
  assert.match(fieldErrors(r.body).email, /Enough messages have already been sent/);
});

test('item 3: one client address cannot mail many addresses', async () => {
  const restore = editConfig((c) => c.replace(/^mail_per_client = .*$/m, 'mail_per_client = 3'));
  sql("DELETE FROM login_throttle WHERE subject LIKE 'n:%'");
  try {
    await reload();
    const c = new Client();
    for (let i = 0; i < 3; i++) {
      const k = Object.keys(asks)[i];
      assert.equal((await asks[k](c, uniqueEmail('spray'))).status, 200, k);
    }
    for (const k of Object.keys(asks)) {
      const addr = uniqueEmail('spray');
      const r = await asks[k](new Client(), addr);
      assert.equal(r.status, 429, k);
      assert.match(fieldErrors(r.body).email, /σε 60 λεπτά/);
      assert.equal(queued(addr), 0);
    }
  } finally {
    restore();
    sql("DELETE FROM login_throttle WHERE subject LIKE 'n:%'");
    await reload();
  }
});

test('item 4: a password reset or change ends every other reset link', async () => {
  const { addr } = await newUser('resets');
  const anon = new Client();
  await anon.post('/login/reset', { email: addr });
  await anon.post('/login/reset', { email: addr });
  const first = await resetToken(addr, 1);
  const second = await resetToken(addr, 2);
  assert.notEqual(first, second);
  const page = await anon.get('/login/reset/confirm?token=' + first);
  const newpw = 'ένας νέος κωδικός 4455';
  let r = await anon.post('/login/reset/confirm', { token: first, password: newpw, password2: newpw }, page.body);
  assert.equal(r.status, 200);
  // The second link is dead: the page and the form.
  assert.equal((await anon.get('/login/reset/confirm?token=' + second)).status, 404);
  const other = 'κάποιος τρίτος κωδικός 77';
  r = await anon.post('/login/reset/confirm', { token: second, password: other, password2: other }, page.body);
  assert.equal(r.status, 404);
  assert.equal((await new Client().post('/login', { email: addr, password: other })).status, 422);
  assert.equal((await new Client().post('/login', { email: addr, password: newpw })).status, 303);

  // Changing the password while logged in ends a link mailed before.
  await anon.post('/login/reset', { email: addr });
  const third = await resetToken(addr, 3);
  const c = new Client();
  assert.equal((await c.post('/login', { email: addr, password: newpw })).status, 303);
  const changed = 'ο κωδικός αλλάζει ξανά 12';
  r = await c.post('/account/password', { current: newpw, password: changed, password2: changed });
  assert.equal(r.status, 200, r.body.slice(0, 500));
  assert.equal((await anon.get('/login/reset/confirm?token=' + third)).status, 404);

  // A new e-mail address ends the links mailed to the old one.
  await anon.post('/login/reset', { email: addr });
  const fourth = await resetToken(addr, 4);
  const next = uniqueEmail('resets-moved');
  r = await c.post('/account/email', { email: next, password: changed });
  assert.equal(r.status, 200);
  const ctok = tokenOf(await waitMail(next), '/account/email/confirm?token=');
  const cpage = await c.get('/account/email/confirm?token=' + ctok);
  assert.equal((await c.post('/account/email/confirm', { token: ctok }, cpage.body)).status, 200);
  assert.equal((await anon.get('/login/reset/confirm?token=' + fourth)).status, 404);
  assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM account_tokens t JOIN accounts a ON a.id = t.account_id
    WHERE a.email = ? AND t.used_at IS NULL AND t.purpose = 'reset_password'`, next)), 0);
});
