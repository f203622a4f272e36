// Reading the mail the stack's SMTP sink captured ($STATE/mail/*.eml):
// headers (RFC 2047 decoded), the text body (quoted-printable or base64).
import { readdirSync, readFileSync } from 'node:fs';
import { STATE, waitFor } from './stack.mjs';

const DIR = `${STATE}/mail`;

function decodeWords(s) {
  return s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc, text) => {
    if (enc.toLowerCase() === 'b') return Buffer.from(text, 'base64').toString('utf8');
    const bytes = text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (__, h) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }).replace(/\?=\s+=\?/g, '?==?');
}

export function parseMail(raw) {
  const text = raw.toString('latin1');
  const split = text.indexOf('\r\n\r\n') >= 0 ? text.indexOf('\r\n\r\n') : text.indexOf('\n\n');
  const head = text.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const headers = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = text.slice(split).replace(/^\r?\n\r?\n/, '');
  const cte = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  let bytes;
  if (cte === 'quoted-printable') {
    bytes = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g,
      (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  } else if (cte === 'base64') {
    bytes = Buffer.from(body, 'base64');
  } else {
    bytes = Buffer.from(body, 'latin1');
  }
  const decodeHeader = (v) => decodeWords(Buffer.from(v ?? '', 'latin1').toString('utf8').replace(/\?=\s+=\?/g, '?==?'));
  return {
    rcpt: headers['x-dimos-rcpt'],
    subject: decodeHeader(headers.subject),
    from: decodeHeader(headers.from),
    to: decodeHeader(headers.to),
    messageId: headers['message-id'],
    headers,
    body: bytes.toString('utf8').replace(/\r\n/g, '\n'),
  };
}

export function mails() {
  return readdirSync(DIR).filter((f) => f.endsWith('.eml')).sort()
    .map((f) => ({ file: f, ...parseMail(readFileSync(`${DIR}/${f}`)) }));
}

export function mailsTo(addr) {
  return mails().filter((m) => m.rcpt === addr);
}

// Waits for the n-th message to addr (counting from 1) and returns it.
export async function waitMail(addr, n = 1, ms = 20000) {
  let found;
  await waitFor(() => { found = mailsTo(addr)[n - 1]; return !!found; }, ms, `mail #${n} to ${addr}`);
  return found;
}

export function linkIn(mail, path) {
  const m = mail.body.match(new RegExp(`https?://[^\\s]*${path.replace(/[?]/g, '\\?')}[^\\s]*`));
  if (!m) throw new Error(`no ${path} link in: ${mail.body}`);
  return m[0];
}
