// The vet's FHIR R4 server stand-in (functions/vet-sync/fhir-fake.ts) served over node:http, for integration
// tests that call the vet-sync edge function through the stack: the function reaches it like a real vet's server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FhirFake } from '../../functions/vet-sync/fhir-fake.ts';

export async function startFhirFake(): Promise<{ fake: FhirFake; base: string; close: () => Promise<void> }> {
  let fake: FhirFake | null = null;
  const server: Server = createServer(async (req, res) => {
    const url = `http://${req.headers.host}${req.url}`;
    const answer = await fake!.handle(new Request(url, { method: req.method, headers: req.headers as HeadersInit }));
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/r4`;
  fake = new FhirFake(base);
  return { fake, base, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
