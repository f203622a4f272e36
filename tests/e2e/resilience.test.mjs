// The server under stress: a worker killed with SIGKILL, a reload under
// load, MariaDB restarted, and more concurrent clients than workers (the
// fastcgi_keep_conn hang would show here as requests taking seconds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { BASE, get, workerPids, masterPid, waitFor, reload, runLocal } from './lib/stack.mjs';

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
