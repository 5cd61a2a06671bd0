import { describe, expect, it } from 'vitest';
import { parseForm } from '#lib/forms.ts';
import { doseForm, incidentForm, medicalRecordForm, rejectForm, vaccinationForm } from './forms.ts';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

const typeId = '0c000000-0000-4000-8000-000000000001';

describe('vaccinationForm', () => {
  it('leaves the expiry empty for the route to derive and turns an empty batch into null', () => {
    const parsed = parseForm(
      vaccinationForm,
      form({ vaccine_type_id: typeId, administered_on: '2026-11-01', expires_on: '', batch: ' ' }),
    );
    expect(parsed).toEqual({
      ok: true,
      data: { vaccine_type_id: typeId, administered_on: '2026-11-01', expires_on: undefined, batch: null },
    });
  });

  it('refuses an expiry on or before the date given, on the expiry field', () => {
    const parsed = parseForm(
      vaccinationForm,
      form({ vaccine_type_id: typeId, administered_on: '2026-11-01', expires_on: '2026-11-01' }),
    );
    expect(parsed).toEqual({ ok: false, errors: { expires_on: 'The expiry must be after the date it was given.' } });
  });

  it('asks for a vaccine and a real date', () => {
    const parsed = parseForm(vaccinationForm, form({ vaccine_type_id: '', administered_on: '2026-02-31x' }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors.vaccine_type_id).toBe('Choose the vaccine.');
      expect(parsed.errors.administered_on).toBe('Enter the date it was given as a date.');
    }
  });
});

describe('rejectForm', () => {
  it('needs a reason that is not just spaces', () => {
    const parsed = parseForm(rejectForm, form({ id: typeId, reason: '   ' }));
    expect(parsed).toEqual({ ok: false, errors: { reason: 'Enter why the certificate is refused.' } });
  });
});

describe('doseForm', () => {
  it('trims what staff typed', () => {
    const parsed = parseForm(doseForm, form({ pet_id: typeId, medication: ' Carprofen ', dose: '25 mg ' }));
    expect(parsed).toEqual({ ok: true, data: { pet_id: typeId, medication: 'Carprofen', dose: '25 mg' } });
  });
});

describe('incidentForm', () => {
  it('reads the unticked "parent notified" box as false and a ticked one as true', () => {
    const base = { pet_id: typeId, kind: 'Scratch', severity: 'low', description: 'Small scratch on the paw' };
    const unticked = parseForm(incidentForm, form(base));
    const ticked = parseForm(incidentForm, form({ ...base, parent_notified: 'on' }));
    expect(unticked.ok && unticked.data.parent_notified).toBe(false);
    expect(ticked.ok && ticked.data.parent_notified).toBe(true);
  });

  it('refuses an unknown severity', () => {
    const parsed = parseForm(
      incidentForm,
      form({ pet_id: typeId, kind: 'Bite', severity: 'apocalyptic', description: 'x' }),
    );
    expect(parsed).toEqual({ ok: false, errors: { severity: 'Choose how serious it was.' } });
  });
});

describe('medicalRecordForm', () => {
  it('keeps optional notes as null and requires a title', () => {
    const parsed = parseForm(
      medicalRecordForm,
      form({ kind: 'checkup', title: '', occurred_on: '2026-11-20', notes: '' }),
    );
    expect(parsed).toEqual({ ok: false, errors: { title: 'Enter a title.' } });
    const ok = parseForm(medicalRecordForm, form({ kind: 'allergy', title: 'Chicken', occurred_on: '2026-11-20' }));
    expect(ok).toEqual({
      ok: true,
      data: {
        kind: 'allergy',
        title: 'Chicken',
        occurred_on: '2026-11-20',
        notes: null,
        diagnosis: null,
        treatment: null,
      },
    });
  });
});
