// Renders the install icons in web/static/icons/ from web/static/favicon.svg with headless Chromium
// (the same browser the e2e tests use), so the PNGs always match the SVG. Run after changing the SVG:
//   node scripts/render-icons.ts
// The PNGs are committed; this script is only for regenerating them.
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const svg = readFileSync('web/static/favicon.svg', 'utf8');
const out = 'web/static/icons';
// The manifest's background colour: maskable icons must be opaque to the edge.
const background = '#fbf8f4';

type Icon = { file: string; size: number; maskable: boolean };
const icons: Icon[] = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'maskable-512.png', size: 512, maskable: true },
];

/** A page holding just the SVG, centred; maskable icons keep the paw inside the central safe circle (80%). */
function html({ size, maskable }: Icon): string {
  const art = Math.round(size * (maskable ? 0.6 : 0.9));
  const fill = maskable ? background : 'transparent';
  return `<!doctype html><html><body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;background:${fill}">
<div style="width:${art}px;height:${art}px">${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div></body></html>`;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    await page.setContent(html(icon));
    await page.screenshot({ path: `${out}/${icon.file}`, omitBackground: !icon.maskable });
    await page.close();
    console.log(`${out}/${icon.file}`);
  }
} finally {
  await browser.close();
}
