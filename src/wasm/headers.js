// For verifyWebhook (webhooks.rs), in a file of its own so the client-only build does not ship it.
// The values of `names` (lower case) in a request's headers: a `Headers` (its `get` joins repeated headers with
// ", "), or a plain object or Node's `IncomingHttpHeaders` (names in any case; a value may be an array). Returns
// `{ [name]: string[] }`, or `{ error }` when the headers cannot be read. Never throws.
export function readHeaders(headers, names) {
  try {
    const found = Object.fromEntries(names.map((name) => [name, []]));
    if (typeof headers?.get === 'function') {
      for (const name of names) {
        const value = headers.get(name);
        if (typeof value === 'string') found[name].push(value);
      }
      return found;
    }
    if (typeof headers !== 'object' || headers === null)
      return { error: 'must be a Headers or an object of header values' };
    for (const key of Object.keys(headers)) {
      const name = key.toLowerCase();
      if (!(name in found)) continue;
      const value = headers[key];
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item === 'string') found[name].push(item);
        else if (item !== undefined) return { error: `${name} must be a string` };
      }
    }
    return found;
  } catch {
    return { error: 'could not be read' };
  }
}
