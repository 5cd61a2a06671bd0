// Resource embedding through foreign keys, with filters, order and paging scoped to embeds.
import { describe, expect, it } from 'vitest';
import { anon } from './helpers.ts';

describe('rest: embedding', () => {
  it('embeds a many-to-one parent as an object', async () => {
    const { data } = await anon().from('projects').select('name, orgs(slug)').eq('id', 3);
    expect(data).toEqual([{ name: 'Laser', orgs: { slug: 'globex' } }]);
  });

  it('embeds one-to-many children as an array (empty when none)', async () => {
    const { data } = await anon()
      .from('orgs')
      .select('slug, projects(name)')
      .order('id')
      .order('name', { referencedTable: 'projects' });
    expect(data).toEqual([
      { slug: 'acme', projects: [{ name: 'Anvil' }, { name: 'Rocket' }] },
      { slug: 'globex', projects: [{ name: 'Laser' }] },
      { slug: 'empty', projects: [] },
    ]);
  });

  it('embeds a one-to-one relationship as an object from both sides', async () => {
    const { data } = await anon().from('orgs').select('slug, org_settings(theme)').in('id', [1, 2]).order('id');
    expect(data).toEqual([
      { slug: 'acme', org_settings: { theme: 'dark' } },
      { slug: 'globex', org_settings: null },
    ]);
    const { data: back } = await anon().from('org_settings').select('theme, orgs(slug)');
    expect(back).toEqual([{ theme: 'dark', orgs: { slug: 'acme' } }]);
  });

  it('embeds many-to-many through a junction table', async () => {
    const { data } = await anon()
      .from('tasks')
      .select('id, tags(name)')
      .in('id', [1, 3])
      .order('id')
      .order('name', { referencedTable: 'tags' });
    expect(data).toEqual([
      { id: 1, tags: [{ name: 'green' }, { name: 'red' }] },
      { id: 3, tags: [] },
    ]);
    const { data: back } = await anon().from('tags').select('name, tasks(id)').eq('name', 'blue');
    expect(back).toEqual([{ name: 'blue', tasks: [{ id: 4 }] }]);
  });

  it('embeds self-references: the FK column for the parent, the table name for children', async () => {
    const { data } = await anon()
      .from('people')
      .select('name, manager:manager_id(name), reports:people(name)')
      .eq('id', 2);
    expect(data).toEqual([{ name: 'Bob', manager: { name: 'Ada' }, reports: [{ name: 'Di' }] }]);
  });

  it('disambiguates with !hint naming the FK constraint or the FK column', async () => {
    const { data } = await anon()
      .from('projects')
      .select('name, owner:people!projects_owner_id_fkey(name), reviewer:people!reviewer_id(name)')
      .eq('id', 1);
    expect(data).toEqual([{ name: 'Rocket', owner: { name: 'Ada' }, reviewer: { name: 'Bob' } }]);
  });

  it('answers an ambiguous embed with PGRST201 (300) listing the candidates', async () => {
    const { error, status } = await anon().from('projects').select('name, people(name)');
    expect(status).toBe(300);
    expect(error!.code).toBe('PGRST201');
    expect(error!.hint).toContain("'people!projects_owner_id_fkey'");
    expect(error!.details).toHaveLength(2);
  });

  it('answers an unknown relationship with PGRST200 (400)', async () => {
    const { error, status } = await anon().from('orgs').select('slug, tags(name)');
    expect(status).toBe(400);
    expect(error).toMatchObject({
      code: 'PGRST200',
      message: "Could not find a relationship between 'orgs' and 'tags' in the schema cache",
    });
  });

  it('filters parents by embedded rows with !inner', async () => {
    const { data } = await anon().from('projects').select('name, orgs!inner(slug)').eq('orgs.slug', 'globex');
    expect(data).toEqual([{ name: 'Laser', orgs: { slug: 'globex' } }]);
  });

  it('keeps every parent with !left and filters only the embed', async () => {
    const { data } = await anon().from('projects').select('id, orgs!left(slug)').eq('orgs.slug', 'globex').order('id');
    expect(data).toEqual([
      { id: 1, orgs: null },
      { id: 2, orgs: null },
      { id: 3, orgs: { slug: 'globex' } },
    ]);
  });

  it('counts only parents that satisfy an !inner embed', async () => {
    const { count, data } = await anon()
      .from('projects')
      .select('id, tasks!inner(id)', { count: 'exact' })
      .eq('tasks.status', 'doing');
    expect(count).toBe(2);
    expect(data).toHaveLength(2);
  });

  it('nests embeds two and three levels deep', async () => {
    const { data } = await anon().from('orgs').select('slug, projects(name, tasks(title, tags(name)))').eq('id', 2);
    expect(data).toEqual([
      { slug: 'globex', projects: [{ name: 'Laser', tasks: [{ title: 'Focus beam', tags: [] }] }] },
    ]);
    const { data: up } = await anon()
      .from('task_tags')
      .select('tags(name), tasks(title, projects(name, orgs(slug)))')
      .eq('task_id', 4);
    expect(up).toEqual([
      { tags: { name: 'blue' }, tasks: { title: 'Forge anvil', projects: { name: 'Anvil', orgs: { slug: 'acme' } } } },
    ]);
  });

  it('applies filters, or, order, limit and offset to an embed', async () => {
    const { data } = await anon()
      .from('projects')
      .select('id, tasks(id)')
      .eq('id', 1)
      .or('status.eq.todo,status.eq.doing', { referencedTable: 'tasks' })
      .order('id', { referencedTable: 'tasks', ascending: false })
      .limit(1, { referencedTable: 'tasks' });
    expect(data).toEqual([{ id: 1, tasks: [{ id: 3 }] }]);
    const { data: off } = await anon()
      .from('projects')
      .select('id, tasks(id)')
      .eq('id', 1)
      .order('id', { referencedTable: 'tasks' })
      .range(1, 1, { referencedTable: 'tasks' });
    expect(off).toEqual([{ id: 1, tasks: [{ id: 2 }] }]);
  });

  it('filters parents by the presence of embedded rows with not.is.null', async () => {
    const { data } = await anon().from('orgs').select('slug, projects(id)').not('projects', 'is', null).order('id');
    expect(data!.map((r) => r.slug)).toEqual(['acme', 'globex']);
  });

  it('embeds through composite foreign keys', async () => {
    const { data } = await anon()
      .from('shifts')
      .select('day, shift_notes(note)')
      .eq('person_id', 1)
      .order('day')
      .order('note', { referencedTable: 'shift_notes' });
    expect(data).toEqual([
      { day: '2024-01-01', shift_notes: [{ note: 'closed' }, { note: 'opened' }] },
      { day: '2024-01-02', shift_notes: [] },
    ]);
  });

  it('embeds through views using the foreign keys of their base tables', async () => {
    const { data } = await anon().from('open_tasks').select('id, projects(name)').eq('id', 4);
    expect(data).toEqual([{ id: 4, projects: { name: 'Anvil' } }]);
    const { data: back } = await anon()
      .from('projects')
      .select('name, open_tasks(id)')
      .eq('id', 1)
      .order('id', { referencedTable: 'open_tasks' });
    expect(back).toEqual([{ name: 'Rocket', open_tasks: [{ id: 2 }, { id: 3 }] }]);
  });

  it('spreads the columns of a to-one embed into the parent', async () => {
    const { data } = await anon()
      .from('projects')
      .select('name, ...orgs(org_slug:slug, ...org_settings(theme))')
      .in('id', [1, 3])
      .order('id');
    expect(data).toEqual([
      { name: 'Rocket', org_slug: 'acme', theme: 'dark' },
      { name: 'Laser', org_slug: 'globex', theme: null },
    ]);
  });

  it('orders parents by a column of a to-one embed', async () => {
    const { data } = await anon()
      .from('projects')
      .select('name, orgs(slug)')
      .order('orgs(slug)', { ascending: false })
      .order('id');
    expect(data!.map((r) => r.name)).toEqual(['Laser', 'Rocket', 'Anvil']);
  });
});
