// What every connection shares: the hub, the change feed, a pool for authorisation probes, the secret.
import type pg from 'pg';
import type { ChangeFeed } from './changes/feed.ts';
import type { Hub } from './hub.ts';

export interface Runtime {
  hub: Hub;
  feed: ChangeFeed;
  /** Connections as postgres; probes switch role inside rolled-back transactions. */
  pool: pg.Pool;
  secret: string;
  log(message: string): void;
}
