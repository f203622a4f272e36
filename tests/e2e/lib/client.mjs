// A small browser stand-in for HTTP tests: a cookie jar, form helpers that
// read the CSRF token from the page, and redirects left to the caller.
import { BASE } from './stack.mjs';

export class Client {
  constructor(headers = {}) {
    this.cookies = new Map();
    this.headers = { 'accept-language': 'el', ...headers };
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  remember(res) {
    for (const line of res.headers.getSetCookie?.() ?? []) {
      const [pair, ...attrs] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const maxAge = attrs.map((a) => a.trim()).find((a) => /^max-age=/i.test(a));
      if (value === '' || (maxAge && Number(maxAge.split('=')[1]) <= 0)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path, opts = {}) {
    const headers = { ...this.headers, ...(opts.headers ?? {}) };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    const res = await fetch(path.startsWith('http') ? path : BASE + path,
      { redirect: 'manual', ...opts, headers });
    this.remember(res);
    const body = await res.text();
    return { status: res.status, headers: res.headers, body, location: res.headers.get('location') };
  }

  get(path, opts = {}) { return this.request(path, opts); }

  // POSTs fields as a form; the CSRF token is taken from `page` (a body
  // or a path to fetch first) unless fields.csrf is given.
  async post(path, fields, page = null) {
    const data = new URLSearchParams();
    let f = { ...fields };
    if (!('csrf' in f)) {
      const html = page === null ? (await this.get(path)).body
        : page.startsWith('/') ? (await this.get(page)).body : page;
      f = { csrf: csrfOf(html), ...f };
    }
    for (const [k, v] of Object.entries(f)) {
      if (Array.isArray(v)) v.forEach((x) => data.append(k, x));
      else if (v !== undefined && v !== null) data.append(k, v);
    }
    return this.request(path, {
      method: 'POST', body: data.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
}

// POSTs multipart/form-data as a browser would: fields, then files, each
// { field, name, type, data } (data: Buffer or string). The CSRF token is
// taken like post() does.
Client.prototype.postMultipart = async function postMultipart(path, fields, files = [], page = null) {
  let f = { ...fields };
  if (!('csrf' in f)) {
    const html = page === null ? (await this.get(path)).body
      : page.startsWith('/') ? (await this.get(page)).body : page;
    f = { csrf: csrfOf(html), ...f };
  }
  const form = new FormData();
  for (const [k, v] of Object.entries(f)) {
    if (Array.isArray(v)) v.forEach((x) => form.append(k, x));
    else if (v !== undefined && v !== null) form.append(k, v);
  }
  for (const file of files) {
    form.append(file.field, new Blob([file.data], { type: file.type ?? 'application/octet-stream' }), file.name);
  }
  return this.request(path, { method: 'POST', body: form });
};

export function csrfOf(html) {
  const m = html.match(/name="csrf" value="([^"]*)"/);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1];
}

// The value of a form input on the page (decoded from HTML).
export function inputValue(html, name) {
  const m = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`))
    ?? html.match(new RegExp(`<input[^>]*value="([^"]*)"[^>]*name="${name}"`));
  return m ? unescapeHtml(m[1]) : null;
}

export function unescapeHtml(s) {
  return s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

// Error messages shown next to fields.
export function fieldErrors(html) {
  return [...html.matchAll(/<p class="error-message" id="f-([a-z0-9_]+)-error"><span class="visually-hidden">[^<]*<\/span>([^<]*)<\/p>/g)]
    .reduce((o, m) => ({ ...o, [m[1]]: unescapeHtml(m[2]) }), {});
}
