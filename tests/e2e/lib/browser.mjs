// Chromium for the browser tests: Debian's, headless, through
// playwright-core; and axe-core's WCAG 2.1 AA check of the current page.
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { BASE } from './stack.mjs';
import { freshCode } from './totp.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Serious and critical axe violations on the current page (WCAG 2.1 AA).
export async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
}

export const PHONE = { width: 375, height: 667 };

// What overflows the viewport sideways: the page scrolls horizontally, and
// the elements that stick out (those inside a container that scrolls or
// clips them are that container's business, not the page's).
export async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const contained = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    const name = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '')
      + [...el.classList].map((c) => `.${c}`).join('');
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      // A box that sticks out, or text that sticks out of its box (a
      // value squeezed to width 0 puts its letters outside it).
      const spill = getComputedStyle(el).overflowX === 'visible' ? el.scrollWidth - el.clientWidth : 0;
      if (!contained(el) && ((r.width > 0 && r.right > width + 1) || (spill > 0 && r.left + el.clientWidth + spill > width))) {
        out.push(`${name(el)} ends at ${Math.round(Math.max(r.right, r.left + el.clientWidth + spill))}px`);
        if (out.length === 5) break;
      }
    }
    return [`page is ${document.documentElement.scrollWidth}px wide at ${width}px`, ...out];
  });
}

// Every page the browser tests visit: axe on the desktop and at 375 px,
// and no sideways scrolling at 375 px. The problems, labelled, or [].
export async function checkPage(page) {
  const size = page.viewportSize();
  const problems = (await axe(page)).map((p) => `desktop: ${p}`);
  await page.setViewportSize(PHONE);
  try {
    problems.push(...(await overflow(page)).map((p) => `375px: ${p}`));
    problems.push(...(await axe(page)).map((p) => `375px: ${p}`));
  } finally {
    if (size) await page.setViewportSize(size);
  }
  return problems;
}

// A new page of context, logged in with e-mail and password (and, for the
// demo heads and administrator, the demo's TOTP code).
export async function login(context, email, password) {
  const page = await context.newPage();
  await page.goto(BASE + '/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Κωδικός', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Σύνδεση' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login') || u.pathname === '/login/code');
  if (new URL(page.url()).pathname === '/login/code') {
    await page.getByLabel('Κωδικός επαλήθευσης').fill(await freshCode(email));
    await page.getByRole('button', { name: 'Συνέχεια' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  }
  return page;
}

// An image's natural size once it has finished loading (or failed: then
// 0 × 0): "visible" comes before the bytes have arrived.
export function loadedSize(img) {
  return img.evaluate((el) => new Promise((done) => {
    const size = () => done([el.naturalWidth, el.naturalHeight]);
    if (el.complete) size();
    else {
      el.addEventListener('load', size, { once: true });
      el.addEventListener('error', size, { once: true });
    }
  }));
}
