import { describe, expect, it } from 'vitest';
import { refusalDetail, refusalSentence } from './refusals.ts';

describe('refusalSentence', () => {
  it('names the tag an unknown-tag refusal carries in its details', () => {
    expect(refusalSentence({ code: 'PT404', hint: 'tag_not_found', details: '{"uid":"04:a1"}' })).toBe(
      'No pet wears tag 04:a1 here. Register the tag on the pet’s page first.',
    );
  });

  it('still reads when the details are missing or not JSON', () => {
    expect(refusalSentence({ hint: 'tag_not_found', details: 'not json' })).toBe(
      'No pet wears that tag here. Register the tag on the pet’s page first.',
    );
  });

  it('gives the day of a fully booked service', () => {
    expect(refusalSentence({ hint: 'service_fully_booked', details: '{"day":"2027-03-10"}' })).toBe(
      'The service is fully booked on 2027-03-10.',
    );
  });

  it('answers null for a hint it does not know, so the caller picks a generic sentence', () => {
    expect(refusalSentence({ code: '22023', hint: 'something_new' })).toBeNull();
    expect(refusalSentence({ code: '22023' })).toBeNull();
  });
});

describe('refusalDetail', () => {
  it('takes only a JSON object', () => {
    expect(refusalDetail({ details: '{"uid":"x"}' })).toEqual({ uid: 'x' });
    expect(refusalDetail({ details: '[1,2]' })).toEqual({});
    expect(refusalDetail({ details: null })).toEqual({});
  });
});
