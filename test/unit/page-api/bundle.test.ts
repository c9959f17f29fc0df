import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPageClient } from '../../tools/page-client-bundle';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe('dialbar-client.js, the client pages import', () => {
  it('is kept in the repo exactly as `npm run build:client` makes it, one module with no imports, a few kB', async () => {
    const fresh = await buildPageClient(ROOT);
    const js = await readFile(path.join(ROOT, 'public/dialbar-client.js'), 'utf8');
    const dts = await readFile(path.join(ROOT, 'public/dialbar-client.d.ts'), 'utf8');
    expect(js, 'public/dialbar-client.js is stale: run npm run build:client').toBe(fresh.js);
    expect(dts, 'public/dialbar-client.d.ts is stale: run npm run build:client').toBe(fresh.dts);
    expect(js).not.toMatch(/\bimport\s*[({"'`]|\bimport\s+[\w*{]|\brequire\(/);
    expect(js).toMatch(/export\s*\{/);
    expect(Buffer.byteLength(js)).toBeLessThan(8_000);
    expect(dts).toContain('export declare function connect(options?: ConnectOptions): Promise<DialbarClient>;');
  });
});
