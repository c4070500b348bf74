// Cloudflare Turnstile's server-side check (siteverify): a token from the page's widget is valid once, for 300 s.
// Any failure to get a clear "success" (a network error, a timeout, a non-JSON answer) refuses: fail closed.

const TIMEOUT_MS = 5000;

/** `{ ok: true }` or `{ ok: false, reason }` (Turnstile's error codes, for the log). */
export async function verifyTurnstile(turnstile, token, remoteIp) {
  if (typeof token !== 'string' || token.length === 0 || token.length > 2048)
    return { ok: false, reason: 'missing-input-response' };
  const form = new URLSearchParams({ secret: turnstile.secret, response: token, idempotency_key: crypto.randomUUID() });
  if (remoteIp) form.set('remoteip', remoteIp);
  try {
    const answer = await fetch(turnstile.siteverifyUrl, {
      method: 'POST',
      body: form,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const outcome = await answer.json();
    if (outcome?.success === true) return { ok: true };
    return {
      ok: false,
      reason: Array.isArray(outcome?.['error-codes']) ? outcome['error-codes'].join(',') : `HTTP ${answer.status}`,
    };
  } catch (error) {
    return { ok: false, reason: `siteverify unreachable: ${error?.name ?? 'error'}` };
  }
}
