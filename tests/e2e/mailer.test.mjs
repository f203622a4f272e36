// E-mail through the outbox, end to end: dimos-mailer against the stack's
// MariaDB and its SMTP sink (tests/smtp-sink.py writing to
// $DIMOS_STATE_DIR/mail/). Checks what arrives byte for byte: encoded
// headers, quoted-printable bodies, dot-stuffing; a relay that is down
// (retries, then exactly one delivery), a permanent refusal, and three
// mailers draining the same outbox without sending anything twice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { STATE, CONFIG, waitFor, runLocal } from './lib/stack.mjs';

const BUILD = process.env.DIMOS_BUILD_DIR;
const MAILER = `${BUILD}/core/dimos-mailer`;
const MAILDIR = `${STATE}/mail`;
const STAMP = `${Date.now()}${process.pid}`;

function parseIni(text) {
  const out = {};
  let section = '';
  for (const line of text.split('\n')) {
    const s = line.trim();
    if (!s || s.startsWith(';') || s.startsWith('#')) continue;
    const m = s.match(/^\[(.+)\]$/);
    if (m) {
      section = m[1];
      out[section] ??= {};
      continue;
    }
    const eq = s.indexOf('=');
    if (eq > 0) out[section][s.slice(0, eq).trim()] = s.slice(eq + 1).trim();
  }
  return out;
}

function seconds(v, dflt) {
  const m = String(v ?? dflt).match(/^(\d+)\s*([smhd]?)$/);
  return Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]];
}

const INI = parseIni(readFileSync(CONFIG, 'utf8'));
const MAIL = INI.mail ?? {};
const POLL = seconds(MAIL.poll, '2s');
const RETRY = seconds(MAIL.retry_base, '30s');
const DB = INI.database;

function sql(query) {
  return execFileSync('mariadb', ['--no-defaults', `--socket=${DB.socket}`,
    `-u${DB.admin_user}`, `-p${DB.admin_password}`, DB.name, '-N', '-B', '-e', query],
  { encoding: 'utf8' }).trim();
}

function mailer(...args) {
  return execFileSync(MAILER, ['-c', CONFIG, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function sendTest(addr) {
  const m = mailer('--send-test', addr).match(/queued test message (\d+) to /);
  assert.ok(m, 'dimos-mailer --send-test printed the id');
  return Number(m[1]);
}

function row(id) {
  const [status, attempts, lastError, messageId] =
    sql(`SELECT status, attempts, IFNULL(last_error, ''), message_id FROM outbox WHERE id = ${id}`).split('\t');
  return { status, attempts: Number(attempts), lastError, messageId };
}

// ------------------------------------------------------------ messages

function unfold(headerBlock) {
  return headerBlock.replace(/\r\n(?=[ \t])/g, '');
}

// RFC 2047 B words; each must hold whole UTF-8 characters on its own.
function decodeWords(value) {
  const strict = new TextDecoder('utf-8', { fatal: true });
  return value
    .replace(/(\?=)[ \t]+(?==\?)/g, '$1')
    .replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=/gi, (_, b64) => strict.decode(Buffer.from(b64, 'base64')));
}

function decodeQP(text) {
  const soft = text.replace(/=\r\n/g, '');
  const bytes = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=') {
      assert.match(soft.slice(i + 1, i + 3), /^[0-9A-F]{2}$/, 'a valid QP escape');
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(soft.charCodeAt(i));
    }
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(bytes)).replace(/\r\n/g, '\n');
}

function parseMail(file) {
  const raw = readFileSync(`${MAILDIR}/${file}`);
  const text = raw.toString('latin1');
  const rcpt = [];
  let rest = text;
  while (rest.startsWith('X-Dimos-Rcpt: ')) {
    const eol = rest.indexOf('\r\n');
    rcpt.push(rest.slice(14, eol));
    rest = rest.slice(eol + 2);
  }
  const sep = rest.indexOf('\r\n\r\n');
  const head = rest.slice(0, sep + 2);
  const headers = {};
  for (const line of unfold(head).split('\r\n')) {
    const c = line.indexOf(': ');
    if (c > 0) headers[line.slice(0, c).toLowerCase()] ??= line.slice(c + 2);
  }
  return { file, rcpt, raw: rest, head, headers, body: rest.slice(sep + 4) };
}

