import { describe, expect, it } from 'vitest';
import { parseNewClient, readNewClient, searchTerm } from './forms.ts';

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
}

describe('readNewClient', () => {
  it('renumbers pet rows in page order and drops rows left blank', () => {
    const values = readNewClient(
      form({ full_name: 'Ann', 'pet-3-name': 'Bo', 'pet-0-name': 'Al', 'pet-1-name': '', 'pet-1-species': 'cat' }),
    );
    expect(values.pets.map((p) => p.name)).toEqual(['Al', 'Bo']);
    expect(values.client).toEqual({ full_name: 'Ann' });
  });
});

describe('parseNewClient', () => {
  it('accepts a client with two pets and stores blanks as null', () => {
    const parsed = parseNewClient(
      form({
        full_name: ' Ann Lee ',
        phone: '',
        'pet-0-name': 'Al',
        'pet-0-weight_kg': '12,5',
        'pet-1-name': 'Bo',
        'pet-1-species': 'cat',
      }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.client.full_name).toBe('Ann Lee');
    expect(parsed.client.phone).toBeNull();
    expect(parsed.pets.map((p) => [p.name, p.species, p.weight_kg])).toEqual([
      ['Al', 'dog', 12.5],
      ['Bo', 'cat', null],
    ]);
  });

  it('names each bad field, in each pet row, and keeps what was typed', () => {
    const parsed = parseNewClient(
      form({ full_name: '', email: 'nope', 'pet-0-name': 'Al', 'pet-0-microchip': '12', 'pet-1-breed': 'Pug' }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(['email', 'full_name', 'pet-0-microchip', 'pet-1-name']);
    expect(parsed.values.pets[1]).toEqual({ breed: 'Pug' });
    expect(parsed.values.client.email).toBe('nope');
  });

  it('refuses a birth date in the future', () => {
    const parsed = parseNewClient(form({ full_name: 'A', 'pet-0-name': 'Al', 'pet-0-birth_date': '2999-01-01' }));
    expect(parsed.ok ? null : parsed.errors['pet-0-birth_date']).toMatch(/future/);
  });
});

describe('searchTerm', () => {
  it('removes characters that would change a PostgREST filter', () => {
    expect(searchTerm(' Re*x,(or) %_ ')).toBe('Re x or');
    expect(searchTerm(null)).toBe('');
  });
});
