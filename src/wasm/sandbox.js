// The sandbox as a fetch-compatible object: `fetch` turns a request into the Rust core's terms and its answer
// into a real `Response`, so a `VerifyClient` (or any code) talks to it as it talks to Telnyx.
// `fetch` and `outbox` close over the core instead of using `this`: `{ fetch: sandbox.fetch }` works unbound.

export function wrapSandbox(core) {
  return Object.freeze({
    async fetch(input, init = {}) {
      const request = typeof Request !== 'undefined' && input instanceof Request ? input : undefined;
      const url = new URL(request ? request.url : String(input), 'http://sandbox.invalid');
      const method = String(init.method ?? request?.method ?? 'GET').toUpperCase();
      const headers = new Headers(init.headers ?? request?.headers ?? {});
      let body = init.body ?? (request && method !== 'GET' && method !== 'HEAD' ? await request.text() : undefined);
      if (body != null && typeof body !== 'string') body = await new Response(body).text();
      const answer = core.handle(
        method,
        url.pathname + url.search,
        headers.get('authorization') ?? undefined,
        body ?? undefined,
      );
      return new Response(answer.body, { status: answer.status, headers: { 'content-type': 'application/json' } });
    },
    outbox(phoneNumber) {
      return core.outbox(phoneNumber);
    },
    exportState() {
      return core.exportState();
    },
    get webhookPublicKey() {
      return core.webhookPublicKey();
    },
    webhooks() {
      return core.webhooks(false);
    },
    // POSTs what is pending, one at a time, oldest first; a non-2xx (or a failed connection) goes to the failover.
    async deliverWebhooks(post = globalThis.fetch) {
      let count = 0;
      for (const delivery of core.webhooks(true)) {
        for (const url of [delivery.url, delivery.failover_url]) {
          if (!url) continue;
          const status = await Promise.resolve()
            .then(() => post(url, { method: 'POST', headers: delivery.headers, body: delivery.body }))
            .then(
              (response) => response.status,
              () => 0,
            );
          core.recordWebhook(delivery.id, url, status);
          count++;
          if (status >= 200 && status < 300) break;
        }
      }
      return count;
    },
  });
}

// A cryptographic random 32-bit number (read per request: Workers forbid randomness at global scope).
export function secureRandom() {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}
