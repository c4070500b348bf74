// make bench: one table of figures, measured in one run (this machine is shared and noisy: only ratios from the
// same run hold). Targets print PASS/FAIL; they never fail the test suite. Sections:
//   1. size: the package (client alone, with the sandbox) and esbuild-minified one-SMS bundles of the peers
//   2. per-call time: start + check pairs against a loopback server in another process, rounds interleaved
//   3. cold start: fresh processes, import + construct + first answered call
//   4. memory: JS heap and wasm memory after 1,000 and 100,000 calls
//   5. workerd: per-call time (loopback) and CPU per verification (no I/O) in Miniflare
//   6. webhooks: the webhooks entry's size, and time per verification against WebCrypto and node:crypto
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { bundleWorker, workerOptions } from '../tests/support/workerd.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..');
const esbuild = join(repo, 'node_modules', '.bin', 'esbuild');
const work = mkdtempSync(join(tmpdir(), 'tvw-bench-'));
const rows = [];
const KiB = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const row = (section, what, value, target = '', verdict = '') => rows.push({ section, what, value, target, verdict });
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

function sizes(file) {
  const bytes = readFileSync(file);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

// ---- 1. Size ---------------------------------------------------------------------------------------------
function bundle(entry, extra = []) {
  const out = join(work, `${entry}.min.js`);
  execFileSync(esbuild, [
    join(here, 'entries', `${entry}.mjs`),
    '--bundle',
    '--minify',
    '--format=esm',
    '--platform=node',
    '--log-level=error',
    `--outfile=${out}`,
    ...extra,
  ]);
  return sizes(out);
}

const sizeRows = [];
for (const [label, dir] of [
  ['ours: client alone', 'pkg/client'],
  ['ours: with the sandbox', 'pkg'],
  ['ours: webhooks alone', 'pkg/webhooks'],
]) {
  const wasm = sizes(join(repo, dir, 'telnyx_verify_wasm_bg.wasm'));
  const glue = join(work, `${label.replace(/\W/g, '')}.glue.js`);
  execFileSync(esbuild, [
    join(repo, dir, 'telnyx_verify_wasm.js'),
    '--bundle',
    '--minify',
    '--format=esm',
    '--log-level=error',
    `--outfile=${glue}`,
  ]);
  const js = sizes(glue);
  sizeRows.push({
    label,
    raw: wasm.raw + js.raw,
    gzip: wasm.gzip + js.gzip,
    brotli: wasm.brotli + js.brotli,
    detail: `.wasm ${KiB(wasm.gzip)} + JS ${KiB(js.gzip)} gzip`,
  });
}
const ourEntry = bundle('ours');
sizeRows.push({
  label: 'ours: one-SMS bundle (JS) + .wasm',
  raw: ourEntry.raw + sizes(join(repo, 'pkg/client/telnyx_verify_wasm_bg.wasm')).raw,
  gzip: ourEntry.gzip + sizes(join(repo, 'pkg/client/telnyx_verify_wasm_bg.wasm')).gzip,
  brotli: ourEntry.brotli + sizes(join(repo, 'pkg/client/telnyx_verify_wasm_bg.wasm')).brotli,
  detail: 'esbuild, as the peers',
});
for (const [label, entry] of [
  ['telnyx (official) 7.24.0', 'telnyx'],
  ['twilio 6.2.0', 'twilio'],
  ['@vonage/verify2 1.22.1', 'vonage'],
  ['hand-written fetch', 'fetch'],
]) {
  const s = bundle(entry);
  sizeRows.push({ label, ...s, detail: 'esbuild --minify, Node built-ins external' });
}
const client = sizeRows[0];
for (const r of sizeRows) {
  const target = r === client ? '≤ 90 KiB (goal ≤ 60 KiB)' : '';
  const ok = r === client ? r.gzip <= 90 * 1024 : undefined;
  row(
    'size',
    r.label,
    `${KiB(r.raw)} min · ${KiB(r.gzip)} gzip · ${KiB(r.brotli)} br`,
    target,
    ok === undefined ? r.detail : verdict(ok),
  );
}

// ---- 2. Per-call time (Node) -----------------------------------------------------------------------------
const server = spawn(process.execPath, [join(here, 'server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
const api = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(String(d).trim())));
const impls = {};
for (const name of ['ours', 'floor', 'telnyx', 'fetch']) impls[name] = (await import(`./impls/${name}.mjs`)).make(api);
const ROUNDS = 20;
const PER_ROUND = 100; // 2,000 pairs per implementation
for (const pair of Object.values(impls)) for (let i = 0; i < 200; i++) await pair('12345'); // warm-up
const perPair = { ours: [], floor: [], telnyx: [], fetch: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, pair] of Object.entries(impls)) {
    const t0 = performance.now();
    for (let i = 0; i < PER_ROUND; i++) await pair('12345');
    perPair[name].push(((performance.now() - t0) * 1000) / PER_ROUND);
  }
}
const base = median(perPair.fetch);
for (const [name, label] of [
  ['ours', 'ours'],
  ['floor', "the stack's floor: gloo-net's Requests + AbortController, plain JS (impls/floor.mjs)"],
  ['telnyx', 'telnyx-node'],
  ['fetch', 'raw fetch + JSON.parse'],
]) {
  const m = median(perPair[name]);
  const value = `${m.toFixed(0)} µs/pair (p10–p90 ${quantile(perPair[name], 0.1).toFixed(0)}–${quantile(perPair[name], 0.9).toFixed(0)}) · ${(m / base).toFixed(2)}× raw fetch`;
  row(
    'per call (Node)',
    label,
    value,
    name === 'ours' ? '≤ 1.10× raw fetch' : '',
    name === 'ours' ? verdict(m / base <= 1.1) : '',
  );
}

