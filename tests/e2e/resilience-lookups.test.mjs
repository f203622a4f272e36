// Issue 14: a database failure is never a "not found". A lookup that fails
// after the session was read (a node lost mid-request, a lock that is not
// released in time) must answer 503 with Retry-After, never 404, 403 or a
// page built without what it read; a form sent meanwhile comes back with
// what was typed. Here the failure is a table another connection holds
// locked for writing with [database] lock_wait_timeout lowered to 1 s
// (MariaDB answers 1205, as during a migration's ALTER TABLE), and, for
// visitors (no session to read first), MariaDB stopped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { editConfig, reload, runLocal, waitFor } from './lib/stack.mjs';
import { Client, csrfOf, inputValue } from './lib/client.mjs';
import { lockTables, sqlValue } from './lib/db.mjs';
import { apply } from './lib/apply.mjs';
import { pdf } from './lib/files.mjs';
import { loginAs, newUser } from './lib/users.mjs';

let restore;
let c;
let clerk;
let submitted;
let draft;
let itemId;

before(async () => {
  ({ c } = await newUser('outage'));
  clerk = await loginAs('clerk.general@demo.visaltia.gr');
  submitted = await apply(c, 'general-request', { subject: 'Πριν τη διακοπή', message: 'Μια αίτηση.' });
  const saved = await c.postMultipart('/services/general-request/new',
    { subject: 'Πρόχειρο', message: 'Ένα πρόχειρο.', action: 'save' }, [], '/services/general-request/new');
  assert.equal(saved.status, 303);
  draft = Number(saved.location.match(/^\/requests\/(\d+)\?saved=1$/)[1]);
  // A completed request: its document in the citizen's mailbox.
  const done = await apply(c, 'general-request', { subject: 'Ολοκληρώνεται', message: 'Με έγγραφο.' });
  const r = await clerk.postMultipart(`/staff/general/requests/${done}/complete`, { text: 'Η απάντηση.' },
    [{ field: 'document', name: 'απάντηση.pdf', type: 'application/pdf', data: pdf('outage answer') }],
    `/staff/general/requests/${done}`);
  assert.equal(r.status, 303, r.body.slice(0, 1000));
  itemId = sqlValue('SELECT m.id FROM mailbox_items m JOIN documents d ON d.id = m.document_id WHERE d.request_id = ?', done);
  assert.ok(itemId);
  restore = editConfig((t) => t.replace(/^\[database\]\n/m, '[database]\nlock_wait_timeout = 1s\n'));
  await reload();
});

after(async () => {
  restore();
  await reload();
});

function unavailable(r, what) {
  assert.equal(r.status, 503, `${what}: ${r.status} ${r.location ?? ''}`);
  assert.equal(r.headers.get('retry-after'), '30', what);
}

test('a lookup that fails after the session was read: 503, never 404 or 500, and a form keeps what was typed', async () => {
  // Pages and forms read before the lock, as a browser has them.
  const form = await c.get(`/services/general-request/new?draft=${draft}`);
  assert.equal(form.status, 200);
  const staffPage = await clerk.get(`/staff/general/requests/${submitted}`);
  assert.equal(staffPage.status, 200);
  const lock = await lockTables('requests');
  try {
    unavailable(await c.get(`/requests/${submitted}`), 'the request page');
    // The draft's form sent: its draft could not be read. Not "no such
    // draft": the same form, what was typed, and nothing submitted.
    const post = await c.postMultipart(`/services/general-request/new?draft=${draft}`, {
      csrf: csrfOf(form.body), subject: 'Γραμμένο στη διακοπή', message: 'Δεν χάνεται.', action: 'preview',
    });
    unavailable(post, 'the form POST');
    assert.match(post.body, /Η αίτησή σας δεν στάλθηκε/);
    assert.equal(inputValue(post.body, 'subject'), 'Γραμμένο στη διακοπή');
    assert.match(post.body, /<textarea[^>]*name="message"[^>]*>Δεν χάνεται.<\/textarea>/);
    assert.equal(csrfOf(post.body), csrfOf(form.body));
    unavailable(await clerk.get(`/staff/general/requests/${submitted}`), 'the staff page');
    unavailable(await clerk.get('/staff/general'), 'the staff queue');
    unavailable(await clerk.postMultipart(`/staff/general/requests/${submitted}/note`,
      { csrf: csrfOf(staffPage.body), text: 'Σημείωση στη διακοπή.' }), 'a clerk\'s form');
    // Nobody sees a visitor's 404 for a public report's photo either.
    unavailable(await new Client().get(`/reports/${submitted}/photos/1`), 'a public photo');
    const o = await new Client().get(`/open311/v2/requests/${submitted}.json`);
    assert.equal(o.status, 503);
    assert.equal(JSON.parse(o.body)[0].code, 503);
  } finally {
    await lock.release();
  }
  // Nothing was noted meanwhile; back, the same pages answer.
  assert.equal(sqlValue("SELECT COUNT(*) FROM request_events WHERE request_id = ? AND body = 'Σημείωση στη διακοπή.'", submitted), '0');
  assert.equal((await c.get(`/requests/${submitted}`)).status, 200);
  assert.equal((await clerk.get(`/staff/general/requests/${submitted}`)).status, 200);
});

test('a mailbox item whose document cannot be read: 503, not a page without it', async () => {
  const lock = await lockTables('documents');
  try {
    unavailable(await c.get(`/mailbox/${itemId}`), 'the mailbox item');
    unavailable(await c.get(`/mailbox/${itemId}/file`), 'its file');
  } finally {
    await lock.release();
  }
  const item = await c.get(`/mailbox/${itemId}`);
  assert.equal(item.status, 200);
});

test('MariaDB stopped: a visitor\'s lookups answer 503, not 404', async () => {
  await runLocal('--db-stop');
  try {
    unavailable(await new Client().get(`/reports/${submitted}/photos/1`), 'a public photo');
    unavailable(await new Client().get(`/reports/${submitted}`), 'a public report');
    const o = await new Client().get(`/open311/v2/requests/${submitted}.xml`);
    assert.equal(o.status, 503);
    assert.match(o.body, /<errors><error><code>503<\/code>/);
  } finally {
    await runLocal('--db-start');
  }
  await waitFor(async () => (await new Client().get('/healthz?db=1')).status === 200, 20000, 'the database back');
});
