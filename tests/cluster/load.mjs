// Citizens submitting requests with files, as browsers do, until the file
// named by CLUSTER_STOP appears. Each citizen logs in once, then over and
// over: POSTs the general request's form with a PDF (every fourth one of
// 256 KB, the others 1.6 KB) and gets a draft, presses "submit" (again,
// like a citizen, after an error: the second press of an already submitted
// request lands on the same request), and opens the page it is sent to,
// which must show the protocol number (a read that follows the write).
//
// One JSON line per event goes to stdout:
//   {"t":ms,"ev":"ack","id":N,"protocol":"12/2026"}       submitted, number seen
//   {"t":ms,"ev":"ack","id":N,"protocol":null}            submitted, page without it
//   {"t":ms,"ev":"error","step":"form|submit|page|login","what":"502|timeout|..."}
//
// Environment: DIMOS_URL (nginx), CLUSTER_CITIZENS (a file, one e-mail a
// line), CLUSTER_PASSWORD, CLUSTER_STOP, CLUSTER_TIMEOUT_MS (per request).
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, csrfOf } from '../e2e/lib/client.mjs';

const emails = readFileSync(process.env.CLUSTER_CITIZENS, 'utf8').split('\n').filter(Boolean);
const PASSWORD = process.env.CLUSTER_PASSWORD;
const STOP = process.env.CLUSTER_STOP;
const TIMEOUT = Number(process.env.CLUSTER_TIMEOUT_MS ?? 40000);
const FORM = '/services/general-request/new';

const stopped = () => existsSync(STOP);
const emit = (o) => process.stdout.write(`${JSON.stringify({ t: Date.now(), ...o })}\n`);

function pdf(size) {
  const head = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n';
  const tail = '\ntrailer << /Root 1 0 R >>\n%%EOF\n';
  return Buffer.from(head + ' '.repeat(Math.max(0, size - head.length - tail.length)) + tail);
}
const SMALL = pdf(1600);
const LARGE = pdf(256 * 1024);

// One request with a time limit; a network failure or the limit is an
// answer too ("status" 0 and what happened).
async function call(fn) {
  try {
    return await Promise.race([fn(), sleep(TIMEOUT).then(() => ({ status: 0, what: 'timeout' }))]);
  } catch (e) {
    return { status: 0, what: e.cause?.code ?? e.code ?? e.name };
  }
}

const failed = (step, r) => emit({ ev: 'error', step, what: r.what ?? String(r.status) });

async function login(c, email) {
  for (;;) {
    if (stopped()) return false;
    const page = await call(() => c.get('/login'));
    if (page.status === 200) {
      const r = await call(() => c.post('/login', { email, password: PASSWORD }, page.body));
      if (r.status === 303 && c.cookies.has('dm_sid')) return true;
      failed('login', r);
    } else {
      failed('login', page);
    }
    await sleep(500);
  }
}

async function citizen(email, n) {
  const c = new Client();
  if (!(await login(c, email))) return;
  let csrf = null;
  for (let i = n; !stopped(); i++) {
    if (csrf === null) {
      const page = await call(() => c.get(FORM));
      if (page.status !== 200) { failed('form', page); await sleep(300); continue; }
      csrf = csrfOf(page.body);
    }
    const file = i % 4 === 0 ? LARGE : SMALL;
    const draft = await call(() => c.postMultipart(FORM, {
      csrf, subject: `Cluster request ${i}`, message: 'Submitted while the cluster is being broken on purpose.',
      phone: '', action: 'preview',
    }, [{ field: 'files', name: `file-${i}.pdf`, type: 'application/pdf', data: file }]));
    const m = draft.status === 303 && draft.location?.match(/^\/requests\/(\d+)\/preview$/);
    if (!m) { failed('form', draft); await sleep(300); continue; }
    const id = Number(m[1]);
    // Pressed until the site says it is submitted (a citizen seeing an
    // error presses again); given up only when the run stops.
    let done = null;
    while (!done && !stopped()) {
      const r = await call(() => c.post(`/requests/${id}/submit`, { csrf }));
      if (r.status === 303 && r.location === `/requests/${id}?submitted=1`) done = r.location;
      else { failed('submit', r); await sleep(300); }
    }
    if (!done) break;
    const page = await call(() => c.get(done));
    if (page.status !== 200) { failed('page', page); emit({ ev: 'ack', id, protocol: null }); continue; }
    const p = page.body.match(/<strong class="panel__number">(\d+\/\d{4})<\/strong>/);
    emit({ ev: 'ack', id, protocol: p ? p[1] : null });
  }
}

const CONC = Number(process.env.CLUSTER_CONCURRENCY ?? emails.length);
await Promise.all(Array.from({ length: CONC }, (_, k) => citizen(emails[k % emails.length], k)));
