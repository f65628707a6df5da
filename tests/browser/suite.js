#!/usr/bin/env node
// Browser acceptance suite: serves built bantin sites on 127.0.0.1 and drives Chromium
// over every page a reader can reach from the front page, at phone and desktop widths,
// then once more from disk (file://). It fails, naming the page and the problem, on:
// an HTTP error status, a console or script error, a failed request, a request that
// leaves 127.0.0.1, a page wider than a 360 px viewport, a chart image that does not
// load, a missing <title>, <h1> or <html lang>, an <img> without alt, a table without
// header cells, a broken link, a masthead taller than a sixth of a 360×640 phone screen,
// a request for /favicon.ico (every page links its icon), any serious or critical
// axe-core violation, a chart that does not fit its page or shows the drawing not made
// for the width (the narrow one on phones), and chart text under 12 CSS px as shown.
// It saves full-page screenshots of each kind of page and an A4 PDF of the front page,
// which must fit on two pages (pdfinfo, from poppler-utils, counts them). The search box
// must find folded queries, served and from disk, and announce the number of results.
//
//   node suite.js --shots DIR NAME=SITE_DIR [NAME=SITE_DIR ...]
//
// Environment: CHROMIUM (default /usr/bin/chromium).
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL, fileURLToPath } = require('node:url');
const { execFileSync } = require('node:child_process');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 360, height: 740 };
/** Pages up to this width show the narrow drawings of the charts (the pictures' media). */
const NARROW_UP_TO = 43 * 16;
/** The least size of chart text as shown, in CSS px. */
const LEAST_CHART_TEXT = 12;
/** A chart drawing's path, wide or narrow. */
const CHART_FILE = /\/charts\/(narrow\/)?[^/]+\.svg$/;
const DESKTOP = { width: 1280, height: 900 };
// The masthead takes at most a sixth of a phone screen of this height.
const PHONE_SCREEN_HEIGHT = 640;
// The front page printed on A4 fits on this many pages.
const MAX_FRONT_PAGES = 2;
// Playwright adds --headless itself too, and --user-data-dir: a fresh temporary folder
// per browser (see launch).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
// Kinds of page, by their path below the site's root; one of each is photographed.
const KINDS = [
  ['front', (p) => p === 'index.html'],
  ['units-index', (p) => p === 'units.html'],
  ['unit', (p) => /^units\/[^/]+\.html$/.test(p)],
  ['unit-news', (p) => /^units\/[^/]+\/news(-\d+)?\.html$/.test(p)],
  ['archive', (p) => /^archive\/.+\.html$/.test(p)],
  ['news-index', (p) => p === 'news.html'],
  ['news-page', (p) => /^news-\d+\.html$/.test(p)],
  ['article', (p) => /^news\/[^/]+\.html$/.test(p)],
  ['tags-index', (p) => p === 'tags.html'],
  ['tag', (p) => /^tags\/[^/]+\.html$/.test(p)],
  ['data', (p) => p === 'data.html'],
  ['bulletin', (p) => p === 'bulletin.html'],
];
// Only a unit named by more articles than its page lists has a list of its own.
const OPTIONAL_KINDS = new Set(['unit-news']);
const SCREENSHOT_KINDS = ['front', 'units-index', 'unit', 'unit-news', 'archive', 'news-index', 'article', 'tags-index', 'tag', 'data', 'bulletin', '404'];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.txt': 'text/plain; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
};

// ---------------------------------------------------------------------------------
// Problems

const problems = [];
const warnings = [];
const visited = new Set(); // every page visit, by where
const failed = new Set(); // every place with a problem

function fail(where, text) {
  problems.push(`${where}: ${text}`);
  failed.add(where);
}

function log(text) {
  process.stdout.write(`${text}\n`);
}

// ---------------------------------------------------------------------------------
// A static HTTP server for one output folder, mounted at the site's base path, that
// answers a missing file with 404.html and status 404 as static hosts do.

