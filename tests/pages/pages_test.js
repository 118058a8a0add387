// The web pages of `kto serve` in a real browser (Debian's chromium,
// headless, driven by puppeteer-core): highlights and the «Анализ» panel of
// an article, a click through to a dossier, search, the analyze form, the
// rating, the embeddable panel, an article of hostile HTML that must run
// nothing, keyboard access, no sideways scrolling on a phone, and
// screenshots of every page at phone and desktop widths (test artifacts).
//
//   node pages_test.js KTO_BINARY SOURCE_DIR ARTIFACTS_DIR
//
// Selectors: the contract of the web module (docs/api.md, SPEC of issue 14).
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { after, before, beforeEach, describe, it } = require('node:test');

const h = require('./harness');

const args = h.parseArgs();
h.startWatchdog(420);

let puppeteer;
try {
  puppeteer = require('puppeteer-core');
} catch {
  console.error('puppeteer-core is not installed: run tests/pages/install.sh');
  process.exit(1);
}

const ANALYZE_SUBMIT =
  'form.kto-analyze button[type="submit"], form.kto-analyze input[type="submit"], form.kto-analyze button:not([type])';
const PHONE = { width: 375, height: 800 };
const DESKTOP = { width: 1280, height: 900 };

function findChromium() {
  const candidates = [process.env.KTO_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  console.error('chromium is not installed: run scripts/install-deps.sh (Debian package chromium)');
  process.exit(1);
}

let storeDb;
let server;
let browser;
let page;
const problems = []; // console errors, page errors, outside requests, dialogs
const allowedPorts = new Set(); // of 127.0.0.1: the server, and the news site of the embed test

function articlePath(id) {
  return `/articles/${encodeURIComponent(id)}`;
}

async function api(target) {
  const r = await h.request(server.base, 'GET', target);
  assert.equal(r.status, 200, `GET ${target}: ${r.body.slice(0, 300)}`);
  return h.parseJson(r, target);
}

// Goes to `target` and checks the status; returns the response.
async function open(target, status = 200) {
  const response = await page.goto(server.base + target, { waitUntil: 'load', timeout: 30000 });
  assert.ok(response, `no response for ${target}`);
  assert.equal(response.status(), status, `status of ${target}`);
  return response;
}

// Submits by clicking `buttonSelector` and waits for the next page.
async function submitAndWait(buttonSelector) {
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load', timeout: 30000 }),
    page.click(buttonSelector),
  ]);
  return response;
}

// Nothing of the hostile article ran: no global set, no dialog, no element
// with an event handler attribute, no script, no javascript: link.
async function assertNothingRan(where) {
  const found = await page.evaluate(() => {
    const handlers = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) if (/^on/i.test(a.name)) handlers.push(`${el.tagName} ${a.name}`);
    }
    return {
      pwned: typeof window.__pwned,
      handlers,
      scripts: document.querySelectorAll('script').length,
      images: [...document.querySelectorAll('img')].map((i) => i.getAttribute('src')),
      svgs: document.querySelectorAll('svg:not(.kto-chart)').length,
      jsLinks: [...document.querySelectorAll('[href], [src], [action]')]
        .map((e) => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))
        .filter((u) => /^\s*javascript:/i.test(u)),
    };
  });
  assert.equal(found.pwned, 'undefined', `${where}: window.__pwned was set`);
  assert.deepEqual(found.handlers, [], `${where}: elements with event handlers`);
  assert.equal(found.scripts, 0, `${where}: <script> elements`);
  assert.deepEqual(found.images, [], `${where}: <img> elements`);
  assert.equal(found.svgs, 0, `${where}: <svg> elements other than the chart`);
  assert.deepEqual(found.jsLinks, [], `${where}: javascript: URLs`);
  const dialogs = problems.filter((p) => p.startsWith('dialog'));
  assert.deepEqual(dialogs, [], `${where}: dialogs opened`);
}

// A news site on another port of 127.0.0.1: its page frames `frames` (URLs).
async function startNewsSite(frames) {
  const site = { frames };
  const server_ = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      '<!doctype html><html lang="ru"><head><title>Новости Кедровска</title></head><body><h1>Новости Кедровска</h1>' +
        site.frames
          .map((src, i) => `<iframe src="${src}" title="Кадр ${i}" style="width:100%;border:0" height="240"></iframe>`)
          .join('') +
        '</body></html>',
    );
  });
  await new Promise((resolve) => server_.listen(0, '127.0.0.1', resolve));
  site.origin = `http://127.0.0.1:${server_.address().port}`;
  allowedPorts.add(String(server_.address().port));
  site.close = () => {
    const closed = new Promise((resolve) => server_.close(resolve));
    server_.closeAllConnections(); // the browser keeps its connection alive
    return closed;
  };
  return site;
}