function mailFiles() {
  return readdirSync(MAILDIR).filter((f) => f.endsWith('.eml')).sort();
}

function mailFor(addr) {
  return mailFiles().map(parseMail).filter((m) => m.rcpt.includes(addr));
}

// What every message we send must look like on the wire.
function checkWire(m) {
  assert.ok(/^[\x09\x0d\x0a\x20-\x7e]*$/.test(m.raw), '7-bit clean');
  assert.ok(!/[^\r]\n/.test(m.raw) && !/\r(?!\n)/.test(m.raw), 'CRLF line ends only');
  for (const line of m.head.split('\r\n')) assert.ok(line.length <= 78, `header line <= 78: ${line}`);
  for (const line of m.body.split('\r\n')) assert.ok(line.length <= 76, `QP line <= 76: ${line}`);
  assert.match(m.headers.date, /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000$/);
  assert.match(m.headers['message-id'], /^<[^<>\s@]+@[^<>\s@]+>$/);
  assert.equal(m.headers['mime-version'], '1.0');
  assert.equal(m.headers['content-type'], 'text/plain; charset=UTF-8');
  assert.equal(m.headers['content-transfer-encoding'], 'quoted-printable');
  assert.equal(m.headers['auto-submitted'], 'auto-generated');
  assert.match(decodeWords(m.headers.from), /<[^<>\s]+@[^<>\s]+>$/);
}

function removeFlags() {
  for (const f of ['.reject', '.reject-permanent']) {
    if (existsSync(`${MAILDIR}/${f}`)) unlinkSync(`${MAILDIR}/${f}`);
  }
}

function stackMailerPid() {
  return Number(readFileSync(`${STATE}/run/mailer.pid`, 'utf8').trim());
}

before(() => {
  removeFlags();
  process.kill(stackMailerPid(), 0); // throws if the stack's mailer is not running
});

after(() => {
  removeFlags();
});

// ---------------------------------------------------------------- tests

test('--send-test: a Greek test message reaches the relay', async () => {
  const addr = `x-${STAMP}@example.org`;
  const id = sendTest(addr);
  await waitFor(() => mailFor(addr).length > 0, 10000 + POLL * 1000, 'the test message in the sink');
  const [m] = mailFor(addr);
  checkWire(m);
  const subject = decodeWords(m.headers.subject);
  assert.ok(subject.startsWith('Δοκιμαστικό μήνυμα'), subject);
  assert.ok(subject.includes(INI.municipality.name_el), subject);
  assert.ok(subject.includes('Test message'), subject);
  assert.match(m.headers.subject, /=\?UTF-8\?B\?/, 'the Greek subject is encoded');
  assert.equal(decodeWords(m.headers.to), `<${addr}>`);
  const body = decodeQP(m.body);
  const el = body.indexOf('δοκιμαστικό μήνυμα');
  const en = body.indexOf('This is a test message');
  assert.ok(el >= 0 && en > el, 'Greek first, then English');
  // Its time is the municipality's, its zone said: within a minute of
  // now in Athens.
  const at = body.match(/^dimos-mailer, .*, (\d{4}-\d\d-\d\d \d\d:\d\d) ([+-]\d{4}) \(Europe\/Athens\)$/m);
  assert.ok(at, body);
  const local = new Date(`${at[1].replace(' ', 'T')}:00${at[2].slice(0, 3)}:${at[2].slice(3)}`);
  assert.ok(Math.abs(local - Date.now()) < 120000, `${at[1]} ${at[2]}`);
  assert.equal(at[2], new Intl.DateTimeFormat('en', { timeZone: 'Europe/Athens', timeZoneName: 'longOffset' })
    .formatToParts(local).find((p) => p.type === 'timeZoneName').value.replace(/GMT|:/g, '') || '+0000');
  const r = row(id);
  assert.equal(r.status, 'sent');
  assert.equal(r.attempts, 0);
  assert.equal(m.headers['message-id'], r.messageId);
  assert.equal(m.headers['content-language'], 'el');
});

