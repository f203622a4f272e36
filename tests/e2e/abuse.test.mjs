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
import { PASSWORD, loginAs, newUser, person, register, uniqueEmail } from './lib/users.mjs';
import { impostors, pdf } from './lib/files.mjs';

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

const CLERK = 'clerk.general@demo.visaltia.gr';

// Fills and previews a service's form; returns the response.
const fill = (c, service, fields, files = []) => c.postMultipart(`/services/${service}/new`,
  { action: 'preview', ...fields }, files, `/services/${service}/new`);
const idOf = (r) => Number(r.location.match(/^\/requests\/(\d+)\/preview$/)[1]);
const meeting = { reason: 'Συνάντηση για τη στέγαση του συλλόγου.', phone: '2322022222' };
const general = { subject: 'Αρχεία υπό άλλο όνομα', message: 'Ένα αρχείο σε δηλωμένο πεδίο και άλλα σε άλλα ονόματα.' };

test('item 5: the longest names the forms take reach every column: mail, submission, documents', async () => {
  // 20 words of first name and a last name, 100 characters each: the
  // display name (201) is longer than a mail's to_name, the initials (21)
  // longer than a document's holder_initials.
  const first = [...Array.from({ length: 19 }, () => 'Αννα'), 'Αννας'].join(' ');
  assert.equal(first.length, 100);
  const last = 'Π'.repeat(100);
  const { c, addr } = await newUser('longname', { first_name: first, last_name: last });
  const [toName] = sql('SELECT to_name FROM outbox WHERE to_addr = ? ORDER BY id LIMIT 1', addr)[0];
  assert.equal([...toName].length, 200);
  assert.ok(`${first} ${last}`.startsWith(toName));

  const r = await fill(c, 'general-request', { subject: 'Μακρύ όνομα', message: 'Μια αίτηση από κάποιον με πολλά ονόματα.' });
  assert.equal(r.status, 303, r.body.slice(0, 1000));
  const id = idOf(r);
  assert.equal((await c.post(`/requests/${id}/submit`, {}, r.location)).status, 303);
  assert.equal(sqlValue('SELECT applicant_name FROM requests WHERE id = ?', id), `${first} ${last}`);
  const clerk = await loginAs(CLERK);
  const done = await clerk.postMultipart(`/staff/general/requests/${id}/complete`, { text: 'Η απάντηση.' },
    [{ field: 'document', name: 'απάντηση.pdf', type: 'application/pdf', data: pdf('long name ' + id) }],
    `/staff/general/requests/${id}`);
  assert.equal(done.status, 303, done.body.slice(0, 1000));
  const initials = sqlValue('SELECT holder_initials FROM documents WHERE request_id = ?', id);
  assert.ok([...initials].length <= 32, initials);
  assert.match(initials, /^Α\. Α\. Α\. .* …$/);
  // And a password change mails them too.
  const pw = 'ένας νέος κωδικός για μακρύ όνομα';
  const ch = await c.post('/account/password', { current: PASSWORD, password: pw, password2: pw });
  assert.equal(ch.status, 200, ch.body.slice(0, 500));

  // An audit detail and a browser name longer than their columns, in
  // Greek (two bytes a letter): kept, cut at a whole letter.
  const ua = 'Φυλλομετρητής '.repeat(30);
  // (The header carries the UTF-8 bytes, as a browser would send them.)
  const agent = new Client({ 'user-agent': Buffer.from(ua, 'utf8').toString('latin1') });
  assert.equal((await agent.post('/login', { email: addr, password: pw })).status, 303);
  const kept = sqlValue('SELECT user_agent FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.email = ? AND user_agent LIKE ? LIMIT 1', addr, 'Φυλλομετρητής%');
  assert.equal([...kept].length, 255);
});

