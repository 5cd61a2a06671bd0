// Each test browses as its own client address. The app runs with ADDRESS_HEADER=x-forwarded-for (as
// behind a proxy) and passes the visitor's address on to Auth, whose sign-in and e-mail rate limits
// are per address; without this every test would share 127.0.0.1's allowance and the suite would trip
// the limits it does not mean to test.
import { test as base } from '@playwright/test';

export { expect } from '@playwright/test';

function uniqueClientAddress(): string {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  return `10.${octet()}.${octet()}.${octet()}`;
}

export const test = base.extend({
  context: async ({ context }, use) => {
    await context.setExtraHTTPHeaders({ 'x-forwarded-for': uniqueClientAddress() });
    await use(context);
  },
});
