// Chromium for the browser tests: Debian's, headless, through
// playwright-core; and axe-core's WCAG 2.1 AA check of the current page.
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

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

// A new page of context, logged in with e-mail and password.
export async function login(context, base, email, password) {
  const page = await context.newPage();
  await page.goto(base + '/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Κωδικός', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Σύνδεση' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}
