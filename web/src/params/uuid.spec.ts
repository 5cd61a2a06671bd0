import { describe, expect, it } from 'vitest';
import { params } from './index.ts';
import { uuid } from './uuid.ts';

const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe('uuid matcher', () => {
  it('accepts a uuid in either case', () => {
    expect(uuid(ID)).toBe(ID);
    expect(uuid(ID.toUpperCase())).toBe(ID.toUpperCase());
  });

  it.each(['not-a-uuid', '', '123', `${ID}x`, ` ${ID}`, ID.replaceAll('-', ''), `${ID}/x`, "1' or '1'='1"])(
    'refuses %j',
    (param) => {
      expect(uuid(param)).toBeUndefined();
    },
  );

  it('is registered with Kit as a standard schema that reports an issue for a bad id', () => {
    expect(params.uuid['~standard'].validate(ID)).toEqual({ value: ID });
    expect(params.uuid['~standard'].validate('nope')).toHaveProperty('issues');
  });
});
