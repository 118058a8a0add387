// The API's contract: every route of src/server/data/openapi.json is called
// on a real `kto serve` with valid requests and with the documented error
// cases (400, 401, 404, 413, 415, 422), and every answer must be documented:
// its status listed for the route, its content type listed for the status,
// its JSON body valid against the declared schema (ajv, JSON Schema 2020-12)
// and holding no field the schema does not declare.
//
//   node contract_test.js KTO_BINARY SOURCE_DIR ARTIFACTS_DIR
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, describe, it } = require('node:test');

const h = require('./harness');

const args = h.parseArgs();
h.startWatchdog(300);

let Ajv2020;
try {
  Ajv2020 = require('ajv/dist/2020');
} catch {
  console.error('ajv is not installed: run tests/pages/install.sh');
  process.exit(1);
}

const API_KEY = 'contract-key-0123456789abcdef';
const OPENAPI_FILE = path.join(args.sourceDir, 'src', 'server', 'data', 'openapi.json');
const doc = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8'));

// ---------------------------------------------------------------------------
// Schemas: the components as one schema of $defs, every $ref pointed at it.

const COMPONENTS_ID = 'https://kto.invalid/openapi-components';

function pointRefs(node) {
  if (Array.isArray(node)) return node.map(pointRefs);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
      out[k] = `${COMPONENTS_ID}#/$defs/${v.slice('#/components/schemas/'.length)}`;
    } else {
      out[k] = pointRefs(v);
    }
  }
  return out;
}

// Strict, but a branch of allOf may require what another branch declares.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });
ajv.addSchema({ $id: COMPONENTS_ID, $defs: pointRefs(doc.components.schemas) });
const validators = new Map();

function validatorFor(schema, key) {
  if (!validators.has(key)) validators.set(key, ajv.compile(pointRefs(schema)));
  return validators.get(key);
}

// The schema a `$ref` names, else the schema itself.
function deref(schema) {
  let s = schema;
  for (let i = 0; s && s.$ref && i < 20; ++i) {
    assert.ok(s.$ref.startsWith('#/components/schemas/'), `unsupported $ref ${s.$ref}`);
    s = doc.components.schemas[s.$ref.slice('#/components/schemas/'.length)];
    assert.ok(s, `dangling $ref ${schema.$ref}`);
  }
  return s;
}

// The schemas that together describe a value: allOf branches flattened.
function flatten(schema) {
  const s = deref(schema);
  if (!s || typeof s !== 'object') return [];
  return [s, ...(s.allOf || []).flatMap(flatten)];
}

