// Hardening found by a hostile visitor (issue 11): redirects that could
// leave the site, links built from the request path, personal pages that
// a cache could keep, and trailing slashes. Each test checks the whole
// class the way a browser reads it: URLs are resolved with the WHATWG URL
// parser (which drops tabs and reads "\" as "/"), as browsers do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, inputValue, unescapeHtml } from './lib/client.mjs';
import { BASE, editConfig, get, reload } from './lib/stack.mjs';
import { sql, sqlValue } from './lib/db.mjs';
import { pdf } from './lib/files.mjs';
import { DEMO_PASSWORD, loginAs } from './lib/users.mjs';

const ORIGIN = new URL(BASE).origin;
const CITIZEN = 'maria.ioannidou@demo.visaltia.gr';
const PAPADOPOULOS = 'georgios.papadopoulos@demo.visaltia.gr';
const CLERK = 'clerk.general@demo.visaltia.gr';

// Where a browser goes for a Location or an href on a page of ours.
const target = (url) => new URL(url, BASE + '/some/page');

function assertLocal(url, what) {
  assert.equal(target(url).origin, ORIGIN, `${what}: ${JSON.stringify(url)} leaves the site`);
}

// Every link, form action and resource of a page that is not an explicit
// scheme (tel:, mailto:, the municipality's web site) stays on the site.
function assertLinksLocal(html, what) {
  const urls = [...html.matchAll(/\s(?:href|action|src)="([^"]*)"/g)].map((m) => unescapeHtml(m[1]));
  assert.ok(urls.length > 5, `${what}: no links found`);
  for (const u of urls) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(u) || u.startsWith('#')) continue;
    assertLocal(u, `${what}: link`);
  }
}

const HOSTILE_NEXT = [
  '/\t/evil.example/', '/\t\t/evil.example/', '/\n/evil.example/', '/\r\n/evil.example/',
  '/\\evil.example/', '/\\\\evil.example/', '//evil.example/', '///evil.example/',
  'https://evil.example/', '\t//evil.example/', ' //evil.example/', '/.\\.\\evil.example/x',
];

test('item 1: login never redirects off the site, whatever "next" says', async () => {
  for (const next of HOSTILE_NEXT) {
    const c = new Client();
    const page = await c.get('/login?next=' + encodeURIComponent(next));
    assert.equal(page.status, 200, JSON.stringify(next));
    const kept = inputValue(page.body, 'next');
    if (kept) assertLocal(kept, `kept next for ${JSON.stringify(next)}`);
    const r = await c.post('/login', { email: CITIZEN, password: DEMO_PASSWORD, next }, page.body);
    if (/[\r\n]/.test(next)) {
      // A one-line field with a line break is refused as a whole.
      assert.equal(r.status, 422, JSON.stringify(next));
      assert.equal(r.location, null);
      continue;
    }
    assert.equal(r.status, 303, JSON.stringify(next));
    assertLocal(r.location, `login with next=${JSON.stringify(next)}`);
    assert.equal(r.location, '/account', JSON.stringify(next));
  }
  // A local next still works, and what it carries is a valid URL.
  const c = new Client();
  const r = await c.post('/login', { email: CITIZEN, password: DEMO_PASSWORD, next: '/requests?x=ένα δύο' }, '/login');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/requests?x=%CE%AD%CE%BD%CE%B1%20%CE%B4%CF%8D%CE%BF');
});

test('item 1: the login redirect of a protected page keeps a path that stays on the site', async () => {
  // An anonymous visitor is sent to the login page with the page to come
  // back to; odd paths come back encoded, never as another host.
  for (const path of ['/account', '/requests/%5Cevil.example', '/staff/%5C%5Cevil.example']) {
    const r = await get(path);
    assert.equal(r.status, 303, path);
    const loc = r.headers.get('location');
    assert.match(loc, /^\/login\?next=/);
    const next = target(loc).searchParams.get('next');
    assertLocal(next, `next of ${path}`);
    // Logging in with it lands on the same path, on this site.
    const c = new Client();
    const page = await c.get(loc);
    const back = await c.post('/login', { email: CLERK, password: DEMO_PASSWORD, next: inputValue(page.body, 'next') }, page.body);
    assert.equal(back.status, 303);
    assertLocal(back.location, `login back to ${path}`);
    assert.equal(target(back.location).pathname, path, path);
  }
});