test('item 6: only the form\'s declared file fields are read', async () => {
  const { c } = await newUser('undeclared');
  const file = (field, tag) => ({ field, name: `${tag}.pdf`, type: 'application/pdf', data: pdf(`${tag} ${Math.random()}`) });
  // A service without a file field, a PDF under its usual name and under
  // a part name longer than attachments.field.
  let r = await fill(c, 'general-meeting', meeting, [file('files', 'one'), file('x'.repeat(60), 'two')]);
  assert.equal(r.status, 303, r.body.slice(0, 1000));
  let id = idOf(r);
  assert.equal(sqlValue('SELECT COUNT(*) FROM attachments WHERE request_id = ?', id), '0');
  // A service with one: only the file under it is kept.
  r = await fill(c, 'general-request', general, [file('files', 'kept'), file('evidence', 'three'),
    file('y'.repeat(60), 'four'), file('subject', 'five')]);
  assert.equal(r.status, 303, r.body.slice(0, 1000));
  id = idOf(r);
  assert.deepEqual(sql('SELECT field, filename FROM attachments WHERE request_id = ?', id), [['files', 'kept.pdf']]);
  // The clerk's forms too: a file under another name is not attached.
  assert.equal((await c.post(`/requests/${id}/submit`, {}, r.location)).status, 303);
  const clerk = await loginAs(CLERK);
  const note = await clerk.postMultipart(`/staff/general/requests/${id}/note`, { text: 'Σημείωση.' },
    [file('z'.repeat(60), 'six'), file('files', 'note')], `/staff/general/requests/${id}`);
  assert.equal(note.status, 303, note.body.slice(0, 1000));
  assert.deepEqual(sql('SELECT field, filename FROM attachments WHERE request_id = ? AND event_id IS NOT NULL', id),
    [['files', 'note.pdf']]);
  // /verify reads its own field only.
  const v = await new Client().postMultipart('/verify', {}, [file('other', 'verify')], '/verify');
  assert.equal(v.status, 422);
});

test('item 7: a refused file on "save for later" gets its message; the rest is saved', async () => {
  const { c } = await newUser('savebad');
  const r = await c.postMultipart('/services/general-request/new', { ...general, action: 'save' }, [
    { field: 'files', name: 'έγγραφο.pdf', type: 'application/pdf', data: impostors.html },
    { field: 'files', name: 'καλό.pdf', type: 'application/pdf', data: pdf('good ' + Math.random()) },
  ], '/services/general-request/new');
  assert.equal(r.status, 422);
  const errors = fieldErrors(r.body);
  assert.match(errors.files, /«έγγραφο\.pdf» δεν είναι PDF, JPEG, PNG ή HEIC/);
  assert.deepEqual(Object.keys(errors), ['files']);
  // The draft holds what was typed and the good file; the form continues it.
  const id = Number(sqlValue("SELECT MAX(id) FROM requests WHERE status = 'draft' AND form LIKE ?", '%' + general.message + '%'));
  assert.ok(id > 0);
  assert.deepEqual(sql('SELECT filename FROM attachments WHERE request_id = ?', id), [['καλό.pdf']]);
  assert.ok(r.body.includes(`/services/general-request/new?draft=${id}`));
  assert.ok(r.body.includes(general.subject));
  // A save without a refused file still goes to the saved draft.
  const ok = await c.postMultipart('/services/general-request/new', { ...general, action: 'save' }, [],
    '/services/general-request/new');
  assert.equal(ok.status, 303);
  assert.match(ok.location, /^\/requests\/\d+\?saved=1$/);
});

test('item 9: the data export holds what is the citizen\'s, not the staff\'s audit trail', async () => {
  const { c, addr } = await newUser('export');
  const r = await fill(c, 'general-request', { subject: 'Εξαγωγή', message: 'Τι βλέπω στην εξαγωγή των δεδομένων μου;' });
  const id = idOf(r);
  assert.equal((await c.post(`/requests/${id}/submit`, {}, r.location)).status, 303);
  const clerk = await loginAs(CLERK);
  const secret = 'Εσωτερική σημείωση ' + Math.random();
  const base = `/staff/general/requests/${id}`;
  assert.equal((await clerk.postMultipart(`${base}/note`, { text: secret }, [], base)).status, 303);
  assert.equal((await clerk.postMultipart(`${base}/start`, {}, [], base)).status, 303);
  const staffEvents = Number(sqlValue(`SELECT COUNT(*) FROM audit_log l JOIN accounts a ON a.id = l.account_id
    WHERE a.email = ? AND l.actor_id <> l.account_id`, addr));
  assert.ok(staffEvents >= 2, 'the clerk\'s actions are audited');

  const exp = await c.post('/account/export', {}, '/account');
  assert.equal(exp.status, 200);
  const data = JSON.parse(exp.body);
  const events = data.security_events.map((e) => e.event);
  assert.ok(events.includes('login'), JSON.stringify(events));
  assert.ok(events.includes('request_submitted'), JSON.stringify(events));
  assert.ok(!events.includes('request_note') && !events.includes('request_start'), JSON.stringify(events));
  assert.ok(!exp.body.includes(secret));
  assert.ok(!JSON.stringify(data).includes(CLERK));
  // The public history of the request is there.
  assert.ok(data.request_history.some((e) => e.request_id === id || e.request_id === String(id)));
});

