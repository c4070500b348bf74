// What the design card's transport costs before any code of ours runs, in plain JS: each call does what an
// attempt of ours asks the platform to do (gloo-net's RequestBuilder::build: a Request to resolve the URL, a
// URL, the final Request with a Headers object and an AbortController's signal; the body beside it, as
// `fetch(request, { body })`; a timeout timer; the abort once the body is read, which frees undici's
// per-Request listener) and nothing else: no validation, no decoding, no wasm. Our per-call ratio cannot go
// below this one.
export function make(base, fetchImpl = globalThis.fetch) {
  const names = [
    ['Authorization', 'Bearer KEY_bench'],
    ['Content-Type', 'application/json'],
    ['Accept', 'application/json'],
  ];
  const post = async (path, body) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      const url = new URL(new Request(`${base}${path}`).url);
      url.search = '';
      const headers = new Headers();
      for (const [name, value] of names) headers.set(name, value);
      const request = new Request(url.toString(), { method: 'POST', headers, signal: controller.signal });
      const response = await fetchImpl(request, { body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return JSON.parse(await response.text());
    } finally {
      clearTimeout(timer);
      controller.abort(true); // a truthy reason, as ours: undici builds a DOMException for a falsy one
    }
  };
  return async (code) => {
    const v = await post('/verifications/sms', {
      phone_number: '+13035551234',
      verify_profile_id: '12ade33a-21c0-473b-b055-b3c836e1c292',
    });
    const r = await post('/verifications/by_phone_number/+13035551234/actions/verify', {
      code,
      verify_profile_id: v.data.verify_profile_id,
    });
    return r.data.response_code;
  };
}
