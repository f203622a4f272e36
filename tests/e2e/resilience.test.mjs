// The server under stress: a worker killed with SIGKILL, a reload under
// load, MariaDB restarted, and more concurrent clients than workers (the
// fastcgi_keep_conn hang would show here as requests taking seconds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { readFileSync } from 'node:fs';
import { BASE, SOURCE, STATE, get, workerPids, masterPid, waitFor, reload, runLocal } from './lib/stack.mjs';
import { Client, csrfOf, inputValue } from './lib/client.mjs';
import { pdf } from './lib/files.mjs';
import { DEMO_PASSWORD, loginAs } from './lib/users.mjs';

async function timed(path) {
  const t0 = performance.now();
  const r = await fetch(BASE + path);
  await r.text();
  return { status: r.status, ms: performance.now() - t0 };
}

test('kill -9 of a worker: it is replaced and requests keep succeeding', async () => {
  const before = workerPids();
  assert.ok(before.length >= 2, `expected several workers, have ${before}`);
  const victim = before[0];
  process.kill(victim, 'SIGKILL');
  for (let i = 0; i < 50; i++) {
    assert.equal((await get('/')).status, 200);
  }
  await waitFor(() => {
    const now = workerPids();
    return now.length === before.length && !now.includes(victim);
  }, 10000, 'a replacement worker');
  assert.equal(masterPid(), masterPid());
  assert.equal((await get('/services/general-request')).status, 200);
});

test('SIGHUP reload under load drops no request', async () => {
  let stop = false;
  const results = { ok: 0, failed: [] };
  const client = async () => {
    while (!stop) {
      try {
        const r = await fetch(BASE + '/');
        const body = await r.text();
        if (r.status === 200 && body.includes('</html>')) results.ok++;
        else results.failed.push(r.status);
      } catch (e) {
        results.failed.push(String(e));
      }
    }
  };
  const clients = Array.from({ length: 8 }, client);
  await sleep(300);
  const old = workerPids();
  await reload();
  await reload();
  await sleep(300);
  stop = true;
  await Promise.all(clients);
  const now = workerPids();
  assert.ok(now.every((p) => !old.includes(p)), 'all workers were replaced');
  assert.deepEqual(results.failed, []);
  assert.ok(results.ok > 100, `only ${results.ok} requests completed`);
});

test('more concurrent clients than workers: nothing waits for seconds', async () => {
  const n = workerPids().length * 4;
  for (let round = 0; round < 5; round++) {
    const all = await Promise.all(Array.from({ length: n }, () => timed('/')));
    for (const r of all) {
      assert.equal(r.status, 200);
      assert.ok(r.ms < 2000, `a request took ${Math.round(r.ms)} ms`);
    }
  }
});

test('MariaDB restarted: the workers reconnect', async () => {
  assert.equal((await get('/healthz?db=1')).status, 200);
  await runLocal('--db-stop');
  const down = await get('/healthz?db=1');
  assert.equal(down.status, 503);
  // Pages that need no database keep working meanwhile.
  assert.equal((await get('/')).status, 200);
  await runLocal('--db-start');
  // Every worker must come back, not just one: ask more times than
  // there are workers.
  for (let i = 0; i < workerPids().length * 4; i++) {
    assert.equal((await get('/healthz?db=1')).status, 200);
  }
});

