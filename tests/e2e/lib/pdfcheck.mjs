// Checks of an issued PDF with the tools a recipient would use: qpdf for
// structure, pdffonts for embedding, pdftotext for the words, pdftoppm and
// zbarimg for the QR code; Ed25519 over SHA-256 with Node's crypto.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

export function withFile(bytes, fn) {
  const dir = mkdtempSync(`${tmpdir()}/dimos-pdf-`);
  try {
    writeFileSync(`${dir}/doc.pdf`, bytes);
    return fn(`${dir}/doc.pdf`, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Structure, fonts, text and QR; returns { text, qr, pages }.
export function inspect(bytes) {
  return withFile(bytes, (file, dir) => {
    execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    assert.ok(fonts.length > 0, 'the PDF has fonts');
    for (const line of fonts) {
      // name type encoding emb sub uni object ID: "emb" is the 4th column
      // counted from the right end (emb sub uni obj gen).
      const cols = line.trim().split(/\s+/);
      assert.equal(cols[cols.length - 5], 'yes', `font not embedded: ${line}`);
    }
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const pages = Number(execFileSync('qpdf', ['--show-npages', file], { encoding: 'utf8' }).trim());
    // The QR code as a scanner at 300 dpi sees it: with the signature, on
    // the last page (the only one of most documents; a permit's terms may
    // take it to a second).
    execFileSync('pdftoppm', ['-r', '300', '-f', String(pages), '-l', String(pages), '-png', file, `${dir}/page`]);
    const png = readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'));
    const qr = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', `${dir}/${png}`], { encoding: 'utf8' }).trim();
    return { text, qr, pages };
  });
}

export const sha256 = (b) => createHash('sha256').update(b).digest();

// The published key file: "dimos-seal-public-v1\n<base64 of 32 bytes>\n".
export function sealKey(text) {
  const [magic, b64] = text.trim().split('\n');
  assert.equal(magic, 'dimos-seal-public-v1');
  const raw = Buffer.from(b64, 'base64');
  assert.equal(raw.length, 32);
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

// Does signature (hex) seal these bytes under key?
export function sealed(key, bytes, signatureHex) {
  return verify(null, sha256(bytes), key, Buffer.from(signatureHex, 'hex'));
}
