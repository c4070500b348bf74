// The Worker's Durable Object bindings, by key: one sandbox for the deployment, one record per verification (the
// limits' counters, the guard's cells and the stats shards are named in limits.js, guardian.js and stats.js).

export const sandboxStub = (env) => env.SANDBOX.get(env.SANDBOX.idFromName('sandbox'));
export const verificationLog = (env, verificationId) =>
  env.VERIFICATIONS.get(env.VERIFICATIONS.idFromName(verificationId));