function serve(root, base) {
  const notFound = (res, head) => {
    const page = path.join(root, '404.html');
    const body = fs.existsSync(page) ? fs.readFileSync(page) : Buffer.from('not found');
    res.writeHead(404, { 'Content-Type': TYPES['.html'], 'Content-Length': body.length });
    res.end(head ? undefined : body);
  };
  const server = http.createServer((req, res) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    if (!pathname.startsWith(base)) return notFound(res, head);
    let rel = pathname.slice(base.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) return notFound(res, head);
    fs.stat(file, (err, stat) => {
      if (err) return notFound(res, head);
      if (stat.isDirectory()) {
        res.writeHead(301, { Location: `${pathname}/` });
        res.end();
        return;
      }
      const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': stat.size,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      if (head) res.end();
      else fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

/** The path part of the site's base_url, from the sitemap (`/ban-tin/`); `/` if unknown. */
function basePath(root) {
  try {
    const xml = fs.readFileSync(path.join(root, 'sitemap.xml'), 'utf8');
    const loc = /<loc>([^<]*index\.html)<\/loc>/.exec(xml);
    if (loc) return new URL(loc[1]).pathname.replace(/index\.html$/, '');
  } catch {
    // no sitemap: serve at the root
  }
  return '/';
}

// ---------------------------------------------------------------------------------
// Lighthouse, as an auditor runs it: a phone, its accessibility, best practices and SEO
// categories each at 100, with the audits that cost points named.

const LIGHTHOUSE_CATEGORIES = ['accessibility', 'best-practices', 'seo'];

async function lighthouseAudit(where, url) {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', ...CHROMIUM_ARGS.filter((a) => a !== '--headless')] });
  try {
    const options = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: LIGHTHOUSE_CATEGORIES };
    const { lhr } = await lighthouse(url, options);
    visited.add(`${where} lighthouse`);
    for (const id of LIGHTHOUSE_CATEGORIES) {
      const category = lhr.categories[id];
      if (category.score === 1) continue;
      const lost = category.auditRefs
        .map((ref) => lhr.audits[ref.id])
        .filter((a) => a.score !== null && a.score < 1 && !['notApplicable', 'manual', 'informative'].includes(a.scoreDisplayMode))
        .map((a) => a.id);
      fail(`${where} lighthouse`, `${id} ${Math.round(category.score * 100)}, not 100: ${lost.join(', ')}`);
    }
  } finally {
    await chrome.kill();
  }
}

// ---------------------------------------------------------------------------------
// What a page shows, measured inside the page.

/** Scrolls every image into view (they load lazily) and waits until each has settled. */
async function settleImages(page) {
  await page.evaluate(async () => {
    const imgs = [...document.images];
    for (const img of imgs) {
      img.scrollIntoView({ block: 'center' });
      if (!img.complete) {
        await new Promise((resolve) => {
          img.addEventListener('load', resolve, { once: true });
          img.addEventListener('error', resolve, { once: true });
          setTimeout(resolve, 5000);
        });
      }
    }
    window.scrollTo(0, 0);
  });
}

/** Facts about the page for the checks below. Runs in the page. */
function inspect() {
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    for (const c of el.classList) s += `.${c}`;
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50);
    return text ? `${s} “${text}”` : s;
  };
  const docEl = document.documentElement;
  const clientWidth = docEl.clientWidth;
  // When the page is too wide: the elements that reach past the right edge of the
  // viewport without a scrolling or clipping box around them.
  const wide = [];
  const tooWide = docEl.scrollWidth > clientWidth;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o !== 'visible') return true;
    }
    return false;
  };
  for (const el of tooWide ? document.body.querySelectorAll('*') : []) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= clientWidth + 0.5) continue;
    if (clipped(el)) continue;
    if (wide.some((w) => w.contains(el))) continue;
    wide.push(el);
  }
  return {
    title: document.title.trim(),
    lang: (docEl.getAttribute('lang') || '').trim(),
    h1: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
    imgsWithoutAlt: [...document.images].filter((i) => !i.hasAttribute('alt')).map(describe),
    tablesWithoutTh: [...document.querySelectorAll('table:not([role="presentation"]):not([role="none"])')]
      .filter((t) => !t.querySelector('th'))
      .map(describe),
    images: [...document.images].map((i) => {
      const r = i.getBoundingClientRect();
      return {
        src: i.currentSrc || i.src,
        alt: i.getAttribute('alt'),
        complete: i.complete,
        naturalWidth: i.naturalWidth,
        naturalHeight: i.naturalHeight,
        width: r.width,
        height: r.height,
      };
    }),
    // A form's action is a way to a page, as a link is (the search box leads to search.html).
    links: [
      ...[...document.querySelectorAll('a[href]')].map((a) => ({ href: a.href, raw: a.getAttribute('href') })),
      ...[...document.querySelectorAll('form[action]')].map((f) => ({ href: f.action, raw: f.getAttribute('action') })),
    ],
    missingFragments: [...document.querySelectorAll('a[href^="#"]')]
      .map((a) => decodeURIComponent(a.getAttribute('href').slice(1)))
      .filter((id) => id && !document.getElementById(id)),
    scrollWidth: docEl.scrollWidth,
    clientWidth,
    wide: wide.slice(0, 5).map((el) => `${describe(el)} (right edge at ${Math.round(el.getBoundingClientRect().right)} px)`),
    tables: document.querySelectorAll('table').length,
    masthead: document.querySelector('.masthead')?.getBoundingClientRect().height ?? 0,
  };
}

