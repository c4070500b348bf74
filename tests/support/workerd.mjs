// Running a Worker in Miniflare as wrangler would: bundled with the workerd export conditions, `cloudflare:*`
// left to the runtime, each .wasm kept a separate (compiled) module. Used by every test and the benchmark that
// run code in workerd.
import { execFileSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const esbuild = fileURLToPath(new URL('../../node_modules/.bin/esbuild', import.meta.url));

/** Bundles `entry` into `outdir`; returns the bundle's path. */
export function bundleWorker(entry, outdir) {
  execFileSync(esbuild, [
    entry,
    '--bundle',
    '--format=esm',
    '--platform=neutral',
    '--conditions=workerd,worker',
    '--main-fields=module,main',
    '--external:cloudflare:*',
    '--loader:.wasm=copy',
    `--outdir=${outdir}`,
    '--log-level=error',
  ]);
  return join(outdir, basename(entry).replace(/\.m?js$/, '.js'));
}

/** Miniflare options for a bundle of `bundleWorker`, plus `extra` (bindings, Durable Objects, a port…). */
export function workerOptions(bundle, extra = {}) {
  return {
    modules: true,
    scriptPath: bundle,
    modulesRoot: dirname(bundle),
    modulesRules: [
      { type: 'ESModule', include: ['**/*.js'] },
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
    ],
    compatibilityDate: '2026-04-01',
    ...extra,
  };
}
