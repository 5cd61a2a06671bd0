import { describe, expect, it } from 'vitest';
import { anonClient } from '../../support/stack.ts';

describe('functions: streaming', () => {
  it('delivers each chunk of a streamed response as the function writes it', async () => {
    const client = anonClient();
    const id = Math.random().toString(36).slice(2);
    // supabase-js hands text/event-stream back as the raw Response.
    const { data, error } = await client.functions.invoke(`stream?id=${id}`, { method: 'GET' });
    expect(error).toBeNull();
    const reader = (data as Response).body!.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe('data: first\n\n');
    // The second event exists only after this call; a buffering proxy would never get here.
    const release = await client.functions.invoke(`stream?id=${id}`, { method: 'POST', body: {} });
    expect(release.data).toEqual({ released: true });
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += decoder.decode(r.value);
    expect(rest).toBe('data: second\n\n');
  });
});
