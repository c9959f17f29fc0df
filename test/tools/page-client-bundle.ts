import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

const BANNER = '// Dialbar page API client (generated from src/page-api/client by `npm run build:client`; do not edit).';

/** The client as one dependency-free ES module, and one self-contained declaration file. */
export async function buildPageClient(root: string): Promise<{ js: string; dts: string }> {
  const dir = path.join(root, 'src/page-api/client');
  const result = await build({
    entryPoints: [path.join(dir, 'index.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2020',
    minify: true,
    write: false,
    legalComments: 'none',
    banner: { js: BANNER },
    logLevel: 'silent',
  });
  const js = `${result.outputFiles[0]?.text ?? ''}`;
  // The declarations: the public types as written, then the client's own exports by hand (kept short).
  const types = (await readFile(path.join(dir, 'types.ts'), 'utf8')).replace('export const PAGE_API_VERSION = 1;', 'export declare const PAGE_API_VERSION = 1;');
  const dts = `${BANNER}\n${types}\n${CLIENT_DECLARATIONS}`;
  return { js, dts };
}

const CLIENT_DECLARATIONS = `/** Rejection of every command: Dialbar's error code and the sentence a person is told. */
export declare class DialbarPageError extends Error implements PageError {
  readonly code: string;
  readonly sipStatus?: number;
  constructor(error: PageError);
}
export interface ConnectOptions {
  /** How long to wait for Dialbar's content script to answer (ms, default 10 000). */
  timeoutMs?: number;
  /** How long a command may take (ms, default 60 000). */
  commandTimeoutMs?: number;
}
/** Connects to Dialbar; rejects with a DialbarPageError when this site may not (yet) use it. */
export declare function connect(options?: ConnectOptions): Promise<DialbarClient>;
export declare const CLIENT_WORDS: { unavailable: string; closed: string; timeout: string };
export type PageEvent = { [K in PageEventType]: { type: K; detail: PageEventMap[K] } }[PageEventType];
/** The events between two successive states (what the client emits). */
export declare function deriveEvents(previous: PageState | null, next: PageState): PageEvent[];
`;
