// The shared harness of the page and contract tests: command-line
// arguments, a temporary store made by `kto ingest`, a `kto serve` on a free
// port, plain HTTP requests, and clean-up that never leaves a server behind
// (on success, on failure and when the watchdog fires).
//
//   node TEST.js KTO_BINARY SOURCE_DIR ARTIFACTS_DIR
'use strict';

const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

// ---------------------------------------------------------------------------
// Arguments and environment.

function parseArgs() {
  const [kto, sourceDir, artifactsDir] = process.argv.slice(2);
  if (!kto || !sourceDir || !artifactsDir) {
    console.error(`usage: node ${path.basename(process.argv[1])} KTO_BINARY SOURCE_DIR ARTIFACTS_DIR`);
    process.exit(2);
  }
  for (const [what, p] of [['kto binary', kto], ['source dir', sourceDir]]) {
    if (!fs.existsSync(p)) {
      console.error(`${what} not found: ${p}`);
      process.exit(2);
    }
  }
  fs.mkdirSync(artifactsDir, { recursive: true });
  return { kto: path.resolve(kto), sourceDir: path.resolve(sourceDir), artifactsDir: path.resolve(artifactsDir) };
}

// ---------------------------------------------------------------------------
// Processes to end whatever happens.

const cleanups = [];
let cleanedUp = false;

// `fn` runs once at exit (synchronously: kills only).
function onExit(fn) {
  cleanups.push(fn);
}

function runCleanups() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const fn of cleanups.reverse()) {
    try {
      fn();
    } catch {
      // Best effort: the process may be gone already.
    }
  }
}

process.on('exit', runCleanups);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    runCleanups();
    process.exit(128 + os.constants.signals[signal]);
  });
}

// Ends the test run with a failure after `seconds` (before CTest's own
// timeout would kill this process and orphan the server and the browser).
function startWatchdog(seconds) {
  const timer = setTimeout(() => {
    console.error(`watchdog: the test did not finish in ${seconds} s`);
    runCleanups();
    process.exit(1);
  }, seconds * 1000);
  timer.unref();
}

// ---------------------------------------------------------------------------
// Temporary folder and store.

function makeTempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onExit(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function writeJsonl(file, articles) {
  fs.writeFileSync(file, articles.map((a) => JSON.stringify(a)).join('\n') + '\n');
}

// `kto ingest --db DB FILES...`; throws with kto's output on failure.
function ingest(kto, db, files) {
  const run = spawnSync(kto, ['ingest', '--db', db, ...files], { encoding: 'utf8', timeout: 120000 });
  if (run.status !== 0) {
    throw new Error(`kto ingest failed (${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
  }
}

// ---------------------------------------------------------------------------
// kto serve.

class Server {
  constructor(child) {
    this.child = child;
    this.log = '';
    this.port = 0;
    this.exit = null; // {code, signal} once ended
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      this.log += chunk;
    });
    onExit(() => {
      if (!this.exit) child.kill('SIGKILL');
    });
  }

  get base() {
    return `http://127.0.0.1:${this.port}`;
  }

  // Resolves with the port once «listening on http://HOST:PORT/» is logged.
  waitForPort(timeoutMs) {
    return new Promise((resolve, reject) => {
      const done = (error) => {
        clearTimeout(timer);
        this.child.stderr.off('data', check);
        this.child.off('exit', ended);
        if (error) reject(error);
        else resolve(this.port);
      };
      const check = () => {
        const m = /listening on http:\/\/[^:\s]+:(\d+)\//.exec(this.log);
        if (m) {
          this.port = Number(m[1]);
          done();
        }
      };
      const ended = (code, signal) =>
        done(new Error(`kto serve ended before listening (${code ?? signal}):\n${this.log}`));
      const timer = setTimeout(
        () => done(new Error(`kto serve did not listen within ${timeoutMs} ms:\n${this.log}`)),
        timeoutMs,
      );
      this.child.stderr.on('data', check);
      this.child.on('exit', ended);
      check();
    });
  }

  // SIGTERM, then the exit code (SIGKILL and an error after `timeoutMs`).
  async stop(timeoutMs = 20000) {
    if (!this.exit) this.child.kill('SIGTERM');
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, timeoutMs, null);
    });
    const exit = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    if (!exit) {
      this.child.kill('SIGKILL');
      throw new Error(`kto serve did not stop within ${timeoutMs} ms of SIGTERM:\n${this.log}`);
    }
    return exit;
  }
}

