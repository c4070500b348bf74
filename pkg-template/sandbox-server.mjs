#!/usr/bin/env node
// The sandbox (the Verify API emulated by this package) served over HTTP on loopback, for demos and for tests in
// any runtime. Point a client at it with `baseUrl: 'http://127.0.0.1:<port>/v2'` and any API key.
//
//   GET  /_sandbox/outbox?phone_number=+1…    what the user would have received, newest first
//   /s/<name>/…                               a separate sandbox (own state, own clock) per name, for tests
//   POST /s/<name>/_sandbox/clock?advance_ms=N moves that sandbox's clock forward (expiry tests)
//   GET  /_sandbox/webhooks                   the signed webhooks emitted, newest first, with delivery status
//   GET  /_sandbox/webhook-public-key         the key that verifies them: {public_key}
//
// Webhooks: a verification for a profile with a `webhook_url` emits signed `verify.sent` and `verify.delivered`
// (or `verify.failed`) events, which the server POSTs right after answering, in order, retrying a non-2xx at
// the profile's `webhook_failover_url`, as Telnyx does.
//
// Every answer allows any origin (CORS), preflights get 204, and one line per request is logged: method, path
// without the query, status and time. Never a header or a body.
//
// A request without `Authorization: Bearer …` gets Telnyx's 401, as the real API would answer.
//
// Usage: telnyx-verify-sandbox [--port 8787] [--host 127.0.0.1] [--quiet]
//    or: import { startSandboxServer } from 'telnyx-verify-wasm/sandbox-server'
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, createSandbox } from './telnyx_verify_wasm.js';

const NAMED_LIMIT = 200; // named sandboxes kept; the least recently used one goes first

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, accept',
  'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
  'access-control-max-age': '600',
};

export function startSandboxServer({ port = 8787, host = '127.0.0.1', log = console.log } = {}) {
  initSync({ module: readFileSync(new URL('./telnyx_verify_wasm_bg.wasm', import.meta.url)) });
  const base = createSandbox();
  const named = new Map();
  const sandboxFor = (name) => {
    let entry = named.get(name);
    if (entry) named.delete(name);
    else {
      entry = { offset: 0 };
      entry.sandbox = createSandbox({ now: () => Date.now() + entry.offset });
    }
    named.set(name, entry); // most recently used last
    if (named.size > NAMED_LIMIT) named.delete(named.keys().next().value);
    return entry;
  };

  const server = http.createServer(async (req, res) => {
    const started = Date.now();
    const send = (status, body, type = 'application/json') => {
      res.writeHead(status, { ...cors, 'content-type': type });
      res.end(body);
      log?.(`${req.method} ${req.url.split('?')[0]} ${status} ${Date.now() - started}ms`);
    };
    try {
      if (req.method === 'OPTIONS') return send(204, '');
      const url = new URL(req.url, `http://${host}`);
      let path = url.pathname;
      let entry = { sandbox: base };
      const scoped = path.match(/^\/s\/([A-Za-z0-9_-]{1,64})(\/.*)?$/);
      if (scoped) {
        entry = sandboxFor(scoped[1]);
        path = scoped[2] ?? '/';
      }
      if (path === '/_sandbox/outbox' && req.method === 'GET') {
        const phone = url.searchParams.get('phone_number') ?? undefined;
        return send(200, JSON.stringify(entry.sandbox.outbox(phone)));
      }
      if (path === '/_sandbox/webhooks' && req.method === 'GET')
        return send(200, JSON.stringify(entry.sandbox.webhooks()));
      if (path === '/_sandbox/webhook-public-key' && req.method === 'GET') {
        return send(200, JSON.stringify({ public_key: entry.sandbox.webhookPublicKey }));
      }
      if (path === '/_sandbox/clock' && req.method === 'POST' && scoped) {
        entry.offset += Number(url.searchParams.get('advance_ms') ?? 0);
        return send(200, JSON.stringify({ now: Date.now() + entry.offset }));
      }
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
      const answer = await entry.sandbox.fetch(path + url.search, {
        method: req.method,
        headers: { authorization: req.headers.authorization ?? '' },
        body,
      });
      send(answer.status, await answer.text());
      // After the answer, as Telnyx does; one delivery run at a time per sandbox, so events keep their order.
      entry.delivering = (entry.delivering ?? Promise.resolve())
        .then(() => entry.sandbox.deliverWebhooks())
        .catch(() => {});
    } catch (error) {
      send(
        500,
        JSON.stringify({
          errors: [{ code: '10007', title: 'Unexpected error', detail: String(error?.message ?? error) }],
        }),
      );
    }
  });
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const { port: bound } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({ url: `http://${host}:${bound}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === (await import('node:fs')).realpathSync(process.argv[1])) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const quiet = process.argv.includes('--quiet');
  const { url } = await startSandboxServer({
    port: Number(arg('--port', 8787)),
    host: arg('--host', '127.0.0.1'),
    log: quiet ? null : console.log,
  });
  console.log(`Telnyx Verify sandbox on ${url} (API base URL ${url}/v2, any API key)`);
}
