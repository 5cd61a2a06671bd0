import { exportPets } from '#lib/server/db/exports.ts';
import { download } from '../download.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => download(event, 'pets', exportPets);
