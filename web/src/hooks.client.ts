import { z } from 'zod';

// The Content-Security-Policy forbids eval. Zod would probe for it with `new Function` (caught, but the
// browser still reports a violation) to compile faster parsers; in the browser it parses without them.
z.config({ jitless: true });
