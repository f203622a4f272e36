// Screenshots for the documentation: node tools/screenshot.mjs URL FILE [width]
import { chromium } from 'playwright-core';

const [url, file, width = '1100'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 }, locale: 'el-GR' });
await page.goto(url);
await page.screenshot({ path: file, fullPage: false });
await browser.close();
