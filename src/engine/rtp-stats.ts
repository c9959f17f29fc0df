import type { CallStats } from './sip-stack';

/** The audio RTP counters of a peer connection, summed over its streams; zeros without one. */
export async function readCallStats(pc: RTCPeerConnection | null | undefined): Promise<CallStats> {
  const totals: CallStats = { bytesReceived: 0, packetsReceived: 0, packetsLost: 0, bytesSent: 0, packetsSent: 0, jitter: 0, audioLevel: 0 };
  if (!pc) return totals;
  const report = await pc.getStats();
  report.forEach((s: RTCStats & Record<string, unknown>) => {
    const num = (key: string) => (typeof s[key] === 'number' ? (s[key] as number) : 0);
    if (s.type === 'inbound-rtp' && s.kind === 'audio') {
      totals.bytesReceived += num('bytesReceived');
      totals.packetsReceived += num('packetsReceived');
      totals.packetsLost += num('packetsLost');
      totals.jitter = Math.max(totals.jitter, num('jitter'));
      totals.audioLevel = Math.max(totals.audioLevel, num('audioLevel'));
    } else if (s.type === 'outbound-rtp' && s.kind === 'audio') {
      totals.bytesSent += num('bytesSent');
      totals.packetsSent += num('packetsSent');
    }
  });
  return totals;
}
