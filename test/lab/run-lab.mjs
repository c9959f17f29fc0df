#!/usr/bin/env node
// Wrapper for every command that uses the real test lab (e2e tests, demo, benchmarks):
//   node test/lab/run-lab.mjs <command> [args...]
// 1. test/lab/ensure-deps.ts: Kamailio + websocket module + Chromium present (apt-get install
//    as root when missing, else stop with the exact command);
// 2. test/lab/netns.sh: run <command> in a fresh network namespace (loopback only) when root
//    with unshare, else on the host's loopback (it says which).
// node_modules/.bin is put on PATH, so `vitest`/`tsx` resolve as in npm scripts.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const bin = path.join(root, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: node test/lab/run-lab.mjs <command> [args...]');
  process.exit(2);
}

if (process.env.DIALBAR_SKIP_DEPS !== '1') {
  const deps = spawnSync(path.join(bin, 'tsx'), [path.join(here, 'ensure-deps.ts')], { stdio: 'inherit', env, cwd: root });
  if (deps.status !== 0) process.exit(deps.status ?? 1);
}

const child = spawn('bash', [path.join(here, 'netns.sh'), ...args], { stdio: 'inherit', env, cwd: root });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + 1 : 1));
});
