// Helpers shared by the end-to-end tests: where the stack is, its
// processes, and small HTTP conveniences. The stack itself is started by
// packaging/run-local (the ctest fixture "stack").
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export const BASE = process.env.DIMOS_URL ?? 'http://127.0.0.1:18080';
export const STATE = process.env.DIMOS_STATE_DIR;
export const SOURCE = process.env.DIMOS_SOURCE_DIR;
export const CONFIG = process.env.DIMOS_CONFIG ?? `${STATE}/dimos.ini`;

if (!STATE || !SOURCE) {
  throw new Error('DIMOS_STATE_DIR and DIMOS_SOURCE_DIR must be set (ctest sets them)');
}

export function masterPid() {
  return Number(readFileSync(`${STATE}/run/dimosd.pid`, 'utf8').trim());
}

export function workerPids() {
  try {
    return execFileSync('pgrep', ['-P', String(masterPid())], { encoding: 'utf8' })
      .trim().split('\n').filter(Boolean).map(Number).sort((a, b) => a - b);
  } catch {
    return [];
  }
}

// Waits until cond() is true (polling), or fails after ms.
export async function waitFor(cond, ms = 10000, what = 'condition') {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function get(path, opts = {}) {
  const res = await fetch(BASE + path, { redirect: 'manual', ...opts });
  const body = await res.text();
  return { status: res.status, headers: res.headers, body };
}

// Raw HTTP for what fetch refuses to send (invalid UTF-8 in the target).
export async function raw(request) {
  const { connect } = await import('node:net');
  const url = new URL(BASE);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(url.port), url.hostname);
    let data = Buffer.alloc(0);
    sock.on('data', (d) => { data = Buffer.concat([data, d]); });
    sock.on('end', () => {
      const text = data.toString('utf8');
      const status = Number(text.slice(9, 12));
      resolve({ status, text });
    });
    sock.on('error', reject);
    // Bytes as written: '\xff' must reach the server as one 0xff byte.
    sock.write(Buffer.from(request, 'latin1'));
  });
}

// Rewrites the stack's configuration and asks dimosd to reload it.
export function editConfig(fn) {
  const before = readFileSync(CONFIG, 'utf8');
  writeFileSync(CONFIG, fn(before));
  return () => writeFileSync(CONFIG, before);
}

export async function reload() {
  const old = workerPids();
  process.kill(masterPid(), 'SIGHUP');
  await waitFor(() => {
    const now = workerPids();
    return now.length > 0 && now.every((p) => !old.includes(p));
  }, 20000, 'the new generation of workers');
}

export function runLocal(...args) {
  return new Promise((resolve, reject) => {
    const p = spawn(`${SOURCE}/packaging/run-local`, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { out += d; });
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`run-local ${args.join(' ')}: ${code}\n${out}`))));
  });
}
