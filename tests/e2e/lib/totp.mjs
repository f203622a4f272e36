// The staff's second factor in tests: TOTP values (RFC 6238, HMAC-SHA1,
// 6 digits, 30 s) computed with node's crypto, and a code the server has
// not accepted yet for an account (it accepts each time step once).
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from './db.mjs';

// The demo heads' and administrator's secret (dimosctl demo prints it).
export const DEMO_TOTP = Buffer.from('dimos-demo-totp-2026');
export const STEP = 30;

export function totpAt(secret, step, digits = 6) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', secret).update(msg).digest();
  const o = h[h.length - 1] & 0xf;
  const bin = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(bin % 10 ** digits).padStart(digits, '0');
}

export const stepNow = () => Math.floor(Date.now() / 1000 / STEP);

export function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out = [];
  for (const ch of s.replace(/[\s=]/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

// A code for email's account from secret that the server will take: the
// earliest step after the last one it accepted, within one step of now
// (waiting for the clock when the account logged in thrice this step).
export async function freshCode(email, secret = DEMO_TOTP) {
  const row = sql('SELECT f.last_step FROM staff_factors f JOIN accounts a ON a.id = f.account_id WHERE a.email = ?', email)[0];
  const last = row ? Number(row[0]) : 0;
  for (;;) {
    const now = Date.now() / 1000;
    const cur = Math.floor(now / STEP);
    // The step before now's, unless it is about to leave the window.
    const first = now - cur * STEP < STEP - 5 ? cur - 1 : cur;
    const step = Math.max(first, last + 1);
    if (step <= cur + 1) return totpAt(secret, step);
    await sleep(((step - 1) * STEP - now) * 1000 + 200);
  }
}
