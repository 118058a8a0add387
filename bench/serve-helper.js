#!/usr/bin/env node
// The data of bench/serve.sh, written into DIR (under build/bench/, never into
// the repository: the corpus may not be republished).
//
//   node bench/serve-helper.js corpus CORPUS.jsonl.gz COUNT DIR
//     DIR/articles.jsonl  COUNT articles for `kto ingest`: the corpus texts
//                         again and again, each with a distinct id
//                         («bench-N») and «Выпуск N.» prepended (so that no
//                         two texts have the same content hash), dates spread
//                         over 2025–2026
//     DIR/ids.txt         the ids, one a line
//     DIR/posts.txt       texts of 1.8–2.3 KB (UTF-8) from the corpus, JSON
//                         string-escaped without the quotes, one a line: the
//                         bodies of the POST benchmarks (bench/wrk/post*.lua)
//   node bench/serve-helper.js kbids TOP.json DIR
//     DIR/kbids.txt       the kb ids of a /api/v1/top answer
//     DIR/words.txt       search words: common words of news and the
//                         surnames of those persons
//   node bench/serve-helper.js batch POSTS.txt COUNT PREFIX OUT.jsonl
//     COUNT articles of about 2 KB (ids PREFIX-N) for `kto ingest`, from
//     the posts, like-for-like with the batch POST benchmark
//   node bench/serve-helper.js ingest-time SECONDS ARTICLES BYTES LOAD_BEFORE LOAD_AFTER
//     the JSON record of the store's `kto ingest` (printed)
//   node bench/serve-helper.js ingest-summary RECORD.json
//     that record as a line of the report
//   node bench/serve-helper.js summary NAME PER_REQUEST < RUNS.jsonl
//     one line of the wrk runs of a route (bench/wrk/common.lua's lines):
//     the run with the median requests/s; non-2xx answers and socket
//     errors (timeouts included) summed over the runs
//   node bench/serve-helper.js server-time ROUTE BEFORE.txt AFTER.txt CPU_SECONDS
//     the server's own view of ROUTE between two /metrics texts: requests,
//     mean time from routing to the log line, the share within 10 ms, the
//     statuses that were not 2xx, and the server's CPU time per request
//     (CPU_SECONDS: the process's user + system time over the same span)
'use strict';
const fs = require('fs');
const readline = require('readline');
const zlib = require('zlib');

const DAY_MS = 24 * 3600 * 1000;
const FIRST_DAY = Date.UTC(2025, 0, 1);
const DAYS = 730;  // 2025-01-01 .. 2026-12-31

// Common words of Russian news (written for this benchmark), in various forms:
// the search matches every form of a word.
const COMMON_WORDS = [
  'президент', 'правительство', 'министр', 'губернатор', 'заявил', 'сообщил',
  'выборы', 'санкции', 'суд', 'полиция', 'бюджет', 'экономика', 'нефть',
  'Москва', 'России', 'США', 'Украина', 'Китай', 'Европа', 'парламент',
  'депутаты', 'закон', 'переговоры', 'встреча', 'компания', 'банк', 'рубль',
  'доллар', 'армия', 'война', 'мир', 'школа', 'больница', 'город', 'область',
  'мэр', 'глава', 'директор', 'министерство', 'решение', 'проект', 'строительство',
  'энергетика', 'газ', 'выставка', 'фестиваль', 'футбол', 'чемпионат', 'погода',
  'авария',
];

function isoDate(n) {
  // A permutation of the 730 days (7919 is prime to 730), hours through the day.
  const day = (n * 7919) % DAYS;
  return new Date(FIRST_DAY + day * DAY_MS + (n % 24) * 3600 * 1000).toISOString().replace('.000', '');
}

async function readCorpus(path) {
  const docs = [];
  const lines = readline.createInterface({input: fs.createReadStream(path).pipe(zlib.createGunzip())});
  for await (const line of lines) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line);
    if (typeof doc.text === 'string' && doc.text.trim()) docs.push(doc);
  }
  return docs;
}

// Writes with back-pressure: the articles file is hundreds of MB.
function writer(path) {
  const out = fs.createWriteStream(path);
  return {
    async write(s) {
      if (!out.write(s)) await new Promise((resolve) => out.once('drain', resolve));
    },
    close() {
      return new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
    },
  };
}

async function corpus(path, count, dir) {
  const docs = await readCorpus(path);
  const articles = writer(`${dir}/articles.jsonl`);
  const ids = writer(`${dir}/ids.txt`);
  for (let n = 0; n < count; ++n) {
    const doc = docs[n % docs.length];
    const article = {id: `bench-${n}`, text: `Выпуск ${n + 1}. ${doc.text}`, published_at: isoDate(n),
                     source: doc.source || 'bench'};
    if (doc.title) article.title = doc.title;
    if (doc.url) article.url = `${doc.url}#${n}`;
    await articles.write(JSON.stringify(article) + '\n');
    await ids.write(`bench-${n}\n`);
  }
  await articles.close();
  await ids.close();
  const posts = docs.map((d) => d.text.replace(/\s+$/, ''))
                    .filter((t) => { const b = Buffer.byteLength(t); return b >= 1800 && b <= 2300; })
                    .slice(0, 2000)
                    .map((t) => JSON.stringify(t).slice(1, -1));
  fs.writeFileSync(`${dir}/posts.txt`, posts.join('\n') + '\n');
  console.log(`${count} articles from ${docs.length} corpus texts; ${posts.length} texts of about 2 KB for POST`);
}

