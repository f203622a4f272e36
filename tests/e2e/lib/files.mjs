// Small real files for upload tests: each is what its type says, so that
// libmagic (which decides by content) accepts it; and impostors.
import { deflateSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';

// A one-page PDF with a line of text; `tag` makes each one unique.
export function pdf(tag = 'Dimos') {
  const text = `BT /F1 18 Tf 72 720 Td (${tag.replace(/[()\\]/g, '')}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => { offsets.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

// A small valid PNG (w x h, grey), `seed` varies the pixels.
export function png(w = 8, h = 8, seed = 1) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; ihdr[9] = 0; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const raw = Buffer.alloc((w + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw[y * (w + 1) + 1 + x] = (x * 16 + y * seed) & 0xff;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// A phone's photo as tests/tools/mkphoto writes it (built with the rest):
// kind jpeg | png | heic, with metadata (EXIF with the camera, and with
// gps [lat, lon] a position; XMP, comments), its pixels seeded by tag so
// that different tags give different files. Photos are decoded when they
// arrive (edge/http.c), so a test photo must be a real one.
export function photo(kind = 'jpeg', { tag = 'x', width = 32, height = 24, gps = null, noise = 20 } = {}) {
  let seed = 7;
  for (const ch of tag) seed = (seed * 31 + ch.codePointAt(0)) % 2147483647;
  const args = [kind, String(width), String(height), '--seed', String(seed), '--noise', String(noise)];
  if (gps) args.push('--gps', `${gps[0]},${gps[1]}`);
  return execFileSync(`${process.env.DIMOS_BUILD_DIR}/tests/tools/mkphoto`, args, {
    env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' }, maxBuffer: 64 << 20,
  });
}

// A small real JPEG, different for each tag.
export function jpeg(tag = 'x') {
  return photo('jpeg', { tag });
}

// Files that pretend: HTML and a shell script named as a PDF / image.
export const impostors = {
  html: Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n'),
  script: Buffer.from('#!/bin/sh\nrm -rf /\n'),
  elf: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]),
};

// A decompression bomb: a PNG whose header claims side x side pixels (2.5
// gigapixels by default) over a small deflate stream; refused from its
// header, before anything is decoded.
export function pngBomb(side = 50000) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0); ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; ihdr[9] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(1 << 20))), chunk('IEND', Buffer.alloc(0))]);
}
