import { describe, expect, it } from 'vitest';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';
import { checkIn, checkOut } from './scans.ts';

// A stand-in for supabase.rpc: records the call and answers with a canned PostgREST result.
function fakeClient(answer: {
  data: unknown;
  error: { code: string; message: string; hint?: string; details?: string } | null;
}) {
  const calls: Array<[string, Record<string, unknown>]> = [];
  const client = { rpc: async (fn: string, args: Record<string, unknown>) => (calls.push([fn, args]), answer) };
  return { client: client as unknown as Supabase, calls };
}

const card = {
  status: 'checked_in',
  replayed: false,
  pet: { id: 'p', name: 'Rex', species: 'dog', breed: null, photo_path: null },
  client: { id: 'c', full_name: 'Jordan Parker', phone: null, email: null },
  booking: null,
  care: { feeding: null, medication: null, handling_notes: null },
  vaccines: [],
  alerts: [],
};

const request = { businessId: 'b', uid: '04:a1:b2:c3', clientScanId: '6f1c5a52-6f4e-4ab1-9e8e-0d2f8f5e1a10' };

describe('checkIn', () => {
  it('calls check_in_by_tag for the business with the scan id and any override', async () => {
    const { client, calls } = fakeClient({ data: card, error: null });
    const outcome = await checkIn(client, { ...request, overrideReason: 'vet said fine' });
    expect(outcome).toMatchObject({ ok: true, result: { status: 'checked_in', pet: { name: 'Rex' } } });
    expect(calls).toEqual([
      [
        'check_in_by_tag',
        {
          p_uid: '04:a1:b2:c3',
          p_client_scan_id: request.clientScanId,
          p_business_id: 'b',
          p_device_id: undefined,
          p_override_reason: 'vet said fine',
          p_walk_in_service_id: undefined,
        },
      ],
    ]);
  });

  it('turns an unknown tag into a refusal that names the tag', async () => {
    const { client } = fakeClient({
      data: null,
      error: {
        code: 'PT404',
        message: 'no active tag 04:a1:b2:c3 in this business',
        hint: 'tag_not_found',
        details: '{"uid": "04:a1:b2:c3"}',
      },
    });
    expect(await checkIn(client, request)).toEqual({
      ok: false,
      refusal: { kind: 'unknown_tag', message: expect.stringContaining('04:a1:b2:c3') },
    });
  });

  it('turns a permission error into a forbidden refusal', async () => {
    const { client } = fakeClient({
      data: null,
      error: { code: '42501', message: 'you do not work at this business', hint: 'not_staff_of_business' },
    });
    expect(await checkIn(client, request)).toEqual({
      ok: false,
      refusal: { kind: 'forbidden', message: 'You do not work at this business, so you cannot scan tags here.' },
    });
  });

  it('never shows the database’s own message, even for a refusal it has no sentence for', async () => {
    const { client } = fakeClient({ data: null, error: { code: '22023', message: 'internal wording p_business_id' } });
    const outcome = await checkIn(client, request);
    expect(outcome).toMatchObject({ ok: false, refusal: { kind: 'invalid' } });
    expect(JSON.stringify(outcome)).not.toContain('internal wording');
  });

  it('raises a DataError for an unexpected failure or answer', async () => {
    await expect(
      checkIn(fakeClient({ data: null, error: { code: 'XX000', message: 'boom' } }).client, request),
    ).rejects.toBeInstanceOf(DataError);
    await expect(
      checkIn(fakeClient({ data: { status: 'checked_in' }, error: null }).client, request),
    ).rejects.toBeInstanceOf(DataError);
  });
});

describe('checkOut', () => {
  it('calls check_out_by_tag', async () => {
    const { client, calls } = fakeClient({ data: { ...card, status: 'checked_out' }, error: null });
    expect(await checkOut(client, request)).toMatchObject({ ok: true, result: { status: 'checked_out' } });
    expect(calls[0][0]).toBe('check_out_by_tag');
  });
});