test('item 2: links on a page never point off the site, whatever the path', async () => {
  const paths = ['/%5Cevil.example/x', '/%5C%5Cevil.example/x', '/%2F%2Fevil.example/x', '/%2Fevil.example',
    '/%5C/evil.example/x', '/x/%22onmouseover=%22alert(1)', '/%E2%80%AE%5Cevil.example'];
  for (const path of paths) {
    for (const lang of ['el', 'en']) {
      const r = await get(path, { headers: { 'accept-language': lang } });
      assert.equal(r.status, 404, path);
      assertLinksLocal(r.body, `GET ${path} (${lang})`);
      // The language switch leads to the same (missing) page, on this site.
      const sw = r.body.match(/class="lang-switch" href="([^"]*)"/);
      assert.ok(sw, 'no language switch');
      const u = target(unescapeHtml(sw[1]));
      assert.equal(u.origin, ORIGIN);
      assert.equal(u.searchParams.get('lang'), lang === 'el' ? 'en' : 'el');
    }
  }
  // A logged-in user's page too (the layout adds the personal menu).
  const c = await loginAs(CITIZEN);
  const r = await c.get('/requests/%5Cevil.example/x');
  assert.equal(r.status, 404);
  assertLinksLocal(r.body, 'logged in');
  // Ordinary paths are unchanged.
  const ok = await get('/services/general-request');
  assert.match(ok.body, /class="lang-switch" href="\/services\/general-request\?lang=en"/);
});

// A submitted request of each kind: a certificate issued at once (with its
// mailbox item and PDF) and a general request with a file.
async function citizenPages() {
  const c = await loginAs(PAPADOPOULOS);
  const form = await c.postMultipart('/services/cr-family-status/new',
    { action: 'preview', whom: 'self', purpose: 'public' }, [], '/services/cr-family-status/new');
  assert.equal(form.status, 303, form.body.slice(0, 2000));
  const id = Number(form.location.match(/^\/requests\/(\d+)\/preview$/)[1]);
  const submit = await c.post(`/requests/${id}/submit`, {}, form.location);
  assert.equal(submit.status, 303);
  const item = sqlValue('SELECT id FROM mailbox_items WHERE request_id = ? ORDER BY id DESC LIMIT 1', id);
  assert.ok(item, 'no mailbox item');

  const g = await c.postMultipart('/services/general-request/new', {
    action: 'preview', subject: 'Cache-Control', message: 'Μια αίτηση με ένα αρχείο, για τις κεφαλίδες.',
  }, [{ field: 'files', name: 'συνημμένο.pdf', type: 'application/pdf', data: pdf('no-store ' + Math.random()) }],
  '/services/general-request/new');
  assert.equal(g.status, 303, g.body.slice(0, 2000));
  const gen = Number(g.location.match(/^\/requests\/(\d+)\/preview$/)[1]);
  assert.equal((await c.post(`/requests/${gen}/submit`, {}, g.location)).status, 303);
  const att = sqlValue('SELECT id FROM attachments WHERE request_id = ? LIMIT 1', gen);
  assert.ok(att, 'no attachment');
  return { c, id, item, gen, att };
}

