// Listing a folder: sub-folders come first as entries with id null, then files, filtered by prefix
// and search, paged with limit/offset and sorted by the requested column.
import { beforeAll, describe, expect, it } from 'vitest';
import { applyStorageFixtures, storageUser } from './support.ts';

describe('storage list', () => {
  let u: Awaited<ReturnType<typeof storageUser>>;
  const bucket = () => u.client.storage.from('cf-private');

  beforeAll(async () => {
    await applyStorageFixtures();
    u = await storageUser();
    for (const name of ['b.txt', 'a.txt', 'c.png', 'photos/1.png', 'photos/2.png', 'docs/x/deep.pdf']) {
      expect((await bucket().upload(`${u.folder}/${name}`, name)).error).toBeNull();
    }
  });

  it('lists sub-folders (id null) before files, each by name', async () => {
    const { data, error } = await bucket().list(u.folder);
    expect(error).toBeNull();
    expect(data!.map((o) => [o.name, o.id === null])).toEqual([
      ['docs', true],
      ['photos', true],
      ['a.txt', false],
      ['b.txt', false],
      ['c.png', false],
    ]);
    expect(data![2].metadata).toMatchObject({ size: 5, mimetype: 'text/plain;charset=UTF-8' });
  });

  it('lists the contents of a nested prefix', async () => {
    const { data } = await bucket().list(`${u.folder}/photos`);
    expect(data!.map((o) => o.name)).toEqual(['1.png', '2.png']);
  });

  it('filters the level by a search string', async () => {
    const { data } = await bucket().list(u.folder, { search: 'b' });
    expect(data!.map((o) => o.name)).toEqual(['b.txt']);
  });

  it('pages with limit and offset', async () => {
    const { data } = await bucket().list(u.folder, { limit: 2, offset: 2 });
    expect(data!.map((o) => o.name)).toEqual(['a.txt', 'b.txt']);
  });

  it('sorts files in the requested order', async () => {
    const { data } = await bucket().list(u.folder, { sortBy: { column: 'name', order: 'desc' } });
    expect(data!.filter((o) => o.id).map((o) => o.name)).toEqual(['c.png', 'b.txt', 'a.txt']);
  });

  it("shows another user nothing of this user's folder", async () => {
    const other = await storageUser();
    const { data, error } = await other.client.storage.from('cf-private').list(u.folder);
    expect(error).toBeNull();
    expect(data).toEqual([]);
  });
});
