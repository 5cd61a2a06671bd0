import { describe, expect, it } from 'vitest';
import { requiresSignIn } from './access.ts';

describe('requiresSignIn', () => {
  it.each(['/account', '/account/password', '/b/happy-paws/roster', '/portal', '/drive/today'])(
    'protects %s',
    (path) => {
      expect(requiresSignIn(path)).toBe(true);
    },
  );

  it.each(['/', '/login', '/forgot-password', '/auth/confirm', '/accounting', '/bark', '/portals'])(
    'leaves %s public',
    (path) => {
      expect(requiresSignIn(path)).toBe(false);
    },
  );
});
