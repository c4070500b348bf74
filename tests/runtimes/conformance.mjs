// The one conformance check every runtime runs against the installed package: create a profile, start an SMS
// verification, read the code from the sandbox's outbox, verify it (accepted), a wrong code (rejected), an
// invalid phone (validation_failed with field), and an API error mapped with Telnyx's code. Once against the
// in-process sandbox, once over HTTP against the sandbox server. In-process, webhooks too: a delivery signed by an
// independent Ed25519 (Node's crypto.sign, embedded below) verifies, tampered ones fail closed, and the sandbox's
// own signed events verify with its public key. Plain JS, no runtime-specific API.

const PHONE = '+13035551234';
const UNKNOWN = '12ade33a-21c0-473b-b055-b3c836e1c292';

function check(condition, what) {
  if (!condition) throw new Error(`conformance: ${what}`);
}

async function flow(lib, client, readOutbox) {
  const profile = await client.createProfile({ name: 'Conformance', sms: { app_name: 'Conformance', code_length: 6 } });
  check(/^[0-9a-f-]{36}$/.test(profile.id), 'profile id');
  const verification = await client.startVerification({
    type: 'sms',
    phone_number: PHONE,
    verify_profile_id: profile.id,
  });
  check(verification.status === 'pending', 'verification pending');
  const [message] = await readOutbox(PHONE);
  check(message && /^\d{6}$/.test(message.code), 'a 6-digit code in the outbox');
  check(message.text === `Your Conformance verification code is: ${message.code}.`, 'the SMS text');
  const wrong = await client.verifyCode({
    phone_number: PHONE,
    code: message.code === '000000' ? '111111' : '000000',
    verify_profile_id: profile.id,
  });
  check(wrong.response_code === 'rejected', 'a wrong code is rejected');
  const right = await client.verifyCode({ phone_number: PHONE, code: message.code, verify_profile_id: profile.id });
  check(right.response_code === 'accepted', 'the right code is accepted');
  const invalid = await client
    .startVerification({ type: 'sms', phone_number: '303-555-1234', verify_profile_id: profile.id })
    .catch((e) => e);
  check(
    lib.isVerifyError(invalid) && invalid.code === 'validation_failed' && invalid.field === '/phone_number',
    'invalid phone: validation_failed at /phone_number',
  );
  const missing = await client.getProfile(UNKNOWN).catch((e) => e);
  check(
    lib.isVerifyError(missing) &&
      missing.code === 'not_found' &&
      missing.status === 404 &&
      missing.errors[0].code === '10005',
    'API error 404 with Telnyx code 10005',
  );
  return 'ok';
}

// Signed with Node's crypto.sign and a generated key when this test was written.
const SIGNED = {
  publicKey: 'aQNLM1lMwxtwmf1sPyIA12T+WSXYGN9dcBrruJlqnlc=',
  timestamp: '1795348800',
  body: '{"data":{"event_type":"verify.delivered","id":"0ccc7b54-4df3-4bca-a65a-3da1ecc777f0","occurred_at":"2026-11-22T12:00:00.000000Z","payload":{"id":"12ade33a-21c0-473b-b055-b3c836e1c292","type":"sms","status":"pending","delivery_status":"delivered","phone_number":"+13035551234","profile_id":"4900017a-e7c8-4b7c-8c0c-8a6b1d0a3c11","record_type":"verification"},"record_type":"event"},"meta":{"attempt":1,"delivered_to":"https://example.com/webhooks"}}',
  signature: 'tSsyChhW3jU4oNbAYr83bfKQnc9dtcGBVuwF7z2urnXBYXAl4RbUbfW73uFTbyxNKoNKhmApxNaIB0MzgoovDw==',
};

async function webhooks(lib) {
  const at = { now: () => Number(SIGNED.timestamp) * 1000 + 5000 };
  const headers = { 'Telnyx-Signature-Ed25519': SIGNED.signature, 'telnyx-timestamp': SIGNED.timestamp };
  const event = lib.verifyWebhook(SIGNED.body, headers, SIGNED.publicKey, at);
  check(
    event.event_type === 'verify.delivered' && event.payload.delivery_status === 'delivered',
    'an independently signed event verifies',
  );
  const bytes = new TextEncoder().encode(SIGNED.body);
  check(
    lib.verifyWebhook(bytes, new Headers(headers), SIGNED.publicKey, at).id === event.id,
    'the body as bytes, headers as Headers',
  );
  const code = (f) => {
    try {
      f();
      return 'returned';
    } catch (e) {
      return lib.isVerifyError(e) ? e.code : `untyped ${e}`;
    }
  };
  check(
    code(() => lib.verifyWebhook(SIGNED.body.replace('delivered', 'failed'), headers, SIGNED.publicKey, at)) ===
      'webhook_signature_invalid',
    'a tampered body fails',
  );
  check(
    code(() => lib.verifyWebhook(SIGNED.body, headers, SIGNED.publicKey, { now: () => Date.now() })) ===
      'webhook_timestamp_out_of_range',
    'a stale delivery fails',
  );
  const sandbox = lib.createSandbox();
  const client = new lib.VerifyClient({ headers: { Authorization: 'Bearer conformance' }, fetch: sandbox.fetch });
  const profile = await client.createProfile({ name: 'Hooks', webhook_url: 'https://example.com/hooks' });
  await client.startVerification({ type: 'sms', phone_number: PHONE, verify_profile_id: profile.id });
  const types = sandbox
    .webhooks()
    .reverse()
    .map((d) => lib.verifyWebhook(d.body, d.headers, sandbox.webhookPublicKey).event_type);
  check(types.join(',') === 'verify.sent,verify.delivered', `the sandbox's signed events verify: ${types}`);
  return 'ok';
}

/** Runs both modes; `fetchImpl` is the runtime's fetch (for the HTTP outbox). Resolves to {inProcess, http}. */
export async function conform(lib, { sandboxUrl, fetchImpl = globalThis.fetch } = {}) {
  const results = {};
  const sandbox = lib.createSandbox();
  const local = new lib.VerifyClient({ headers: { Authorization: 'Bearer conformance' }, fetch: sandbox.fetch });
  results.inProcess = await flow(lib, local, async (phone) => sandbox.outbox(phone))
    .then(() => webhooks(lib))
    .catch((e) => `FAIL ${e.message}`);
  if (sandboxUrl) {
    const base = `${sandboxUrl}/s/conformance-${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
    const remote = new lib.VerifyClient({ baseUrl: `${base}/v2`, headers: { Authorization: 'Bearer conformance' } });
    const outbox = async (phone) =>
      (await fetchImpl(`${base}/_sandbox/outbox?phone_number=${encodeURIComponent(phone)}`)).json();
    results.http = await flow(lib, remote, outbox).catch((e) => `FAIL ${e.message}`);
  }
  return results;
}
