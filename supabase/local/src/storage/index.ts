// The Storage API (/storage/v1) of the local stack: buckets and object metadata in the storage schema
// (supabase/local/sql/30_storage.sql), bytes on disk under <dataDir>/storage, RLS applied by running
// every statement as the caller's role. Kong does not guard /storage/v1; the service checks JWTs itself.
import { join } from 'node:path';
import type { Service, StackContext } from '../gateway/types.ts';
import { seedBuckets } from './buckets.ts';
import type { StorageContext } from './context.ts';
import { StorageDb } from './db.ts';
import { Disk } from './disk.ts';
import { dispatch } from './router.ts';

export async function create(stack: StackContext): Promise<Service> {
  const ctx: StorageContext = {
    config: stack.config,
    db: new StorageDb(stack.apiPool),
    admin: stack.adminPool,
    disk: new Disk(join(stack.config.dataDir, 'storage')),
    log: (message) => stack.log('storage', message),
  };
  // What `supabase start` does with [storage.buckets.*] in config.toml.
  await seedBuckets(ctx, stack.config.storage.buckets);
  return {
    handle: (req, res, path, url) => dispatch(ctx, req, res, path, url),
  };
}