function kbids(topPath, dir) {
  const top = JSON.parse(fs.readFileSync(topPath, 'utf8'));
  const persons = Array.isArray(top) ? top : (top.persons || top.top || top.items || []);
  const ids = persons.map((p) => p.kb_id).filter((id) => id !== undefined && id !== null);
  if (ids.length === 0) throw new Error(`no kb_id in ${topPath}`);
  const surnames = new Set();
  for (const p of persons) {
    const words = String(p.name || '').split(/\s+/).filter(Boolean);
    if (words.length > 1) surnames.add(words[words.length - 1]);
  }
  fs.writeFileSync(`${dir}/kbids.txt`, ids.join('\n') + '\n');
  const words = [...COMMON_WORDS, ...surnames].map((w) => encodeURIComponent(w));
  fs.writeFileSync(`${dir}/words.txt`, words.join('\n') + '\n');
  console.log(`${ids.length} kb ids, ${COMMON_WORDS.length} common words and ${surnames.size} surnames`);
}

function batch(postsPath, count, prefix, outPath) {
  const posts = fs.readFileSync(postsPath, 'utf8').split('\n').filter(Boolean);
  const lines = [];
  for (let n = 0; n < count; ++n) {
    lines.push(`{"id":"${prefix}-${n}","published_at":"${isoDate(n)}",` +
               `"text":"Заметка ${n + 1}. ${posts[n % posts.length]}"}`);
  }
  fs.writeFileSync(outPath, lines.join('\n') + '\n');
}

function summary(name, perRequest) {
  const runs = fs.readFileSync(0, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  if (runs.length === 0) throw new Error(`no wrk run for ${name}`);
  runs.sort((a, b) => a.rps - b.rps);
  const median = runs[Math.floor((runs.length - 1) / 2)];
  const non2xx = runs.reduce((n, r) => n + r.non_2xx, 0);
  const errors = runs.reduce((n, r) => n + r.socket_errors, 0);
  const rate = perRequest > 1 ? ` = ${Math.round(median.rps * perRequest)} articles/s` : '';
  const all = runs.length > 1 ? ` (runs: ${runs.map((r) => Math.round(r.rps)).join(', ')})` : '';
  console.log(`${name.padEnd(16)} ${median.rps.toFixed(0).padStart(6)} requests/s${rate}, ` +
              `p50 ${median.p50_ms.toFixed(2)} ms, p99 ${median.p99_ms.toFixed(2)} ms, ` +
              `non-2xx ${non2xx}, socket errors/timeouts ${errors}${all}`);
}

// The samples of a Prometheus text: name{labels} -> value.
function metrics(path) {
  const values = new Map();
  for (const line of fs.readFileSync(path, 'utf8').split('\n')) {
    const m = line.match(/^(\S+) (\S+)$/);
    if (m) values.set(m[1], Number(m[2]));
  }
  return values;
}

function serverTime(route, beforePath, afterPath, cpuSeconds) {
  const before = metrics(beforePath);
  const after = metrics(afterPath);
  const delta = (key) => (after.get(key) || 0) - (before.get(key) || 0);
  const label = `route="${route}"`;
  const count = delta(`kto_http_request_duration_seconds_count{${label}}`);
  const sum = delta(`kto_http_request_duration_seconds_sum{${label}}`);
  const within = delta(`kto_http_request_duration_seconds_bucket{${label},le="0.01"}`);
  const failed = [...after.keys()]
      .filter((k) => k.startsWith(`kto_http_requests_total{${label}`) && !/status="2\d\d"/.test(k))
      .map((k) => [k.match(/status="(\d+)"/)[1], delta(k)]).filter(([, n]) => n > 0)
      .map(([status, n]) => `${n} x ${status}`);
  console.log(`  server side: ${count} requests, mean ${(count ? 1000 * sum / count : 0).toFixed(2)} ms, ` +
              `${(count ? 100 * within / count : 0).toFixed(1)} % within 10 ms, ` +
              `CPU ${(count ? 1000 * cpuSeconds / count : 0).toFixed(3)} ms a request` +
              (failed.length ? `, not 2xx: ${failed.join(', ')}` : ''));
}

const [command, ...args] = process.argv.slice(2);
if (command === 'corpus') {
  corpus(args[0], Number(args[1]), args[2]).catch((e) => { console.error(e); process.exit(1); });
} else if (command === 'kbids') {
  kbids(args[0], args[1]);
} else if (command === 'batch') {
  batch(args[0], Number(args[1]), args[2], args[3]);
} else if (command === 'ingest-time') {
  const [seconds, count, bytes, before, after] = args;
  console.log(JSON.stringify({seconds: +seconds, articles: +count, bytes: +bytes,
                              articles_per_s: Math.round(count / seconds), load_before: before,
                              load_after: after}));
} else if (command === 'ingest-summary') {
  const t = JSON.parse(fs.readFileSync(args[0], 'utf8'));
  console.log(`store: ${t.articles} articles (${(t.bytes / 1e6).toFixed(0)} MB of JSON lines) made by kto ingest ` +
              `in ${t.seconds.toFixed(1)} s = ${t.articles_per_s} articles/s ` +
              `(${Math.round(t.bytes / 2048 / t.seconds)} 2 KB/s; load ${t.load_before} -> ${t.load_after})`);
} else if (command === 'server-time') {
  serverTime(args[0], args[1], args[2], Number(args[3]));
} else if (command === 'summary') {
  summary(args[0], Number(args[1] || 1));
} else {
  console.error('usage: serve-helper.js corpus|kbids|batch|ingest-time|ingest-summary|summary|server-time ...');
  process.exit(2);
}