// Paths of the fields of `data` that no schema in `schemas` declares (an
// object schema without `properties` and without `additionalProperties`
// counts as free-form).
function undeclaredFields(schemas, data, at, out) {
  const flat = schemas.flatMap(flatten);
  if (Array.isArray(data)) {
    const items = flat.filter((s) => s.items).map((s) => s.items);
    if (items.length) data.forEach((v, i) => undeclaredFields(items, v, `${at}[${i}]`, out));
    return out;
  }
  if (data === null || typeof data !== 'object') return out;
  const declaring = flat.filter((s) => s.properties || s.additionalProperties !== undefined);
  if (!declaring.length) return out;
  for (const [key, value] of Object.entries(data)) {
    const subs = declaring.filter((s) => s.properties && s.properties[key]).map((s) => s.properties[key]);
    const extra = declaring
      .filter((s) => s.additionalProperties && typeof s.additionalProperties === 'object')
      .map((s) => s.additionalProperties);
    if (subs.length) undeclaredFields(subs, value, `${at}.${key}`, out);
    else if (extra.length) undeclaredFields(extra, value, `${at}.${key}`, out);
    else if (!declaring.some((s) => s.additionalProperties === true)) out.push(`${at}.${key}`);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Calls, checked against the description.

let server;
const covered = new Map(); // "METHOD route" -> Set of statuses seen
const errorsSeen = new Set();
const callCounts = new Map(); // "route METHOD status" -> calls made

function mediaType(headers) {
  return String(headers['content-type'] || '').split(';')[0].trim().toLowerCase();
}

function checkBody(schema, body, key, where) {
  const validate = validatorFor(schema, key);
  if (!validate(body)) {
    assert.fail(`${where}: the body does not match its schema:\n${ajv.errorsText(validate.errors, { separator: '\n' })}\n` +
      `body: ${JSON.stringify(body).slice(0, 800)}`);
  }
  const extra = undeclaredFields([schema], body, '$', []);
  assert.deepEqual(extra, [], `${where}: fields the schema does not declare`);
}

// Sends one request and checks the answer against the route's description
// in openapi.json (`route` null: an unknown route, whose answer is an Error).
// Returns {status, headers, body, json}.
async function call(method, route, target, expect, { headers = {}, body = null } = {}) {
  // `expect`: the status, or the statuses one of which is right.
  const where = `${method} ${target.length > 120 ? target.slice(0, 120) + '…' : target}`;
  const r = await h.request(server.base, method, target, { headers, body });
  if (route !== null) {
    const counted = `${route} ${method} ${r.status}`;
    callCounts.set(counted, (callCounts.get(counted) || 0) + 1);
  }
  const expected = Array.isArray(expect) ? expect : [expect];
  assert.ok(expected.includes(r.status), `${where}: status ${r.status} (not ${expected}), body ${r.body.slice(0, 400)}`);
  if (r.status >= 400) errorsSeen.add(r.status);
  const type = mediaType(r.headers);
  let responseDoc;
  if (route === null) {
    responseDoc = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  } else {
    const operation = doc.paths[route] && doc.paths[route][method.toLowerCase()];
    assert.ok(operation, `openapi.json has no ${method} ${route}`);
    const key = `${method} ${route}`;
    if (!covered.has(key)) covered.set(key, new Set());
    covered.get(key).add(r.status);

    responseDoc = operation.responses[String(r.status)];
    assert.ok(responseDoc, `${where}: status ${r.status} is not documented for ${method} ${route}`);
  }
  const content = responseDoc.content || {};
  assert.ok(content[type], `${where}: content type «${type}» is not documented for ${r.status} (${Object.keys(content)})`);
  const schemaKey = `${method} ${route} ${r.status}`;
  let json;
  if (type === 'application/json') {
    json = h.parseJson(r, where);
    checkBody(content[type].schema, json, `${schemaKey} json`, where);
  } else if (type === 'application/x-ndjson') {
    // JSON lines: each line as the application/json body of the status.
    const lineSchema = content['application/json'] && content['application/json'].schema;
    assert.ok(lineSchema, `${where}: no application/json schema for the lines of ${r.status}`);
    json = r.body.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
    json.forEach((line, i) => checkBody(lineSchema, line, `${schemaKey} json`, `${where} line ${i + 1}`));
  }
  return { ...r, json };
}

function jsonBody(value) {
  return { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) };
}

function withKey(options, key = API_KEY) {
  return { ...options, headers: { ...options.headers, Authorization: `Bearer ${key}` } };
}

// ---------------------------------------------------------------------------

describe('kto serve against its openapi.json', () => {
  let kbId = 0;

  before(async () => {
    const store = h.makeStore(args.kto, args.sourceDir, 'kto-contract-');
    const keyFile = path.join(store.dir, 'api.key');
    fs.writeFileSync(keyFile, `${API_KEY}\n`);
    server = await h.startServer(args.kto, store.db, ['--api-key-file', keyFile, '--max-body-mb', '1']);
  });

  after(async () => {
    fs.writeFileSync(path.join(args.artifactsDir, 'contract-serve.log'), server ? server.log : '');
    if (server) {
      const exit = await server.stop();
      assert.deepEqual(exit, { code: 0, signal: null }, `kto serve after SIGTERM:\n${server.log}`);
    }
  });

  it('serves the openapi.json of the source tree', async () => {
    const r = await call('GET', '/api/v1/openapi.json', '/api/v1/openapi.json', 200);
    assert.deepEqual(r.json, doc);
    assert.match(doc.openapi, /^3\.1\./);
  });

  it('describes itself consistently', () => {
    // Every $ref resolves, and every schema compiles (strict ajv).
    const refs = [];
    (function walk(node) {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node === null || typeof node !== 'object') return;
      if (typeof node.$ref === 'string') refs.push(node.$ref);
      Object.values(node).forEach(walk);
    })(doc);
    for (const ref of refs) deref({ $ref: ref });
    for (const name of Object.keys(doc.components.schemas)) {
      ajv.getSchema(`${COMPONENTS_ID}#/$defs/${name}`);
    }
    for (const [route, operations] of Object.entries(doc.paths)) {
      const templated = [...route.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${route}`;
        assert.ok(op.summary, `${where}: no summary`);
        const inPath = (op.parameters || []).filter((p) => p.in === 'path').map((p) => p.name);
        assert.deepEqual(inPath.sort(), templated.sort(), `${where}: path parameters`);
        assert.ok(Object.keys(op.responses).length > 0, `${where}: no responses`);
        for (const [status, response] of Object.entries(op.responses)) {
          assert.match(status, /^[1-5]\d\d$/, `${where}: status ${status}`);
          assert.ok(response.description, `${where} ${status}: no description`);
        }
      }
    }
  });

  it('answers the service routes', async () => {
    assert.equal((await call('GET', '/healthz', '/healthz', 200)).json.status, 'ok');
    const ready = await call('GET', '/readyz', '/readyz', 200);
    assert.ok(ready.json.articles >= 11, `readyz articles ${ready.json.articles}`);
    const metrics = await call('GET', '/metrics', '/metrics', 200);
    for (const name of ['kto_http_requests_total', 'kto_http_request_duration_seconds', 'kto_articles_ingested_total',
      'kto_store_size_bytes']) {
      assert.ok(metrics.body.includes(name), `metrics lack ${name}`);
    }
  });

  it('analyzes without storing', async () => {
    const text = 'Губернатор Заречной области Игорь Ясенев посетил Ольховск. Мэр Ольховска Пётр Дубравин встретил его.';
    const r = await call('POST', '/api/v1/analyze', '/api/v1/analyze', 200, jsonBody({ title: 'Визит', text }));
    const yasenev = r.json.persons.find((p) => p.name.includes('Ясенев'));
    assert.ok(yasenev && Number.isInteger(yasenev.kb_id), 'the known governor has his kb_id');
    const plain = await call('POST', '/api/v1/analyze', '/api/v1/analyze', 200, {
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      body: text,
    });
    assert.equal(plain.json.persons.length, r.json.persons.length);
    const before = await call('GET', '/readyz', '/readyz', 200);

    await call('POST', '/api/v1/analyze', '/api/v1/analyze', 400, {
      headers: { 'Content-Type': 'application/json' },
      body: '{"text": "Ясенев',
    });
    await call('POST', '/api/v1/analyze', '/api/v1/analyze', 400, {
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    await call('POST', '/api/v1/analyze', '/api/v1/analyze', 415, {
      headers: { 'Content-Type': 'application/xml' },
      body: '<text>Ясенев</text>',
    });
    await call('POST', '/api/v1/analyze', '/api/v1/analyze', 422, jsonBody({ title: 'Без текста' }));
    await call('POST', '/api/v1/analyze', '/api/v1/analyze', 422, jsonBody(['Ясенев']));
    await call('POST', '/api/v1/analyze', '/api/v1/analyze', 413, jsonBody({ text: 'Ясенев. '.repeat(150000) }));
    const later = await call('GET', '/readyz', '/readyz', 200);
    assert.equal(later.json.articles, before.json.articles, 'analyze stored something');
  });

  it('stores articles with the API key, idempotently', async () => {
    const route = '/api/v1/articles';
    const article = {
      id: 'contract/2026/04/01',
      title: 'Мост через Светлую',
      published_at: '2026-04-01T10:00:00Z',
      source: 'Контрактный вестник (вымышленный)',
      url: 'https://news.example/contract/1',
      text: 'Губернатор Заречной области Игорь Ясенев осмотрел мост через реку Светлую. «Мост простоит сто лет», — сказал Ясенев.',
    };
    const unauthorized = [
      await call('POST', route, route, 401, jsonBody(article)),
      await call('POST', route, route, 401, withKey(jsonBody(article), API_KEY.slice(0, -1) + 'X')),
      await call('POST', route, route, 401, withKey(jsonBody(article), '')),
      await call('POST', route, route, 401, { ...jsonBody(article), headers: { 'Content-Type': 'application/json', Authorization: `Basic ${API_KEY}` } }),
    ];
    for (const r of unauthorized) {
      assert.match(r.headers['www-authenticate'] || '', /^Bearer/, 'a 401 says how to authenticate (RFC 9110)');
    }

    const created = await call('POST', route, route, 201, withKey(jsonBody(article)));
    assert.equal(created.json.status, 'new');
    assert.equal(created.json.id, article.id);
    assert.ok(created.json.analysis.persons.some((p) => p.name.includes('Ясенев') && Number.isInteger(p.kb_id)));
    const again = await call('POST', route, route, 200, withKey(jsonBody(article)));
    assert.equal(again.json.status, 'unchanged');
    const updated = await call('POST', route, route, 201, withKey(jsonBody({ ...article, text: `${article.text} Мост открыт.` })));
    assert.equal(updated.json.status, 'updated');

    const lines = [
      JSON.stringify({ id: 'contract-batch-1', text: 'Мэр Кедровска Анна Лебедева открыла библиотеку.', published_at: '2026-04-02' }),
      '{"id": "contract-batch-broken", "text": ',
      JSON.stringify({ id: 'contract-batch-2', title: 'Без текста' }),
      JSON.stringify({ id: 'contract-batch-3', text: 'Лебедева провела приём граждан в Кедровске.' }),
    ].join('\n') + '\n';
    const batch = await call('POST', route, route, 201, withKey({
      headers: { 'Content-Type': 'application/x-ndjson' },
      body: lines,
    }));
    assert.deepEqual(batch.json.map((l) => l.status), ['new', 'rejected', 'rejected', 'new']);
    assert.equal(batch.json[1].error.code, 'malformed_json');
    const batchAgain = await call('POST', route, route, 200, withKey({
      headers: { 'Content-Type': 'application/x-ndjson' },
      body: [lines.split('\n')[0], lines.split('\n')[3]].join('\n') + '\n',
    }));
    assert.deepEqual(batchAgain.json.map((l) => l.status), ['unchanged', 'unchanged']);

    // A batch of nothing but refused lines, and an empty batch: some documented answer.
    const refused = await call('POST', route, route, [200, 201, 400, 422], withKey({
      headers: { 'Content-Type': 'application/x-ndjson' },
      body: '{"id": "contract-refused"}\nnot json\n',
    }));
    if (refused.status < 300) assert.deepEqual(refused.json.map((l) => l.status), ['rejected', 'rejected']);
    await call('POST', route, route, [200, 400, 422], withKey({ headers: { 'Content-Type': 'application/x-ndjson' }, body: '' }));

    // An article with nothing but its id and text reads back in the schema.
    const bare = await call('GET', '/api/v1/articles/{id}', '/api/v1/articles/contract-batch-3', 200);
    assert.equal(bare.json.title, '');

    await call('POST', route, route, 400, withKey({ headers: { 'Content-Type': 'application/json' }, body: '{"id": ' }));
    await call('POST', route, route, 422, withKey(jsonBody({ id: 'contract-no-text', title: 'Без текста' })));
    await call('POST', route, route, 422, withKey(jsonBody({ id: '', text: 'Пустой id.' })));
    await call('POST', route, route, 422, withKey(jsonBody({ id: 7, text: 'Число вместо id.' })));
    await call('POST', route, route, 415, withKey({ headers: { 'Content-Type': 'text/plain' }, body: 'Ясенев' }));
    await call('POST', route, route, 413, withKey(jsonBody({ id: 'contract-big', text: 'Ясенев. '.repeat(150000) })));
  });

  it('reads articles and panels, with percent-encoded ids', async () => {
    for (const id of ['scenario-01', 'contract/2026/04/01', h.HOSTILE_ID]) {
      const enc = encodeURIComponent(id);
      const article = await call('GET', '/api/v1/articles/{id}', `/api/v1/articles/${enc}`, 200);
      assert.equal(article.json.id, id);
      assert.equal(article.json.analysis.article_id, article.json.article_id);
      const panel = await call('GET', '/api/v1/articles/{id}/panel', `/api/v1/articles/${enc}/panel`, 200);
      assert.equal(panel.json.article_id, article.json.article_id);
      const known = panel.json.persons.find((p) => p.kb_id);
      if (known && !kbId) kbId = known.kb_id;
    }
    assert.equal((await call('GET', '/api/v1/articles/{id}', `/api/v1/articles/${encodeURIComponent(h.HOSTILE_ID)}`, 200))
      .json.title, h.HOSTILE_ARTICLE.title);
    await call('GET', '/api/v1/articles/{id}', '/api/v1/articles/no-such-article', 404);
    await call('GET', '/api/v1/articles/{id}/panel', '/api/v1/articles/no%2Fsuch/panel', 404);
  });

  it('reads dossiers with pages of quotes and articles', async () => {
    assert.ok(kbId > 0, 'no kb id from the panels');
    const route = '/api/v1/persons/{kb_id}';
    const full = await call('GET', route, `/api/v1/persons/${kbId}`, 200);
    assert.equal(full.json.kb_id, kbId);
    assert.ok(full.json.article_list.length >= 2, 'a known person with few articles');
    const paged = await call('GET', route, `/api/v1/persons/${kbId}?articles_limit=1&articles_offset=1&quotes_limit=1&quotes_offset=0`, 200);
    assert.equal(paged.json.article_list.length, 1);
    assert.deepEqual(paged.json.article_list[0], full.json.article_list[1]);
    assert.ok(paged.json.quotes.length <= 1);
    await call('GET', route, '/api/v1/persons/999999', 404);
    await call('GET', route, `/api/v1/persons/${kbId}?articles_limit=1000`, 400);
    await call('GET', route, `/api/v1/persons/${kbId}?quotes_offset=-1`, 400);
  });

  it('finds persons by any form of their name', async () => {
    const route = '/api/v1/persons';
    const r = await call('GET', route, `/api/v1/persons?q=${encodeURIComponent('Ясеневу')}&limit=5`, 200);
    assert.ok(r.json.persons.some((p) => p.kb_id === kbId || p.name.includes('Ясенев')), JSON.stringify(r.json));
    const none = await call('GET', route, `/api/v1/persons?q=${encodeURIComponent('Несуществующий')}`, 200);
    assert.deepEqual(none.json.persons, []);
    await call('GET', route, '/api/v1/persons', 400);
    await call('GET', route, '/api/v1/persons?q=', 400);
    await call('GET', route, `/api/v1/persons?q=x&limit=0`, 400);
    await call('GET', route, `/api/v1/persons?q=x&limit=101`, 400);
    await call('GET', route, `/api/v1/persons?q=x&limit=abc`, 400);
    await call('GET', route, `/api/v1/persons?q=${encodeURIComponent('я'.repeat(600))}`, 400);
  });

  it('rates persons over a period', async () => {
    const route = '/api/v1/top';
    const all = await call('GET', route, '/api/v1/top', 200);
    assert.ok(all.json.persons.length >= 2);
    const jan = await call('GET', route, '/api/v1/top?from=2026-01-01&to=2026-01-31&limit=10', 200);
    assert.ok(jan.json.persons.length >= 1 && jan.json.persons.length <= all.json.persons.length);
    const empty = await call('GET', route, '/api/v1/top?from=2030-01-01', 200);
    assert.deepEqual(empty.json.persons, []);
    await call('GET', route, '/api/v1/top?to=yesterday', 400);
    await call('GET', route, '/api/v1/top?limit=0', 400);
  });

  it('searches articles with morphology', async () => {
    const route = '/api/v1/search';
    const r = await call('GET', route, `/api/v1/search?q=${encodeURIComponent('мост')}&limit=5`, 200);
    assert.ok(r.json.total >= 1 && r.json.articles.length >= 1);
    for (const hit of r.json.articles) {
      for (const hl of hit.highlights) {
        const word = [...hit.snippet].slice(hl.start, hl.end).join('').toLowerCase();
        assert.match(word, /^мост/, `highlight «${word}» in «${hit.snippet}»`);
      }
    }
    const page2 = await call('GET', route, `/api/v1/search?q=${encodeURIComponent('мост')}&limit=1&offset=1`, 200);
    assert.equal(page2.json.total, r.json.total);
    await call('GET', route, `/api/v1/search?person=${kbId}&from=2026-01-01&to=2026-12-31`, 200);
    await call('GET', route, `/api/v1/search?q=${encodeURIComponent('губернатор')}&person=${kbId}`, 200);
    await call('GET', route, '/api/v1/search', 400);
    await call('GET', route, `/api/v1/search?q=${encodeURIComponent('мост')}&from=2026-02-30x`, 400);
    await call('GET', route, `/api/v1/search?q=${encodeURIComponent('мост')}&limit=500`, 400);
    await call('GET', route, `/api/v1/search?q=${encodeURIComponent('мост')}&offset=-3`, 400);
    await call('GET', route, `/api/v1/search?q=${encodeURIComponent('я'.repeat(600))}`, 400);
    // A request target beyond 4096 bytes.
    await call('GET', route, `/api/v1/search?q=${'a'.repeat(5000)}`, 414);
  });

  it('refuses days that do not exist (format: date)', async () => {
    for (const day of ['2026-13-45', '2026-02-30', '2026-00-10', '2026-04-31']) {
      await call('GET', '/api/v1/top', `/api/v1/top?from=${day}`, 400);
      await call('GET', '/api/v1/search', `/api/v1/search?q=${encodeURIComponent('мост')}&to=${day}`, 400);
    }
  });

  it('answers unknown routes with a JSON 404', async () => {
    await call('GET', null, '/api/v1/nothing-here', 404);
    await call('POST', null, '/api/v1/nothing-here', 404, jsonBody({}));
  });

  it('counts every call in /metrics, in the Prometheus text format', async () => {
    const r = await h.request(server.base, 'GET', '/metrics');
    assert.equal(r.status, 200);
    const samples = new Map();
    for (const line of r.body.split('\n')) {
      if (line === '' || /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* /.test(line)) continue;
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|[+-]Inf|NaN)$/.exec(line);
      assert.ok(m, `not a Prometheus sample line: «${line}»`);
      samples.set(`${m[1]}${m[2] || ''}`, Number(m[3]));
    }
    // Requests refused before routing (413, 414: cpp-httplib answers them
    // from the headers) are counted under route="unmatched".
    const expected = new Map();
    for (const [counted, calls] of callCounts) {
      const [route, method, status] = counted.split(' ');
      if (route === '/metrics') continue;
      const label = status === '413' || status === '414' ? 'unmatched' : route;
      const name = `kto_http_requests_total{route="${label}",method="${method}",status="${status}"}`;
      expected.set(name, (expected.get(name) || 0) + calls);
    }
    for (const [name, calls] of expected) {
      assert.equal(samples.get(name), calls, `${name} (calls made: ${calls})`);
    }
    assert.ok(samples.get('kto_store_size_bytes') > 0, 'kto_store_size_bytes');
    assert.ok(samples.get('kto_articles_ingested_total{outcome="new"}') >= 3, 'articles ingested (new)');
  });

  it('called every route and every error status', () => {
    for (const [route, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        const statuses = covered.get(`${method.toUpperCase()} ${route}`) || new Set();
        assert.ok([...statuses].some((s) => s >= 200 && s < 300), `${method.toUpperCase()} ${route} never succeeded`);
      }
    }
    for (const status of [400, 401, 404, 413, 415, 422]) assert.ok(errorsSeen.has(status), `no ${status} checked`);
  });
});
