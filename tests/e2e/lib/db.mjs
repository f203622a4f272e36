// Looking into (and, for time travel, nudging) the stack's database with
// the mariadb client and the admin account from the stack's config.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { CONFIG } from './stack.mjs';

function cfg() {
  const text = readFileSync(CONFIG, 'utf8');
  const get = (k) => text.match(new RegExp(`^${k} = (.*)$`, 'm'))?.[1];
  return { socket: get('socket', 'database'), user: get('admin_user'), password: get('admin_password') };
}

function dbSocket() {
  const text = readFileSync(CONFIG, 'utf8');
  const section = text.slice(text.indexOf('[database]'));
  return section.match(/^socket = (.*)$/m)[1];
}

function bind(query, params) {
  let q = query;
  for (const p of params) {
    const lit = p === null ? 'NULL' : typeof p === 'number' ? String(p)
      : `'${String(p).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    q = q.replace('?', lit);
  }
  const c = cfg();
  return ['--no-defaults', `--socket=${dbSocket()}`, `-u${c.user}`, `-p${c.password}`,
    '--default-character-set=utf8mb4', '-N', '-B', 'dimos', '-e', q];
}

const rows = (out) => out.split('\n').filter((l) => l.length).map((l) => l.split('\t').map((v) => (v === 'NULL' ? null : v)));

// Rows as arrays of strings (NULL as null).
export function sql(query, ...params) {
  return rows(execFileSync('mariadb', bind(query, params), { encoding: 'utf8' }));
}

// The same without blocking the event loop, for statements that take long
// (a million-row insert): the HTTP client's timers keep running, so a
// pooled connection that nginx closes meanwhile is dropped, not reused.
export async function sqlAsync(query, ...params) {
  const { stdout } = await promisify(execFile)('mariadb', bind(query, params),
    { encoding: 'utf8', maxBuffer: 64 << 20 });
  return rows(stdout);
}

export function sqlValue(query, ...params) {
  const rows = sql(query, ...params);
  return rows.length ? rows[0][0] : undefined;
}

// Holds LOCK TABLES ... WRITE on tables from a connection of its own until
// release(): the server's statements on them wait, then fail with 1205
// ([database] lock_wait_timeout), as under a migration's ALTER TABLE.
export async function lockTables(...tables) {
  // --no-defaults stays first, as the client wants it.
  const [first, ...rest] = bind('SELECT 1', []).slice(0, -2);
  const args = [first, '--unbuffered', ...rest];
  const p = spawn('mariadb', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const held = new Promise((resolve, reject) => {
    p.stdout.on('data', (d) => { out += d; if (out.includes('held')) resolve(); });
    p.on('exit', (code) => reject(new Error(`mariadb exited (${code}) before the lock was held`)));
  });
  p.stdin.write(`LOCK TABLES ${tables.map((t) => `${t} WRITE`).join(', ')}; SELECT 'held';\n`);
  await held;
  return {
    release: () => new Promise((resolve) => {
      p.removeAllListeners('exit');
      p.on('exit', resolve);
      p.stdin.end('UNLOCK TABLES;\n');
    }),
  };
}
