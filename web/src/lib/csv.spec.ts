import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, csvStream, csvDateTime, csvMoney } from './csv.ts';

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

describe('csvDateTime and csvMoney', () => {
  it('writes an instant on the business’s clock, across a daylight-saving change', () => {
    expect(csvDateTime('2026-12-06T09:30:00Z', 'Europe/London')).toBe('2026-12-06 09:30');
    expect(csvDateTime('2026-07-06T09:30:00Z', 'Europe/London')).toBe('2026-07-06 10:30');
    expect(csvDateTime('2026-12-06T03:00:00Z', 'America/New_York')).toBe('2026-12-05 22:00');
    expect(csvDateTime(null, 'Europe/London')).toBe('');
  });

  it('writes money with two decimals', () => {
    expect(csvMoney(4200)).toBe('42.00');
    expect(csvMoney(5)).toBe('0.05');
    expect(csvMoney(null)).toBe('');
  });
});
