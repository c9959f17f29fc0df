export type SdpDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/** The direction of the first audio section of an SDP (a session-level attribute is its default). */
export function audioDirection(sdp: string): SdpDirection {
  let direction: SdpDirection = 'sendrecv';
  let inAudio = false;
  let sessionLevel = true;
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) {
      if (inAudio) break;
      sessionLevel = false;
      inAudio = line.startsWith('m=audio');
      continue;
    }
    const match = /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/.exec(line);
    if (match && (sessionLevel || inAudio)) direction = match[1] as SdpDirection;
  }
  return direction;
}

/** Whether the side that wrote this SDP sends audio: recvonly and inactive mean it does not. */
export function sendsAudio(sdp: string): boolean {
  const direction = audioDirection(sdp);
  return direction === 'sendrecv' || direction === 'sendonly';
}
