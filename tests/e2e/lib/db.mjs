// Looking into (and, for time travel, nudging) the stack's database with
// the mariadb client and the admin account from the stack's config.
import { execFile, execFileSync } from 'node:child_process';
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

// Rows as arrays of strings (NULL as null).
export function sql(query, ...params) {
  const c = cfg();
  let q = query;
  for (const p of params) {
    const lit = p === null ? 'NULL' : typeof p === 'number' ? String(p)
      : `'${String(p).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    q = q.replace('?', lit);
  }
  const out = execFileSync('mariadb', ['--no-defaults', `--socket=${dbSocket()}`, `-u${c.user}`, `-p${c.password}`,
    '--default-character-set=utf8mb4', '-N', '-B', 'dimos', '-e', q], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.length).map((l) => l.split('\t').map((v) => (v === 'NULL' ? null : v)));
}

export function sqlValue(query, ...params) {
  const rows = sql(query, ...params);
  return rows.length ? rows[0][0] : undefined;
}

// A long statement without blocking the event loop: while sql() blocks,
// an idle keep-alive connection that nginx closes (keepalive_timeout 65s)
// is not noticed and the next request on it fails ("fetch failed").
export async function sqlLong(query) {
  const c = cfg();
  await promisify(execFile)('mariadb', ['--no-defaults', `--socket=${dbSocket()}`, `-u${c.user}`, `-p${c.password}`,
    '--default-character-set=utf8mb4', '-N', '-B', 'dimos', '-e', query], { encoding: 'utf8', maxBuffer: 1 << 20 });
}