/** Runs axe-core in the page; returns the serious and critical violations, and the rest. */
async function runAxe(page) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  });
}

// ---------------------------------------------------------------------------------
// One browser tab with the listeners that turn events into problems.

class Tab {
  constructor(page, label) {
    this.page = page;
    this.label = label;
    this.where = label;
    this.expectedStatus = null;
    this.blocked = new Set();
    // Set while photographing pages that were already checked: their problems are known.
    this.quiet = false;
    const fail = (where, text) => this.fail(where, text);
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const loc = msg.location();
      // Chromium logs the status of the intended 404 document as an error: expected.
      if (this.expectedStatus === 404 && /status of 404/.test(msg.text()) && loc.url === this.url) return;
      fail(this.where, `console error: ${msg.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    });
    page.on('pageerror', (err) => fail(this.where, `script error: ${err.message}`));
    page.on('request', (req) => {
      if (/\/favicon\.ico$/.test(new URL(req.url()).pathname)) fail(this.where, `request for ${req.url()}: the page links no icon`);
    });
    page.on('requestfailed', (req) => {
      if (this.blocked.has(req.url())) return;
      fail(this.where, `request failed: ${req.url()} (${req.failure()?.errorText})`);
    });
    page.on('response', (res) => {
      const status = res.status();
      if (status < 400) return;
      if (res.request().isNavigationRequest() && status === this.expectedStatus) return;
      fail(this.where, `HTTP ${status} for ${res.url()}`);
    });
  }

  fail(where, text) {
    if (!this.quiet) fail(where, text);
  }

  /** Goes to a URL; checks the document's status. `quiet`: a page already checked. */
  async goto(url, where, { expectedStatus = 200, quiet = false } = {}) {
    this.where = where;
    this.url = url;
    this.expectedStatus = expectedStatus;
    this.quiet = quiet;
    if (!quiet) visited.add(where);
    let response;
    try {
      response = await this.page.goto(url, { waitUntil: 'load', timeout: 30000 });
    } catch (err) {
      this.fail(where, `cannot be opened: ${err.message.split('\n')[0]}`);
      return false;
    }
    if (url.startsWith('http') && (!response || response.status() !== expectedStatus)) {
      this.fail(where, `HTTP status ${response ? response.status() : 'none'}, expected ${expectedStatus}`);
    }
    await settleImages(this.page);
    return true;
  }
}

/**
 * Opens Chromium with a fresh profile (a new temporary user data dir, removed on close)
 * and a viewport of the given device metrics: unlike --window-size, these go below the
 * ~500 px that headless Chromium keeps windows at. Requests that leave 127.0.0.1 are
 * aborted and reported.
 */
async function launch(viewport, tabCount = 1) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bantin-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    deviceScaleFactor: 1,
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    serviceWorkers: 'block',
    acceptDownloads: false,
  });
  const tabs = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    const u = new URL(url);
    const local = ['data:', 'blob:', 'file:', 'about:'].includes(u.protocol) || u.hostname === '127.0.0.1';
    if (local) return route.continue();
    for (const tab of tabs) {
      if (tab.page === route.request().frame().page()) {
        tab.blocked.add(url);
        tab.fail(tab.where, `request leaves 127.0.0.1 (aborted): ${url}`);
      }
    }
    return route.abort('blockedbyclient');
  });
  for (let i = 0; i < tabCount; i += 1) {
    const page = (i === 0 && context.pages()[0]) || (await context.newPage());
    tabs.push(new Tab(page, `${viewport.width}px`));
  }
  return {
    tab: tabs[0],
    tabs,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------
// The checks of one page.

/** What a reader needs of any page: checked on every visit. */
async function checkPage(tab, where, { width }) {
  const page = tab.page;
  const facts = await page.evaluate(inspect);
  if (!facts.title) fail(where, 'no <title>');
  if (!facts.lang) fail(where, 'no lang attribute on <html>');
  if (!facts.h1.some((t) => t)) fail(where, 'no <h1> with text');
  for (const img of facts.imgsWithoutAlt) fail(where, `<img> without alt: ${img}`);
  for (const t of facts.tablesWithoutTh) fail(where, `table without header cells (<th>): ${t}`);
  for (const id of facts.missingFragments) fail(where, `in-page link to #${id}, which no element has`);
  for (const img of facts.images) {
    const chart = CHART_FILE.test(img.src);
    if (!img.complete || img.naturalWidth === 0 || img.naturalHeight === 0) {
      fail(where, `${chart ? 'chart ' : ''}image does not load: ${img.src}`);
    } else if (img.width === 0 || img.height === 0) {
      fail(where, `${chart ? 'chart ' : ''}image is shown at zero size: ${img.src}`);
    }
    if (chart && !(img.alt || '').trim()) fail(where, `chart image with an empty alt: ${img.src}`);
  }
  if (width < 500 && facts.masthead > PHONE_SCREEN_HEIGHT / 6) {
    fail(where, `masthead is ${Math.round(facts.masthead)} px tall, over a sixth of a ${PHONE_SCREEN_HEIGHT} px screen`);
  }
  if (facts.scrollWidth > facts.clientWidth) {
    fail(
      where,
      `page is ${facts.scrollWidth} px wide in a ${width} px viewport (scrollWidth > clientWidth)` +
        (facts.wide.length ? `; too wide: ${facts.wide.join('; ')}` : ''),
    );
  }
  return facts;
}

/**
 * The charts of a page as shown at `width` (served over HTTP, where their drawings can
 * be fetched): each fits the page without a scrolling box, shows the narrow drawing
 * exactly where the page is narrow, and no text of it is under LEAST_CHART_TEXT CSS px
 * (a text's font size times the drawing's shown width over its viewBox width).
 */
async function checkCharts(tab, where, { width }) {
  const charts = await tab.page.evaluate(async () => {
    const sizeOf = (el) => {
      for (let e = el; e; e = e.parentElement) if (e.hasAttribute('font-size')) return parseFloat(e.getAttribute('font-size'));
      return 16;
    };
    const out = [];
    for (const img of document.querySelectorAll('.chart img')) {
      img.scrollIntoView({ block: 'center' });
      if (!img.complete) await new Promise((resolve) => { img.addEventListener('load', resolve, { once: true }); setTimeout(resolve, 5000); });
      const r = img.getBoundingClientRect();
      const scrolls = [];
      for (let p = img.parentElement; p && p !== document.body; p = p.parentElement) {
        if (p.scrollWidth > p.clientWidth + 0.5) scrolls.push(p.tagName.toLowerCase() + (p.className ? `.${p.className}` : ''));
      }
      const svg = new DOMParser().parseFromString(await (await fetch(img.currentSrc)).text(), 'image/svg+xml').documentElement;
      const viewWidth = parseFloat((svg.getAttribute('viewBox') || '0 0 0 0').split(/\s+/)[2]);
      const texts = [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent.trim(), size: sizeOf(t) }));
      const least = texts.reduce((m, t) => (t.size < m.size ? t : m), { text: '', size: Infinity });
      out.push({ src: img.currentSrc, right: r.right, shown: r.width, viewWidth, least, scrolls, clientWidth: document.documentElement.clientWidth });
    }
    window.scrollTo(0, 0);
    return out;
  });
  for (const c of charts) {
    const name = c.src.replace(/^.*\/charts\//, 'charts/');
    const narrow = c.src.includes('/charts/narrow/');
    if (narrow !== width <= NARROW_UP_TO) fail(where, `chart shows its ${narrow ? 'narrow' : 'wide'} drawing at ${width} px: ${name}`);
    if (c.right > c.clientWidth + 0.5) fail(where, `chart reaches ${Math.round(c.right)} px in a ${c.clientWidth} px page: ${name}`);
    if (c.scrolls.length) fail(where, `chart scrolls sideways in ${c.scrolls.join(', ')}: ${name}`);
    const shownSize = (c.least.size * c.shown) / c.viewWidth;
    if (!(shownSize >= LEAST_CHART_TEXT - 0.01)) {
      fail(where, `chart text “${c.least.text}” is shown at ${shownSize.toFixed(2)} CSS px (< ${LEAST_CHART_TEXT}): ${name}`);
    }
  }
}

/**
 * The accessibility audit of a page (after checkPage, or a screenshot): the charts'
 * data tables opened, as a reader can, then axe-core. Leaves the tables open.
 */
async function auditPage(tab, where, { width }) {
  const page = tab.page;
  const before = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const opened = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  if (before && opened.scrollWidth > opened.clientWidth) {
    fail(where, `page is ${opened.scrollWidth} px wide in a ${width} px viewport once the chart tables are open`);
  }
  for (const v of await runAxe(page)) {
    const nodes = v.nodes.slice(0, 8).map((n) => `\n      ${n.target}`).join('');
    const more = v.nodes.length > 8 ? `\n      … and ${v.nodes.length - 8} more` : '';
    if (v.impact === 'serious' || v.impact === 'critical') {
      fail(where, `axe ${v.impact} ${v.id}: ${v.help} (${v.helpUrl})${nodes}${more}`);
    } else {
      warnings.push(`${where}: axe ${v.impact} ${v.id}: ${v.help}${nodes}${more}`);
    }
  }
}

// ---------------------------------------------------------------------------------
// One site: three browsers at once: a crawl at the phone width that finds the pages,
// the same pages at the desktop width as they are found, and a crawl from disk. Then
// the 404 page, the files that are not pages, screenshots and the PDF.

function kindOf(rel) {
  for (const [kind, test] of KINDS) if (test(rel)) return kind;
  return 'other';
}

/** A list that one task fills while another reads it, in order, until it is closed. */
class Feed {
  constructor() {
    this.items = [];
    this.closed = false;
    this.waiting = [];
  }

