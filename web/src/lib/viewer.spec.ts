import { describe, expect, it } from 'vitest';
import { toViewer } from './viewer.ts';

describe('toViewer', () => {
  it('keeps only the id and e-mail address', () => {
    const user = {
      id: 'u1',
      email: 'a@b.test',
      app_metadata: { provider: 'email' },
      user_metadata: { secret: 'x' },
      identities: [],
    };
    expect(toViewer(user)).toEqual({ id: 'u1', email: 'a@b.test' });
  });

  it('gives an empty e-mail for phone-only users and null when signed out', () => {
    expect(toViewer({ id: 'u2' })).toEqual({ id: 'u2', email: '' });
    expect(toViewer(null)).toBeNull();
  });
});
