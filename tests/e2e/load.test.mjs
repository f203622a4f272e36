// Submissions under pressure: many at once get distinct, consecutive
// protocol numbers; workers killed with SIGKILL in the middle of uploads and
// submissions lose nothing that was answered as done, and store nothing by
// halves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { csrfOf } from './lib/client.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { newUser } from './lib/users.mjs';
import { workerPids, waitFor } from './lib/stack.mjs';
import { pdf, png } from './lib/files.mjs';

const sha = (b) => createHash('sha256').update(b).digest('hex');

async function users(n, tag) {
  const out = [];
  for (let i = 0; i < n; i++) out.push((await newUser(`${tag}${i}`)).c);
  return out;
}

// A draft with the given files; returns its id (or null if not answered).
async function draft(c, token, files, tag) {
  const r = await c.postMultipart('/services/general-request/new', {
    csrf: token, subject: `Φορτίο ${tag}`, message: `Αίτηση φόρτου ${tag} με αρκετό κείμενο.`, action: 'save',
  }, files);
  const m = r.status === 303 && r.location.match(/^\/requests\/(\d+)\?saved=1$/);
  return m ? Number(m[1]) : null;
}

test('200 simultaneous submissions get 200 distinct, consecutive protocol numbers', async () => {
  const clients = await users(10, 'burst');
  const tokens = await Promise.all(clients.map(async (c) => csrfOf((await c.get('/requests')).body)));
  const ids = [];
  for (let i = 0; i < 200; i++) {
    const id = await draft(clients[i % 10], tokens[i % 10], [], `burst-${i}`);
    assert.ok(id, `draft ${i}`);
    ids.push([i % 10, id]);
  }
  const answers = await Promise.all(ids.map(([u, id]) => clients[u].post(`/requests/${id}/submit`, { csrf: tokens[u] })));
  for (const r of answers) {
    assert.equal(r.status, 303);
    assert.match(r.location, /\?submitted=1$/);
  }
  const rows = sql(`SELECT protocol_year, protocol_no FROM requests WHERE id IN (${ids.map((x) => x[1]).join(',')}) ORDER BY protocol_no`);
  assert.equal(rows.length, 200);
  const year = rows[0][0];
  const nos = rows.map((r) => Number(r[1]));
  assert.ok(rows.every((r) => r[0] === year));
  assert.equal(new Set(nos).size, 200, 'distinct');
  assert.equal(nos[199] - nos[0], 199, 'consecutive');
  // Nobody else holds a number in the range, and the year's numbers run
  // from 1 with no gap.
  assert.equal(sqlValue('SELECT COUNT(*) FROM requests WHERE protocol_year = ? AND protocol_no BETWEEN ? AND ?', year, nos[0], nos[199]), '200');
  const [count, max] = sql('SELECT COUNT(*), MAX(protocol_no) FROM requests WHERE protocol_year = ?', year)[0];
  assert.equal(count, max);
  assert.equal(sqlValue('SELECT last_no FROM protocol_counters WHERE year = ?', year), max);
});

// Kills one worker that has been up for a while (so that the master does
// not take it for a crash loop) every `every` ms until stopped.
function killer(every) {
  let stop = false, kills = 0;
  const done = (async () => {
    while (!stop) {
      await sleep(every);
      const old = workerPids().filter((pid) => {
        try {
          return Number(execFileSync('ps', ['-o', 'etimes=', '-p', String(pid)], { encoding: 'utf8' }).trim()) >= 3;
        } catch { return false; }
      });
      if (old.length > 1) {
        try { process.kill(old[Math.floor(Math.random() * old.length)], 'SIGKILL'); kills++; } catch { /* gone */ }
      }
    }
  })();
  return { stop: async () => { stop = true; await done; return kills; } };
}

