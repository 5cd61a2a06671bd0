// XYZ raster tile templates (`https://{s}.tiles.example/{z}/{x}/{y}{r}.png`): a template is not a URL until its
// placeholders are filled. One reading for the env check (web/src/env.ts) and the CSP (security-headers.ts).
// No framework imports: the server reads it at start-up.

/** The URL a template stands for, with `{s}` as a `pc-subdomain` label and other placeholders as 0; null if none. */
export function tileProbe(template: string): URL | null {
  try {
    const url = new URL(template.replace(/\{s\}/g, 'pc-subdomain').replace(/\{[a-z]+\}/g, '0'));
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** The origin tiles come from, a `{s}` subdomain as a CSP wildcard (`https://*.tiles.example`). */
export function tileOrigin(template: string): string | null {
  return tileProbe(template)?.origin.replace('//pc-subdomain.', '//*.') ?? null;
}