test('item 11: registration does not tell whether an AFM has an account; its holder is told by e-mail', async () => {
  const afm = '090000045';
  sql('DELETE FROM accounts WHERE kind = ? AND afm = ?', 'business', afm);
  const biz = (addr) => ({
    kind: 'business', company_name: 'Αρτοποιείο Β.Ε.', afm, legal_rep: 'Νίκη Άρτου', email: addr,
    password: PASSWORD, password2: PASSWORD, terms: '1',
  });
  const holder = uniqueEmail('afm-holder');
  const first = await register(new Client(), biz(holder));
  assert.equal(first.status, 200);
  const other = uniqueEmail('afm-other');
  const second = await register(new Client(), biz(other));
  // The same page, word for word but the address, as for a new AFM.
  assert.equal(second.status, 200);
  const norm = (r, addr) => r.body.replace(new RegExp(addr.replace(/[.]/g, '\\.'), 'g'), 'ADDR')
    .replace(/name="csrf" value="[^"]*"/g, '');
  assert.equal(norm(second, other), norm(first, holder));
  assert.equal(sqlValue('SELECT COUNT(*) FROM accounts WHERE kind = ? AND afm = ?', 'business', afm), '1');
  // The holder is told; the visitor's address gets nothing.
  const told = await waitMail(holder, 2);
  assert.match(told.subject, /Απόπειρα εγγραφής με τον ΑΦΜ σας/);
  assert.ok(!told.body.includes(other));
  assert.equal(queued(other), 0);
  assert.ok(Number(sqlValue("SELECT COUNT(*) FROM audit_log WHERE event = 'registration_afm_taken'")) > 0);
});

test('item 10: common passwords and passwords made of one\'s own name or e-mail are refused everywhere', async () => {
  const common = /από τους πιο συνηθισμένους/;
  const own = /στο όνομα ή στο email σας/;
  // Registration.
  const addr = uniqueEmail('weakpw');
  for (const [pw, why] of [['password123', common], ['1234567890', common], ['qwertyuiop', common],
    ['Ελένη Δοκιμή 2026', own], ['ΕΛΕΝΗΔΟΚΙΜΗ1', own], [addr, own], [addr.split('@')[0], own]]) {
    const r = await register(new Client(), person(addr, { password: pw, password2: pw }));
    assert.equal(r.status, 422, pw);
    assert.match(fieldErrors(r.body).password, why, pw);
  }
  assert.equal(queued(addr), 0);
  // Changing it.
  const { c, addr: mine } = await newUser('weakchange');
  let r = await c.post('/account/password', { current: PASSWORD, password: 'password1234', password2: 'password1234' });
  assert.equal(r.status, 422);
  assert.match(fieldErrors(r.body).password, common);
  r = await c.post('/account/password', { current: PASSWORD, password: 'Δοκιμή Ελένη!!', password2: 'Δοκιμή Ελένη!!' });
  assert.equal(r.status, 422);
  assert.match(fieldErrors(r.body).password, own);
  // A reset: the holder's name and address count though nobody is logged in.
  await new Client().post('/login/reset', { email: mine });
  const token = await resetToken(mine, 1);
  const anon = new Client();
  const page = await anon.get('/login/reset/confirm?token=' + token);
  const local = mine.split('@')[0];
  r = await anon.post('/login/reset/confirm', { token, password: local, password2: local }, page.body);
  assert.equal(r.status, 422);
  assert.match(fieldErrors(r.body).password, own);
  r = await anon.post('/login/reset/confirm', { token, password: 'iloveyou123', password2: 'iloveyou123' }, page.body);
  assert.equal(r.status, 422);
  assert.match(fieldErrors(r.body).password, common);
  // The link still works for a good one.
  const good = 'βροχή στο λιμάνι του Βόλου';
  r = await anon.post('/login/reset/confirm', { token, password: good, password2: good }, page.body);
  assert.equal(r.status, 200);
  // English too.
  const en = await register(new Client({ 'accept-language': 'en' }), person(uniqueEmail('weaken'),
    { password: 'password123', password2: 'password123' }));
  assert.match(fieldErrors(en.body).password, /among the most common/);
});
