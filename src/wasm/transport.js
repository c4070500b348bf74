// The HTTP attempts of one call through the platform's `fetch` (or the caller's), for the Rust client.
//
// Why JS: awaiting in Rust needs wasm-bindgen-futures and async state machines (about 13 KB of the .wasm);
// this file does the asynchronous part and hands each raw answer to `pending`, a Rust object that checks it
// and says what to do: `{value}` (done), `{retryInMs, error}` (try again, per src/retry.rs), or throws the
// error. Nothing here decides what is safe to repeat.
//
// Each attempt's timeout covers the headers *and* the body; `deadlineMs` bounds the whole call. `fetch` is
// called without a receiver (workerd throws "Illegal invocation" otherwise) and looked up on globalThis at call
// time, never on `window`.

export async function send(pending, fetchImpl, url, init, timeoutMs, deadlineMs, signal, onRetry) {
  const deadline = deadlineMs ? Date.now() + deadlineMs : Infinity;
  try {
    for (let attempt = 1; ; attempt++) {
      const step = await once(pending, fetchImpl ?? globalThis.fetch, url, init, Math.min(timeoutMs, deadline - Date.now()), signal);
      const { retryInMs: delayMs, error } = step;
      if (delayMs === undefined) return step.value;
      if (Date.now() + delayMs >= deadline) throw error; // no time left for another attempt
      try {
        onRetry?.({ attempt, delayMs, error });
      } catch {
        // A failing hook must not change the call's outcome.
      }
      // Wait, unless the caller aborts first.
      await new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, delayMs);
        signal?.addEventListener('abort', done);
      });
    }
  } finally {
    pending.free();
  }
}

async function once(pending, doFetch, url, init, timeoutMs, signal) {
  if (signal?.aborted) return pending.failed('aborted', '', 0);
  if (typeof doFetch !== 'function') return pending.failed('network', 'no global fetch: pass one as the `fetch` option', 0);
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, timeoutMs);
  signal?.addEventListener('abort', abort);
  let response, body;
  try {
    response = await doFetch(url, { ...init, signal: controller.signal });
    body = await response.text();
  } catch (error) {
    // "refused": provably before the request left (connection refused, or the name did not resolve), as Node,
    // Bun and Deno report it. Anything else may have reached the server.
    const code = error?.cause?.code ?? error?.code;
    const refused = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ConnectionRefused|connection refused|dns error/i.test(`${code} ${error?.message}`);
    const kind = signal?.aborted ? 'aborted' : controller.signal.aborted ? 'timeout' : refused ? 'refused' : 'network';
    // The platform's reason ("TypeError: fetch failed (ECONNREFUSED)"), without the key in case a custom fetch
    // echoed request details.
    const key = init.headers.Authorization?.slice(7);
    const reason = `${error?.name}: ${error?.message}${typeof code === 'string' ? ` (${code})` : ''}`;
    return pending.failed(kind, key ? reason.split(key).join('***') : reason, Math.random());
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {}
  // `retry-after-ms`, else `Retry-After` in seconds or as an HTTP date (RFC 9110 §10.2.3).
  const header = (name) => response.headers?.get?.(name)?.trim();
  const number = (text) => (/^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN);
  const date = Date.parse(header('retry-after')) - Date.now();
  const wait = [number(header('retry-after-ms')), number(header('retry-after')) * 1000, date > 0 ? date : date <= 0 ? 0 : NaN].find((ms) => !Number.isNaN(ms));
  return pending.answered(response.status, parsed, wait, header('x-should-retry'), Math.random());
}

// For pages.rs: makes a PageIterator usable with `for await` (wasm-bindgen cannot export a symbol-named method).
export function makeAsyncIterable(iterator) {
  iterator[Symbol.asyncIterator] = function () {
    return this;
  };
  return iterator;
}

// For the browser guard on `apiKey` (see options.rs): a page has a document; Workers, Node, Deno, Bun do not.
export function inBrowserPage() {
  return typeof document === 'object' && document !== null;
}

