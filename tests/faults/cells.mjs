// One cell of the fault matrix: a call class against a fault, with the package given (each runtime loads its
// entry). Plain JS: runs in Node and in workerd.
const ID = '12ade33a-21c0-473b-b055-b3c836e1c292';
export const KEY = 'KEY_fault_SECRET_never_shown';

export const CLASSES = {
  read: (c) => c.getProfile(ID),
  'profile write': (c) => c.updateProfile(ID, { name: 'x' }),
  'start verification': (c) =>
    c.startVerification({ type: 'sms', phone_number: '+13035551234', verify_profile_id: ID }),
  'verify code': (c) => c.verifyCode({ phone_number: '+13035551234', code: '12345', verify_profile_id: ID }),
};

export async function cell(lib, baseUrl, callClass, timeoutMs = 300) {
  const client = new lib.VerifyClient({ apiKey: KEY, baseUrl, timeoutMs, maxRetryDelayMs: 5000 });
  const started = Date.now();
  try {
    await CLASSES[callClass](client);
    return { result: 'ok', ms: Date.now() - started };
  } catch (error) {
    const leaked = [error?.message, error?.stack, JSON.stringify(error)].some((text) => String(text).includes(KEY));
    return {
      result: lib.isVerifyError(error) ? error.code : `untyped: ${error}`,
      retryAfter: error?.retryAfter,
      leaked,
      ms: Date.now() - started,
    };
  }
}
