import { describe, expect, it } from 'vitest';
import { messageText } from './messages.ts';

const when = (iso: string) => `at ${iso}`;

describe('messageText: care change reviewed', () => {
  it('says the change was accepted, with the team note', () => {
    expect(
      messageText('care_proposal_reviewed', { pet_name: 'Rex', decision: 'accepted', note: 'Thanks!' }, when),
    ).toBe("Your change to Rex's care instructions was accepted. Note from the team: Thanks!");
  });

  it('says the change was declined, without a note when there is none', () => {
    expect(messageText('care_proposal_reviewed', { pet_name: 'Luna', decision: 'rejected', note: null }, when)).toBe(
      "Your change to Luna's care instructions was declined.",
    );
  });

  it('never prints undefined for a payload without fields', () => {
    expect(messageText('care_proposal_reviewed', {}, when)).toBe(
      "Your change to your pet's care instructions was reviewed.",
    );
  });
});
