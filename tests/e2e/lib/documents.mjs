// Issued documents as their holder gets them: a file's bytes through the
// site, and the request's document from the mailbox.
import assert from 'node:assert/strict';
import { BASE } from './stack.mjs';
import { sql, sqlValue } from './db.mjs';

// The bytes, status and type of path as client c gets them.
export async function bytes(c, path) {
  const res = await fetch(BASE + path, { headers: { cookie: c.cookieHeader() }, redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'),
    data: Buffer.from(await res.arrayBuffer()) };
}

// The request's valid document as its holder downloads it from the mailbox.
export async function documentOf(c, requestId) {
  const [docId, code] = sql("SELECT id, code FROM documents WHERE request_id = ? AND status = 'valid' ORDER BY id DESC LIMIT 1", requestId)[0];
  const item = sqlValue('SELECT id FROM mailbox_items WHERE document_id = ?', docId);
  const file = await bytes(c, `/mailbox/${item}/file`);
  assert.equal(file.status, 200);
  assert.equal(file.type, 'application/pdf');
  return { docId, code, item, pdf: file.data, disposition: file.disposition };
}
