// Sends one scan to this page's form actions with fetch, as use:enhance would, and sorts the answer
// into what the offline queue needs to know: sent, try again later, or refused for good.
import { deserialize } from '$app/forms';
import type { QueuedScan, SendOutcome } from '#lib/scan/queue.ts';
import type { ScanResult } from '#lib/scan/result.ts';

export interface ScanExtras {
  overrideReason?: string;
  walkInServiceId?: string;
  /** Staff ticked the walk-in confirmation (a walk-in is a new paid booking). */
  confirmWalkIn?: boolean;
}

export type Sent = { result: ScanResult; uid: string };

export async function postScan(
  scan: QueuedScan,
  extras: ScanExtras = {},
  deviceId?: string,
): Promise<SendOutcome<Sent>> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return { kind: 'offline' };
  const body = new FormData();
  body.set('uid', scan.uid);
  body.set('client_scan_id', scan.clientScanId);
  if (deviceId) body.set('device_id', deviceId);
  if (extras.overrideReason) body.set('override_reason', extras.overrideReason);
  if (extras.walkInServiceId) body.set('walk_in_service_id', extras.walkInServiceId);
  if (extras.confirmWalkIn) body.set('confirm_walk_in', 'on');
  let response: Response;
  try {
    response = await fetch(`?/${scan.action === 'check_in' ? 'checkIn' : 'checkOut'}`, {
      method: 'POST',
      body,
      headers: { 'x-sveltekit-action': 'true', accept: 'application/json' },
    });
  } catch {
    return { kind: 'offline' };
  }
  const answer = deserialize(await response.text());
  if (answer.type === 'success' && answer.data?.result) {
    return { kind: 'sent', result: { result: answer.data.result as ScanResult, uid: String(answer.data.uid) } };
  }
  if (answer.type === 'failure' && answer.status < 500) {
    return { kind: 'refused', message: String(answer.data?.message ?? 'The scan was refused.') };
  }
  // A redirect (the session ended) or a server error: keep the scan and try again later.
  return { kind: 'offline' };
}
