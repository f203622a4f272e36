// The service catalogue and service pages, in Greek and English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, get, editConfig, reload } from './lib/stack.mjs';

test('home page lists the enabled departments and services in Greek by default', async () => {
  const r = await get('/');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html; charset=utf-8/);
  assert.match(r.body, /^<!DOCTYPE html>\n<html lang="el">/);
  assert.match(r.body, /<title>Ηλεκτρονικές υπηρεσίες – Δήμος Βισαλτίας<\/title>/);
  assert.match(r.body, /Γενική Γραμματεία/);
  assert.match(r.body, /<a class="service-list__link" href="\/services\/general-request">Γενικό αίτημα προς τον Δήμο<\/a>/);
  assert.match(r.body, /href="\/services\/general-complaint"/);
  // The language switch leads to English on the same page.
  assert.match(r.body, /<a class="lang-switch" href="\/\?lang=en" lang="en"/);
});

test('English from Accept-Language, ?lang= and the cookie', async () => {
  let r = await get('/', { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
  assert.match(r.body, /<html lang="en">/);
  assert.match(r.body, /General request to the municipality/);
  assert.match(r.body, /Municipality of Visaltia/);

  r = await get('/?lang=en', { headers: { 'accept-language': 'el' } });
  assert.match(r.body, /<html lang="en">/);
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /^lang=en; Path=\/; Max-Age=31536000; SameSite=Lax/);

  r = await get('/services/general-request', { headers: { cookie: 'lang=en', 'accept-language': 'el' } });
  assert.match(r.body, /<html lang="en">/);
  assert.match(r.body, /Start your request/);

  // Greek wins when the browser prefers something we do not speak.
  r = await get('/', { headers: { 'accept-language': 'de-DE,de;q=0.9,fr;q=0.8' } });
  assert.match(r.body, /<html lang="el">/);
});

test('a service page says what it is, what it needs and how long it takes', async () => {
  const r = await get('/services/general-documents-access');
  assert.equal(r.status, 200);
  assert.match(r.body, /<h1>Πρόσβαση σε έγγραφα του Δήμου<\/h1>/);
  assert.match(r.body, /20 εργάσιμες ημέρες το πολύ/);
  assert.match(r.body, /Δωρεάν/);
  assert.match(r.body, /Ποια έγγραφα ζητάτε/);
  assert.match(r.body, /Το έννομο συμφέρον σας<span class="muted"> \(προαιρετικό\)/);
  assert.match(r.body, /href="\/services\/general-documents-access\/new"/);
  assert.match(r.body, /<nav class="breadcrumbs"/);
  const c = await get('/services/general-complaint');
  assert.match(c.body, /Εμπιστευτική υπηρεσία/);
});

test('unknown services are 404 and /services goes home', async () => {
  assert.equal((await get('/services/no-such-service')).status, 404);
  const r = await get('/services');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/');
});

test('a department that is not enabled does not appear', async () => {
  // No departments: their own sections and letterheads must go too (a
  // section for a plugin that is not enabled is refused).
  const restore = editConfig((c) => c.replace(/(\[plugins\][^[]*?^enabled = ).*$/m, '$1')
    .replace(/^\[(?:plugin|letterhead)\.[^\]]+\]\n(?:[^[\n].*\n|\n)*/gm, ''));
  try {
    await reload();
    const home = await get('/');
    assert.equal(home.status, 200);
    assert.doesNotMatch(home.body, /Γενική Γραμματεία/);
    assert.match(home.body, /Δεν υπάρχουν διαθέσιμες ηλεκτρονικές υπηρεσίες/);
    assert.equal((await get('/services/general-request')).status, 404);
  } finally {
    restore();
    await reload();
  }
  assert.match((await get('/')).body, /Γενική Γραμματεία/);
});

test('every page carries the security headers', async () => {
  for (const path of ['/', '/services/general-request', '/nope']) {
    const r = await get(path);
    assert.match(r.headers.get('content-security-policy'), /default-src 'none'.*frame-ancestors 'none'/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('x-frame-options'), 'DENY');
    assert.equal(r.headers.get('referrer-policy'), 'same-origin');
  }
});

test('static files are served by nginx', async () => {
  const css = await get('/static/dimos.css');
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /text\/css/);
  const svg = await get('/static/emblem.svg');
  assert.equal(svg.status, 200);
  const ttf = await fetch(`${BASE}/static/fonts/NotoSans-Regular.ttf`);
  assert.equal(ttf.status, 200);
  assert.ok(Number(ttf.headers.get('content-length')) > 100000);
  assert.equal((await get('/static/../dimos.ini')).status, 404);
});

test('the catalogue is kept rendered for visitors, never for someone logged in', async () => {
  const { Client } = await import('./lib/client.mjs');
  const { loginAs } = await import('./lib/users.mjs');
  // Two visitors, each language: the same bytes (and the right language).
  const el1 = await get('/', { headers: { 'accept-language': 'el' } });
  const el2 = await get('/', { headers: { 'accept-language': 'el' } });
  const en = await get('/', { headers: { 'accept-language': 'en' } });
  assert.equal(el1.body, el2.body);
  assert.match(en.body, /<html lang="en">/);
  assert.match(el2.body, /<html lang="el">/);
  assert.equal(el2.headers.get('content-security-policy'), el1.headers.get('content-security-policy'));
  // A logged-in citizen gets their own page: their name, their token.
  const c = await loginAs('maria.ioannidou@demo.visaltia.gr');
  const mine = await c.get('/');
  assert.match(mine.body, /site-header__user/);
  assert.match(mine.body, /name="csrf"/);
  assert.doesNotMatch(el2.body, /site-header__user|name="csrf"/);
  // A query string (a language switch sets a cookie) is never served kept.
  const sw = await new Client().get('/?lang=en');
  assert.match(sw.headers.get('set-cookie') ?? '', /lang=en/);
  // HEAD: the headers of the kept page, no body.
  const head = await fetch(`${(await import('./lib/stack.mjs')).BASE}/`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
});
