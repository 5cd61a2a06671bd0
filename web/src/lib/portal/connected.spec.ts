import { describe, expect, it } from 'vitest';
import { connectedNames, connectedSentence, portalAfterClaim } from './connected.ts';

const links = [
  { slug: 'bark-avenue', name: 'Bark Avenue' },
  { slug: 'happy-paws', name: 'Happy Paws Daycare' },
];

describe('claim by confirmed e-mail: the words after linking', () => {
  it('lands on /portal naming the slugs linked, or plain /portal', () => {
    expect(portalAfterClaim(['happy-paws', 'bark-avenue'])).toBe('/portal?connected=happy-paws,bark-avenue');
    expect(portalAfterClaim([])).toBe('/portal');
  });

  it('names only businesses the parent really is a client of', () => {
    expect(connectedNames('happy-paws,evil-co', links)).toEqual(['Happy Paws Daycare']);
    expect(connectedNames('happy-paws, bark-avenue', links)).toEqual(['Bark Avenue', 'Happy Paws Daycare']);
    expect(connectedNames(null, links)).toEqual([]);
    expect(connectedNames('nobody', links)).toEqual([]);
  });

  it('says it in one sentence', () => {
    expect(connectedSentence(['Happy Paws Daycare'])).toMatch(/^You’re now connected to Happy Paws Daycare:/);
    expect(connectedSentence(['A', 'B', 'C'])).toMatch(/^You’re now connected to A, B and C:/);
    expect(connectedSentence([])).toBeNull();
  });
});