// Opens the site's page; the frames showing each of its URLs (undefined
// where the browser refused to show it).
async function openNewsSite(site) {
  await page.goto(`${site.origin}/`, { waitUntil: 'load' });
  return site.frames.map((src) => page.frames().find((f) => f.url() === src));
}

// Console errors, page errors, outside requests and dialogs since the last call.
function assertNoProblems() {
  const seen = problems.splice(0);
  assert.deepEqual(seen, [], 'the browser saw problems');
}

async function assertNoSidewaysScroll(where) {
  const sizes = await page.evaluate(() => {
    // The innermost elements whose content is wider than their box.
    const wide = [...document.body.querySelectorAll('*')].filter(
      (e) => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible',
    );
    const innermost = wide.filter((e) => !wide.some((other) => other !== e && e.contains(other)));
    return {
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
      culprits: innermost.map((e) => `${e.tagName.toLowerCase()}.${e.className} «${e.textContent.trim().slice(0, 40)}»`),
    };
  });
  assert.ok(
    sizes.scroll <= sizes.client,
    `${where}: scrolls sideways (${sizes.scroll} > ${sizes.client}px): ${sizes.culprits.join('; ')}`,
  );
}

// Opens `target` at phone and desktop widths: screenshots, no sideways
// scroll on either, the search form (but in the embed), nothing run.
async function checkAtBothWidths(name, target, status = 200) {
  for (const [label, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ]) {
    await page.setViewport(viewport);
    await open(target, status);
    await assertNoSidewaysScroll(`${name} (${label})`);
    await assertNothingRan(`${name} (${label})`);
    if (!target.startsWith('/embed/')) {
      assert.ok(
        await page.$('form.kto-search[action="/search"][method="get"] input[name="q"]'),
        `${name}: no search form`,
      );
    }
    await page.screenshot({ path: path.join(args.artifactsDir, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewport(DESKTOP);
}

function personMarks() {
  return page.$$eval('mark.ent.ent-per', (marks) =>
    marks.map((m) => ({
      title: m.getAttribute('title'),
      text: m.textContent,
      href: m.querySelector('a') ? m.querySelector('a').getAttribute('href') : null,
    })),
  );
}

function panelEntries() {
  return page.$$eval('section.kto-panel li.kto-panel-person', (items) =>
    items.map((li) => {
      const a = li.querySelector('a.kto-person-name');
      const position = li.querySelector('span.kto-position');
      const articles = li.querySelector('span.kto-articles');
      return {
        name: a ? a.textContent.trim() : null,
        href: a ? a.getAttribute('href') : null,
        position: position ? position.textContent.trim() : null,
        articles: articles ? articles.textContent.trim() : null,
      };
    }),
  );
}

// The panel on the page shows what the API's panel holds, person by person.
function assertPanelMatches(entries, apiPanel, where) {
  const known = apiPanel.persons.filter((p) => p.kb_id !== null && p.kb_id !== undefined);
  assert.ok(known.length > 0, `${where}: the API panel has no KB person`);
  for (const p of known) {
    const entry = entries.find((e) => e.href === `/persons/${p.kb_id}`);
    assert.ok(entry, `${where}: no panel entry links /persons/${p.kb_id} (${p.name}): ${JSON.stringify(entries)}`);
    assert.equal(entry.name, p.name, `${where}: panel name of ${p.kb_id}`);
    assert.equal(entry.articles, String(p.articles), `${where}: article count of ${p.name}`);
    if (p.last_position) {
      assert.ok(entry.position, `${where}: no «Последняя должность» for ${p.name}`);
      assert.match(entry.position, /^Последняя должность: \S/, `${where}: position of ${p.name}`);
      assert.ok(
        entry.position.toLowerCase().includes(p.last_position.title.toLowerCase()),
        `${where}: «${entry.position}» lacks «${p.last_position.title}»`,
      );
    } else {
      assert.equal(entry.position, null, `${where}: ${p.name} has no position but the panel shows one`);
    }
  }
}

describe('kto serve pages in headless chromium', () => {
  before(async () => {
    storeDb = h.makeStore(args.kto, args.sourceDir, 'kto-pages-', [h.HOSTILE_ARTICLE, ...h.MAYOR_ARTICLES]).db;
    server = await h.startServer(args.kto, storeDb);
    browser = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      timeout: 60000,
      protocolTimeout: 60000,
      args: [
        '--no-sandbox', // the tests run as root
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-extensions',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
        '--lang=ru-RU',
      ],
    });
    const browserProcess = browser.process();
    h.onExit(() => browserProcess && browserProcess.kill('SIGKILL'));
    page = await browser.newPage();
    page.setDefaultTimeout(30000);
    // Nothing but the server: any other request is a failure and is refused.
    allowedPorts.add(String(server.port));
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.protocol === 'data:' || (url.hostname === '127.0.0.1' && allowedPorts.has(url.port))) {
        req.continue();
      } else {
        problems.push(`request to ${req.url()}`);
        req.abort();
      }
    });
    page.on('dialog', (dialog) => {
      problems.push(`dialog ${dialog.type()}: ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // A page's own error status (404, 400) is logged as a failed load; the
      // tests check statuses themselves.
      if (message.type() === 'error' && !/the server responded with a status of 4\d\d/.test(message.text())) {
        problems.push(`console error: ${message.text()}`);
      }
    });
    await page.setViewport(DESKTOP);
  });

  // A failed test must not fail the next one with its leftovers.
  beforeEach(() => {
    problems.splice(0);
  });

  after(async () => {
    fs.writeFileSync(path.join(args.artifactsDir, 'serve.log'), server ? server.log : '');
    if (browser) await browser.close().catch(() => {});
    if (server) {
      const exit = await server.stop();
      assert.deepEqual(exit, { code: 0, signal: null }, `kto serve after SIGTERM:\n${server.log}`);
    }
  });

  it('shows an article with highlights and the «Анализ» panel', async () => {
    await open(articlePath('scenario-01'));
    const marks = await personMarks();
    assert.ok(marks.length >= 2, `person marks: ${JSON.stringify(marks)}`);
    const yasenev = marks.find((m) => m.title && m.title.includes('Ясенев'));
    assert.ok(yasenev, `no person mark titled with Ясенев: ${JSON.stringify(marks)}`);
    assert.match(yasenev.href || '', /^\/persons\/\d+$/, 'the mark links the dossier');
    // Each person's mark is titled with a normal form the analysis gives.
    const stored = await api('/api/v1/articles/scenario-01');
    const normals = new Set(
      stored.analysis.persons.flatMap((p) => [p.name, p.canonical, ...p.mentions.map((m) => m.normal)]),
    );
    for (const m of marks) {
      assert.ok(normals.has(m.title), `a person mark titled «${m.title}», not a normal form of ${[...normals]}`);
    }
    const places = await page.$$('mark.ent.ent-loc, mark.ent.ent-org');
    assert.ok(places.length >= 1, 'no organization or place highlighted');

    assert.equal(await page.$eval('section.kto-panel h2', (e) => e.textContent.trim()), 'Анализ');
    const entries = await panelEntries();
    assertPanelMatches(entries, await api('/api/v1/articles/scenario-01/panel'), 'scenario-01');
    const governor = entries.find((e) => e.name.includes('Ясенев'));
    assert.ok(governor && governor.position, 'the governor has his last position in the panel');
    assertNoProblems();
  });

  it('goes from a name in the panel to the dossier, and back to an article', async () => {
    await open(articlePath('scenario-01'));
    const link = await page.$$eval('section.kto-panel a.kto-person-name', (links) =>
      links.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })).find((a) => a.text.includes('Ясенев')),
    );
    assert.ok(link, 'no panel link to Ясенев');
    await submitAndWait(`section.kto-panel a.kto-person-name[href="${link.href}"]`);
    assert.equal(new URL(page.url()).pathname, link.href);

    const kbId = Number(link.href.split('/').pop());
    const dossier = await api(`/api/v1/persons/${kbId}`);
    const title = await page.$eval('h1.kto-person-title', (e) => e.textContent.trim());
    assert.equal(title, dossier.name);
    const chart = await page.$('svg.kto-chart');
    assert.ok(chart, 'no chart');
    const box = await chart.boundingBox();
    assert.ok(box && box.width > 0 && box.height > 0, 'the chart is not drawn');
    const positions = await page.$$eval('li.kto-position-item', (items) => items.map((li) => li.textContent));
    assert.ok(positions.length >= 1 && positions.length >= Math.min(1, dossier.positions.length), 'no positions');
    assert.ok(
      positions.some((p) => p.toLowerCase().includes(dossier.positions[0].title.toLowerCase())),
      `positions ${JSON.stringify(positions)} lack «${dossier.positions[0].title}»`,
    );
    // Each position's sentence sets off the phrase that states it: whole
    // words, at the right place in the sentence.
    const phrases = await page.$$eval('li.kto-position-item strong.kto-phrase', (strongs) =>
      strongs.map((strong) => {
        const before = strong.previousSibling ? strong.previousSibling.textContent : '';
        const after = strong.nextSibling ? strong.nextSibling.textContent : '';
        return { phrase: strong.textContent, before: before.slice(-1), after: after.slice(0, 1) };
      }),
    );
    assert.ok(phrases.length >= 1, 'no position states its sentence');
    for (const p of phrases) {
      assert.ok(
        !/\p{L}/u.test(p.before) && !/\p{L}/u.test(p.after),
        `the phrase «${p.phrase}» cuts a word («${p.before}|${p.phrase}|${p.after}»)`,
      );
    }
    const quotes = await page.$$('blockquote.kto-quote');
    assert.ok(quotes.length >= 1, 'no quotes');
    const articleLinks = await page.$$eval('li.kto-article-item > a[href^="/articles/"]', (as) =>
      as.map((a) => a.getAttribute('href')),
    );
    assert.equal(articleLinks.length, Math.min(dossier.articles, 20), 'articles listed');

    // A person's mark in the text links the dossier too.
    await open(articlePath('scenario-01'));
    const markLink = await page.$eval('mark.ent.ent-per a[href^="/persons/"]', (a) => a.getAttribute('href'));
    await submitAndWait(`mark.ent.ent-per a[href="${markLink}"]`);
    assert.ok(await page.$('h1.kto-person-title'), 'the mark led to no dossier');

    // And the dossier's articles lead back to their pages.
    await open(`/persons/${kbId}`);
    await submitAndWait('li.kto-article-item > a[href^="/articles/"]');
    assert.ok(await page.$('section.kto-panel'), 'an article from the dossier has no panel');
    assertNoProblems();
  });

  it('pages through a long dossier and a long search', async () => {
    const found = await api(`/api/v1/persons?q=${encodeURIComponent('Дубравина')}`);
    const mayor = found.persons.find((p) => p.name.includes('Дубравина'));
    assert.ok(mayor && mayor.articles === h.MAYOR_ARTICLES.length, `the mayor: ${JSON.stringify(found)}`);
    const seen = new Set();
    for (const [start, count] of [
      [`/persons/${mayor.kb_id}`, 20],
      [`/search?q=${encodeURIComponent('набережная')}`, 20],
    ]) {
      await open(start);
      const first = await page.$$eval('li.kto-article-item > a, li.kto-search-hit a[href^="/articles/"]', (as) =>
        as.map((a) => a.getAttribute('href')),
      );
      assert.equal(first.length, count, `${start}: the first page`);
      const next = await page.$('a[href*="page=2"]');
      assert.ok(next, `${start}: no link to page 2`);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), next.click()]);
      assert.equal(new URL(page.url()).searchParams.get('page'), '2');
      const second = await page.$$eval('li.kto-article-item > a, li.kto-search-hit a[href^="/articles/"]', (as) =>
        as.map((a) => a.getAttribute('href')),
      );
      assert.equal(second.length, h.MAYOR_ARTICLES.length - count, `${start}: the second page`);
      for (const href of [...first, ...second]) seen.add(`${start} ${href}`);
      assert.equal(new Set([...first, ...second]).size, h.MAYOR_ARTICLES.length, `${start}: pages overlap`);
      assert.ok(await page.$('a[href*="page=1"], a[href$="/persons/' + mayor.kb_id + '"]'), `${start}: no link back`);
    }
    await open(`/persons/${mayor.kb_id}?page=0`, 400);
    await open(`/persons/${mayor.kb_id}?page=x`, 400);
    assertNoProblems();
  });

  it('searches from the form on the home page', async () => {
    await open('/');
    await page.type('form.kto-search input[name="q"]', 'мост');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    const url = new URL(page.url());
    assert.equal(url.pathname, '/search');
    assert.equal(url.searchParams.get('q'), 'мост');
    const hits = await page.$$eval('li.kto-search-hit', (items) =>
      items.map((li) => [...li.querySelectorAll('mark.kto-hit')].map((m) => m.textContent)),
    );
    assert.ok(hits.length >= 1, 'no search hit for «мост»');
    for (const marks of hits) {
      assert.ok(marks.length >= 1, 'a hit without a highlighted match');
      for (const m of marks) assert.match(m.toLowerCase(), /^мост/, `highlighted «${m}» for «мост»`);
    }

    // A person by an inflected form of the surname.
    await page.$eval('form.kto-search input[name="q"]', (input) => {
      input.value = '';
    });
    await page.type('form.kto-search input[name="q"]', 'Ясеневу');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    const persons = await page.$$eval('li.kto-person-hit a[href^="/persons/"]', (as) =>
      as.map((a) => a.textContent),
    );
    assert.ok(
      persons.some((p) => p.includes('Ясенев')),
      `no person hit for «Ясеневу»: ${JSON.stringify(persons)}`,
    );
    assertNoProblems();
  });

  it('analyzes a pasted text from the analyze form', async () => {
    await open('/analyze');
    assert.ok(await page.$('form.kto-analyze[action="/analyze"][method="post" i] textarea[name="text"]'));
    await page.type('form.kto-analyze input[name="title"]', 'Встреча в Кедровске');
    await page.type(
      'form.kto-analyze textarea[name="text"]',
      'Мэр Кедровска Анна Лебедева встретилась с губернатором Заречной области Игорем Ясеневым. ' +
        '«Мост окупится за десять лет», — сказала Лебедева.',
    );
    const response = await submitAndWait(ANALYZE_SUBMIT);
    assert.equal(response.status(), 200);
    const marks = await personMarks();
    assert.ok(marks.some((m) => (m.title || '').includes('Лебедева')), `marks: ${JSON.stringify(marks)}`);
    assert.ok(marks.some((m) => (m.title || '').includes('Ясенев')), `marks: ${JSON.stringify(marks)}`);
    const entries = await panelEntries();
    assert.ok(entries.length >= 2, `panel: ${JSON.stringify(entries)}`);
    const governor = entries.find((e) => (e.name || '').includes('Ясенев'));
    assert.ok(governor && /^\/persons\/\d+$/.test(governor.href), 'the known governor links his dossier');
    assertNoProblems();
    await page.screenshot({ path: path.join(args.artifactsDir, 'analyze-result-desktop.png'), fullPage: true });
  });

  it('filters the rating by a period', async () => {
    await open('/top');
    assert.ok((await page.$$('a[href^="/persons/"]')).length >= 1, 'the rating is empty');
    const from = await page.$('input[name="from"]');
    const to = await page.$('input[name="to"]');
    assert.ok(from && to, 'no period form');
    // Fill as text (type=date inputs take their value through the DOM).
    await page.$eval('input[name="from"]', (i) => {
      i.value = '2026-01-01';
    });
    await page.$eval('input[name="to"]', (i) => {
      i.value = '2026-01-31';
    });
    const formButton = await page.evaluateHandle(
      () => document.querySelector('input[name="from"]').form.querySelector('button, input[type="submit"]'),
    );
    assert.ok(formButton.asElement(), 'the period form has no button');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), formButton.asElement().click()]);
    const url = new URL(page.url());
    assert.equal(url.pathname, '/top');
    assert.equal(url.searchParams.get('from'), '2026-01-01');
    const january = await api('/api/v1/top?from=2026-01-01&to=2026-01-31');
    const shown = await page.$$eval('main a[href^="/persons/"], .kto-top a[href^="/persons/"]', (as) => [
      ...new Set(as.map((a) => a.getAttribute('href'))),
    ]);
    for (const p of january.persons) {
      assert.ok(shown.includes(`/persons/${p.kb_id}`), `January's ${p.name} missing from the rating`);
    }
    assertNoProblems();
  });

  it('serves the panel alone for embedding', async () => {
    const response = await open('/embed/articles/scenario-01/panel');
    assert.ok(!response.headers()['x-frame-options'], 'the embed must be frameable');
    assert.ok(await page.$('section.kto-panel'), 'no panel');
    assert.equal(await page.$('form.kto-search'), null, 'the embed is the panel alone');
    const targets = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('target')));
    assert.ok(targets.length >= 1 && targets.every((t) => t === '_blank'), `link targets: ${targets}`);
    const vars = await page.evaluate(() => {
      const style = getComputedStyle(document.documentElement);
      return ['--kto-font', '--kto-fg', '--kto-bg', '--kto-accent', '--kto-muted'].map((v) =>
        style.getPropertyValue(v).trim(),
      );
    });
    assert.ok(vars.every((v) => v !== ''), `CSS variables: ${JSON.stringify(vars)}`);
    assertPanelMatches(await panelEntries(), await api('/api/v1/articles/scenario-01/panel'), 'embed');
  });

  it('lets a news site of another origin frame the panel, and only the panel', async () => {
    const embed = `${server.base}/embed/articles/scenario-01/panel`;
    const article = `${server.base}${articlePath('scenario-01')}`;
    const site = await startNewsSite([embed, article]);
    try {
      const frames = await openNewsSite(site);
      assert.ok(frames[0], `the panel's frame did not load: ${page.frames().map((f) => f.url())}`);
      assert.ok(await frames[0].$('section.kto-panel li.kto-panel-person'), 'the framed panel is empty');
      const framedArticle = frames[1] ? await frames[1].$('section.kto-panel').catch(() => null) : null;
      assert.equal(framedArticle, null, 'the article page may not be framed (X-Frame-Options, frame-ancestors)');
      await page.screenshot({ path: path.join(args.artifactsDir, 'embed-in-news-site-desktop.png'), fullPage: true });
    } finally {
      await page.goto('about:blank'); // nothing more asks the site
      await site.close();
    }
    problems.splice(0); // chromium logs the refused frame as an error
  });

  it('lets only the sites of --frame-ancestors frame the panel', async () => {
    const allowed = await startNewsSite([]);
    const other = await startNewsSite([]);
    let framing;
    try {
      framing = await h.startServer(args.kto, storeDb, ['--frame-ancestors', allowed.origin]);
      allowedPorts.add(String(framing.port));
      const embed = `${framing.base}/embed/articles/scenario-01/panel`;
      allowed.frames = [embed];
      other.frames = [embed];
      const [shown] = await openNewsSite(allowed);
      assert.ok(shown && (await shown.$('section.kto-panel')), `${allowed.origin} may frame the panel`);
      const [refused] = await openNewsSite(other);
      const framedPanel = refused ? await refused.$('section.kto-panel').catch(() => null) : null;
      assert.equal(framedPanel, null, `${other.origin} may not frame the panel`);
    } finally {
      await page.goto('about:blank'); // nothing more asks the sites or the second server
      await allowed.close();
      await other.close();
      if (framing) assert.deepEqual(await framing.stop(), { code: 0, signal: null }, framing.log);
    }
    problems.splice(0); // chromium logs the refused frame as an error
  });

  it('reads without JavaScript', async () => {
    await page.setJavaScriptEnabled(false);
    try {
      await open(articlePath('scenario-01'));
      assert.ok((await personMarks()).length >= 2, 'no highlights without JavaScript');
      assert.ok((await panelEntries()).length >= 2, 'no panel without JavaScript');
      await page.type('form.kto-search input[name="q"]', 'бюджет');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
      assert.ok((await page.$$('li.kto-search-hit')).length >= 1, 'no search without JavaScript');
    } finally {
      await page.setJavaScriptEnabled(true);
    }
    assertNoProblems();
  });

  it('renders an article of hostile HTML as text and runs nothing', async () => {
    // Once as served (its Content-Security-Policy allows no script), once
    // with the policy bypassed, so that the escaping alone is tested.
    for (const bypass of [false, true]) {
      await page.setBypassCSP(bypass);
      const where = `hostile article${bypass ? ' (CSP bypassed)' : ''}`;
      const response = await open(articlePath(h.HOSTILE_ID));
      if (!bypass) assert.match(response.headers()['content-security-policy'] || '', /default-src 'none'/);
      await assertNothingRan(where);
      const text = await page.evaluate(() => document.body.innerText);
      for (const literal of [h.HOSTILE_SCRIPT, h.HOSTILE_IMG, 'javascript:window.__pwned=1']) {
        assert.ok(text.includes(literal), `${where}: «${literal}» is not shown as text`);
      }
      const title = await page.$eval('h1', (e) => e.textContent);
      assert.ok(title.includes(h.HOSTILE_SCRIPT), `${where}: the title is not shown literally: ${title}`);
      assert.ok((await personMarks()).length >= 2, `${where}: the persons around the HTML are not highlighted`);
      // The hostile quote and title on the other pages.
      const panel = await api(`/api/v1/articles/${encodeURIComponent(h.HOSTILE_ID)}/panel`);
      const yasenev = panel.persons.find((p) => p.name.includes('Ясенев'));
      await open(`/persons/${yasenev.kb_id}`);
      await assertNothingRan(`${where}: dossier`);
      // The home page lists it; its link holds the percent-encoded id.
      await open('/');
      await assertNothingRan(`${where}: home`);
      await submitAndWait(`a[href="${articlePath(h.HOSTILE_ID)}"]`);
      assert.equal(new URL(page.url()).pathname, articlePath(h.HOSTILE_ID));
      await assertNothingRan(`${where}: opened from home`);
      await open(`/search?q=${encodeURIComponent('школа')}`);
      await assertNothingRan(`${where}: search`);
      await open(`/search?q=${encodeURIComponent(h.HOSTILE_IMG)}`);
      await assertNothingRan(`${where}: search for HTML`);
      await open(`/embed/articles/${encodeURIComponent(h.HOSTILE_ID)}/panel`);
      await assertNothingRan(`${where}: embed`);
      // Pasted into the analyze form, it comes back as text too.
      await open('/analyze');
      await page.$eval(
        'form.kto-analyze textarea[name="text"]',
        (area, text) => {
          area.value = text;
        },
        h.HOSTILE_ARTICLE.text,
      );
      await page.$eval(
        'form.kto-analyze input[name="title"]',
        (input, title) => {
          input.value = title;
        },
        h.HOSTILE_ARTICLE.title,
      );
      await submitAndWait(ANALYZE_SUBMIT);
      await assertNothingRan(`${where}: analyze`);
      const analyzed = await page.evaluate(() => document.body.innerText);
      for (const literal of [h.HOSTILE_SCRIPT, h.HOSTILE_IMG]) {
        assert.ok(analyzed.includes(literal), `${where}: analyze does not show «${literal}» as text`);
      }
    }
    await page.setBypassCSP(false);
    assertNoProblems();
  });

  it('is usable from the keyboard with a visible focus', async () => {
    await open('/');
    const seen = [];
    for (let i = 0; i < 60; ++i) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const visible =
          (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
        return { tag: el.tagName, name: el.getAttribute('name'), href: el.getAttribute('href'), visible };
      });
      if (!focused) continue;
      seen.push(focused);
      if (seen.some((f) => f.name === 'q') && seen.some((f) => f.href && f.href.startsWith('/persons/'))) break;
    }
    const input = seen.find((f) => f.tag === 'INPUT' && f.name === 'q');
    assert.ok(input, `Tab never reaches the search input: ${JSON.stringify(seen)}`);
    assert.ok(seen.some((f) => f.tag === 'A' && f.href && f.href.startsWith('/persons/')), 'Tab reaches no person link');
    const hidden = seen.filter((f) => !f.visible);
    assert.deepEqual(hidden, [], 'elements whose focus is not visible');

    // Enter on a focused link follows it.
    const focusedHref = await page.evaluate(() => {
      const a = document.querySelector('a[href^="/persons/"]');
      a.focus();
      return a.getAttribute('href');
    });
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).pathname, focusedHref);
  });

  it('fits a phone and a desktop on every page (screenshots)', async () => {
    const panel = await api('/api/v1/articles/scenario-01/panel');
    const kbId = panel.persons.find((p) => p.kb_id).kb_id;
    const pages = [
      ['home', '/'],
      ['article', articlePath('scenario-01')],
      ['hostile-article', articlePath(h.HOSTILE_ID)],
      ['dossier', `/persons/${kbId}`],
      ['top', '/top'],
      ['search', `/search?q=${encodeURIComponent('Кедровск')}`],
      ['analyze', '/analyze'],
      ['embed-panel', '/embed/articles/scenario-01/panel'],
    ];
    for (const [name, target] of pages) await checkAtBothWidths(name, target);
    await checkAtBothWidths('error-404', '/persons/999999', 404);
    await checkAtBothWidths('error-404-article', articlePath('no/such/article'), 404);
    assertNoProblems();
  });
});
