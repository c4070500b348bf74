// Telnyx on loopback, for the edge tests: the package's sandbox server (the Verify API emulated) behind a counting
// proxy, which counts what the Worker sent (`count` in all, `starts`, `checks`) and can answer with failures
// (`failWith` a status for every request, `failSequence` statuses for the next ones, `failBody` their body;
// `failDetail` is the default body's detail, which a test may fill with a secret to prove it never leaves).
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));

export async function loopbackTelnyx({ failDetail = 'The API key is not valid for account acct_42.' } = {}) {
  const { startSandboxServer } = await import(join(repo, 'pkg', 'sandbox-server.mjs'));
  const upstream = await startSandboxServer({ port: 0, log: null });
  const api = { count: 0, starts: 0, checks: 0, failWith: null, failBody: null, failSequence: [], errors: [] };
  const server = http.createServer(async (req, res) => {
    api.count++;
    if (/^\/v2\/verifications\/(sms|call|flashcall|whatsapp)$/.test(req.url)) api.starts++;
    if (/\/actions\/verify$/.test(req.url)) api.checks++;
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const failWith = api.failSequence.shift() ?? api.failWith;
    if (failWith) {
      // A 5xx says it may be retried, as Telnyx does; the client then retries even a start.
      res.writeHead(failWith, {
        'content-type': 'application/json',
        'retry-after-ms': '1',
        ...(failWith >= 500 ? { 'x-should-retry': 'true' } : {}),
      });
      return res.end(
        JSON.stringify(
          api.failBody ?? {
            errors: [
              {
                code: '10009',
                title: 'Authentication failed',
                detail: failDetail,
              },
            ],
          },
        ),
      );
    }
    try {
      const answer = await fetch(`${upstream.url}${req.url}`, {
        method: req.method,
        headers: { authorization: req.headers.authorization ?? '', 'content-type': 'application/json' },
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(await answer.text());
    } catch (error) {
      api.errors.push(`${error} ${error.cause ?? ''}`);
      res.writeHead(599).end();
    }
  });
  server.on('clientError', (error) => api.errors.push(`client: ${error}`));
  // Longer than any pause in a run: Node closes an idle keep-alive socket after 5 s, and a request workerd sends on
  // it in that instant fails as a network error (a race of this stand-in, not of the Worker).
  server.keepAliveTimeout = 120_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(api, {
    url: `http://127.0.0.1:${server.address().port}`,
    upstream: upstream.url,
    /** A profile on the API, as the admin route would have made it. */
    async profile(body = { name: 'Pinned' }) {
      const answer = await fetch(`${upstream.url}/v2/verify_profiles`, {
        method: 'POST',
        headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await answer.json()).data.id;
    },
    /** The latest code the API sent to `phone` (the outbox lists the newest first). */
    async codeOf(phone) {
      const messages = await (
        await fetch(`${upstream.url}/_sandbox/outbox?phone_number=${encodeURIComponent(phone)}`)
      ).json();
      return messages[0]?.code; // newest first
    },
    close: async () => {
      await new Promise((done) => server.close(done));
      await upstream.close();
    },
  });
}
