import { handler } from './main.ts';

Deno.serve(handler);
