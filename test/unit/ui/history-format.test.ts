import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../src/contract/snapshot';
import { csvField, csvFileName, historyCsv, historyRow, maskNumber } from '../../../src/ui/history-format';

const ENTRY: HistoryEntry = {
  id: 'c1',
  direction: 'incoming',
  number: '+8613812345678',
  displayName: 'Wang, "Lily"\nSales',
  startedAt: Date.UTC(2026, 11, 6, 9, 30, 0),
  answeredAt: Date.UTC(2026, 11, 6, 9, 30, 5),
  endedAt: Date.UTC(2026, 11, 6, 9, 32, 10),
  durationSeconds: 125,
  outcome: 'answered',
  endCause: 'The other side hung up.',
  endedBy: 'remote',
  agentReason: null,
};

describe('CSV export', () => {
  it('escapes quotes, commas and newlines as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r\nlf')).toBe('"cr\r\nlf"');
  });

  it('neutralises spreadsheet formulas: a cell starting with = + - @ gets a leading quote', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+14155550132')).toBe("'+14155550132");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('a=b')).toBe('a=b');
  });

  it('writes a header row and one row per call, unicode intact, CRLF line ends', () => {
    const csv = historyCsv([ENTRY, { ...ENTRY, id: 'c2', displayName: '张伟 😀', number: '2001', outcome: 'missed', answeredAt: null, durationSeconds: 0, agentReason: 'Lunch' }], false);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Started,Direction,Name,Number,Answered,Ended,Duration (s),Outcome,End cause,Ended by,Agent reason');
    expect(lines[1]).toBe(
      `2026-12-06T09:30:00.000Z,Incoming,"Wang, ""Lily""\nSales",'+8613812345678,2026-12-06T09:30:05.000Z,2026-12-06T09:32:10.000Z,125,Answered,The other side hung up.,Other side,`,
    );
    expect(lines[2]).toBe('2026-12-06T09:30:00.000Z,Incoming,张伟 😀,2001,,2026-12-06T09:32:10.000Z,0,Missed,The other side hung up.,Other side,Lunch');
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });

  it('masks the numbers in the export when masking is on', () => {
    expect(historyCsv([ENTRY], true).split('\r\n')[1]).toContain(",'+861******5678,");
  });

  it('names the file by date', () => {
    expect(csvFileName(Date.UTC(2026, 11, 6, 23, 0))).toBe('dialbar-history-2026-12-06.csv');
  });
});

describe('number masking', () => {
  it('keeps the first 3 and last 4 digits, masks the middle, leaves other characters', () => {
    expect(maskNumber('13812345678')).toBe('138****5678');
    expect(maskNumber('+14155550132')).toBe('+141****0132');
    expect(maskNumber('+1 415 555 0132')).toBe('+1 41* *** 0132');
    expect(maskNumber('sip:4155550132@pbx.example.com')).toBe('sip:415***0132@pbx.example.com');
  });

  it('short numbers keep only their last 2 digits; no digits, nothing to mask', () => {
    expect(maskNumber('2001')).toBe('**01');
    expect(maskNumber('7')).toBe('*');
    expect(maskNumber('12')).toBe('*2');
    expect(maskNumber('sip:alice@example.com')).toBe('sip:alice@example.com');
  });

  it('a masked row still redials the full number', () => {
    const row = historyRow({ ...ENTRY, displayName: '' }, true, 'en-US');
    expect(row.who).toBe('+861******5678');
    expect(row.dialNumber).toBe('+8613812345678');
    expect(row).toMatchObject({ duration: '02:05', outcomeWords: 'Answered', direction: 'Incoming', number: '' });
    const named = historyRow(ENTRY, false, 'en-US');
    expect(named).toMatchObject({ who: ENTRY.displayName, number: '+8613812345678' });
  });
});
