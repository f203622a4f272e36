// Metrics for operators and the request log: /metrics (Prometheus text)
// counts exactly what a run of requests did, by route and status, with
// the latency histogram and the submissions; the counters live in the
// master and survive a worker killed with SIGKILL, which counts as a
// restart; every request has an id, on its error page, in its header and
// in the JSON access line of the log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { BASE, CONFIG, STATE, get, workerPids, waitFor } from './lib/stack.mjs';

// The scrape as a map: 'name{labels}' -> number.
async function scrape() {
  const r = await get('/metrics');
  assert.equal(r.status, 200, r.body.slice(0, 500));
  assert.match(r.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const m = new Map();
  for (const line of r.body.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    assert.ok(i > 0, line);
    const v = Number(line.slice(i + 1));
    assert.ok(Number.isFinite(v), line);
    m.set(line.slice(0, i), v);
  }
  return m;
}
const req = (route, status) => `dimos_http_requests_total{route="${route}",status="${status}"}`;
const delta = (a, b, k) => (b.get(k) ?? 0) - (a.get(k) ?? 0);

test('a scrape after a run of requests shows exactly what the run did', async () => {
  const key = execFileSync(`${process.env.DIMOS_BUILD_DIR}/core/dimosctl`, ['-c', CONFIG, 'apikey', 'add', 'metrics test'])
    .toString().trim().split('\n').pop();
  const a = await scrape();
  for (let i = 0; i < 3; i++) assert.equal((await get('/healthz')).status, 200);
  for (let i = 0; i < 2; i++) assert.equal((await get(`/no-such-page-${i}`)).status, 404);
  assert.equal((await get('/open311/v2/services.json')).status, 200);
  const body = new URLSearchParams({ api_key: key, service_code: 'technical-drain', lat: '40.9071', long: '23.5002',
    email: `metrics.${Date.now()}@example.org`, 'attribute[problem]': 'blocked' });
  const posted = await fetch(`${BASE}/open311/v2/requests.json`, { method: 'POST', body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(posted.status, 200, await posted.text());
  const b = await scrape();

  assert.equal(delta(a, b, req('/healthz', 200)), 3);
  assert.equal(delta(a, b, req('', 404)), 2);
  assert.equal(delta(a, b, req('/open311/v2/:file', 200)), 2);
  assert.equal(delta(a, b, req('/metrics', 200)), 1, 'the first scrape, counted once answered');
  assert.equal(delta(a, b, 'dimos_http_request_duration_seconds_count'), 3 + 2 + 2 + 1);
  assert.equal(delta(a, b, 'dimos_http_request_duration_seconds_bucket{le="+Inf"}'), 8);
  assert.ok(delta(a, b, 'dimos_http_request_duration_seconds_sum') > 0);
  // Buckets are cumulative.
  const les = [...b.keys()].filter((k) => k.startsWith('dimos_http_request_duration_seconds_bucket'));
  assert.equal(les.length, 12);
  for (let i = 1; i < les.length; i++) assert.ok(b.get(les[i]) >= b.get(les[i - 1]), les[i]);
  assert.equal(delta(a, b, 'dimos_submissions_total{channel="web"}'), 1);
  assert.equal(delta(a, b, 'dimos_submissions_total{channel="counter"}'), 0);
  for (const k of ['dimos_outbox_backlog', 'dimos_outbox_oldest_age_seconds', 'dimos_db_retries_total',
    'dimos_db_errors_total{kind="query"}', 'dimos_db_errors_total{kind="connection"}',
    'dimos_certificates_issued_total{by="auto"}', 'dimos_certificates_issued_total{by="clerk"}']) {
    assert.ok(b.has(k), k);
  }
  // The filed report waits to be mailed (its receipt) or was just sent.
  assert.ok(b.get('dimos_outbox_backlog') >= 0);
});

test('a worker killed with SIGKILL: the counters are kept and restarts go up by one', async () => {
  const before = workerPids();
  assert.ok(before.length >= 2);
  const a = await scrape();
  process.kill(before[0], 'SIGKILL');
  await waitFor(() => {
    const now = workerPids();
    return now.length === before.length && !now.includes(before[0]);
  }, 15000, 'the replacement worker');
  const b = await scrape();
  assert.equal(delta(a, b, 'dimos_worker_restarts_total{reason="crash"}'), 1);
  for (const [k, v] of a) {
    if (k.startsWith('dimos_outbox')) continue;	// gauges
    assert.ok(b.get(k) >= v, `${k} went down: ${v} -> ${b.get(k)}`);
  }
  assert.equal(delta(a, b, req('/metrics', 200)), 1);
});

test('an error page carries the request id of its JSON access line', async () => {
  const path = `/no-such-page-${Date.now()}`;
  const r = await get(path);
  assert.equal(r.status, 404);
  const rid = r.headers.get('x-request-id');
  assert.match(rid, /^[0-9a-f]{16}$/);
  assert.match(r.body, new RegExp(`Κωδικός σφάλματος: 404 · Κωδικός αιτήματος[^:]*: <code class="request-id">${rid}</code>`));
  const log = `${STATE}/log/dimosd.log`;
  await waitFor(() => readFileSync(log, 'utf8').includes(`"rid":"${rid}"`), 5000, 'the access line');
  const lines = readFileSync(log, 'utf8').split('\n').filter((l) => l.includes(rid));
  assert.equal(lines.length, 1, lines.join('\n'));
  const line = JSON.parse(lines[0]);
  assert.deepEqual(Object.keys(line), ['ts', 'event', 'prog', 'pid', 'worker', 'rid', 'method', 'path', 'route', 'status', 'bytes', 'ms']);
  assert.equal(line.event, 'access');
  assert.equal(line.path, path);
  assert.equal(line.status, 404);
  assert.equal(line.route, null);
  assert.equal(line.method, 'GET');
  assert.match(line.ts, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  // Another request, another id.
  assert.notEqual((await get(path)).headers.get('x-request-id'), rid);
});
