// One structured JSON line per request, for Workers Logs / `wrangler tail`: route, outcome, the limit hit, latency.
// A number appears only masked (`+1303555****`); codes, keys, tokens and bodies never appear.

/** All but the last four digits, which are what tells one subscriber from the next. */
export function maskNumber(phone) {
  if (typeof phone !== 'string' || !/^\+\d{5,15}$/.test(phone)) return undefined;
  return `${phone.slice(0, -4)}****`;
}

/**
 * One line per request: what was asked, how it ended, and why (never a number in full, a header or a body).
 * @param {{ method: string, route: string, status?: number, code?: string, limit?: string, phone?: string,
 *   country?: string, startedAt: number, detail?: string }} meta
 */
export function logRequest({ method, route, status, code, limit, phone, country, startedAt, detail }) {
  const line = {
    msg: 'request',
    method,
    route,
    status,
    code,
    limit,
    phone: maskNumber(phone),
    country,
    latency_ms: Date.now() - startedAt,
    detail,
  };
  console.log(JSON.stringify(line));
}

/** Bookkeeping after the fact (the fraud guard's log, the admin page's counts): a message already sent or a code
 * already accepted must not turn into an error because it failed. The failure goes into the request's log line. */
export async function bestEffort(meta, what, work) {
  try {
    return await work();
  } catch (error) {
    meta.detail = `${what} failed: ${String(error?.message ?? error).slice(0, 200)}`;
    return null;
  }
}