// ---- 3. Cold start ---------------------------------------------------------------------------------------
const cold = { ours: [], telnyx: [], fetch: [] };
for (let i = 0; i < 7; i++) {
  for (const name of Object.keys(cold)) {
    cold[name].push(
      Number(execFileSync(process.execPath, [join(here, 'coldstart.mjs'), name, api], { encoding: 'utf8' })),
    );
  }
}
const coldFetch = median(cold.fetch);
const overhead = { ours: median(cold.ours) - coldFetch, telnyx: median(cold.telnyx) - coldFetch };
row('cold start (7 processes)', 'raw fetch', `${coldFetch.toFixed(1)} ms to the first answered pair`);
row(
  'cold start (7 processes)',
  'telnyx-node',
  `${median(cold.telnyx).toFixed(1)} ms · +${overhead.telnyx.toFixed(1)} ms over raw fetch`,
);
row(
  'cold start (7 processes)',
  'ours',
  `${median(cold.ours).toFixed(1)} ms · +${overhead.ours.toFixed(1)} ms over raw fetch`,
  '≤ 0.2× telnyx-node overhead',
  verdict(overhead.ours <= 0.2 * overhead.telnyx),
);

// ---- 4. Memory -------------------------------------------------------------------------------------------
const memory = JSON.parse(
  execFileSync(process.execPath, ['--expose-gc', join(here, 'memory.mjs')], { encoding: 'utf8' }),
);
const growth = memory.after100k.heap - memory.after1k.heap + (memory.after100k.wasm - memory.after1k.wasm);
row(
  'memory (one client)',
  'after 1,000 calls',
  `JS heap ${KiB(memory.after1k.heap)} · wasm ${KiB(memory.after1k.wasm)}`,
);
row(
  'memory (one client)',
  'after 100,000 calls',
  `JS heap ${KiB(memory.after100k.heap)} · wasm ${KiB(memory.after100k.wasm)}`,
);
row('memory (one client)', 'growth 1,000 → 100,000', `${KiB(growth)}`, '< 1 MiB', verdict(growth < 1024 * 1024));

