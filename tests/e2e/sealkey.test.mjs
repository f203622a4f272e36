// Every node of a cluster seals with the same key: a dimosd whose seal key
// differs from the generation the database records as sealing refuses to
// start (and `dimosd -t` says why), and `dimosctl keys init` on a second
// node refuses to make a key of its own. The stack's own node passes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqlValue } from './lib/db.mjs';
import { CONFIG } from './lib/stack.mjs';

const BUILD = process.env.DIMOS_BUILD_DIR;
const DIMOSD = `${BUILD}/core/dimosd`;
const DIMOSCTL = `${BUILD}/core/dimosctl`;
const dir = mkdtempSync(join(tmpdir(), 'dimos-sealkey-'));
chmodSync(dir, 0o755);
after(() => rmSync(dir, { recursive: true, force: true }));

// The stack's configuration with another key folder, socket and pid file;
// database.socket replaced when db is given (an unreachable database).
function configWith(name, keyDir, db) {
  let ini = readFileSync(CONFIG, 'utf8')
    .replace(/^key_dir = .*$/m, `key_dir = ${keyDir}`)
    .replace(/^socket = (.*)dimosd\.sock$/m, `socket = ${dir}/${name}.sock`);
  if (db) ini = ini.replace(/^socket = (.*)mysqld\.sock$/m, `socket = ${db}`);
  const path = join(dir, `${name}.ini`);
  writeFileSync(path, ini);
  return path;
}

const run = (cmd, args) => spawnSync(cmd, args, { encoding: 'utf8', timeout: 30000 });

test('a node whose seal key differs from the recorded one refuses to start, saying why', () => {
  const recorded = sqlValue('SELECT key_id FROM seal_keys WHERE retired_at IS NULL ORDER BY activated_at DESC, key_id LIMIT 1');
  assert.match(String(recorded), /^[0-9a-f]{16}$/);

  // The stack's own node: same key, accepted.
  const ok = run(DIMOSD, ['-t', '-c', CONFIG]);
  assert.equal(ok.status, 0, ok.stderr);

  // Another node that made a key of its own while the database was away.
  const other = join(dir, 'other-keys');
  mkdirSync(other, { mode: 0o700 });
  const offline = configWith('offline', other, join(dir, 'no-such-mysqld.sock'));
  const made = run(DIMOSCTL, ['-c', offline, 'keys', 'init']);
  assert.equal(made.status, 0, made.stderr);
  const otherId = made.stdout.match(/^key ([0-9a-f]{16})$/m)[1];
  assert.notEqual(otherId, recorded);

  const node2 = configWith('node2', other);
  const check = run(DIMOSD, ['-t', '-c', node2]);
  assert.equal(check.status, 1);
  assert.match(check.stderr, new RegExp(`seal key of this node \\(generation ${otherId}\\) is not the one the database records as sealing \\(generation ${recorded}\\)`));
  assert.match(check.stderr, /copy the key folder \(documents\.key_dir\)/);

  // Started for real: it stops before any worker serves, the reason logged.
  const start = run(DIMOSD, ['-c', node2, '-p', join(dir, 'node2.pid')]);
  assert.equal(start.signal, null, 'it stopped by itself, not at the timeout');
  assert.equal(start.status, 1);
  const log = start.stderr + start.stdout;
  assert.match(log, new RegExp(`generation ${otherId}\\) is not the one the database records`), log);
  assert.match(log, /not starting/, log);
  assert.equal(existsSync(join(dir, 'node2.pid')) && existsSync(join(dir, 'node2.sock')), false);

  // Nothing was recorded for the stray key.
  assert.equal(Number(sqlValue('SELECT COUNT(*) FROM seal_keys WHERE key_id = ?', otherId)), 0);
});

test('a node without a key cannot start against a database that records one, nor make its own', () => {
  const empty = join(dir, 'empty-keys');
  const node3 = configWith('node3', empty);
  const check = run(DIMOSD, ['-t', '-c', node3]);
  assert.equal(check.status, 1);
  assert.match(check.stderr, /this node has no seal key, but the database records generation [0-9a-f]{16}/);

  const init = run(DIMOSCTL, ['-c', node3, 'keys', 'init']);
  assert.notEqual(init.status, 0);
  assert.match(init.stderr, /copy the key folder \(documents\.key_dir\) from a node that has it/);
  assert.equal(existsSync(join(empty, 'current')), false, 'no key made');
});

// The second factor's key (key_dir/factor.key) follows the same rule: the
// database records its check value, and a node without the key, or with
// another, refuses to start rather than let a code pass unchecked or
// write secrets the other nodes cannot read.
test('a node whose second-factor key is missing or differs from the recorded one refuses to start, saying why', () => {
  const keys = readFileSync(CONFIG, 'utf8').match(/^key_dir = (.*)$/m)[1];
  assert.equal(Number(sqlValue("SELECT COUNT(*) FROM instance_keys WHERE purpose = 'factor'")), 1);
  const copy = join(dir, 'factor-keys');
  assert.equal(run('cp', ['-a', keys, copy]).status, 0);
  const node4 = configWith('node4', copy);
  // The same folder, copied: accepted.
  const same = run(DIMOSD, ['-t', '-c', node4]);
  assert.equal(same.status, 0, same.stderr);

  // Another key (made by hand, as a node that made its own would have).
  const mine = readFileSync(join(copy, 'factor.key'), 'utf8');
  const other = mine.replace(/^(dimos-factor-key-v1\n)(.*)$/m, (_, h, b64) =>
    h + Buffer.from(Buffer.from(b64, 'base64').map((x) => x ^ 0xff)).toString('base64'));
  assert.notEqual(other, mine);
  writeFileSync(join(copy, 'factor.key'), other, { mode: 0o600 });
  const check = run(DIMOSD, ['-t', '-c', node4]);
  assert.equal(check.status, 1);
  assert.match(check.stderr, /the second-factor key of this node \(.*factor\.key\) is not the one the database records: every node must have the same key/);
  const start = run(DIMOSD, ['-c', node4, '-p', join(dir, 'node4.pid')]);
  assert.equal(start.signal, null, 'it stopped by itself, not at the timeout');
  assert.equal(start.status, 1);
  assert.match(start.stderr + start.stdout, /second-factor key of this node/);
  assert.match(start.stderr + start.stdout, /not starting/);

  // None: refused too, and migrate does not make one of its own.
  rmSync(join(copy, 'factor.key'));
  const none = run(DIMOSD, ['-t', '-c', node4]);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /no second-factor key .*factor\.key, but the database records one: every node needs the same key; copy it from a node that has it/);
  const migrate = run(DIMOSCTL, ['-c', node4, 'migrate']);
  assert.notEqual(migrate.status, 0);
  assert.match(migrate.stderr, /copy it from a node that has it/);
  assert.equal(existsSync(join(copy, 'factor.key')), false, 'no key made');
  // The recorded one is still the stack's.
  assert.equal(Number(sqlValue("SELECT COUNT(*) FROM instance_keys WHERE purpose = 'factor'")), 1);
  assert.equal(run(DIMOSD, ['-t', '-c', CONFIG]).status, 0);
});
