import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));
let cached: Promise<string> | undefined;

/** Bundles customer.ts (+ JsSIP) into one browser IIFE script, once per process. */
export function bundleCustomer(): Promise<string> {
  cached ??= build({
    entryPoints: [path.join(HERE, 'customer.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome116',
    sourcemap: 'inline',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  }).then((result) => {
    const file = result.outputFiles[0];
    if (!file) throw new Error('esbuild produced no output for customer.ts');
    return file.text;
  });
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
