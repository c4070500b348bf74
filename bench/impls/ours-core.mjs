// One SMS verification start + check with telnyx-verify-wasm, given the package (each runtime loads its entry).
export function makeWith({ VerifyClient }) {
  return (baseUrl, fetch) => {
    const client = new VerifyClient({ apiKey: 'KEY_bench', baseUrl, ...(fetch ? { fetch } : {}) });
    return async (code) => {
      const v = await client.startVerification({
        type: 'sms',
        phone_number: '+13035551234',
        verify_profile_id: '12ade33a-21c0-473b-b055-b3c836e1c292',
      });
      const r = await client.verifyCode({ phone_number: '+13035551234', code, verify_profile_id: v.verify_profile_id });
      return r.response_code;
    };
  };
}