  push(item) {
    this.items.push(item);
    this.waiting.splice(0).forEach((wake) => wake());
  }

  close() {
    this.closed = true;
    this.waiting.splice(0).forEach((wake) => wake());
  }

  async *[Symbol.asyncIterator]() {
    for (let i = 0; ; ) {
      if (i < this.items.length) yield this.items[i++];
      else if (this.closed) return;
      else await new Promise((wake) => this.waiting.push(wake));
    }
  }
}

async function checkSite(name, root, shots) {
  const base = basePath(root);
  const { server, origin } = await serve(root, base);
  const siteUrl = `${origin}${base}`;
  const front = `${siteUrl}index.html`;
  const missing = `${siteUrl}news/khong-co-trang-nay.html`;
  const rel = (url) => decodeURIComponent(new URL(url).pathname.slice(base.length));
  const isPage = (u) => /\.html$|\/$/.test(u.pathname);
  const started = Date.now();
  log(`${name}: ${root} served at ${siteUrl}`);

  const pages = new Feed(); // {url, rel, kind, richness}, in the order found
  const seen = new Set([front]);
  const resources = new Map(); // url of a linked file that is not a page -> where linked
  const charts = new Set();
  let external = 0;
  let filePages = 0;

  // The phone crawl audits every page with axe, the slowest step: two tabs share it.
  const [phone, desktop, disk] = await Promise.all([launch(PHONE, 2), launch(DESKTOP), launch(DESKTOP)]);
  try {
    // Every same-origin page reachable from the front page, at the phone width.
    const crawl = async () => {
      const queue = [front];
      const idle = [];
      let busy = 0;
      const worker = async (tab) => {
        for (;;) {
          if (queue.length) {
            const url = queue.shift();
            busy += 1;
            try {
              await visit(tab, url);
            } finally {
              busy -= 1;
              idle.splice(0).forEach((wake) => wake());
            }
          } else if (busy) {
            await new Promise((wake) => idle.push(wake));
          } else {
            return;
          }
        }
      };
      const visit = async (tab, url) => {
        const where = `${name} ${rel(url)} @${PHONE.width}px`;
        if (!(await tab.goto(url, where))) return;
        const facts = await checkPage(tab, where, { width: PHONE.width });
        await checkCharts(tab, where, { width: PHONE.width });
        await auditPage(tab, where, { width: PHONE.width });
        for (const img of facts.images) if (CHART_FILE.test(img.src)) charts.add(img.src);
        for (const { href } of facts.links) {
          const u = new URL(href);
          if (u.origin !== origin) {
            if (u.protocol === 'http:' || u.protocol === 'https:') external += 1;
            continue;
          }
          u.hash = '';
          if (isPage(u)) {
            if (!seen.has(u.href)) {
              seen.add(u.href);
              queue.push(u.href);
            }
          } else if (!resources.has(u.href)) {
            resources.set(u.href, where);
          }
        }
        pages.push({ url, rel: rel(url), kind: kindOf(rel(url)), richness: facts.images.length * 100 + facts.tables });
      };
      await Promise.all(phone.tabs.map(worker));
      pages.close();
    };

    // The same pages at the desktop width (axe runs at this width on the pages that
    // are photographed, one of each kind: the phone width audits every page, and what
    // depends on the width shows there).
    const wide = async () => {
      for await (const p of pages) {
        const where = `${name} ${p.rel} @${DESKTOP.width}px`;
        if (await desktop.tab.goto(p.url, where)) {
          await checkPage(desktop.tab, where, { width: DESKTOP.width });
          await checkCharts(desktop.tab, where, { width: DESKTOP.width });
        }
      }
    };

    // From disk: the same crawl through file:// links, with the images.
    const fileRoot = pathToFileURL(root + path.sep).href;
    const fromDisk = async () => {
      const fileSeen = new Set([`${fileRoot}index.html`]);
      const queue = [`${fileRoot}index.html`];
      while (queue.length) {
        const url = queue.shift();
        const where = `${name} file://…/${url.slice(fileRoot.length)} @${DESKTOP.width}px`;
        if (!(await disk.tab.goto(url, where))) continue;
        filePages += 1;
        const facts = await checkPage(disk.tab, where, { width: DESKTOP.width });
        for (const { href, raw } of facts.links) {
          const u = new URL(href);
          if (u.protocol !== 'file:') continue;
          u.hash = '';
          if (!u.href.startsWith(fileRoot)) {
            fail(where, `link ${raw} leads outside the site folder (${u.href})`);
            continue;
          }
          const file = fileURLToPath(u.href);
          if (!fs.existsSync(file)) {
            fail(where, `link ${raw} leads to a missing file`);
          } else if (fs.statSync(file).isDirectory()) {
            fail(where, `link ${raw} leads to a folder, which shows a listing from disk`);
          } else if (file.endsWith('.html') && !fileSeen.has(u.href)) {
            fileSeen.add(u.href);
            queue.push(u.href);
          }
        }
      }
    };

    await Promise.all([crawl(), wide(), fromDisk()]);
    if (filePages !== pages.items.length) {
      fail(`${name} file://`, `${filePages} pages reached from disk, ${pages.items.length} over HTTP`);
    }

    // A missing page deep in the site: the 404 page, with its stylesheet and links.
    for (const { tab, viewport } of [
      { tab: phone.tab, viewport: PHONE },
      { tab: desktop.tab, viewport: DESKTOP },
    ]) {
      const where = `${name} 404 (${rel(missing)}) @${viewport.width}px`;
      if (await tab.goto(missing, where, { expectedStatus: 404 })) {
        const facts = await checkPage(tab, where, { width: viewport.width });
        await auditPage(tab, where, { width: viewport.width });
        // Its links start from the site's path, so they work at any depth.
        for (const { href, raw } of facts.links) {
          const u = new URL(href);
          u.hash = '';
          if (u.origin !== origin || u.href === missing) continue;
          if (isPage(u)) {
            if (!seen.has(u.href)) fail(where, `link ${raw} leads to ${u.href}, which is not a page of the site`);
          } else if (!resources.has(u.href)) {
            resources.set(u.href, where);
          }
        }
      }
    }

    // The search box, served and from disk.
    const fileFront = `${pathToFileURL(root + path.sep).href}index.html`;
    await Promise.all([
      checkSearch(phone.tab, `${name} search @${PHONE.width}px`, front, root, { width: PHONE.width }),
      checkSearch(disk.tab, `${name} search file:// @${DESKTOP.width}px`, fileFront, root, { width: DESKTOP.width }),
    ]);

    // Linked files that are not pages (feed, data files, stylesheet) answer 200, and
    // every chart is an SVG with a title and a description.
    for (const [url, where] of resources) {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status !== 200) fail(where, `link to ${url} answers HTTP ${res.status}`);
    }
    for (const url of charts) {
      const res = await fetch(url);
      const type = res.headers.get('content-type');
      const body = await res.text();
      if (res.status !== 200 || type !== 'image/svg+xml') {
        fail(`${name} ${rel(url)}`, `chart answers HTTP ${res.status} as ${type}`);
      } else if (!/<title[\s>]/.test(body) || !/<desc[\s>]/.test(body)) {
        fail(`${name} ${rel(url)}`, 'chart without <title> or <desc>');
      }
    }

    // Every page written is reachable by links (404.html is reached by a missing URL).
    const reached = new Set(pages.items.map((p) => p.rel));
    for (const file of walk(root)) {
      if (file.endsWith('.html') && file !== '404.html' && !reached.has(file)) {
        fail(`${name} ${file}`, 'no link leads to this page from the front page');
      }
    }

    // Screenshots of each kind of page at both widths (the richest page of its kind:
    // most images, then most tables), and the front page printed on A4.
    const dir = path.join(shots, name);
    fs.mkdirSync(dir, { recursive: true });
    const pick = new Map();
    const byRichness = [...pages.items].sort((a, b) => b.richness - a.richness || (a.rel < b.rel ? -1 : 1));
    for (const p of byRichness) if (!pick.has(p.kind)) pick.set(p.kind, p);
    pick.set('404', { url: missing, expectedStatus: 404 });
    const photograph = async ({ tab, viewport }) => {
      for (const kind of SCREENSHOT_KINDS) {
        const p = pick.get(kind);
        if (!p) continue;
        const where = `${name} ${p.rel || kind} @${viewport.width}px`;
        if (await tab.goto(p.url, where, { expectedStatus: p.expectedStatus || 200, quiet: true })) {
          await tab.page.screenshot({ path: path.join(dir, `${kind}-${viewport.width}.png`), fullPage: true });
          // The desktop audit of one page of each kind (the 404 page had its own).
          if (viewport === DESKTOP && kind !== '404') await auditPage(tab, where, { width: viewport.width });
        }
      }
    };
    for (const kind of SCREENSHOT_KINDS) {
      if (!pick.has(kind) && !OPTIONAL_KINDS.has(kind)) fail(name, `no page of kind ${kind} to photograph`);
    }
    await Promise.all([photograph({ tab: phone.tab, viewport: PHONE }), photograph({ tab: desktop.tab, viewport: DESKTOP })]);
    await desktop.tab.goto(front, `${name} front page PDF`, { quiet: true });
    const frontPdf = path.join(dir, 'front-a4.pdf');
    await desktop.tab.page.pdf({ path: frontPdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
    const printed = pdfPages(frontPdf);
    if (printed > MAX_FRONT_PAGES) fail(`${name} front page printed`, `${printed} A4 pages, more than ${MAX_FRONT_PAGES}`);
    // The bulletin to share, printed from its one HTML file, as a reader would.
    const bulletin = `${siteUrl}bulletin.html`;
    if (await desktop.tab.goto(bulletin, `${name} bulletin.html printed`, { quiet: true })) {
      await desktop.tab.page.pdf({ path: path.join(dir, 'bulletin-html-a4.pdf'), format: 'A4', preferCSSPageSize: true });
    }

    // Lighthouse at its mobile settings on the front page and the richest unit page.
    for (const url of [front, pick.get('unit')?.url].filter(Boolean)) await lighthouseAudit(`${name} ${rel(url)}`, url);

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    log(
      `${name}: ${pages.items.length} pages at ${PHONE.width} and ${DESKTOP.width} px, the 404 page, ` +
        `${filePages} pages from disk, ${charts.size} charts, ${resources.size} other files, ` +
        `${external} outside links (not followed), in ${seconds} s`,
    );
  } finally {
    await Promise.all([phone.close(), desktop.close(), disk.close()]);
    server.close();
  }
}

// ---------------------------------------------------------------------------------
// Search: the box of the front page leads to the search page, which finds folded
// queries, announces the number of results and takes the keyboard to them.

/** A text without Vietnamese diacritics, in capitals: "Đắk Lắk" -> "DAK LAK". */
function unaccented(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toUpperCase();
}

/** Types a query into the search box of `from` and submits it; returns what the page shows. */
async function searchFor(tab, where, from, query) {
  const page = tab.page;
  if (!(await tab.goto(from, where))) return null;
  await page.fill('#search-q', query);
  await Promise.all([page.waitForURL(/search\.html\?q=/), page.press('#search-q', 'Enter')]);
  try {
    await page.waitForFunction(() => document.getElementById('search-status').textContent.trim() !== '', null, { timeout: 10000 });
  } catch {
    tab.fail(where, `no result count is announced for “${query}”`);
    return null;
  }
  return page.evaluate(() => {
    const status = document.getElementById('search-status');
    return {
      status: status.textContent.trim(),
      live: status.getAttribute('aria-live'),
      said: { ...document.getElementById('search-page').dataset },
      results: [...document.querySelectorAll('#search-results a')].map((a) => ({ text: a.textContent, href: a.href })),
    };
  });
}

async function checkSearch(tab, where, front, root, { width }) {
  visited.add(where);
  const page = tab.page;
  const unit = JSON.parse(fs.readFileSync(path.join(root, 'data/indicators.json'), 'utf8')).units[0];

  const party = await searchFor(tab, `${where} “dang vien”`, front, 'dang vien');
  if (party) {
    const count = party.said.found.replace('{n}', '\\d[\\d.,]*');
    if (party.live !== 'polite') fail(where, 'the result count is not in an aria-live="polite" region');
    if (!new RegExp(`^(${count}|${party.said.foundOne})$`).test(party.status)) {
      fail(where, `“dang vien” announces “${party.status}”, not a number of results`);
    }
    if (!party.results.some((r) => /đảng viên/i.test(r.text))) {
      fail(where, `“dang vien” finds no title with “Đảng viên”: ${party.results.slice(0, 3).map((r) => r.text).join(' | ')}`);
    }
    // The keyboard reaches the results: from the box, past its button, to the first one.
    await page.focus('#search-q');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement.closest('#search-results') !== null);
    if (!focused) fail(where, 'Tab from the search box does not reach the first result');
    await checkPage(tab, where, { width });
    if (width === PHONE.width) await auditPage(tab, where, { width });
  }

  const query = unaccented(unit.name);
  const named = await searchFor(tab, `${where} “${query}”`, front, query);
  if (named && !named.results.some((r) => r.text === unit.name && r.href.endsWith(`units/${unit.id}.html`))) {
    fail(where, `“${query}” does not find the unit ${unit.name}: ${named.results.slice(0, 3).map((r) => r.text).join(' | ')}`);
  }

  const nonsense = await searchFor(tab, `${where} nonsense`, front, 'xqzv wqkj');
  if (nonsense && (nonsense.status !== nonsense.said.none || nonsense.results.length)) {
    fail(where, `a nonsense query announces “${nonsense.status}” with ${nonsense.results.length} results`);
  }
}

/** How many pages a PDF has, as pdfinfo (poppler-utils) counts them. */
function pdfPages(file) {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = /^Pages:\s+(\d+)/m.exec(out);
  if (!pages) throw new Error(`pdfinfo gave no page count for ${file}`);
  return Number(pages[1]);
}

/** Files under `root`, relative, with `/` separators. */
function walk(root, dir = root, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(root, full, out);
    else out.push(path.relative(root, full).split(path.sep).join('/'));
  }
  return out.sort();
}

