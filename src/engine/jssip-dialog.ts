import type { SipDialog } from './sip-stack';

/**
 * Reading a confirmed JsSIP dialog, and the parts of a BYE that ends it from another user agent.
 * JsSIP keeps its dialog private (RTCSession#_dialog); these are the fields its own
 * Dialog#_createRequest uses (RFC 3261 12.2.1.1), read structurally so this file imports no JsSIP.
 */
interface JsSipDialogFields {
  _id?: { call_id?: string; local_tag?: string; remote_tag?: string };
  _local_seqnum?: number;
  _remote_target?: { toString(): string };
  _route_set?: string[];
  _local_uri?: { toString(): string };
  _remote_uri?: { toString(): string };
}

/** The dialog of a JsSIP session once it exists (after the 200 OK), else null. */
export function readDialog(session: object): SipDialog | null {
  const dialog = (session as { _dialog?: JsSipDialogFields | null })._dialog;
  const id = dialog?._id;
  if (!dialog || !id?.call_id || !id.local_tag || !id.remote_tag) return null;
  if (!dialog._remote_target || !dialog._local_uri || !dialog._remote_uri) return null;
  return {
    callId: id.call_id,
    localTag: id.local_tag,
    remoteTag: id.remote_tag,
    remoteTarget: dialog._remote_target.toString(),
    routeSet: [...(dialog._route_set ?? [])],
    cseq: typeof dialog._local_seqnum === 'number' ? dialog._local_seqnum : null,
    localUri: dialog._local_uri.toString(),
    remoteUri: dialog._remote_uri.toString(),
  };
}

/** The next CSeq of the dialog: one above the last one used (any number when none was). */
export function byeCseq(dialog: SipDialog): number {
  return (dialog.cseq ?? 0) + 1;
}
