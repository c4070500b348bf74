// The one conformance check every runtime runs against the installed package: create a profile, start an SMS
// verification, read the code from the sandbox's outbox, verify it (accepted), a wrong code (rejected), an
// invalid phone (validation_failed with field), and an API error mapped with Telnyx's code. Once against the
// in-process sandbox, once over HTTP against the sandbox server. Plain JS, no runtime-specific API.

const PHONE = '+13035551234';
const UNKNOWN = '12ade33a-21c0-473b-b055-b3c836e1c292';

function check(condition, what) {
  if (!condition) throw new Error(`conformance: ${what}`);
}

async function flow(lib, client, readOutbox) {
  const profile = await client.createProfile({ name: 'Conformance', sms: { app_name: 'Conformance', code_length: 6 } });
  check(/^[0-9a-f-]{36}$/.test(profile.id), 'profile id');
  const verification = await client.startVerification({ type: 'sms', phone_number: PHONE, verify_profile_id: profile.id });
  check(verification.status === 'pending', 'verification pending');
  const [message] = await readOutbox(PHONE);
  check(message && /^\d{6}$/.test(message.code), 'a 6-digit code in the outbox');
  check(message.text === `Your Conformance verification code is: ${message.code}.`, 'the SMS text');
  const wrong = await client.verifyCode({ phone_number: PHONE, code: message.code === '000000' ? '111111' : '000000', verify_profile_id: profile.id });
  check(wrong.response_code === 'rejected', 'a wrong code is rejected');
  const right = await client.verifyCode({ phone_number: PHONE, code: message.code, verify_profile_id: profile.id });
  check(right.response_code === 'accepted', 'the right code is accepted');
  const invalid = await client.startVerification({ type: 'sms', phone_number: '303-555-1234', verify_profile_id: profile.id }).catch((e) => e);
  check(lib.isVerifyError(invalid) && invalid.code === 'validation_failed' && invalid.field === '/phone_number', 'invalid phone: validation_failed at /phone_number');
  const missing = await client.getProfile(UNKNOWN).catch((e) => e);
  check(lib.isVerifyError(missing) && missing.code === 'not_found' && missing.status === 404 && missing.errors[0].code === '10005', 'API error 404 with Telnyx code 10005');
  return 'ok';
}

/** Runs both modes; `fetchImpl` is the runtime's fetch (for the HTTP outbox). Resolves to {inProcess, http}. */
export async function conform(lib, { sandboxUrl, fetchImpl = globalThis.fetch } = {}) {
  const results = {};
  const sandbox = lib.createSandbox();
  const local = new lib.VerifyClient({ headers: { Authorization: 'Bearer conformance' }, fetch: sandbox.fetch });
  results.inProcess = await flow(lib, local, async (phone) => sandbox.outbox(phone)).catch((e) => `FAIL ${e.message}`);
  if (sandboxUrl) {
    const base = `${sandboxUrl}/s/conformance-${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
    const remote = new lib.VerifyClient({ baseUrl: `${base}/v2`, headers: { Authorization: 'Bearer conformance' } });
    const outbox = async (phone) => (await fetchImpl(`${base}/_sandbox/outbox?phone_number=${encodeURIComponent(phone)}`)).json();
    results.http = await flow(lib, remote, outbox).catch((e) => `FAIL ${e.message}`);
  }
  return results;
}
