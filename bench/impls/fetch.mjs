// The hand-written baseline: fetch + JSON.parse, no validation, no error mapping.
export function make(base, fetchImpl = globalThis.fetch) {
  const headers = { Authorization: 'Bearer KEY_bench', 'Content-Type': 'application/json', Accept: 'application/json' };
  const post = async (path, body) => {
    const response = await fetchImpl(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return JSON.parse(await response.text());
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