test('the body arrives intact: dot-stuffing, "From ", trailing spaces, long Greek lines', async () => {
  const addr = `dots-${STAMP}@example.org`;
  const body = '.\n..two dots\n.one dot\nFrom the town hall\ntrailing spaces   \n' +
    'Ελληνικό κείμενο '.repeat(20) + '\n=equals= at the end=\n.';
  const hex = Buffer.from(body, 'utf8').toString('hex');
  sql(`INSERT INTO outbox (to_addr, subject, body, kind, message_id) VALUES ('${addr}', ` +
    `'Τελείες / dots', CONVERT(X'${hex}' USING utf8mb4), 'e2e', '<dots-${STAMP}@e2e.invalid>')`);
  await waitFor(() => mailFor(addr).length > 0, 10000 + POLL * 1000, 'the message in the sink');
  const [m] = mailFor(addr);
  checkWire(m);
  assert.equal(decodeQP(m.body), `${body}\n`);
  assert.equal(decodeWords(m.headers.subject), 'Τελείες / dots');
});

test('relay down: attempts grow, nothing arrives; back up: delivered exactly once', async () => {
  const addr = `down-${STAMP}@example.org`;
  writeFileSync(`${MAILDIR}/.reject`, '');
  let id;
  try {
    id = sendTest(addr);
    await waitFor(() => row(id).attempts >= 2, (RETRY * 3 + POLL * 3 + 10) * 1000, 'two failed attempts');
    const r = row(id);
    assert.equal(r.status, 'pending');
    assert.match(r.lastError, /451/);
    assert.equal(mailFor(addr).length, 0, 'nothing delivered while the relay refuses');
  } finally {
    unlinkSync(`${MAILDIR}/.reject`);
  }
  await waitFor(() => row(id).status === 'sent', (RETRY * 8 + POLL * 3 + 10) * 1000, 'delivery after the relay is back');
  await sleep(POLL * 1000 + 1000);
  const got = mailFor(addr);
  assert.equal(got.length, 1, 'delivered exactly once');
  assert.equal(got[0].headers['message-id'], row(id).messageId);
  assert.ok(row(id).attempts >= 2);
});

test('a permanent refusal of the recipient fails the message at once', async () => {
  const addr = `refused-${STAMP}@example.org`;
  writeFileSync(`${MAILDIR}/.reject-permanent`, '');
  let id;
  try {
    id = sendTest(addr);
    await waitFor(() => row(id).status === 'failed', (POLL * 3 + 10) * 1000, 'the message to fail');
  } finally {
    unlinkSync(`${MAILDIR}/.reject-permanent`);
  }
  const r = row(id);
  assert.equal(r.attempts, 1);
  assert.match(r.lastError, /550/);
  await sleep(POLL * 1000 + 500);
  assert.equal(mailFor(addr).length, 0);
  assert.equal(row(id).status, 'failed', 'a failed message is not retried');
});

