import { describe, expect, it } from 'vitest';
import { fieldConflicts } from './forms-conflict.ts';

const fields = [
  { name: 'full_name', label: 'Full name' },
  { name: 'phone', label: 'Phone' },
  { name: 'consent_sms', label: 'SMS', checkbox: true },
];

describe('fieldConflicts', () => {
  it('lists each field where the saved value and the typed one differ, with both', () => {
    expect(
      fieldConflicts(
        fields,
        { full_name: 'Sam Carter', phone: '+44 1', consent_sms: true },
        { full_name: 'Samantha Carter', phone: '+44 1' },
      ),
    ).toEqual([
      { name: 'full_name', label: 'Full name', theirs: 'Sam Carter', yours: 'Samantha Carter' },
      { name: 'consent_sms', label: 'SMS', theirs: 'yes', yours: 'no' },
    ]);
  });

  it('treats null and empty, and surrounding spaces, as the same', () => {
    expect(
      fieldConflicts(fields, { full_name: 'Sam', phone: null, consent_sms: false }, { full_name: ' Sam ', phone: '' }),
    ).toEqual([]);
  });

  it('shows an emptied field as (empty)', () => {
    expect(
      fieldConflicts(
        fields,
        { full_name: 'Sam', phone: null, consent_sms: false },
        { full_name: 'Sam', phone: '07700' },
      ),
    ).toEqual([{ name: 'phone', label: 'Phone', theirs: '(empty)', yours: '07700' }]);
  });
});
