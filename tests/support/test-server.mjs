// Loopback test server for the wasm tests and the fault matrix (Node, no dependencies). Every test uses its own run
// id, so runs are isolated and the log of one run tells exactly what the client sent.
//
//   /prism/<run>/<api path>        proxied to Prism serving the Verify spec; the request and Prism's
//                                  `sl-violations` header are recorded
//   /prism-psd2/<run>/<api path>   the same against the historic psd2 spec
//   /fault/<run>/<scenario>/<path> a chosen failure or answer (see SCENARIOS)
//   /log/<run>                     what the server received for that run, as JSON
//
// Every answer carries CORS headers (browser tests run on another loopback origin); preflights get 204.
//
// Usage: node tests/support/test-server.mjs   (env: TEST_SERVER_PORT=4011, PRISM_URL, PRISM_PSD2_URL)
//    or: import { startTestServer } from './test-server.mjs'
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const logs = new Map();

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
  'access-control-expose-headers': '*',
};

const telnyxError = (code, title, extra = {}) => ({ errors: [{ code, title, ...extra }] });
/** A 200 body that is a valid answer to a read, a profile write, a verification start and a code check. */
const ANY_CALL_OK = JSON.stringify({
  data: {
    id: '12ade33a-21c0-473b-b055-b3c836e1c292',
    name: 'x',
    status: 'pending',
    phone_number: '+13035551234',
    response_code: 'accepted',
  },
});

// name → (req, res, path) handler. Bodies mirror Telnyx's error envelope.
const SCENARIOS = {
  401: (req, res) =>
    json(res, 401, telnyxError('10009', 'Authentication failed', { detail: 'The API key is invalid.' })),
  404: (req, res) =>
    json(
      res,
      404,
      telnyxError('10005', 'Resource not found', {
        detail: 'The requested resource or URL could not be found.',
        source: { pointer: '/verify_profile_id' },
        meta: { url: 'https://developers.telnyx.com/docs/overview/errors/10005' },
      }),
    ),
  // An API that echoes the request's key in its error (a proxy, a misconfigured gateway).
  'echo-key': (req, res) => {
    const key = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    json(res, 401, telnyxError(key, `Key ${key} refused`, { detail: `The API key ${key} is not valid.` }));
  },
  422: (req, res) =>
    json(res, 422, telnyxError('10016', 'Phone number must be +E.164', { source: { pointer: '/phone_number' } })),
  429: (req, res) => json(res, 429, telnyxError('10011', 'Too many requests'), { 'retry-after': '7' }),
  500: (req, res) => json(res, 500, telnyxError('10007', 'Unexpected error')),
  'int-codes': (req, res) =>
    json(res, 400, { errors: [{ code: 10015, title: 'Bad Request', source: { pointer: '/name' } }] }),
  'not-json': (req, res) => send(res, 200, '<html>maintenance</html>', { 'content-type': 'text/html' }),
  'not-json-502': (req, res) => send(res, 502, '<html>Bad gateway</html>', { 'content-type': 'text/html' }),
  'wrong-shape': (req, res) => json(res, 200, { data: { phone_number: '+13035551234', response_code: 5 } }),
  rejected: (req, res) => json(res, 200, { data: { phone_number: '+13035551234', response_code: 'rejected' } }),
  // Members no model names, at every depth, and numbers JS reads its own way: they reach JS callers as
  // `JSON.parse` reads the text (the client checks its own parse of the same text).
  'added-later': (req, res) =>
    send(
      res,
      200,
      '{"data":{"phone_number":"+13035551234","response_code":"accepted","added_later":{"list":["x",null,1.5],' +
        '"big":12345678901234567890,"__proto__":{"polluted":true}}},"meta_added":1}',
      { 'content-type': 'application/json' },
    ),
  // JSON that `JSON.parse` reads (1e400 becomes Infinity) but no JSON data model holds: not what the API documents.
  'beyond-f64': (req, res) =>
    send(res, 200, '{"data":{"phone_number":"+13035551234","response_code":"accepted","n":1e400}}', {
      'content-type': 'application/json',
    }),
  // Headers after 3 s: a client timeout of a few hundred ms must fire first.
  slow: (req, res) => setTimeout(() => json(res, 200, { data: {} }), 3000),
  // Headers at once, body after 3 s: the timeout must cover the body too.
  'slow-body': (req, res) => {
    res.writeHead(200, { ...cors, 'content-type': 'application/json' });
    res.write('{"data":');
    setTimeout(() => res.end('{}}'), 3000);
  },
  close: (req) => req.socket.destroy(),
  // Retry scenarios. `flaky`: 503 twice per run, then the spec's verification example. `429-date`: an HTTP date
  // 2 s ahead (whole seconds, so the wait is 1–2 s).
  flaky: (req, res, path, run) => {
    const seen = logs.get(run).length;
    if (seen <= 2) return json(res, 503, telnyxError('10007', 'Unexpected error'));
    json(res, 200, { data: { id: '12ade33a-21c0-473b-b055-b3c836e1c292', status: 'pending', type: 'sms' } });
  },
  '429-1s': (req, res) => json(res, 429, telnyxError('10011', 'Too many requests'), { 'retry-after': '1' }),
  '429-date': (req, res) =>
    json(res, 429, telnyxError('10011', 'Too many requests'), {
      'retry-after': new Date(Date.now() + 2000).toUTCString(),
    }),
  '429-ms': (req, res) =>
    json(res, 429, telnyxError('10011', 'Too many requests'), { 'retry-after-ms': '300', 'retry-after': '9' }),
  '429-long': (req, res) => json(res, 429, telnyxError('10011', 'Too many requests'), { 'retry-after': '120' }),
  'no-retry-500': (req, res) => json(res, 500, telnyxError('10007', 'Unexpected error'), { 'x-should-retry': 'false' }),
  // More faults of the fault matrix (tests/faults/). Successful bodies fit every call class's documented shape.
  503: (req, res) => json(res, 503, telnyxError('10007', 'Unavailable')),
  504: (req, res) => send(res, 504, '<html>Gateway timeout</html>', { 'content-type': 'text/html' }),
  'reset-mid-body': (req, res) => {
    res.writeHead(200, { ...cors, 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"data":{"id":"12ade33a');
    setTimeout(() => req.socket.destroy(), 20);
  },
  truncated: (req, res) => send(res, 200, ANY_CALL_OK.slice(0, 40), { 'content-type': 'application/json' }),
  huge: (req, res) =>
    send(res, 200, `${ANY_CALL_OK.slice(0, -1)},"padding":"${'x'.repeat(10 * 1024 * 1024)}"}`, {
      'content-type': 'application/json',
    }),
  'retry-400': (req, res) => json(res, 400, telnyxError('10015', 'Bad Request'), { 'x-should-retry': 'true' }),
  // Three pages of profiles (2, 2, 1), honouring page[number].
  pages: (req, res, path) => {
    const url = new URL(path, 'http://x');
    const page = Number(url.searchParams.get('page[number]') ?? 1);
    const names = [['p1', 'p2'], ['p3', 'p4'], ['p5']][page - 1] ?? [];
    json(res, 200, {
      data: names.map((name) => ({ name, record_type: 'verification_profile' })),
      meta: { page_number: page, page_size: 2, total_pages: 3, total_results: 5 },
    });
  },
};

function send(res, status, body, headers = {}) {
  res.writeHead(status, { ...cors, ...headers });
  res.end(body);
}

function json(res, status, value, headers = {}) {
  send(res, status, JSON.stringify(value), { 'content-type': 'application/json', ...headers });
}

function record(run, entry) {
  if (!logs.has(run)) logs.set(run, []);
  logs.get(run).push(entry);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the server; `upstream` maps `prism` / `prism-psd2` to the Prism instances it proxies to. */
export function startTestServer({ port = 0, upstream = {} } = {}) {
  const server = http.createServer((req, res) => handle(req, res, upstream));
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }),
    );
  });
}

