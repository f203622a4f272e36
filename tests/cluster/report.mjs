// The table of tests/cluster/run: what citizens saw in each phase (from
// load.mjs's events and the run's marks) against what the database holds
// after recovery. Exits 1 if anything acknowledged is lost, a number is
// duplicated or missing, the database nodes disagree, or a citizen's page
// after "submit" did not show the number the database holds.
//
// node report.mjs EVENTS MARKS SUBMITTED A_NODE C_NODE AGREE SUBS P99 SYNCWAIT
import { readFileSync } from 'node:fs';

const [events, marks, submitted, aNode, cNode, agree, subs, p99, syncWait] = process.argv.slice(2);
const ev = readFileSync(events, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const mk = readFileSync(marks, 'utf8').split('\n').filter(Boolean).map((l) => {
  const [t, what, name] = l.split(' ');
  return { t: Number(t), what, name };
});
const at = (what, name) => mk.find((m) => m.what === what && (name === undefined || m.name === name))?.t;
const db = new Map(readFileSync(submitted, 'utf8').split('\n').filter(Boolean).map((l) => {
  const [id, year, no] = l.split('\t');
  return [Number(id), { year: Number(year), no: Number(no) }];
}));

const phases = [
  { name: 'no fault', from: at('start', 'steady'), to: at('start', 'a') },
  { name: `(a) SIGKILL ${aNode}, rejoin by IST`, from: at('start', 'a'), to: at('start', 'b'), back: at('back', 'a') },
  { name: '(b) SIGKILL dimosd node 2, restart', from: at('start', 'b'), to: at('start', 'c'), back: at('back', 'b') },
  { name: `(c) network to ${cNode} cut 20 s`, from: at('start', 'c'), to: at('end'), back: at('back', 'c') },
];

let lost = 0, mismatch = 0, stale = 0;
const rows = phases.map((p) => {
  const inside = ev.filter((e) => e.t >= p.from && e.t < p.to);
  const acks = inside.filter((e) => e.ev === 'ack');
  const errs = inside.filter((e) => e.ev === 'error');
  const kinds = {};
  for (const e of errs) kinds[`${e.step} ${e.what}`] = (kinds[`${e.step} ${e.what}`] ?? 0) + 1;
  let l = 0;
  for (const a of acks) {
    const r = db.get(a.id);
    if (!r || !r.no) { l++; continue; }
    if (a.protocol === null) stale++;
    else if (a.protocol !== `${r.no}/${r.year}`) mismatch++;
  }
  lost += l;
  const lastErr = errs.length ? Math.max(...errs.map((e) => e.t)) : null;
  return {
    phase: p.name,
    acked: acks.length,
    rate: (acks.length / ((p.to - p.from) / 1000)).toFixed(1),
    lost: l,
    errors: errs.length,
    kinds: Object.entries(kinds).map(([k, n]) => `${n}× ${k}`).join(', ') || '-',
    // Citizens saw errors from the fault until this; the node itself was
    // back (synced / serving) at "back".
    disrupted: lastErr === null || p.back === undefined ? '0' : ((lastErr - p.from) / 1000).toFixed(1),
    back: p.back === undefined ? '-' : ((p.back - p.from) / 1000).toFixed(1),
  };
});

// Numbers: per year, each used once and none skipped (1..max).
const years = new Map();
for (const { year, no } of db.values()) {
  if (!years.has(year)) years.set(year, []);
  years.get(year).push(no);
}
let dup = 0, gaps = 0;
for (const nos of years.values()) {
  const seen = new Set(nos);
  dup += nos.length - seen.size;
  gaps += Math.max(...nos) - seen.size;
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
console.log(`\nDimos cluster: 3 Galera nodes, 2 dimosd nodes behind nginx`);
console.log(`no fault, wrk -c32 -d10s: ${subs} submissions/s (p99 ${p99})`);
console.log(`cost of wsrep_sync_wait (wrk): ${syncWait}\n`);
console.log(`${pad('phase', 38)} ${lpad('acked', 6)} ${lpad('/s', 6)} ${lpad('lost', 5)} ${lpad('errors', 7)} ${lpad('errors until', 13)} ${lpad('node back', 10)}  errors seen by citizens`);
for (const r of rows) {
  console.log(`${pad(r.phase, 38)} ${lpad(r.acked, 6)} ${lpad(r.rate, 6)} ${lpad(r.lost, 5)} ${lpad(r.errors, 7)} ${lpad(`${r.disrupted} s`, 13)} ${lpad(r.back === '-' ? '-' : `${r.back} s`, 10)}  ${r.kinds}`);
}
const acked = rows.reduce((n, r) => n + r.acked, 0);
console.log(`\nacknowledged ${acked}, lost ${lost}, numbers duplicated ${dup}, gaps ${gaps} (${db.size} submitted requests, ${[...years.keys()].join(', ')})`);
console.log(`page after submit without its number ${stale}, with another number ${mismatch}; database nodes agree: ${agree}`);
const ok = lost === 0 && dup === 0 && gaps === 0 && mismatch === 0 && stale === 0 && agree === 'yes' && acked > 0;
console.log(ok ? 'PASS' : 'FAIL');
process.exit(ok ? 0 : 1);