test('three mailers drain 30 messages: each delivered exactly once', async (t) => {
  // The extra mailers claim two at a time, so the three interleave.
  const cfgText = readFileSync(CONFIG, 'utf8');
  const extraCfg = `${STATE}/mailer-e2e.ini`;
  const mailSection = /^\[mail\][^[]*/m;
  const extraMail = `[mail]\n${Object.entries({ ...MAIL, batch: '2' }).map(([k, v]) => `${k} = ${v}`).join('\n')}\n\n`;
  writeFileSync(extraCfg, mailSection.test(cfgText) ? cfgText.replace(mailSection, extraMail) : `${cfgText}\n${extraMail}`, { mode: 0o600 });
  const extras = [0, 1].map(() => {
    const p = spawn(MAILER, ['-c', extraCfg], { stdio: ['ignore', 'ignore', 'pipe'] });
    p.log = '';
    p.stderr.on('data', (d) => { p.log += d; });
    p.done = new Promise((resolve) => p.on('exit', (code, signal) => resolve({ code, signal })));
    return p;
  });
  try {
    await waitFor(() => extras.every((p) => p.log.includes('started as')), 10000, 'the extra mailers to start');
    // A trickle over a few polls, as requests would write them, so that
    // every mailer finds some due at its scans.
    for (let i = 1; i <= 30; i++) {
      sql('INSERT INTO outbox (to_addr, subject, body, kind, message_id) VALUES ' +
        `('many${i}-${STAMP}@example.org', 'Μήνυμα ${i}', 'Καλημέρα', 'e2e', '<many-${STAMP}-${i}@e2e.invalid>')`);
      await sleep((POLL * 3000) / 30);
    }
    await waitFor(() => Number(sql(`SELECT COUNT(*) FROM outbox WHERE message_id LIKE '<many-${STAMP}-%' AND status = 'sent'`)) === 30,
      30000 + POLL * 1000, 'all 30 messages sent');
    await sleep(POLL * 1000 + 1000);
  } finally {
    for (const p of extras) p.kill('SIGTERM');
  }
  const t0 = Date.now();
  for (const p of extras) {
    const { code, signal } = await p.done;
    assert.equal(signal, null, `extra mailer killed by ${signal}:\n${p.log}`);
    assert.equal(code, 0, `extra mailer exit code:\n${p.log}`);
    assert.doesNotMatch(p.log, /AddressSanitizer|runtime error|LeakSanitizer| error: /, p.log);
  }
  assert.ok(Date.now() - t0 < 5000, 'SIGTERM stops a mailer promptly');
  unlinkSync(extraCfg);

  const perId = new Map();
  for (const m of mailFiles().map(parseMail)) {
    const mid = m.headers['message-id'];
    if (mid?.startsWith(`<many-${STAMP}-`)) perId.set(mid, (perId.get(mid) ?? 0) + 1);
  }
  assert.equal(perId.size, 30, 'every message arrived');
  for (const [mid, n] of perId) assert.equal(n, 1, `${mid} delivered ${n} times`);
  const by = sql(`SELECT claimed_by, COUNT(*) FROM outbox WHERE message_id LIKE '<many-${STAMP}-%' GROUP BY claimed_by`)
    .split('\n').map((l) => l.replace('\t', ': '));
  t.diagnostic(`sent by ${by.join(', ')}`);
  assert.ok(by.length >= 2, 'the mailers shared the work');
  process.kill(stackMailerPid(), 0);
});

test('--once scans, sends what is due and exits', async () => {
  // The stack's mailer races it for the row; either way it goes once.
  const addr = `once-${STAMP}@example.org`;
  const id = sendTest(addr);
  const t0 = Date.now();
  mailer('--once');
  assert.ok(Date.now() - t0 < 15000, '--once returns');
  await waitFor(() => row(id).status === 'sent', 10000 + POLL * 1000, 'the message sent');
  await sleep(POLL * 1000 + 500);
  assert.equal(mailFor(addr).length, 1);
});

test('the database restarts: the mailer survives, reconnects and delivers', async () => {
  const pid = stackMailerPid();
  await runLocal('--db-stop');
  try {
    await sleep(POLL * 3000 + 1000);
  } finally {
    await runLocal('--db-start');
  }
  process.kill(pid, 0); // still the same mailer
  const addr = `dbback-${STAMP}@example.org`;
  const id = sendTest(addr);
  // It backs off while the database is away (at most 30 s between tries).
  await waitFor(() => row(id).status === 'sent', 45000, 'delivery after the restart');
  assert.equal(mailFor(addr).length, 1);
  assert.equal(stackMailerPid(), pid);
});