test('workers killed with SIGKILL under load: whatever was answered as done is whole', async (t) => {
  const clients = await users(8, 'crash');
  const tokens = await Promise.all(clients.map(async (c) => csrfOf((await c.get('/requests')).body)));
  const k = killer(400);
  const outcomes = [];
  const started = Date.now();
  // Each citizen keeps uploading and submitting for 15 s.
  await Promise.all(clients.map(async (c, u) => {
    for (let i = 0; Date.now() - started < 15000; i++) {
      const files = [
        { field: 'files', name: `a-${u}-${i}.pdf`, type: 'application/pdf', data: pdf(`crash ${u} ${i} ${Math.random()}`) },
        { field: 'files', name: `b-${u}-${i}.png`, type: 'image/png', data: png(24, 24, (u * 31 + i) % 250 + 1) },
      ];
      let id = null, submitted = false;
      try {
        id = await draft(c, tokens[u], files, `${u}-${i}`);
        if (id) {
          const r = await c.post(`/requests/${id}/submit`, { csrf: tokens[u] });
          submitted = r.status === 303 && /\?submitted=1$/.test(r.location);
        }
      } catch { /* the connection died with the worker: allowed */ }
      outcomes.push({ id, submitted, files, tag: `${u}-${i}` });
    }
  }));
  const kills = await k.stop();
  assert.ok(kills >= 10, `only ${kills} workers were killed`);
  // The master brings every worker back.
  await waitFor(() => workerPids().length >= 2, 20000, 'workers to be back');

  const saved = outcomes.filter((o) => o.id);
  const done = outcomes.filter((o) => o.submitted);
  assert.ok(done.length >= 20, `only ${done.length} submissions succeeded`);
  t.diagnostic(`${kills} workers killed; ${outcomes.length} attempts, ${saved.length} drafts saved, ${done.length} submitted`);
  // Every draft answered as saved holds both files, byte for byte.
  const stored = new Map();
  for (const [rid, hex] of sql(`SELECT a.request_id, HEX(a.sha256) FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.request_id IN (${saved.map((o) => o.id).join(',')}) ORDER BY a.id`)) {
    stored.set(Number(rid), [...(stored.get(Number(rid)) ?? []), hex.toLowerCase()]);
  }
  for (const o of saved) {
    assert.deepEqual(stored.get(o.id), o.files.map((f) => sha(f.data)), `request ${o.id}`);
  }
  // Every submission answered as done is submitted, numbered, in history.
  const state = new Map(sql(`SELECT r.id, CONCAT(r.status, ':', r.protocol_no IS NOT NULL, ':', (SELECT COUNT(*) FROM request_events e WHERE e.request_id = r.id AND e.kind = 'submitted')) FROM requests r WHERE r.id IN (${done.map((o) => o.id).join(',')})`).map(([i, v]) => [Number(i), v]));
  for (const o of done) assert.equal(state.get(o.id), 'submitted:1:1', `request ${o.id}`);
  // Nothing by halves anywhere: no number without the submitted state,
  // no submitted request without its event, no attachment without its
  // bytes, no gap in the year's numbers.
  assert.equal(sqlValue("SELECT COUNT(*) FROM requests WHERE (protocol_no IS NULL) <> (status = 'draft')"), '0');
  assert.equal(sqlValue("SELECT COUNT(*) FROM requests r WHERE r.status <> 'draft' AND NOT EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id AND e.kind = 'submitted')"), '0');
  assert.equal(sqlValue('SELECT COUNT(*) FROM attachments a LEFT JOIN blobs b ON b.sha256 = a.sha256 WHERE b.sha256 IS NULL'), '0');
  const year = sqlValue('SELECT MAX(protocol_year) FROM requests');
  const [count, max] = sql('SELECT COUNT(*), MAX(protocol_no) FROM requests WHERE protocol_year = ?', year)[0];
  assert.equal(count, max, 'gapless');
  // And the service is well afterwards.
  const after = await clients[0].get('/requests');
  assert.equal(after.status, 200);
});

test('"my requests" pages by keyset: a citizen with a million requests, any page reads ~one page of rows', async (t) => {
  const { c } = await newUser('million');
  const acc = sqlValue("SELECT account_id FROM sessions ORDER BY created_at DESC LIMIT 1");
  const started = Date.now();
  sql(`INSERT INTO requests (service, department, account_id, status, form, created_at, updated_at)
    SELECT 'general-request', 'general', ${Number(acc)}, 'draft', '{}', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM seq_1_to_1000000`);
  t.diagnostic(`1,000,000 rows inserted in ${Date.now() - started} ms`);
  try {
    const [lo, hi] = sql('SELECT MIN(id), MAX(id) FROM requests WHERE account_id = ?', Number(acc))[0].map(Number);
    assert.equal(hi - lo + 1, 1000000);
    // The first page, the next one, and one deep in the middle.
    let r = await c.get('/requests');
    assert.equal(r.status, 200);
    assert.equal((r.body.match(/<tr><td><a href="\/requests\/\d+"/g) ?? []).length, 20);
    const next = r.body.match(/href="(\/requests\?before=\d+)" rel="next"/)[1].replace(/&amp;/g, '&');
    assert.equal(next, `/requests?before=${hi - 19}`);
    r = await c.get(next);
    assert.ok(r.body.includes(`href="/requests/${hi - 20}"`));
    const mid = lo + 500000;
    r = await c.get(`/requests?before=${mid}`);
    assert.ok(r.body.includes(`href="/requests/${mid - 1}"`));
    assert.ok(r.body.includes(`href="/requests/${mid - 20}"`));
    // The plan: the (account_id, id) index, about one page of rows read,
    // however deep the page.
    // (The statement of requests_mine() in domain/requests.c, with its
    // parameters.)
    for (const before of ['9223372036854775807', mid, lo + 25]) {
      const plan = JSON.parse(sqlValue(`ANALYZE FORMAT=JSON SELECT id, service, status, protocol_no, protocol_year,
        submitted_at, due_date, updated_at FROM requests FORCE INDEX (requests_mine) WHERE account_id = ${Number(acc)}
        AND id < ${before} ORDER BY id DESC LIMIT 21`).replace(/\\n/g, '\n'));
      const table = plan.query_block.nested_loop[0].table;
      assert.equal(table.key, 'requests_mine', JSON.stringify(table));
      assert.ok(table.r_rows <= 21, `read ${table.r_rows} rows for before=${before}`);
    }
  } finally {
    sql('DELETE FROM requests WHERE account_id = ?', Number(acc));
  }
});
