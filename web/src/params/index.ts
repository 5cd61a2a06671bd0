// Kit's param matchers: `[petId=uuid]` in a route folder name uses `uuid` below.
import { defineParams } from '@sveltejs/kit/params';
import { uuid } from './uuid.ts';

export const params = defineParams({ uuid });
