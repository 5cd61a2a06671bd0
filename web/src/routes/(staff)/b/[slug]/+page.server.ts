import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

// The desk's home is the scanner.
export const load: PageServerLoad = ({ params }) => redirect(307, `/b/${params.slug}/scan`);
