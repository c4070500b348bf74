// HTTP plumbing shared by the routes: JSON answers, refusals decided on the way, and bodies read no further
// than a limit (a declared Content-Length over it is refused before reading; a stream is cut where it passes it).

/** Start and check bodies are a few dozen bytes; anything larger is not from the page. */
export const MAX_BODY_BYTES = 4096;

/** An answer decided on the way (a refusal); thrown, then turned into a JSON response by `fetch`. */
export class Refusal extends Error {
  /**
   * @param {number} status the HTTP status
   * @param {string} code the machine-readable `code` of the JSON answer
   * @param {string} message for people
   * @param {Record<string, unknown>} [extra] more members of the answer (`field`, `limit`…)
   * @param {Record<string, string>} [headers] more headers (`retry-after`)
   */
  constructor(status, code, message, extra = {}, headers = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
    this.headers = headers;
  }
}

export function json(value, status = 200, headers = {}) {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** The body as a JSON object, read no further than MAX_BODY_BYTES. */
export async function readJson(request, max = MAX_BODY_BYTES) {
  const text = new TextDecoder().decode(await readLimited(request, max));
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Refusal(400, 'bad_json', 'The request body must be JSON.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new Refusal(400, 'bad_json', 'The request body must be a JSON object.');
  return body;
}

export async function readLimited(request, max) {
  const tooLarge = () => new Refusal(413, 'payload_too_large', `Bodies are at most ${max} bytes.`);
  if (Number(request.headers.get('content-length') ?? 0) > max) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
