import { describe, expect, it } from 'vitest';
import { domainOf, splitDialString, toDialTarget } from '../../../src/engine/dial-string';
import { audioDirection, sendsAudio } from '../../../src/engine/sdp-direction';
import type { DialPlan } from '../../../src/settings/account';

const plan = (p: Partial<DialPlan> = {}): DialPlan => ({ outboundPrefix: '', homeCountry: '', internationalPrefix: '+', ...p });

describe('toDialTarget', () => {
  it('keeps E.164 by default', () => {
    expect(toDialTarget('+14155550132', plan(), 'pbx')).toBe('sip:+14155550132@pbx');
  });
  it('dials home-country numbers in national form, with the outbound prefix', () => {
    expect(toDialTarget('+14155550132', plan({ homeCountry: 'US', outboundPrefix: '9' }), 'pbx')).toBe('sip:94155550132@pbx');
    expect(toDialTarget('+49301234567', plan({ homeCountry: 'DE', outboundPrefix: '0' }), 'pbx')).toBe('sip:00301234567@pbx');
  });
  it('dials other countries with the international prefix', () => {
    expect(toDialTarget('+442079460958', plan({ homeCountry: 'US', internationalPrefix: '011', outboundPrefix: '9' }), 'pbx')).toBe(
      'sip:9011442079460958@pbx',
    );
    expect(toDialTarget('+8613800138000', plan({ homeCountry: 'DE', internationalPrefix: '00' }), 'pbx')).toBe('sip:008613800138000@pbx');
  });
  it('dials typed extensions and feature codes as typed, escaping #', () => {
    expect(toDialTarget('2001', plan({ outboundPrefix: '9' }), 'pbx')).toBe('sip:2001@pbx');
    expect(toDialTarget('*72#', plan(), 'pbx')).toBe('sip:*72%23@pbx');
    expect(toDialTarget(' (415) 555-0132 ', plan(), 'pbx')).toBe('sip:4155550132@pbx');
  });
  it('dials a SIP user name at the account domain', () => {
    expect(toDialTarget('customer', plan({ outboundPrefix: '9' }), '127.0.0.1')).toBe('sip:customer@127.0.0.1');
  });
  it('drops an extension suffix and uses SIP URIs as given', () => {
    expect(toDialTarget('+14155550132;ext=12', plan(), 'pbx')).toBe('sip:+14155550132@pbx');
    expect(toDialTarget('sip:bob@example.com', plan(), 'pbx')).toBe('sip:bob@example.com');
  });
  it('refuses what cannot be dialled', () => {
    for (const bad of ['', 'call me', '+0123', 'sip:nobody', '12ab', 'a@b']) {
      expect(() => toDialTarget(bad, plan(), 'pbx'), bad).toThrowError(/not a number Dialbar can dial/);
    }
  });
  it('reads the domain of a SIP URI', () => {
    expect(domainOf('sip:agent@127.0.0.1')).toBe('127.0.0.1');
    expect(domainOf('sips:1001@pbx.example.com;transport=ws')).toBe('pbx.example.com');
  });
});

describe('splitDialString: post-dial digits', () => {
  it('splits commas and a detected extension off the number', () => {
    expect(splitDialString('+14155550132,,1234#')).toEqual({ number: '+14155550132', postDial: ',,1234#' });
    expect(splitDialString('+14155550132;ext=204')).toEqual({ number: '+14155550132', postDial: '204' });
    expect(splitDialString('(415) 555-0132, 12 34')).toEqual({ number: '(415) 555-0132', postDial: ',1234' });
    expect(splitDialString('2001')).toEqual({ number: '2001', postDial: '' });
    expect(splitDialString('sip:a@b.example')).toEqual({ number: 'sip:a@b.example', postDial: '' });
  });

  it('refuses post-dial text that is not digits', () => {
    expect(() => splitDialString('+14155550132,call me')).toThrow(/not a number Dialbar can dial/);
  });
});

describe('audioDirection of an SDP', () => {
  const sdp = (attrs: string, session = '') => `v=0\r\n${session}m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n${attrs}m=video 9 UDP 96\r\na=inactive\r\n`;
  it('reads the audio section, the session default, and whether the writer sends', () => {
    expect(audioDirection(sdp('a=recvonly\r\n'))).toBe('recvonly');
    expect(audioDirection(sdp('', 'a=inactive\r\n'))).toBe('inactive');
    expect(audioDirection(sdp(''))).toBe('sendrecv');
    expect(sendsAudio(sdp('a=sendonly\r\n'))).toBe(true);
    expect(sendsAudio(sdp('a=recvonly\r\n'))).toBe(false);
    expect(sendsAudio(sdp('a=inactive\r\n'))).toBe(false);
  });
});
