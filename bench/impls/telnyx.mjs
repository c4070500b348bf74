// The same with the official SDK (telnyx-node), retries off so both make exactly two requests.
import Telnyx from 'telnyx';

export function make(baseURL, fetch) {
  const client = new Telnyx({ apiKey: 'KEY_bench', baseURL, maxRetries: 0, ...(fetch ? { fetch } : {}) });
  return async (code) => {
    const v = await client.verifications.triggerSMS({
      phone_number: '+13035551234',
      verify_profile_id: '12ade33a-21c0-473b-b055-b3c836e1c292',
    });
    const r = await client.verifications.byPhoneNumber.actions.verify('+13035551234', {
      code,
      verify_profile_id: v.data.verify_profile_id,
    });
    return r.data.response_code;
  };
}
