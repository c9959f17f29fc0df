import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CallControlSchema } from '../../../src/contract/protocol';

const parse = (input: unknown) => v.safeParse(CallControlSchema, input);

describe('contract: call commands that carry a target', () => {
  it('TRANSFER and CONSULT need a target, trimmed, 1..256 characters', () => {
    expect(parse({ callId: 'a', command: 'TRANSFER', target: '  +1 (415) 555-0199 ' })).toMatchObject({
      success: true,
      output: { command: 'TRANSFER', target: '+1 (415) 555-0199' },
    });
    expect(parse({ callId: 'a', command: 'CONSULT', target: 'sip:2002@pbx.example.com' }).success).toBe(true);
    expect(parse({ callId: 'a', command: 'TRANSFER' }).success).toBe(false);
    expect(parse({ callId: 'a', command: 'CONSULT', target: '   ' }).success).toBe(false);
    expect(parse({ callId: 'a', command: 'TRANSFER', target: 'x'.repeat(257) }).success).toBe(false);
    expect(parse({ callId: 'a', command: 'TRANSFER', target: 42 }).success).toBe(false);
  });

  it('the pair commands carry nothing but the call', () => {
    expect(parse({ callId: 'a', command: 'COMPLETE_TRANSFER' }).success).toBe(true);
    expect(parse({ callId: 'a', command: 'CANCEL_CONSULT' }).success).toBe(true);
    expect(parse({ callId: '', command: 'CANCEL_CONSULT' }).success).toBe(false);
    expect(parse({ callId: 'a', command: 'REFER' }).success).toBe(false);
  });
});
