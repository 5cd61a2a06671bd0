// Refusals reach supabase-js as PostgREST sends them: "not found" is PT404, answered with HTTP 404 (P0002
// was a 500), with the refusal's hint and a JSON detail; a staff PATCH of clients.user_id is refused.
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedInClient, uniqueEmail } from '../support/stack.ts';

let owner: SupabaseClient<any, any, any>;
let stranger: { id: string };
let businessId: string;
let clientId: string;

beforeAll(async () => {
  ({ client: owner } = await signedInClient(uniqueEmail('refusal-owner')));
  const other = await signedInClient(uniqueEmail('refusal-stranger'));
  stranger = { id: (await other.client.auth.getUser()).data.user!.id };
  const slug = `refusal-${randomUUID().slice(0, 8)}`;
  businessId = (await owner.rpc('create_business', { p_name: 'Refusal Daycare', p_slug: slug })).data.id;
  const created = await owner.rpc('create_client_with_pets', {
    p_business_id: businessId,
    p_client: { full_name: 'Data Only' },
  });
  clientId = created.data.client.id;
});

describe('refusals over REST', () => {
  it('answers an unknown tag with 404, PT404, the tag_not_found hint and the uid in detail', async () => {
    const res = await owner.rpc('check_in_by_tag', { p_uid: '04:AB:CD:EF', p_client_scan_id: randomUUID() });
    expect(res.status).toBe(404);
    expect(res.error).toMatchObject({ code: 'PT404', hint: 'tag_not_found' });
    expect(JSON.parse(res.error!.details)).toEqual({ uid: '04:ab:cd:ef' });
  });

  it('answers an unknown booking with 404 and booking_not_found', async () => {
    const res = await owner.rpc('cancel_booking', { p_booking_id: randomUUID() });
    expect(res.status).toBe(404);
    expect(res.error).toMatchObject({ code: 'PT404', hint: 'booking_not_found' });
  });

  it('refuses staff attaching a login to a client record', async () => {
    const res = await owner.from('clients').update({ user_id: stranger.id }).eq('id', clientId).select('id');
    expect(res.status).toBe(403);
    expect(res.error?.code).toBe('42501');
  });
});
