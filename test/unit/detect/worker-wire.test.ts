import { describe, expect, it } from 'vitest';
import type { MatchList } from '../../../src/detect/match-list';
import { packReply, readReply, readRequest } from '../../../src/detect/worker-wire';

function matchesOf(list: MatchList) {
  return Array.from({ length: list.length }, (_, i) => ({ start: list.start(i), end: list.end(i), number: list.number(i) }));
}
import { serveDetect } from '../../../src/detect/worker-serve';

describe('detection worker messages', () => {
  it('reads requests and refuses what is not one', () => {
    expect(readRequest({ id: 3, text: 'call 555', country: 'DE' })).toEqual({ id: 3, text: 'call 555', country: 'DE' });
    for (const bad of [null, 'x', { id: -1, text: '', country: 'DE' }, { id: 1.5, text: '', country: 'DE' }, { id: 1, text: 5, country: 'DE' }, { id: 1, text: '', country: 'de' }, { id: 1, text: '', country: 'DEU' }, { id: 1, text: 'x'.repeat((1 << 20) + 1), country: 'DE' }]) {
      expect(readRequest(bad)).toBeNull();
    }
  });

  it('packs matches as typed triples and one string of numbers, and reads them back through a structured clone', () => {
    const found = [
      { start: 0, end: 8, number: '+15550101' },
      { start: 12, end: 30, number: '+4930123456;ext=12' },
    ];
    const back = readReply(structuredClone(packReply(7, found, 1.5)));
    expect(back && { id: back.id, ms: back.ms, found: back.found && matchesOf(back.found) }).toEqual({ id: 7, found, ms: 1.5 });
    expect(readReply(structuredClone(packReply(8, [], 0)))?.found?.length).toBe(0);
    expect(readReply({ id: 7, error: 'bad-request' })).toEqual({ id: 7, found: null, ms: 0 });
  });

  it('refuses replies whose parts do not fit', () => {
    const ok = packReply(1, [{ start: 0, end: 8, number: '+15550101' }], 1);
    expect(readReply(ok)).not.toBeNull();
    for (const bad of [
      { triples: [0, 8, 9] },
      { triples: new Float64Array([0, 8, 9]) },
      { triples: new Int32Array([0, 8]) },
      { triples: new Int32Array([8, 8, 9]) },
      { triples: new Int32Array([-1, 8, 9]) },
      // The numbers' ends must cover the string exactly, each number not empty.
      { triples: new Int32Array([0, 8, 8]) },
      { triples: new Int32Array([0, 8, 10]) },
      { triples: new Int32Array([0, 8, 0]) },
      { numbers: ['+15550101'] },
      { numbers: 5 },
      { ms: Number.NaN },
      { id: 'one' },
    ]) {
      expect(readReply({ ...ok, ...bad })).toBeNull();
    }
  });

  it('the worker loop answers a detector that throws with an error reply, not silence', () => {
    const out: unknown[] = [];
    let serve: (event: { data: unknown }) => void = () => {};
    serveDetect(
      { postMessage: (m) => out.push(m), addEventListener: (_t, l) => (serve = l) },
      () => {
        throw new RangeError('boom');
      },
      () => 0,
    );
    serve({ data: { id: 4, text: '555', country: 'US' } });
    serve({ data: { id: 5, text: 5 } });
    serve({ data: 'junk' });
    expect(out).toEqual([
      { id: 4, error: 'RangeError' },
      { id: 5, error: 'bad-request' },
    ]);
  });
});
