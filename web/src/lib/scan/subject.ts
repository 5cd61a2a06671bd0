// What a scan is about: a tag's uid (a tap, a reader, a typed number) or a pet picked by name, for pets with no
// tag (issue 10). Both travel the same road — the offline queue, the page's form actions — as one string; a
// picked pet is written `pet:<uuid>`, which no tag uid can be (uids are hex bytes, with or without colons).
import { isUuid } from '#lib/ids.ts';

const PET_PREFIX = 'pet:';

/** The subject string of a pet picked by name. */
export function petSubject(petId: string): string {
  return PET_PREFIX + petId;
}

/** The pet id of a subject naming a pet, or null when the subject is a tag uid. */
export function subjectPetId(subject: string): string | null {
  if (!subject.startsWith(PET_PREFIX)) return null;
  const id = subject.slice(PET_PREFIX.length);
  return isUuid(id) ? id.toLowerCase() : null;
}
