// Pools that survive a Postgres restart. pg-pool listens for errors only on idle clients; a client
// that is checked out but between queries when the server ends its session (57P01 on a fast
// shutdown, a reset's `drop database … with (force)`) emits 'error' with nobody listening, and Node
// ends the whole stack. Every client gets its own listener; the pool then discards it on release.
import type pg from 'pg';

export function guardPoolClients(pool: pg.Pool, log: (message: string) => void): pg.Pool {
  pool.on('error', (e) => log(`idle connection lost: ${e.message}`));
  pool.on('connect', (client) => {
    client.on('error', (e) => log(`connection lost: ${e.message}`));
  });
  return pool;
}