test('item 12a: while MariaDB is away a logged-in citizen gets 503 with Retry-After, not a login page or 403', async () => {
  const c = await loginAs('maria.ioannidou@demo.visaltia.gr');
  const form = await c.get('/services/general-request/new');
  assert.equal(form.status, 200);
  const csrf = csrfOf(form.body);
  await runLocal('--db-stop');
  try {
    // Under load: every worker meets the outage, none answers otherwise.
    const pages = ['/account', '/requests', '/mailbox', '/services/general-request/new'];
    const all = await Promise.all(Array.from({ length: workerPids().length * 4 },
      (_, i) => c.get(pages[i % pages.length])));
    for (const r of all) {
      assert.equal(r.status, 503, `${r.status} ${r.location ?? ''}`);
      assert.equal(r.headers.get('retry-after'), '30');
      assert.match(r.body, /Η υπηρεσία δεν είναι διαθέσιμη/);
      assert.ok(!r.headers.getSetCookie().length, 'the session cookie was touched');
    }
    // The page's request id is the one of the log's lines about it: the
    // access line and what was logged while it was served.
    const rid = all[0].headers.get('x-request-id');
    assert.match(rid, /^[0-9a-f]{16}$/);
    assert.match(all[0].body, new RegExp(`Κωδικός σφάλματος: 503 · Κωδικός αιτήματος[^:]*: <code class="request-id">${rid}</code>`));
    await waitFor(() => readFileSync(`${STATE}/log/dimosd.log`, 'utf8').includes(`"rid":"${rid}"`), 5000, 'the access line');
    const lines = readFileSync(`${STATE}/log/dimosd.log`, 'utf8').split('\n').filter((l) => l.includes(rid));
    const access = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    assert.equal(access.length, 1, lines.join('\n'));
    assert.equal(access[0].status, 503);
    assert.equal(access[0].event, 'access');
    assert.ok(lines.some((l) => l.includes(`rid=${rid} `) && /db: /.test(l)), lines.join('\n'));
    // A form sent meanwhile: 503 (the browser can send it again), not 403,
    // and what the citizen typed comes back in the same form, with the
    // token they sent, and a message that nothing was submitted.
    const post = await c.postMultipart('/services/general-request/new', {
      csrf, subject: 'Κατά τη διακοπή <b>&', message: 'Μια αίτηση που στάλθηκε ενώ η βάση έλειπε.\nΔεύτερη γραμμή.', action: 'preview',
    });
    assert.equal(post.status, 503);
    assert.equal(post.headers.get('retry-after'), '30');
    assert.match(post.body, /role="alert"><h2[^>]*>Η αίτησή σας δεν στάλθηκε<\/h2>/);
    assert.match(post.body, /τίποτα δεν υποβλήθηκε/);
    assert.doesNotMatch(post.body, /Τα αρχεία που επιλέξατε δεν κρατήθηκαν/);
    assert.equal(inputValue(post.body, 'subject'), 'Κατά τη διακοπή <b>&');
    assert.match(post.body, /<textarea[^>]*name="message"[^>]*>Μια αίτηση που στάλθηκε ενώ η βάση έλειπε.\r?\nΔεύτερη γραμμή.<\/textarea>/);
    assert.doesNotMatch(post.body, /<dt>Αιτών<\/dt><dd><\/dd>/);
    assert.equal(csrfOf(post.body), csrf);
    assert.match(post.body, /<form[^>]*action="\/services\/general-request\/new"[^>]*enctype="multipart\/form-data"|<form[^>]*enctype="multipart\/form-data"[^>]*action="\/services\/general-request\/new"/);
    // With a file: the text kept, the file cannot be, and the page says so.
    const withFile = await c.postMultipart('/services/general-request/new', {
      csrf, subject: 'Με αρχείο', message: 'Κείμενο με συνημμένο.', action: 'save',
    }, [{ field: 'files', name: 'έγγραφο.pdf', type: 'application/pdf', data: pdf('outage') }]);
    assert.equal(withFile.status, 503);
    assert.equal(inputValue(withFile.body, 'subject'), 'Με αρχείο');
    assert.match(withFile.body, /Τα αρχεία που επιλέξατε δεν κρατήθηκαν: επιλέξτε τα ξανά/);
    // Another form (not a service's) gets the service-unavailable page.
    const other = await c.post('/account/password', { csrf, current: 'x', password: 'y', password2: 'y' });
    assert.equal(other.status, 503);
    assert.match(other.body, /Η υπηρεσία δεν είναι διαθέσιμη/);
    // Logging in (the login page needs no database): 503, not 500.
    const lc = new Client();
    const lp = await lc.get('/login');
    assert.equal(lp.status, 200);
    const login = await lc.post('/login', { email: 'maria.ioannidou@demo.visaltia.gr', password: DEMO_PASSWORD }, lp.body);
    assert.equal(login.status, 503);
    assert.equal(login.headers.get('retry-after'), '30');
  } finally {
    await runLocal('--db-start');
  }
  // Back: still logged in, the form is sent again and works.
  await waitFor(async () => (await c.get('/account')).status === 200, 20000, 'the session after the outage');
  const again = await c.postMultipart('/services/general-request/new', {
    subject: 'Μετά τη διακοπή', message: 'Η ίδια αίτηση, ξανά, μόλις γύρισε η βάση.', action: 'preview',
  }, [], '/services/general-request/new');
  assert.equal(again.status, 303);
});

test('item 12a: the page nginx shows when dimosd cannot answer links home and to my requests', () => {
  const html = readFileSync(`${SOURCE}/xslt/static/errors/_unavailable.html`, 'utf8');
  const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
  for (const h of ['/', '/requests', '/?lang=en', '/requests?lang=en']) assert.ok(hrefs.includes(h), h);
  const conf = readFileSync(`${SOURCE}/nginx/dimos-site.conf.in`, 'utf8');
  assert.match(conf, /location = \/_unavailable\.html \{[^}]*add_header Retry-After 30 always;/);
});
