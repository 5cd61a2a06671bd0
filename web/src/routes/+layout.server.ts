import { toViewer } from '#lib/viewer.ts';
import type { LayoutServerLoad } from './$types';

// The browser learns only the allow-listed fields of the signed-in user.
export const load: LayoutServerLoad = ({ locals }) => ({ viewer: toViewer(locals.user) });
