// dimosd takes a listening socket it is handed, as spawn-fcgi (fd 0) and
// systemd socket activation (fd 3 with LISTEN_FDS/LISTEN_PID) do, and then
// neither creates nor removes its configured socket path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG, waitFor } from './lib/stack.mjs';

const BUILD = process.env.DIMOS_BUILD_DIR;
const dimosd = `${BUILD}/core/dimosd`;

// A copy of the stack's config whose own socket path must stay unused.
function configIn(dir) {
  const path = join(dir, 'dimos.ini');
  writeFileSync(path, readFileSync(CONFIG, 'utf8')
    .replace(/^socket = .*dimosd\.sock$/m, `socket = ${dir}/unused.sock`)
    .replace(/^workers = .*$/m, '')
    .replace(/^\[server\]$/m, '[server]\nworkers = 2'));
  return path;
}

// One FastCGI request through libfcgi's own client (cgi-fcgi).
function fcgi(sock, uri) {
  return execFileSync('cgi-fcgi', ['-bind', '-connect', sock], {
    env: { REQUEST_METHOD: 'GET', DOCUMENT_URI: uri, QUERY_STRING: '', HTTP_ACCEPT_LANGUAGE: 'el' },
    encoding: 'utf8', timeout: 10000,
  });
}

async function stop(child) {
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
}

test('a socket on fd 0 (spawn-fcgi)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dimos-inherit-'));
  const sock = join(dir, 'fcgi.sock');
  const child = spawn('spawn-fcgi', ['-n', '-s', sock, '-M', '0600', '--', dimosd, '-c', configIn(dir)],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  try {
    await waitFor(() => existsSync(sock) && log.includes('started'), 15000, 'dimosd on the inherited socket');
    assert.match(log, /using the inherited socket on fd 0/);
    const out = fcgi(sock, '/');
    assert.match(out, /^Status: 200 OK/);
    assert.match(out, /Δήμος Βισαλτίας/);
    assert.ok(!existsSync(join(dir, 'unused.sock')));
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a socket on fd 3 with LISTEN_FDS (systemd)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dimos-inherit-'));
  const sock = join(dir, 'fcgi.sock');
  // Python binds and listens, then becomes dimosd keeping its pid, as
  // systemd does.
  const py = `
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(sys.argv[1]); s.listen(64)
os.dup2(s.fileno(), 3); os.set_inheritable(3, True)
os.environ['LISTEN_FDS'] = '1'; os.environ['LISTEN_PID'] = str(os.getpid())
os.execv(sys.argv[2], [sys.argv[2], '-c', sys.argv[3]])
`;
  const child = spawn('python3', ['-c', py, sock, dimosd, configIn(dir)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  try {
    await waitFor(() => log.includes('started'), 15000, 'dimosd on fd 3');
    assert.match(log, /using the inherited socket on fd 3/);
    assert.match(fcgi(sock, '/services/general-request'), /Γενικό αίτημα προς τον Δήμο/);
    assert.ok(!existsSync(join(dir, 'unused.sock')));
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
  // The socket it did not create is not its to remove.
});
