import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, csvStream } from './csv.ts';

describe('csvCell', () => {
  it('leaves plain text, numbers and booleans as they are', () => {
    expect(csvCell('Rex')).toBe('Rex');
    expect(csvCell(3500)).toBe('3500');
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(true)).toBe('true');
  });

  it('writes nothing for a missing value', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('quotes cells with commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvCell('Parker, Jordan')).toBe('"Parker, Jordan"');
    expect(csvCell('the "good" boy')).toBe('"the ""good"" boy"');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
  });

  it('keeps leading and trailing spaces by quoting them', () => {
    expect(csvCell(' padded ')).toBe('" padded "');
  });

  it('turns would-be formulas into text', () => {
    expect(csvCell('=HYPERLINK("http://evil.test","x")')).toBe('"\'=HYPERLINK(""http://evil.test"",""x"")"');
    expect(csvCell('+44 7700 900001')).toBe("'+44 7700 900001");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
  });

  it('does not guard text with a formula character later on', () => {
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('csvRow', () => {
  it('joins cells with commas and ends with CRLF', () => {
    expect(csvRow(['id', 'name, full', null, 2])).toBe('id,"name, full",,2\r\n');
  });
});

describe('csvStream', () => {
  it('streams a byte-order mark, the header, then each row', async () => {
    async function* rows() {
      yield ['1', 'Rex'];
      yield ['2', 'Luna, "Lu"'];
    }
    const bytes = new Uint8Array(await new Response(csvStream(['id', 'name'], rows())).arrayBuffer());
    // decoders drop a byte-order mark unless told to keep it
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toBe('\uFEFFid,name\r\n1,Rex\r\n2,"Luna, ""Lu"""\r\n');
  });

  it('stops reading rows when the download is abandoned', async () => {
    let finished = false;
    async function* rows() {
      try {
        for (let i = 0; ; i++) yield [i];
      } finally {
        finished = true;
      }
    }
    const reader = csvStream(['n'], rows()).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(finished).toBe(true);
  });
});
