// The harness self-test's hook in the types layer (the harness layer of scripts/test.sh): a deliberate type error,
// compiled only through tsconfig.injected.json, proving that a failing tsc fails `make test`.
import { VerifyClient } from '../../pkg/telnyx_verify_wasm.js';

export const injected: number = new VerifyClient({ apiKey: 'k' });
