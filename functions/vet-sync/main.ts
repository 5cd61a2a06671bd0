// vet-sync: pulls FHIR R4 Immunizations from vets with a FHIR base URL and lands them like the partner webhook.
// POST {"partner_id": "<uuid>"} from the partners page (a signed-in member of the business's desk staff), or
// POST {} with the service role key from the daily pg_cron job (every partner with a FHIR base URL). The
// answer is the sync's summary; progress is written to partners.sync_status while it runs.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { DEFAULT_IDENTIFIER_SYSTEM, syncPartner, type SyncPartner, type SyncStore } from './sync.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The verified JWT's role claim (the gateway checked the signature: verify_jwt = true). */
function roleOf(token: string): string | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return typeof payload.role === 'string' ? payload.role : null;
  } catch {
    return null;
  }
}

export function supabaseSyncStore(db: SupabaseClient): SyncStore {
  return {
    async pets(businessId) {
      const { data, error } = await db
        .from('pets')
        .select('id, microchip, species')
        .eq('business_id', businessId)
        .eq('is_active', true)
        .not('microchip', 'is', null)
        .order('name');
      if (error) throw new Error(`pets: ${error.message}`);
      return data as Array<{ id: string; microchip: string; species: string }>;
    },
    async catalogue(businessId) {
      const { data, error } = await db
        .from('vaccine_types')
        .select('id, name, species, valid_days, business_id')
        .or(`business_id.eq.${businessId},business_id.is.null`);
      if (error) throw new Error(`vaccine types: ${error.message}`);
      // the business's own types first, as the landing prefers them
      return (
        data as Array<{
          id: string;
          name: string;
          species: string;
          valid_days: number | null;
          business_id: string | null;
        }>
      )
        .sort((a, b) => Number(a.business_id === null) - Number(b.business_id === null))
        .map((t) => ({ id: t.id, name: t.name, species: t.species, validDays: t.valid_days }));
    },
    async land(partnerId, messageId, payload) {
      const { data, error } = await db.rpc('receive_partner_event', {
        p_partner_id: partnerId,
        p_message_id: messageId,
        p_type: 'vaccination.recorded.v1',
        p_payload: payload,
      });
      // the vet changed an Immunization we landed before: the first landing stands (idempotent on its id)
      if (error?.hint === 'message_id_reused') return { outcome: 'unchanged', replayed: true };
      if (error) throw new Error(`landing: ${error.code} ${error.message}`);
      return data as { outcome: string; replayed: boolean };
    },
    async report(partnerId, status, finished) {
      const changes: Record<string, unknown> = { sync_status: { ...status, at: new Date().toISOString() } };
      if (finished && status.state === 'ok') changes.last_synced_at = new Date().toISOString();
      const { error } = await db.from('partners').update(changes).eq('id', partnerId);
      if (error) throw new Error(`report: ${error.message}`);
    },
  };
}

export async function handler(req: Request): Promise<Response> {
  if (req.method !== 'POST') return json(405, { error: 'use POST' });
  const url = Deno.env.get('SUPABASE_URL') ?? '';
  const serviceKey = Deno.env.get('SUPABASE_SERVICE_ROLE_KEY') ?? '';
  const token = (req.headers.get('authorization') ?? '').replace(/^Bearer\s+/i, '');
  let body: { partner_id?: unknown };
  try {
    body = (await req.json()) ?? {};
  } catch {
    body = {};
  }
  const partnerId = typeof body.partner_id === 'string' ? body.partner_id : null;
  if (partnerId !== null && !UUID.test(partnerId)) return json(400, { error: 'partner_id must be a uuid' });

  const service = createClient(url, serviceKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const isService = roleOf(token) === 'service_role';
  if (!isService) {
    if (!partnerId) return json(400, { error: 'partner_id is required' });
    // the caller's own client: RLS shows a partner only to its business's desk staff
    const user = createClient(url, Deno.env.get('SUPABASE_ANON_KEY') ?? '', {
      global: { headers: { authorization: `Bearer ${token}` } },
      auth: { persistSession: false, autoRefreshToken: false },
    });
    const { data, error } = await user.from('partners').select('id').eq('id', partnerId).maybeSingle();
    if (error || !data) return json(404, { error: 'partner not found' });
  }

  let query = service
    .from('partners')
    .select('id, business_id, api_base_url, sync_settings')
    .eq('kind', 'vet')
    .not('api_base_url', 'is', null);
  if (partnerId) query = query.eq('id', partnerId);
  const { data: partners, error } = await query;
  if (error) return json(500, { error: 'could not read partners' });
  if (partnerId && !partners.length) return json(422, { error: 'this partner is not a vet with a FHIR base URL' });

  const store = supabaseSyncStore(service);
  const timeoutMs = Number(Deno.env.get('VET_SYNC_TIMEOUT_MS') ?? 10_000);
  const results = [];
  for (const p of partners) {
    const settings = (p.sync_settings ?? {}) as { identifier_system?: unknown };
    const partner: SyncPartner = {
      id: p.id,
      business_id: p.business_id,
      api_base_url: p.api_base_url!,
      identifier_system:
        typeof settings.identifier_system === 'string' ? settings.identifier_system : DEFAULT_IDENTIFIER_SYSTEM,
    };
    try {
      results.push({ partner_id: p.id, ...(await syncPartner(partner, store, { timeoutMs })) });
    } catch (cause) {
      console.error('vet-sync:', p.id, cause);
      results.push({ partner_id: p.id, state: 'failed', errors: ['the sync stopped on an internal error'] });
    }
  }
  return json(200, { partners: results });
}
