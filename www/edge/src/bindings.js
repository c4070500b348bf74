// The Worker's Durable Object bindings, by key: one sandbox for the deployment, one delivery log per verification.

export const sandboxStub = (env) => env.SANDBOX.get(env.SANDBOX.idFromName('sandbox'));
export const deliveryLog = (env, verificationId) => env.DELIVERIES.get(env.DELIVERIES.idFromName(verificationId));