async function main() {
  const args = process.argv.slice(2);
  let shots = path.resolve('target/screenshots');
  const sites = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--shots') shots = path.resolve(args[++i]);
    else if (/^[a-z0-9-]+=/.test(args[i])) {
      const [name, dir] = args[i].split(/=(.*)/s);
      sites.push([name, fs.realpathSync(path.resolve(dir))]);
    } else {
      console.error(`usage: node suite.js [--shots DIR] NAME=SITE_DIR ...\nunexpected argument: ${args[i]}`);
      process.exit(2);
    }
  }
  if (!sites.length) {
    console.error('usage: node suite.js [--shots DIR] NAME=SITE_DIR ...');
    process.exit(2);
  }
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM} (Debian: apt-get install -y chromium; or set CHROMIUM)`);
    process.exit(2);
  }
  for (const [name, root] of sites) await checkSite(name, root, shots);

  if (warnings.length) {
    log(`\n${warnings.length} minor or moderate accessibility findings (not failures):`);
    for (const w of warnings) log(`  ${w}`);
  }
  log(`\nscreenshots and PDF: ${shots}`);
  if (problems.length) {
    log(`\n${problems.length} problems:`);
    // By site and page: the browsers work at once, so they were found interleaved.
    for (const p of [...problems].sort()) log(`  FAIL ${p}`);
  }
  const passed = [...visited].filter((w) => !failed.has(w)).length;
  log(`browser: ${passed} passed, ${failed.size} failed`);
  process.exit(problems.length ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
