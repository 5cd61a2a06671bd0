// Printable QR tags for one pet: a QR code per active tag, encoding the tag's code exactly as the
// scanner reads it (a QR token, or an NFC serial for a sticker beside the chip).
import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { findPet } from '#lib/server/db/pets.ts';
import { listTags } from '#lib/server/db/tags.ts';
import { requireSeat } from '../../../seat.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { business } = await requireSeat(event);
  const pet = await findPet(event.locals.supabase, business.id, event.params.petId);
  if (!pet) error(404, 'Not found');
  const tags = (await listTags(event.locals.supabase, business.id, pet.id)).filter((t) => t.active);
  const codes = await Promise.all(
    tags.map(async (tag) => ({
      id: tag.id,
      uid: tag.uid,
      kind: tag.kind,
      // Medium error correction survives a scuffed collar tag; the SVG scales to any print size.
      svg: await QRCode.toString(tag.uid, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    })),
  );
  return { pet: { id: pet.id, name: pet.name, clientName: pet.client.fullName }, codes };
};
