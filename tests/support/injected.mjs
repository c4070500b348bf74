// The harness self-test's hook (the harness layer of scripts/test.sh): when INJECT_FAILURE names this file's layer, the
// file gains one failing test (or, with INJECT_FAILURE=<layer>:skip, one skipped test), so the self-test can
// prove that a failure (or a skip) inside the layer's own runner fails `make test`. Otherwise it adds nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';

export function injectedFailure(layer) {
  const [wanted, mode] = (process.env.INJECT_FAILURE ?? '').split(':');
  if (wanted !== layer) return;
  if (mode === 'skip')
    test(
      'injected failure (skipped, as a missing tool would)',
      { skip: 'injected by the harness self-test' },
      () => {},
    );
  else test('injected failure', () => assert.fail(`injected by the harness self-test into layer ${layer}`));
}
