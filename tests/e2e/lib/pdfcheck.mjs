// Checks of an issued PDF with the tools a recipient would use: qpdf for
// structure, pdffonts for embedding, pdftotext for the words, pdftoppm and
// zbarimg for the QR code, pdfinfo for tags and language, pdfsig with an
// NSS database that trusts the stack's demo CA for the embedded PAdES
// signature; Ed25519 over SHA-256 with Node's crypto.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { STATE } from './stack.mjs';

export function withFile(bytes, fn) {
  const dir = mkdtempSync(`${tmpdir()}/dimos-pdf-`);
  try {
    writeFileSync(`${dir}/doc.pdf`, bytes);
    return fn(`${dir}/doc.pdf`, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// An NSS database (certutil, libnss3-tools) in which the stack's demo CA
// is a trusted issuer, made once per test process.
let nss;
export function nssdb() {
  if (nss) return nss;
  const dir = mkdtempSync(`${tmpdir()}/dimos-nss-`);
  execFileSync('certutil', ['-N', '--empty-password', '-d', `sql:${dir}`]);
  execFileSync('certutil', ['-A', '-n', 'Dimos demo CA', '-t', 'CT,C,C', '-i', `${STATE}/keys/demo-ca.crt`, '-d', `sql:${dir}`]);
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  nss = dir;
  return nss;
}

// pdfsig's report on the file (its exit status says nothing useful). No
// -no-ocsp: poppler 22.12 then reports every certificate as an "unknown
// issue"; the demo certificates name no OCSP responder anyway, so nothing
// is fetched.
export function pdfsig(file) {
  try {
    return execFileSync('pdfsig', ['-nssdir', `sql:${nssdb()}`, file], { encoding: 'utf8' });
  } catch (e) {
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

// The embedded seal: one PAdES signature over the whole file, valid, by a
// certificate the demo CA issued. Returns pdfsig's report.
export function checkSeal(file) {
  const out = pdfsig(file);
  assert.match(out, /Signature Type: ETSI\.CAdES\.detached/, out);
  assert.match(out, /Total document signed/, out);
  assert.match(out, /Signature Validation: Signature is Valid\./, out);
  assert.match(out, /Certificate Validation: Certificate is Trusted\./, out);
  assert.match(out, /Signer Certificate Common Name: Δήμος Βισαλτίας/, out);
  return out;
}

// Tagged, in Greek, with XMP: pdfinfo, and qpdf for the catalog's /Lang.
export function checkTagged(file) {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  assert.match(info, /^Tagged:\s+yes$/m, info);
  assert.match(info, /^Metadata Stream:\s+yes$/m, info);
  const trailer = execFileSync('qpdf', ['--show-object=trailer', file], { encoding: 'utf8' });
  const root = trailer.match(/\/Root (\d+) 0 R/)[1];
  const catalog = execFileSync('qpdf', [`--show-object=${root}`, file], { encoding: 'utf8' });
  assert.match(catalog, /\/Lang \(el-GR\)/, catalog);
  assert.match(trailer, /\/ID \[/, trailer);
  return info;
}

// Structure, fonts, text, QR, tags and the embedded seal; returns
// { text, qr, pages, sig }.
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
    checkTagged(file);
    const sig = checkSeal(file);
    return { text, qr, pages, sig };
  });
}

export const sha256 = (b) => createHash('sha256').update(b).digest();

// pdfsig's report on bytes (for a file changed on purpose).
export const pdfsigOf = (bytes) => withFile(bytes, (file) => pdfsig(file));

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