// Starts `kto serve --db DB --port 0 EXTRA...` and waits until it listens.
async function startServer(kto, db, extra = []) {
  const child = spawn(kto, ['serve', '--db', db, '--port', '0', ...extra], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const server = new Server(child);
  await server.waitForPort(60000);
  return server;
}

// ---------------------------------------------------------------------------
// HTTP.

// One request; resolves with {status, headers, body (string)}. `body` is a
// string or a Buffer; headers are sent as given (nothing added but Host and
// Content-Length).
function request(base, method, target, { headers = {}, body = null, timeoutMs = 60000 } = {}) {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = http.request(
      { host: url.hostname, port: url.port, method, path: target, headers, agent: false },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${target}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    if (body !== null) req.end(body);
    else req.end();
  });
}

function parseJson(response, what) {
  try {
    return JSON.parse(response.body);
  } catch (e) {
    assert.fail(`${what}: the body is not JSON (${e.message}): ${response.body.slice(0, 300)}`);
  }
}

// ---------------------------------------------------------------------------
// Test data: fictional people and places only.

// An article whose title, text, source and url are hostile HTML. Its id
// holds a «/» so that its pages need a percent-encoded path.
const HOSTILE_ID = 'hostile/2026/03/20';
const HOSTILE_SCRIPT = '<script>window.__pwned=1</script>';
const HOSTILE_IMG = '"><img src=x onerror="window.__pwned=1">';
const HOSTILE_LINK = '<a href="javascript:window.__pwned=1">javascript:window.__pwned=1</a>';
const HOSTILE_ARTICLE = {
  id: HOSTILE_ID,
  published_at: '2026-03-20T09:00:00Z',
  source: `Вестник ${HOSTILE_IMG} (вымышленный)`,
  url: 'javascript:window.__pwned=1',
  title: `${HOSTILE_SCRIPT} Губернатор ${HOSTILE_IMG} посетил Кедровск`,
  text:
    `Губернатор Заречной области Игорь Ясенев посетил Кедровск. ${HOSTILE_SCRIPT} ` +
    `Мэр Кедровска Анна Лебедева показала ему новую школу ${HOSTILE_IMG} и библиотеку. ` +
    `Подробности: ${HOSTILE_LINK} и javascript:window.__pwned=1 <svg onload="window.__pwned=1"></svg>. ` +
    `«Школа ${HOSTILE_SCRIPT} откроется в сентябре», — сказал Ясенев.`,
};

// Enough articles about one person for two pages of her dossier and of a
// search (20 a page): «Мэр Ольховска Вера Дубравина …», one a day.
const MAYOR_ARTICLES = Array.from({ length: 23 }, (_, i) => {
  const day = String(i + 1).padStart(2, '0');
  return {
    id: `olkhovsk-2025-05-${day}`,
    published_at: `2025-05-${day}T08:00:00Z`,
    source: 'Ольховские известия (вымышленные)',
    title: `Ольховск: новости дня ${i + 1}`,
    text: `Мэр Ольховска Вера Дубравина осмотрела участок ${i + 1} набережной реки Тихой. «Работы идут по плану», — сказала Дубравина.`,
  };
});

// A store in a new temporary folder: the scenario plus `extra` articles.
function makeStore(kto, sourceDir, prefix, extra = [HOSTILE_ARTICLE]) {
  const dir = makeTempDir(prefix);
  const db = path.join(dir, 'kto.db');
  const files = [path.join(sourceDir, 'examples', 'scenario.jsonl')];
  if (extra.length) {
    const file = path.join(dir, 'extra.jsonl');
    writeJsonl(file, extra);
    files.push(file);
  }
  ingest(kto, db, files);
  return { dir, db };
}

module.exports = {
  HOSTILE_ARTICLE,
  HOSTILE_ID,
  HOSTILE_IMG,
  HOSTILE_SCRIPT,
  MAYOR_ARTICLES,
  makeStore,
  makeTempDir,
  onExit,
  parseArgs,
  parseJson,
  request,
  startServer,
  startWatchdog,
  writeJsonl,
};