test('item 8: every response to a logged-in user says Cache-Control: no-store', async () => {
  const { c, id, item, gen, att } = await citizenPages();
  const pages = ['/', '/services', '/services/general-request', '/services/general-request/new', '/account',
    '/account/details', '/account/email', '/account/password', '/account/sessions', '/account/close',
    '/requests', `/requests/${id}`, `/requests/${id}/receipt`, `/requests/${gen}`, `/requests/${gen}/files/${att}`,
    '/mailbox', `/mailbox/${item}`, `/mailbox/${item}/file`, '/verify', '/no/such/page', '/requests/999999999',
    '/login', '/staff'];
  for (const p of pages) {
    const r = await c.get(p);
    assert.ok([200, 303, 403, 404].includes(r.status), `${p}: ${r.status}`);
    assert.match(r.headers.get('cache-control') ?? '', /no-store/, `${p} (${r.status}) may be cached`);
  }
  // POSTs: the export, and a redirect after a change.
  const exp = await c.post('/account/export', {}, '/account');
  assert.equal(exp.status, 200);
  assert.match(exp.headers.get('cache-control'), /no-store/);
  const ended = await c.post('/account/sessions/end-others', {}, '/account/sessions');
  assert.equal(ended.status, 303);
  assert.match(ended.headers.get('cache-control'), /no-store/);

  // Staff pages, the citizen's file and receipt as the clerk sees them.
  const clerk = await loginAs(CLERK);
  for (const p of ['/staff', '/staff/general', '/staff/general/counter', '/staff/reports',
    `/staff/general/requests/${gen}`, `/staff/general/requests/${gen}/files/${att}`,
    `/staff/general/requests/${gen}/receipt`]) {
    const r = await clerk.get(p);
    assert.ok([200, 303].includes(r.status), `${p}: ${r.status}`);
    assert.match(r.headers.get('cache-control') ?? '', /no-store/, `${p} may be cached`);
  }

  // Logging in and out: the answers that set or clear the session cookie.
  const v = new Client();
  const login = await v.post('/login', { email: CITIZEN, password: DEMO_PASSWORD }, '/login');
  assert.equal(login.status, 303);
  assert.match(login.headers.get('cache-control'), /no-store/);
  const logout = await v.post('/logout', {}, '/account');
  assert.equal(logout.status, 303);
  assert.match(logout.headers.get('cache-control'), /no-store/);
});

test('item 12: a trailing slash redirects to the page without it', async () => {
  const cases = [
    ['/staff/', '/staff'], ['/staff//', '/staff'], ['/account/', '/account'], ['/requests/', '/requests'],
    ['/services/', '/services'], ['/services/general-request/', '/services/general-request'],
    ['/services/general-request/?lang=en', '/services/general-request?lang=en'],
    ['/verify/', '/verify'], ['/login/', '/login'], ['/staff/%5C/', '/staff/%5C'],
  ];
  for (const [from, to] of cases) {
    const r = await get(from);
    assert.equal(r.status, 301, from);
    assert.equal(r.headers.get('location'), to, from);
    assertLocal(r.headers.get('location'), from);
  }
  const head = await fetch(BASE + '/services/', { method: 'HEAD', redirect: 'manual' });
  assert.equal(head.status, 301);
  assert.equal(head.headers.get('location'), '/services');
  // Following it gets the page (a clerk's queue here).
  const clerk = await loginAs(CLERK);
  const r = await clerk.get('/staff/');
  assert.equal(r.status, 301);
  const page = await clerk.get(r.location);
  assert.equal(page.status, 200);
  // What has no page without the slash either stays a 404; a POST is not
  // redirected (its form would be lost), and "/" is itself.
  assert.equal((await get('/no/such/page/')).status, 404);
  assert.equal((await get('/login/', { method: 'POST', body: 'a=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status, 404);
  assert.equal((await get('/')).status, 200);
});

test('/verify lookups are limited per client address: over [security] verify_per_client a Greek 429 page', async () => {
  // The test stack allows many lookups (the suite verifies hundreds of
  // documents); here the shipped kind of limit, made small.
  const restore = editConfig((t) => t.replace(/^verify_per_client = .*$/m, 'verify_per_client = 3'));
  sql("DELETE FROM login_throttle WHERE subject LIKE 'v:%'");
  try {
    await reload();
    for (let i = 0; i < 3; i++) {
      const r = await get(`/verify/AAAA${i}BBBBCCCCDDDD`);
      assert.notEqual(r.status, 429, `lookup ${i + 1} of 3 was refused`);
    }
    const over = await get('/verify/AAAA9BBBBCCCCDDDD');
    assert.equal(over.status, 429);
    assert.match(over.body, /Πολλές επαληθεύσεις σε λίγο χρόνο/);
    // And it stays refused for the lockout, whatever the code.
    assert.equal((await get('/verify/AAAA8BBBBCCCCDDDD')).status, 429);
  } finally {
    restore();
    sql("DELETE FROM login_throttle WHERE subject LIKE 'v:%'");
    await reload();
  }
  assert.notEqual((await get('/verify/AAAA7BBBBCCCCDDDD')).status, 429);
});
