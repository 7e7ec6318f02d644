// Reports the JavaScript a browser loads before the first screen shows: the
// entry chunk and every chunk index.html preloads (its static imports), each
// gzipped. Fails the build above the budget (300 KB gzipped by default;
// QUALTRACK_BUNDLE_BUDGET_KB to change). Run after `vite build`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '..', 'dist', 'app');
const budgetKB = Number(process.env.QUALTRACK_BUNDLE_BUDGET_KB || 300);

/** The script and modulepreload URLs in index.html, in order, without duplicates. */
export function initialScripts(html) {
  const urls = [];
  const tag = /<(script|link)\b[^>]*>/gi;
  for (const [t, name] of html.matchAll(tag)) {
    const attr = (a) => new RegExp(`\\b${a}\\s*=\\s*"([^"]*)"`, 'i').exec(t)?.[1];
    if (name.toLowerCase() === 'script' && attr('type') === 'module' && attr('src')) urls.push(attr('src'));
    if (name.toLowerCase() === 'link' && attr('rel') === 'modulepreload' && attr('href')) urls.push(attr('href'));
  }
  return [...new Set(urls)];
}

function gzipSize(file) {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

function main() {
  const indexFile = path.join(dist, 'index.html');
  if (!fs.existsSync(indexFile)) {
    console.error(`bundle-size: ${indexFile} not found; run vite build first`);
    process.exit(2);
  }
  const scripts = initialScripts(fs.readFileSync(indexFile, 'utf8'));
  if (scripts.length === 0) {
    console.error('bundle-size: index.html names no module script');
    process.exit(2);
  }
  let total = 0;
  let raw = 0;
  const rows = scripts.map((url) => {
    const file = path.join(dist, url.replace(/^\//, ''));
    const gz = gzipSize(file);
    const size = fs.statSync(file).size;
    total += gz;
    raw += size;
    return { url, size, gz };
  });
  const css = fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.css'));
  const cssGz = css.reduce((s, f) => s + gzipSize(path.join(dist, 'assets', f)), 0);
  const kb = (n) => (n / 1024).toFixed(1);
  console.log('Initial JavaScript (entry + modulepreloads), gzip -9:');
  for (const r of rows) console.log(`  ${r.url.padEnd(48)} ${kb(r.size).padStart(8)} KB  gzip ${kb(r.gz).padStart(7)} KB`);
  console.log(`  ${'total'.padEnd(48)} ${kb(raw).padStart(8)} KB  gzip ${kb(total).padStart(7)} KB (budget ${budgetKB} KB)`);
  console.log(`  stylesheet (not counted above): gzip ${kb(cssGz)} KB`);
  if (total > budgetKB * 1024) {
    console.error(`bundle-size: the initial JavaScript is ${kb(total)} KB gzipped, over the ${budgetKB} KB budget. Split a route or drop a dependency.`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
