#!/usr/bin/env node
// Search on a built site: the index's size on disk, and for each query the files and
// bytes it loads and the time from submitting it to the announced number of results,
// in headless Chromium with the CPU slowed down as on a phone (CDP
// Emulation.setCPUThrottlingRate). Each query runs in a fresh page (nothing loaded
// yet: "first"), then again in the same page (the files already there: "again"), and
// typed into another fresh page a key at a time, as a reader types ("typed": from
// Enter to the results, with what the page loaded while the words were typed).
//
//   node bench/search.js SITE_DIR [QUERY ...]
//
// Without queries: "dang vien", the name of the first commune (a unit two levels down)
// without diacritics, and "dang vi". Environment: CHROMIUM (default /usr/bin/chromium),
// RATE (CPU slowdown, default 4), RUNS (default 5; medians are reported), TYPING (ms
// between keys, default 150).
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { chromium } = require('../tests/browser/node_modules/playwright-core');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const RATE = Number(process.env.RATE || 4);
const RUNS = Number(process.env.RUNS || 5);
const TYPING = Number(process.env.TYPING || 150);

function serve(root) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).slice(1) || 'index.html';
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html';
    res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function unaccented(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

function defaultQueries(root) {
  const { units } = JSON.parse(fs.readFileSync(path.join(root, 'data/indicators.json'), 'utf8'));
  const parent = new Map(units.map((u) => [u.id, u.parent]));
  const depth = (u) => (parent.get(u) ? 1 + depth(parent.get(u)) : 0);
  const commune = units.find((u) => depth(u.id) === 1);
  return ['dang vien', unaccented(commune.name), 'dang vi'];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Submits the search form (with `query` put in the box, unless null); returns ms
 *  until the result count is announced. */
function timeQuery(page, query) {
  return page.evaluate(
    (q) =>
      new Promise((resolve) => {
        const status = document.getElementById('search-status');
        const input = document.getElementById('search-q');
        status.textContent = '';
        const started = performance.now();
        new MutationObserver((_, observer) => {
          if (!status.textContent) return;
          observer.disconnect();
          resolve({ ms: performance.now() - started, status: status.textContent });
        }).observe(status, { childList: true, characterData: true, subtree: true });
        if (q !== null) input.value = q;
        input.form.requestSubmit();
      }),
    query,
  );
}

/** Types `query` into the box a key every TYPING ms, then presses Enter: ms from Enter
 *  until the result count is announced. */
async function timeTyped(page, query) {
  await page.focus('#search-q');
  await page.keyboard.type(query, { delay: TYPING });
  return timeQuery(page, null);
}

/** A search page with its index loaded and the CPU slowed; `requested` fills with the
 *  index files the page asks for from then on. */
async function freshPage(browser, url) {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await page.goto(url, { waitUntil: 'load' });
  const requested = [];
  page.on('request', (r) => {
    const m = /\/search\/([^/?]+)$/.exec(r.url());
    if (m) requested.push(m[1]);
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  return { page, requested };
}

async function main() {
  const [site, ...given] = process.argv.slice(2);
  if (!site) {
    console.error('usage: node bench/search.js SITE_DIR [QUERY ...]');
    process.exit(2);
  }
  const root = fs.realpathSync(site);
  const indexDir = path.join(root, 'search');
  const files = fs.readdirSync(indexDir);
  const total = files.reduce((sum, f) => sum + fs.statSync(path.join(indexDir, f)).size, 0);
  const size = (name) => fs.statSync(path.join(indexDir, name)).size;
  const shards = files.filter((f) => !f.startsWith('_'));
  console.log(`index: ${files.length} files, ${(total / 1024 / 1024).toFixed(2)} MiB ` +
    `(${shards.length} shards, largest ${(Math.max(...shards.map(size)) / 1024).toFixed(1)} KiB; ` +
    `_index.js ${(size('_index.js') / 1024).toFixed(1)} KiB)`);
  const queries = given.length ? given : defaultQueries(root);
  const server = await serve(root);
  const url = `http://127.0.0.1:${server.address().port}/search.html`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  console.log(`CPU slowed ${RATE}×, ${RUNS} runs, medians\n`);
  console.log('| query | results | files loaded | KiB loaded | first query (ms) | again (ms) | typed: KiB loaded | typed: Enter to results (ms) |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const query of queries) {
    const first = [];
    const again = [];
    const typed = [];
    let loaded = [];
    let typedLoaded = [];
    let status = '';
    for (let run = 0; run < RUNS; run += 1) {
      const fresh = await freshPage(browser, url);
      const one = await timeQuery(fresh.page, query);
      const two = await timeQuery(fresh.page, query);
      first.push(one.ms);
      again.push(two.ms);
      loaded = fresh.requested;
      status = one.status;
      await fresh.page.close();

      const typing = await freshPage(browser, url);
      typed.push((await timeTyped(typing.page, query)).ms);
      typedLoaded = typing.requested;
      await typing.page.close();
    }
    const kib = (files) => (files.reduce((sum, f) => sum + size(f), 0) / 1024).toFixed(1);
    console.log(`| “${query}” | ${status} | ${loaded.length} | ${kib(loaded)} | ` +
      `${median(first).toFixed(0)} | ${median(again).toFixed(0)} | ${kib(typedLoaded)} | ${median(typed).toFixed(0)} |`);
  }
  await browser.close();
  server.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
