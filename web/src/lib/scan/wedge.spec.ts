import { describe, expect, it } from 'vitest';
import { createWedgeDetector, type WedgeDetector, type WedgeVerdict } from './wedge.ts';

/** Types `text` then `end`, one key every `gap` ms from `start`; returns the last verdict. */
function type(detector: WedgeDetector, text: string, gap: number, start = 1000, end = 'Enter'): WedgeVerdict {
  let at = start;
  for (const key of text) {
    detector.press(key, at);
    at += gap;
  }
  return detector.press(end, at);
}

describe('createWedgeDetector', () => {
  it('recognises a reader typing a uid fast and pressing Enter', () => {
    const verdict = type(createWedgeDetector(), '04A1B2C3D4E501', 8);
    expect(verdict).toEqual({ kind: 'scan', text: '04A1B2C3D4E501', durationMs: 14 * 8 });
  });

  it('leaves a person typing the same characters alone', () => {
    expect(type(createWedgeDetector(), '04A1B2C3D4E501', 140)).toEqual({ kind: 'key' });
  });

  it('ignores a burst too short to be a tag number', () => {
    expect(type(createWedgeDetector(), 'rex', 5)).toEqual({ kind: 'key' });
  });

  it('needs the Enter as quick as the characters', () => {
    const detector = createWedgeDetector();
    for (const [i, key] of [...'04a1b2c3d4'].entries()) detector.press(key, i * 5);
    expect(detector.press('Enter', 10 * 5 + 400)).toEqual({ kind: 'key' });
  });

  it('starts a fresh burst after a pause, so earlier slow typing is not part of the scan', () => {
    const detector = createWedgeDetector();
    detector.press('x', 0);
    detector.press('y', 300);
    expect(type(detector, '04a1b2c3d4e5', 6, 2000)).toEqual({ kind: 'scan', text: '04a1b2c3d4e5', durationMs: 72 });
  });

  it('skips shift presses and accepts Tab as a terminator', () => {
    const detector = createWedgeDetector();
    let at = 0;
    for (const key of '04A1B2C3') {
      detector.press('Shift', at);
      detector.press(key, (at += 4));
    }
    expect(detector.press('Tab', at + 4)).toMatchObject({ kind: 'scan', text: '04A1B2C3' });
  });

  it('drops a burst interrupted by an editing key', () => {
    const detector = createWedgeDetector();
    for (const [i, key] of [...'04a1b2c3d4'].entries()) detector.press(key, i * 5);
    detector.press('Backspace', 52);
    expect(detector.press('Enter', 55)).toEqual({ kind: 'key' });
  });

  it('exposes the burst in progress and honours custom thresholds', () => {
    const detector = createWedgeDetector({ maxGapMs: 200, minLength: 4 });
    for (const [i, key] of [...'abcd'].entries()) detector.press(key, i * 150);
    expect(detector.pending()).toBe('abcd');
    expect(detector.press('Enter', 4 * 150)).toMatchObject({ kind: 'scan', text: 'abcd' });
    expect(detector.pending()).toBe('');
  });
});
