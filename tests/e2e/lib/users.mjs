// Accounts for tests: the demo people run-local loads, and new citizens
// registered the way a person does (form, mailed link, confirmation).
import assert from 'node:assert/strict';
import { Client } from './client.mjs';
import { waitMail, linkIn } from './mail.mjs';
import { freshCode } from './totp.mjs';

export const DEMO_PASSWORD = 'Visaltia-Demo-2026';
export const PASSWORD = 'ένας καλός κωδικός 2026';
const RUN = Date.now().toString(36);
let seq = 0;

export const uniqueEmail = (tag) => `${tag}.${RUN}.${process.pid}.${++seq}@example.org`;

export const person = (addr, extra = {}) => ({
  kind: 'person', first_name: 'Ελένη', last_name: 'Δοκιμή', father_name: 'Γεώργιος',
  email: addr, mobile: '6912 345 678', password: PASSWORD, password2: PASSWORD, terms: '1', ...extra,
});

export async function register(c, fields) {
  return c.post('/register', fields, '/register?kind=' + fields.kind);
}

// Registers, follows the mailed link and confirms; returns a logged-in client.
export async function newUser(tag = 'user', extra = {}) {
  const c = new Client();
  const addr = uniqueEmail(tag);
  const r = await register(c, person(addr, extra));
  assert.equal(r.status, 200, r.body);
  const mail = await waitMail(addr);
  const link = linkIn(mail, '/register/confirm?token=');
  const page = await c.get(link.replace(/^https?:\/\/[^/]+/, ''));
  const done = await c.post('/register/confirm', { token: new URL(link).searchParams.get('token') }, page.body);
  assert.equal(done.status, 200);
  const login = await c.post('/login', { email: addr, password: PASSWORD });
  assert.equal(login.status, 303, login.body);
  return { c, addr };
}

// A logged-in client for one of the demo accounts (clerk.general@..., ...);
// heads and the administrator give the demo's TOTP code after the password.
export async function loginAs(email, password = DEMO_PASSWORD) {
  const c = new Client();
  const r = await c.post('/login', { email, password });
  assert.equal(r.status, 303, `login as ${email}: ${r.status}`);
  if (r.location.split('?')[0].endsWith('/login/code')) {
    const page = await c.get('/login/code');
    assert.equal(page.status, 200, `code page for ${email}: ${page.status}`);
    const done = await c.post('/login/code', { code: await freshCode(email) }, page.body);
    assert.equal(done.status, 303, `second factor of ${email}: ${done.status}`);
  }
  return c;
}

// The TaxisNet (mock GSIS) flow: start, the provider's answer for a test
// person (tests/oauth-users.json), the callback. tweak() may spoil the
// provider's redirect on its way back.
export async function taxisStart(c) {
  const r = await c.get('/login/taxisnet');
  assert.equal(r.status, 303);
  return new URL(r.location);
}

export async function taxisProvider(url, params) {
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const r = await fetch(url, { redirect: 'manual' });
  assert.equal(r.status, 302, await r.text());
  return new URL(r.headers.get('location'));
}

export async function taxisFlow(c, user, tweak = (u) => u) {
  const back = tweak(await taxisProvider(await taxisStart(c), { test_user: user }));
  return c.get(back.pathname + back.search);
}

// A client logged in (Level B) as a TaxisNet test person.
export async function taxisLogin(user) {
  const c = new Client();
  const r = await taxisFlow(c, user);
  assert.equal(r.status, 303, `TaxisNet login of ${user}: ${r.status}`);
  return c;
}