// ---- 5. workerd (Miniflare) ------------------------------------------------------------------------------
const { Miniflare } = await import(join(here, 'node_modules', 'miniflare', 'dist', 'src', 'index.js'));
const mf = new Miniflare(workerOptions(bundleWorker(join(here, 'worker.mjs'), join(work, 'worker'))));
const timeRequest = async (query) => {
  const t0 = performance.now();
  await (await mf.dispatchFetch(`http://bench.test/?${query}`)).text();
  return performance.now() - t0;
};
const N = 200;
const wd = { oursIo: [], fetchIo: [], oursCpu: [], fetchCpu: [], empty: [] };
await timeRequest('impl=ours&n=50');
await timeRequest(`impl=ours&n=20&api=${encodeURIComponent(api)}`); // warm-up
for (let round = 0; round < 7; round++) {
  wd.oursIo.push((await timeRequest(`impl=ours&n=${N}&api=${encodeURIComponent(api)}`)) / N);
  wd.fetchIo.push((await timeRequest(`impl=fetch&n=${N}&api=${encodeURIComponent(api)}`)) / N);
  wd.empty.push(await timeRequest('impl=fetch&n=0'));
  wd.oursCpu.push((await timeRequest(`impl=ours&n=${N * 5}`)) / (N * 5));
  wd.fetchCpu.push((await timeRequest(`impl=fetch&n=${N * 5}`)) / (N * 5));
}
await mf.dispose();
server.kill();
const wdRatio = median(wd.oursIo) / median(wd.fetchIo);
row(
  'workerd (Miniflare)',
  'per pair, loopback API',
  `ours ${(median(wd.oursIo) * 1000).toFixed(0)} µs · raw fetch ${(median(wd.fetchIo) * 1000).toFixed(0)} µs · ${wdRatio.toFixed(2)}×`,
  '≤ 1.10× raw fetch',
  verdict(wdRatio <= 1.1),
);
const cpuOurs = median(wd.oursCpu);
row(
  'workerd (Miniflare)',
  'CPU per verification (start + check, no I/O)',
  `ours ${(cpuOurs * 1000).toFixed(0)} µs · raw fetch ${(median(wd.fetchCpu) * 1000).toFixed(0)} µs · ${((cpuOurs / 10) * 100).toFixed(2)} % of the 10 ms free-plan limit`,
  '≪ 10 ms',
  verdict(cpuOurs < 10),
);

// ---- 6. Webhooks -----------------------------------------------------------------------------------------
const hooks = JSON.parse(execFileSync(process.execPath, [join(here, 'webhooks.mjs')], { encoding: 'utf8' }));
row(
  'webhooks (Node)',
  'µs per verification',
  `ours (verifyWebhook, dalek in wasm, whole check) ${hooks.ours.toFixed(0)} · WebCrypto Ed25519 (signature only) ${hooks.webcrypto.toFixed(0)}, with key import ${hooks.webcryptoWithImport.toFixed(0)} · node:crypto ${hooks.nodeCrypto.toFixed(0)}`,
  '< 1 ms',
  verdict(hooks.ours < 1000),
);

rmSync(work, { recursive: true, force: true });
const machine = `Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · ${new Date().toISOString().slice(0, 10)}`;
console.log(`\ntelnyx-verify-wasm benchmark · ${machine}`);
console.table(rows);
// The one place the project's measured figures live: the README and docs link here instead of quoting them.
const cell = (text) => String(text).replaceAll('|', '\\|');
writeFileSync(
  join(here, 'RESULTS.md'),
  [
    '# Benchmark results',
    '',
    `Written by \`make bench\` (\`bench/run.mjs\`); do not edit by hand. ${machine}.`,
    '',
    'One run on a shared machine: only ratios from the same run hold. A target prints PASS or FAIL; timings are not tests.',
    '',
    '| section | what | figure | target | |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${[r.section, r.what, r.value, r.target, r.verdict].map(cell).join(' | ')} |`),
    '',
  ].join('\n'),
);
console.log('written: bench/RESULTS.md');
