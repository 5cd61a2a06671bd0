// Object bytes on local disk, one file per object version: <dataDir>/storage/<bucket>/<name>/<version>
// (the layout of Supabase's file backend). Keying by version lets "a" and "a/b" coexist, and makes an
// overwrite atomic: the new version is written beside the old one and the database row switches to it.
// Uploads stream into a temp file (hashing and counting as they go, stopping at the size limit) that
// is renamed into place only once the caller is known to be allowed to write it.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ERRORS } from './errors.ts';

export interface WrittenFile {
  tempPath: string;
  size: number;
  eTag: string;
}

export class Disk {
  readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }

  private bucketDir(bucket: string): string {
    const dir = resolve(this.root, bucket);
    if (!dir.startsWith(this.root + sep) || bucket.startsWith('.')) throw ERRORS.invalidBucketName();
    return dir;
  }

  /** The file of one version of an object; refuses names that would escape the bucket folder. */
  pathOf(bucket: string, name: string, version: string): string {
    const dir = this.bucketDir(bucket);
    const file = resolve(dir, name, version);
    if (!file.startsWith(dir + sep) || name.split('/').some((s) => s === '..' || s === '.'))
      throw ERRORS.invalidKey(name);
    return file;
  }

  /** Streams `body` to a temp file; throws EntityTooLarge (and removes the file) past `maxSize` bytes. */
  async writeTemp(body: Readable, maxSize: number): Promise<WrittenFile> {
    const tempPath = await this.tempPath();
    const hash = createHash('md5');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxSize) {
          done(ERRORS.entityTooLarge());
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(tempPath));
    } catch (err) {
      await rm(tempPath, { force: true });
      throw err;
    }
    return { tempPath, size, eTag: `"${hash.digest('hex')}"` };
  }

  private async tempPath(): Promise<string> {
    const dir = join(this.root, '.tmp');
    await mkdir(dir, { recursive: true });
    return join(dir, randomUUID());
  }

  /** Moves a finished temp file into place as one version of an object. */
  async commit(tempPath: string, bucket: string, name: string, version: string): Promise<void> {
    const target = this.pathOf(bucket, name, version);
    await mkdir(dirname(target), { recursive: true });
    await rename(tempPath, target);
  }

  async discard(tempPath: string): Promise<void> {
    await rm(tempPath, { force: true });
  }

  /** The byte size of a version, or undefined when its file is missing. */
  async size(bucket: string, name: string, version: string): Promise<number | undefined> {
    try {
      return (await stat(this.pathOf(bucket, name, version))).size;
    } catch {
      return undefined;
    }
  }

  read(bucket: string, name: string, version: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.pathOf(bucket, name, version), range);
  }

  /** Copies through a temp file so the destination appears whole or not at all. */
  async copy(
    from: { bucket: string; name: string; version: string },
    to: { bucket: string; name: string; version: string },
  ): Promise<void> {
    const temp = await this.tempPath();
    try {
      await copyFile(this.pathOf(from.bucket, from.name, from.version), temp);
      await this.commit(temp, to.bucket, to.name, to.version);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  /** Removes one version and prunes the folders it leaves empty (best effort: bytes may already be gone). */
  async remove(bucket: string, name: string, version: string): Promise<void> {
    const file = this.pathOf(bucket, name, version);
    await rm(file, { force: true });
    const stop = this.bucketDir(bucket);
    for (let dir = dirname(file); dir.startsWith(stop + sep); dir = dirname(dir)) {
      try {
        if ((await readdir(dir)).length > 0) break;
        await rmdir(dir);
      } catch {
        break;
      }
    }
  }

  async removeBucket(bucket: string): Promise<void> {
    await rm(this.bucketDir(bucket), { recursive: true, force: true });
  }
}