async function handle(req, res, upstream) {
  if (req.method === 'OPTIONS') return send(res, 204, '');
  const [, kind, run, ...rest] = req.url.split('/');
  if (req.method === 'GET' && kind === 'log') return json(res, 200, logs.get(run) ?? []);
  const body = await readBody(req);
  const entry = {
    method: req.method,
    headers: {
      authorization: req.headers.authorization ?? null,
      accept: req.headers.accept ?? null,
      'content-type': req.headers['content-type'] ?? null,
      'x-custom': req.headers['x-custom'] ?? null,
    },
    body: body === '' ? null : body,
  };
  if (kind in upstream) {
    const path = '/' + rest.join('/');
    const answer = await fetch(upstream[kind] + path, {
      method: req.method,
      headers: { ...req.headers, host: undefined },
      body: body === '' ? undefined : body,
    });
    const text = await answer.text();
    const violations = answer.headers.get('sl-violations');
    record(run, { ...entry, path, status: answer.status, violations: violations ? JSON.parse(violations) : null });
    return send(res, answer.status, text, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
  }
  if (kind === 'fault' && rest[0] in SCENARIOS) {
    const path = '/' + rest.slice(1).join('/');
    record(run, { ...entry, path });
    return SCENARIOS[rest[0]](req, res, path, run);
  }
  json(res, 404, telnyxError('10005', 'No such test route'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const upstream = {
    prism: process.env.PRISM_URL ?? 'http://127.0.0.1:4010',
    'prism-psd2': process.env.PRISM_PSD2_URL ?? 'http://127.0.0.1:4012',
  };
  const { url } = await startTestServer({ port: Number(process.env.TEST_SERVER_PORT ?? 4011), upstream });
  console.log(`test server on ${url}`);
}
