// One HTTP attempt through the platform's `fetch` (or the caller's), for the Rust client.
//
// Why JS: awaiting in Rust needs wasm-bindgen-futures and async state machines (about 13 KB of the .wasm);
// this file does the one asynchronous thing, then hands the raw answer to `pending`, a Rust object that
// checks it and builds the result or the error synchronously (`finish` / `fail` consume it).
//
// The timeout covers the headers *and* the body. `fetch` is called without a receiver (workerd throws
// "Illegal invocation" otherwise) and looked up on globalThis at call time, never on `window`.

export async function send(pending, fetchImpl, url, init, timeoutMs, signal) {
  const doFetch = fetchImpl ?? globalThis.fetch;
  if (typeof doFetch !== 'function') return pending.fail('network', 'no global fetch: pass one as the `fetch` option');
  if (signal?.aborted) return pending.fail('aborted', '');
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, timeoutMs);
  signal?.addEventListener('abort', abort);
  init.signal = controller.signal;
  let response, body;
  try {
    response = await doFetch(url, init);
    body = await response.text();
  } catch (error) {
    const kind = signal?.aborted ? 'aborted' : controller.signal.aborted ? 'timeout' : 'network';
    return pending.fail(kind, redact(describe(error), init.headers.Authorization));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const header = (name) => response.headers?.get?.(name) ?? undefined;
  return pending.finish(response.status, parsed, header('retry-after'), header('retry-after-ms'), Date.now());
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

// A custom fetch could echo request details in its error: the API key never leaves in a message.
function redact(text, authorization) {
  const key = authorization?.slice('Bearer '.length);
  return key ? text.split(key).join('***') : text;
}

// "TypeError: fetch failed (ECONNREFUSED)": the platform's reason, never the request.
function describe(error) {
  const text = [error?.name, error?.message].filter((part) => typeof part === 'string' && part).join(': ');
  const code = error?.cause?.code;
  return typeof code === 'string' ? `${text} (${code})` : text;
}
