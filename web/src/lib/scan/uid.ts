// Tag uids as the database stores them. Web NFC reports a tag's serial number as lower-case hex pairs
// joined by colons ("04:a1:b2:c3:d4:e5:01"); USB and Bluetooth readers type the same bytes in whatever
// shape their firmware likes (upper case, no separators, dashes or spaces). Everything is brought to
// the Web NFC shape here, so one tag is one uid whichever way it was read.

export type UidResult = { ok: true; uid: string } | { ok: false; message: string };

/** NFC serial numbers are 4, 7 or 10 bytes in practice; the schema allows 4 to 16. */
const MIN_BYTES = 4;
const MAX_BYTES = 16;

/** Normalises an NFC serial number, or explains why the input is not one. */
export function normaliseUid(input: string): UidResult {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, message: 'No tag number was read. Tap the tag again.' };
  const separated = /[:\-\s]/.test(trimmed);
  const pairs = separated ? trimmed.split(/[:\-\s]+/) : (trimmed.match(/.{1,2}/g) ?? []);
  if (pairs.some((pair) => !/^[0-9a-fA-F]{1,2}$/.test(pair))) {
    return {
      ok: false,
      message: `“${shorten(trimmed)}” is not a tag number: use hex digits 0–9 and a–f, like 04:a1:b2:c3.`,
    };
  }
  // Joined digits must pair up; with separators a lone digit is a byte written without its leading zero.
  if (!separated && trimmed.length % 2 === 1) {
    return {
      ok: false,
      message: `“${shorten(trimmed)}” has an odd number of hex digits, so part of the tag number is missing.`,
    };
  }
  if (pairs.length < MIN_BYTES || pairs.length > MAX_BYTES) {
    return {
      ok: false,
      message: `A tag number has ${MIN_BYTES} to ${MAX_BYTES} bytes; “${shorten(trimmed)}” has ${pairs.length}.`,
    };
  }
  return { ok: true, uid: pairs.map((pair) => pair.padStart(2, '0').toLowerCase()).join(':') };
}

/**
 * What a scan carries to the check-in rpc: an NFC serial number, normalised, or the token printed in a
 * QR tag (tags of kind `qr` hold any lower-case token, e.g. "qr-pepper-0001", possibly inside a link).
 */
export function tagCodeFromText(input: string): UidResult {
  const nfc = normaliseUid(input);
  if (nfc.ok) return nfc;
  const token = qrToken(input.trim());
  if (token) return { ok: true, uid: token };
  return nfc;
}

/** A QR tag's token: the text itself, or the last path segment of a link printed on the tag. */
function qrToken(text: string): string | null {
  let candidate = text;
  if (/^https?:\/\//i.test(text)) {
    try {
      const segments = new URL(text).pathname.split('/').filter(Boolean);
      candidate = decodeURIComponent(segments.at(-1) ?? '');
    } catch {
      return null;
    }
  }
  candidate = candidate.toLowerCase();
  // Tokens are letters first so an almost-uid ("04a1b") is reported as a bad uid, not taken as a token.
  return /^[a-z][a-z0-9_-]{3,127}$/.test(candidate) ? candidate : null;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
