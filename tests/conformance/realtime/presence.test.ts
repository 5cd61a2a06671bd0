// Presence with supabase-js: track/untrack, the state a late joiner receives, and leaves when a
// member's socket goes away.
import { describe, expect, it } from 'vitest';
import { clientAs, createUser, Inbox, subscribe, topic, trackedClients } from './helpers.ts';

const as = trackedClients();

const keys = (state: Record<string, unknown>) => Object.keys(state).sort();

async function waitUntil(check: () => boolean, ms = 4000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('realtime presence', () => {
  it('shows tracked members in the state of a member who joins later, with their metadata', async () => {
    const name = topic('rt-pres-state-');
    const alice = (await as()).channel(name, { config: { presence: { key: 'alice' } } });
    await subscribe(alice);
    expect(await alice.track({ status: 'online' })).toBe('ok');
    const bob = (await as()).channel(name, { config: { presence: { key: 'bob' } } });
    const synced = new Inbox<void>();
    bob.on('presence', { event: 'sync' }, () => synced.push());
    await subscribe(bob);
    await synced.waitFor(1);
    await waitUntil(() => keys(bob.presenceState()).includes('alice'));
    const [meta] = bob.presenceState().alice as any[];
    expect(meta.status).toBe('online');
    expect(typeof meta.presence_ref).toBe('string');
  });

  it('sends join and leave events for track and untrack to the other members', async () => {
    const name = topic('rt-pres-diff-');
    const joins = new Inbox<any>();
    const leaves = new Inbox<any>();
    const watcher = (await as()).channel(name, { config: { presence: { key: 'watcher' } } });
    watcher.on('presence', { event: 'join' }, joins.push).on('presence', { event: 'leave' }, leaves.push);
    await subscribe(watcher);
    const walker = (await as()).channel(name, { config: { presence: { key: 'walker' } } });
    await subscribe(walker);
    await walker.track({ dog: 'Rex' });
    const [join] = await joins.waitFor(1);
    expect(join.key).toBe('walker');
    expect(join.newPresences[0].dog).toBe('Rex');
    await walker.untrack();
    const [leave] = await leaves.waitFor(1);
    expect(leave.key).toBe('walker');
    await waitUntil(() => !keys(watcher.presenceState()).includes('walker'));
  });

  it("removes a member's presence when their connection closes", async () => {
    const name = topic('rt-pres-gone-');
    const watcher = (await as()).channel(name, { config: { presence: { key: 'watcher' } } });
    watcher.on('presence', { event: 'sync' }, () => {});
    await subscribe(watcher);
    const leaverClient = await clientAs();
    const leaver = leaverClient.channel(name, { config: { presence: { key: 'leaver' } } });
    await subscribe(leaver);
    await leaver.track({ here: true });
    await waitUntil(() => keys(watcher.presenceState()).includes('leaver'));
    leaverClient.realtime.disconnect();
    await waitUntil(() => !keys(watcher.presenceState()).includes('leaver'));
  });

  it('authorises tracking on a private channel by the INSERT policy', async () => {
    const user = await createUser();
    const open = (await as(user.token())).channel(topic('rt-test:open:'), {
      config: { private: true, presence: { key: user.id } },
    });
    await subscribe(open);
    expect(await open.track({ ok: 1 })).toBe('ok');
    const readOnly = (await as(user.token())).channel(`rt-test:user:${user.id}`, {
      config: { private: true, presence: { key: user.id } },
    });
    await subscribe(readOnly);
    expect(await readOnly.track({ ok: 1 })).toBe('error');
  });
});
