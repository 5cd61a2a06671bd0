// Check-in and check-out by tag (or by pet id, for pets with no tag): one rpc each, running as the signed-in user so RLS and the rpc's own
// role checks apply. Answers are parsed into ScanResult; refusals become a typed ScanRefusal so the
// page can tell "no such tag" from "not allowed" from a broken server.
import { z } from 'zod';
import { refusalSentence } from '#lib/refusals.ts';
import { scanResultSchema, type ScanResult } from '#lib/scan/result.ts';
import { subjectPetId } from '#lib/scan/subject.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export interface ScanRequest {
  businessId: string;
  /** A tag uid, or a picked pet as `pet:<uuid>` (#lib/scan/subject.ts). */
  uid: string;
  clientScanId: string;
  deviceId?: string;
}

export type ScanRefusal =
  | { kind: 'unknown_tag'; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'invalid'; message: string };

export type ScanOutcome = { ok: true; result: ScanResult } | { ok: false; refusal: ScanRefusal };

function refusal(error: {
  code?: string;
  message: string;
  hint?: string | null;
  details?: string | null;
}): ScanRefusal {
  const sentence = refusalSentence(error);
  switch (error.code) {
    case 'PT404':
      return { kind: 'unknown_tag', message: sentence ?? 'That tag or service is not known here.' };
    case '42501':
      return { kind: 'forbidden', message: sentence ?? 'You are not allowed to do that here.' };
    case '22023':
    case '22P02':
    case '23514':
    case '23P01':
      return { kind: 'invalid', message: sentence ?? 'The scan could not be recorded: something in it is not valid.' };
    default:
      throw new DataError(`the scan failed: ${error.message}`, error.code);
  }
}

function parse(data: unknown): ScanResult {
  const parsed = scanResultSchema.safeParse(data);
  if (!parsed.success) throw new DataError(`the scan answer had an unexpected shape: ${parsed.error.message}`);
  return parsed.data;
}

export async function checkIn(
  supabase: Supabase,
  request: ScanRequest & { overrideReason?: string; walkInServiceId?: string },
): Promise<ScanOutcome> {
  const petId = subjectPetId(request.uid);
  if (petId) {
    // a pet picked by name (no tag): the same check-in core behind another door
    const { data, error } = await supabase.rpc('check_in_pet', {
      p_pet_id: petId,
      p_client_scan_id: request.clientScanId,
      p_business_id: request.businessId,
      p_device_id: request.deviceId,
      p_override_reason: request.overrideReason,
      p_walk_in_service_id: request.walkInServiceId,
    });
    if (error) return { ok: false, refusal: refusal(error) };
    return { ok: true, result: parse(data) };
  }
  const { data, error } = await supabase.rpc('check_in_by_tag', {
    p_uid: request.uid,
    p_client_scan_id: request.clientScanId,
    p_business_id: request.businessId,
    p_device_id: request.deviceId,
    p_override_reason: request.overrideReason,
    p_walk_in_service_id: request.walkInServiceId,
  });
  if (error) return { ok: false, refusal: refusal(error) };
  return { ok: true, result: parse(data) };
}

export async function checkOut(supabase: Supabase, request: ScanRequest): Promise<ScanOutcome> {
  const petId = subjectPetId(request.uid);
  if (petId) {
    const { data, error } = await supabase.rpc('check_out_pet', {
      p_pet_id: petId,
      p_client_scan_id: request.clientScanId,
      p_business_id: request.businessId,
      p_device_id: request.deviceId,
    });
    if (error) return { ok: false, refusal: refusal(error) };
    return { ok: true, result: parse(data) };
  }
  const { data, error } = await supabase.rpc('check_out_by_tag', {
    p_uid: request.uid,
    p_client_scan_id: request.clientScanId,
    p_business_id: request.businessId,
    p_device_id: request.deviceId,
  });
  if (error) return { ok: false, refusal: refusal(error) };
  return { ok: true, result: parse(data) };
}

export interface FamilyOutcome {
  clientId: string;
  outcomes: ScanResult[];
}

const familySchema = z.object({ client_id: z.string(), outcomes: z.array(scanResultSchema) });

/** Checks in every pet of one client booked today; each pet's outcome (checked in, blocked, …). */
export async function checkInFamily(
  supabase: Supabase,
  request: { businessId: string; clientId: string },
): Promise<{ ok: true; family: FamilyOutcome } | { ok: false; refusal: ScanRefusal }> {
  const { data, error } = await supabase.rpc('check_in_family', {
    p_client_id: request.clientId,
    p_business_id: request.businessId,
  });
  if (error) return { ok: false, refusal: refusal(error) };
  const parsed = familySchema.safeParse(data);
  if (!parsed.success)
    throw new DataError(`the family check-in answer had an unexpected shape: ${parsed.error.message}`);
  return { ok: true, family: { clientId: parsed.data.client_id, outcomes: parsed.data.outcomes } };
}
