// Turns a parsed request plus the schema cache into one SQL statement. Values always travel as
// parameters ($n); identifiers come from the schema cache and are quoted. The statement returns one
// row: total (count=exact), page_total, body (JSON/CSV text built by Postgres), and the
// response.headers / response.status GUCs read after the main work is done.
import { ApiError, columnNotFound, notImplemented, undefinedColumn } from './errors.ts';
import {
  FILTER_OPS,
  type Field,
  type Filter,
  type LogicTree,
  type NodeParams,
  type OrderTerm,
  type SelectItem,
} from './parser.ts';
import { findRelationship, isToOne } from './relations.ts';
import type { Func, Relationship, SchemaCache, Table } from './schema.ts';

/** A quoted identifier. NUL cannot be quoted (the protocol ends the statement there), so it is refused. */
export const ident = (s: string) => {
  if (s.includes('\0')) throw new ApiError(400, 'PGRST100', 'failed to parse request', 'a name cannot contain NUL');
  return `"${s.replace(/"/g, '""')}"`;
};
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** A validated cast type (`int4`, `text[]`) as a quoted type name, so it can never carry SQL. */
export const castType = (t: string) => (t.endsWith('[]') ? `${ident(t.slice(0, -2))}[]` : ident(t));
export const qi = (t: { schema: string; name: string }) => `${ident(t.schema)}.${ident(t.name)}`;

export interface Statement {
  sql: string;
  values: unknown[];
}

export type BodyFormat = 'array' | 'object' | 'csv' | 'geojson' | 'none';

export interface OutputOptions {
  format: BodyFormat;
  stripNulls?: boolean;
  count?: boolean;
}

class Params {
  values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** A node of the embed tree: a relation read under `alias`, with its own select, conditions and paging. */
interface Node {
  table?: Table;
  /** Columns known for a function result without a table type (RETURNS TABLE / OUT parameters). */
  display: string;
  /** How Postgres names this relation in errors: the table at the root, `<table>_<depth>` in embeds (as PostgREST aliases them). */
  errName: string;
  depth: number;
  alias: string;
  select: SelectItem[];
  embeds: Embed[];
  params: NodeParams;
  /** The dotted path of this node in filters (`tasks.owner`), '' for the root. */
  path: string;
  /** The node of a hoisted spread: its aggregates are computed by the parent, not here. */
  hoistedChild?: boolean;
}

interface Embed {
  rel: Relationship;
  outName: string;
  lateral: string;
  inner: boolean;
  node: Node;
  toOne: boolean;
  /** Whether the parent's order refers to this embed (then the lateral also exposes the raw row). */
  needsRaw: boolean;
  /** `...rel(cols)`: the embedded object's keys become the parent's own. */
  spread: boolean;
  /** `rel()`: embedded only to filter the parent (with `!inner` or `rel=not.is.null`), not returned. */
  hidden: boolean;
  /** A to-one spread with aggregates: its lateral gives their inputs (`a0`, `a1`…), the parent aggregates them. */
  hoisted: boolean;
}

/** Whether the node's SELECT aggregates: its own aggregates, or those hoisted from a to-one spread. */
const aggregates = (node: Node) =>
  node.select.some((i) => i.type === 'aggregate') || node.embeds.some((e) => e.hoisted);
/** The aggregate items of a hoisted spread's node, in order (their inputs are the lateral's a0, a1, …). */
const hoistedItems = (node: Node) =>
  node.select.filter((i): i is Extract<SelectItem, { type: 'aggregate' }> => i.type === 'aggregate');

export interface ReadInput {
  cache: SchemaCache;
  schema: string;
  select?: SelectItem[];
  nodes: Map<string, NodeParams>;
  maxRows: number | null;
  /** `pgrst.db_aggregates_enabled`: `col.sum()`, `count()`… in select; otherwise PGRST123. */
  aggregates?: boolean;
}

export class Builder {
  private readonly p = new Params();
  private aliasN = 0;
  private readonly input: ReadInput;
  constructor(input: ReadInput) {
    this.input = input;
  }

  get values(): unknown[] {
    return this.p.values;
  }

  param(v: unknown): string {
    return this.p.add(v);
  }

  // ------------------------------------------------------------ planning

  /** Builds the embed tree under `table`, checking every node-scoped parameter names a real embed. */
  plan(table: Table | undefined, display: string): Node {
    const root = this.planNode(table, display, this.input.select ?? [{ type: 'star' }], '', 0);
    for (const path of this.input.nodes.keys()) {
      if (path === '') continue;
      if (!this.findNode(root, path)) {
        const last = path.split('.').pop()!;
        throw new ApiError(
          400,
          'PGRST108',
          `'${last}' is not an embedded resource in this request`,
          null,
          `Verify that '${last}' is included in the 'select' query parameter.`,
        );
      }
    }
    return root;
  }

  private findNode(root: Node, path: string): Node | undefined {
    let n: Node | undefined = root;
    for (const part of path.split('.')) {
      n = n?.embeds.find((e) => e.outName === part)?.node;
      if (!n) return undefined;
    }
    return n;
  }

  private planNode(table: Table | undefined, display: string, select: SelectItem[], path: string, depth: number): Node {
    const alias = `t${this.aliasN++}`;
    const node: Node = {
      table,
      display,
      errName: depth === 0 ? display : `${display}_${depth}`,
      depth,
      alias,
      select,
      embeds: [],
      params: this.input.nodes.get(path) ?? { where: [] },
      path,
    };
    // `rel(count)`: inside an embed, a bare `count` that names no column is the row count (PostgREST's
    // older embedded count, answered even with aggregates off).
    if (depth > 0 && table && !table.columns.has('count') && !table.computed?.has('count')) {
      node.select = select = select.map((i) =>
        i.type === 'field' && i.field.name === 'count' && !i.field.path.length && !i.cast
          ? { type: 'aggregate', fn: 'count', alias: i.alias, legacy: true }
          : i,
      );
    }
    if (select.some((i) => i.type === 'aggregate' && !i.legacy) && !this.input.aggregates)
      throw new ApiError(400, 'PGRST123', 'Use of aggregate functions is not allowed');
    for (const item of select) {
      if (item.type !== 'embed') continue;
      if (!table)
        throw new ApiError(
          400,
          'PGRST200',
          `Could not find a relationship between '${display}' and '${item.name}' in the schema cache`,
          `Searched for a foreign key relationship between '${display}' and '${item.name}' in the schema '${this.input.schema}', but no matches were found.`,
        );
      const rel = findRelationship(this.input.cache, table, item.name, item.hint, this.input.schema);
      // Aggregates inside a to-one spread are computed at this level (PostgREST hoists them): the spread's
      // lateral exposes their inputs and this node aggregates them, grouping by everything else.
      const hoisted = Boolean(item.spread) && item.select.some((i) => i.type === 'aggregate');
      if (hoisted && !isToOne(rel))
        throw notImplemented('aggregates inside a to-many spread embed are not supported by this server');
      if (hoisted && item.select.some((i) => (i.type === 'aggregate' && !i.field) || i.type === 'embed'))
        throw notImplemented('count() or embeds inside a spread with aggregates are not supported by this server');
      const outName = item.alias ?? item.name;
      if (node.embeds.some((e) => e.outName === outName)) {
        // PostgREST names each embed's lateral join <table>_<embed>_<depth>; a repeat is Postgres's 42712.
        throw new ApiError(400, '42712', `table name "${display}_${outName}_${depth + 1}" specified more than once`);
      }
      const childPath = path ? `${path}.${outName}` : outName;
      const child = this.planNode(
        rel.foreign,
        rel.foreign.name,
        item.select.length ? item.select : [{ type: 'star' }],
        childPath,
        depth + 1,
      );
      if (hoisted) child.hoistedChild = true;
      node.embeds.push({
        rel,
        outName,
        lateral: `${alias}_${outName}`.replace(/[^A-Za-z0-9_]/g, '_') + `_${this.aliasN++}`,
        inner: item.join === 'inner',
        node: child,
        toOne: isToOne(rel),
        needsRaw: false,
        spread: Boolean(item.spread),
        hidden: item.select.length === 0,
        hoisted,
      });
    }
    return node;
  }

  // ------------------------------------------------------------ expressions

  private column(node: Node, name: string): string {
    if (node.table && !node.table.columns.has(name)) {
      const fn = node.table.computed?.get(name);
      // The row is cast to the table's type: a mutation's returned rows are an anonymous record.
      if (fn) return `${qi(fn)}(${node.alias}::${qi(node.table)})`;
      throw undefinedColumn(node.errName, name);
    }
    return `${node.alias}.${ident(name)}`;
  }

  private fieldExpr(node: Node, f: Field): string {
    let e = this.column(node, f.name);
    for (const step of f.path) {
      e += /^-?\d+$/.test(step.key) ? `${step.op}${Number(step.key)}` : `${step.op}${this.p.add(step.key)}::text`;
    }
    return f.path.length ? `(${e})` : e;
  }

  private selectList(node: Node): string {
    const out: string[] = [];
    for (const item of node.select) {
      if (item.type === 'star') out.push(`${node.alias}.*`);
      else if (item.type === 'field') {
        let e = this.fieldExpr(node, item.field);
        if (item.cast) e = `${e}::${castType(item.cast)}`;
        const name =
          item.alias ?? (item.field.path.length ? item.field.path[item.field.path.length - 1].key : item.field.name);
        out.push(`${e} as ${ident(name)}`);
      } else if (item.type === 'aggregate') {
        if (node.hoistedChild) continue;
        let input = '*';
        if (item.field) {
          input = this.fieldExpr(node, item.field);
          if (item.cast) input = `${input}::${castType(item.cast)}`;
        }
        let e = `${item.fn}(${input})`;
        if (item.outCast) e = `${e}::${castType(item.outCast)}`;
        out.push(`${e} as ${ident(item.alias ?? item.fn)}`);
      }
    }
    // Beside aggregates an embed is grouped by (its JSON as text, json having no equality).
    const aggregated = aggregates(node);
    for (const em of node.embeds) {
      if (em.hidden) continue;
      const v = aggregated ? `(${ident(em.lateral)}.v::text)::json` : `${ident(em.lateral)}.v`;
      if (em.hoisted) {
        hoistedItems(em.node).forEach((item, i) => {
          let e = `${item.fn}(${ident(em.lateral)}.a${i})`;
          if (item.outCast) e = `${e}::${castType(item.outCast)}`;
          out.push(`${e} as ${ident(item.alias ?? item.fn)}`);
        });
      }
      if (em.spread) {
        const skip = new Set(em.hoisted ? hoistedItems(em.node).map((i) => i.alias ?? i.fn) : []);
        for (const key of outputKeys(em.node)) {
          if (skip.has(key)) continue;
          const e = `${v}->${this.p.add(key)}::text`;
          out.push(`${em.toOne ? e : `coalesce(${e}, '[]'::json)`} as ${ident(key)}`);
        }
      } else out.push(`${em.toOne ? v : `coalesce(${v}, '[]'::json)`} as ${ident(em.outName)}`);
    }
    return out.join(', ');
  }

  /** `group by` the node's plain fields when its select has aggregates (as PostgREST groups). */
  private groupBy(node: Node): string {
    if (!aggregates(node) || node.hoistedChild) return '';
    const keys: string[] = [];
    for (const item of node.select) {
      if (item.type === 'star') keys.push(...[...node.table!.columns.keys()].map((c) => `${node.alias}.${ident(c)}`));
      else if (item.type === 'field') {
        let e = this.fieldExpr(node, item.field);
        if (item.cast) e = `${e}::${castType(item.cast)}`;
        keys.push(e);
      }
    }
    for (const em of node.embeds) if (!em.hidden) keys.push(`${ident(em.lateral)}.v::text`);
    return keys.length ? ` group by ${keys.join(', ')}` : '';
  }

  private filterExpr(node: Node, f: Filter): string {
    const embed = f.field.path.length === 0 ? node.embeds.find((e) => e.outName === f.field.name) : undefined;
    if (embed && !node.table?.columns.has(f.field.name)) {
      if (f.op !== 'is' || f.value.kind !== 'is' || f.value.value !== 'null') {
        throw new ApiError(
          400,
          'PGRST120',
          `Bad operator on the '${f.field.name}' embedded resource`,
          'Only is null or not is null filters are allowed on embedded resources',
        );
      }
      return `${ident(embed.lateral)}.v is ${f.negate ? 'not ' : ''}null`;
    }
    const col = this.fieldExpr(node, f.field);
    const v = f.value;
    let e: string;
    switch (v.kind) {
      case 'is':
        e = `${col} is ${v.value}`;
        break;
      case 'list':
        e = `${col} = any(${this.p.add(v.items)})`;
        break;
      case 'quant': {
        const items = f.op === 'like' || f.op === 'ilike' ? v.items.map((x) => x.replace(/\*/g, '%')) : v.items;
        e = `${col} ${FILTER_OPS[f.op]} ${v.quantifier}(${this.p.add(items)})`;
        break;
      }
      case 'fts': {
        const fn = {
          fts: 'to_tsquery',
          plfts: 'plainto_tsquery',
          phfts: 'phraseto_tsquery',
          wfts: 'websearch_to_tsquery',
        }[f.op as 'fts'];
        const cfg = v.config ? `${this.p.add(v.config)}::regconfig, ` : '';
        const column = node.table?.columns.get(f.field.name);
        const isVector = f.field.path.length === 0 && column?.typname === 'tsvector';
        const doc = isVector ? col : `to_tsvector(${cfg}${col})`;
        e = `${doc} @@ ${fn}(${cfg}${this.p.add(v.text)})`;
        break;
      }
      case 'scalar': {
        const text = f.op === 'like' || f.op === 'ilike' ? v.text.replace(/\*/g, '%') : v.text;
        e = `${col} ${FILTER_OPS[f.op]} ${this.p.add(text)}`;
        break;
      }
    }
    return f.negate ? `not (${e})` : e;
  }

  private logicExpr(node: Node, t: LogicTree): string {
    if (t.type === 'filter') return this.filterExpr(node, t.filter);
    const inner = t.children.map((c) => this.logicExpr(node, c)).join(` ${t.type} `);
    return `${t.negate ? 'not ' : ''}(${inner})`;
  }

  /** The node's own conditions plus `!inner` embeds (whose lateral must have produced a value). */
  private conditions(node: Node): string[] {
    const out = node.params.where.map((t) => this.logicExpr(node, t));
    for (const em of node.embeds) if (em.inner) out.push(`${ident(em.lateral)}.v is not null`);
    return out;
  }

  private orderExpr(node: Node, terms: OrderTerm[] | undefined): string {
    if (!terms?.length) return '';
    const parts = terms.map((t) => {
      let e: string;
      if (t.relation) {
        const em = node.embeds.find((x) => x.outName === t.relation);
        if (!em) {
          throw new ApiError(
            400,
            'PGRST108',
            `'${t.relation}' is not an embedded resource in this request`,
            null,
            `Verify that '${t.relation}' is included in the 'select' query parameter.`,
          );
        }
        if (!em.toOne) {
          throw new ApiError(
            400,
            'PGRST118',
            `A related order on '${t.relation}' is not possible`,
            `'${node.display}' and '${t.relation}' do not form a many-to-one or one-to-one relationship`,
          );
        }
        em.needsRaw = true;
        const rawNode: Node = { ...em.node, alias: `(${ident(em.lateral)}.raw)` };
        e = this.fieldExpr(rawNode, t.field);
      } else e = this.fieldExpr(node, t.field);
      return `${e}${t.dir ? ` ${t.dir}` : ''}${t.nulls ? ` nulls ${t.nulls}` : ''}`;
    });
    return ` order by ${parts.join(', ')}`;
  }

  private paging(limit: number | undefined, offset: number | undefined): string {
    let s = '';
    if (limit !== undefined) s += ` limit ${this.p.add(limit)}`;
    if (offset) s += ` offset ${this.p.add(offset)}`;
    return s;
  }

  // ------------------------------------------------------------ embeds

  /** Join condition between a parent node and an embedded node. */
  private joinCondition(parent: Node, em: Embed): { from: string; where: string[] } {
    const r = em.rel;
    const child = em.node;
    if (r.computed) return { from: '', where: [] };
    if (r.cardinality === 'm2m') {
      const j = r.junction!;
      const ja = `${child.alias}_j`;
      const on = j.target.map(([jc, fc]) => `${ja}.${ident(jc)} = ${child.alias}.${ident(fc)}`).join(' and ');
      return {
        from: ` join ${qi(j.table)} as ${ja} on ${on}`,
        where: j.source.map(([jc, pc]) => `${ja}.${ident(jc)} = ${parent.alias}.${ident(pc)}`),
      };
    }
    return {
      from: '',
      where: r.columns.map(([pc, cc]) => `${child.alias}.${ident(cc)} = ${parent.alias}.${ident(pc)}`),
    };
  }

  /** `left join lateral (…) as "x" on true` for every embed of `node`. */
  private laterals(node: Node, only?: (e: Embed) => boolean): string {
    let s = '';
    for (const em of node.embeds) {
      if (only && !only(em)) continue;
      s += ` left join lateral (${this.embedQuery(node, em)}) as ${ident(em.lateral)} on true`;
    }
    return s;
  }

  private embedQuery(parent: Node, em: Embed): string {
    const child = em.node;
    const { from, where: join } = this.joinCondition(parent, em);
    // Order first: a related order marks the embeds whose lateral must expose the raw row.
    const order = this.orderExpr(child, child.params.order);
    const conds = [...join, ...this.conditions(child)];
    const cols = this.selectList(child);
    const source = em.rel.computed ? `${qi(em.rel.computed)}(${parent.alias}::${qi(parent.table!)})` : qi(child.table!);
    const fromClause = `from ${source} as ${child.alias}${from}${this.laterals(child)}`;
    const where = conds.length ? ` where ${conds.join(' and ')}` : '';
    if (em.hoisted) {
      // The spread's plain columns as JSON (the parent groups by them) and its aggregates' inputs.
      const inputs = hoistedItems(child).map((item, i) => {
        let e = this.fieldExpr(child, item.field!);
        if (item.cast) e = `${e}::${castType(item.cast)}`;
        return `${e} as a${i}`;
      });
      return `select row_to_json(pgrst_r) as v, ${inputs.join(', ')} ${fromClause} cross join lateral (select ${cols}) as pgrst_r${where}`;
    }
    if (em.toOne && aggregates(child)) {
      // Aggregates in a to-one embed: over the (at most one) related row, per parent.
      return `select row_to_json(pgrst_r) as v from (select ${cols} ${fromClause}${where}${this.groupBy(child)}) as pgrst_r`;
    }
    if (em.toOne) {
      const raw = em.needsRaw ? `, ${child.alias} as raw` : '';
      return `select row_to_json(pgrst_r) as v${raw} ${fromClause} cross join lateral (select ${cols}) as pgrst_r${where}`;
    }
    const paging = this.paging(child.params.limit, child.params.offset);
    if (em.spread) {
      // A to-many spread: each column becomes an array, all in the embed's order (PostgREST 13).
      const pairs = outputKeys(child).map(
        (k) => `${this.p.add(k)}::text, coalesce(json_agg(pgrst_r.${ident(k)}), '[]'::json)`,
      );
      if (pairs.length > 50)
        throw notImplemented('a to-many spread of more than 50 columns is not supported by this server');
      // No rows: v is null (so `!inner` and `rel=not.is.null` work), and the parent shows empty arrays.
      return `select case when count(*) > 0 then json_build_object(${pairs.join(', ')}) end as v from (select ${cols} ${fromClause}${where}${this.groupBy(child)}${order}${paging}) as pgrst_r`;
    }
    return `select json_agg(pgrst_r) as v from (select ${cols} ${fromClause}${where}${this.groupBy(child)}${order}${paging}) as pgrst_r`;
  }

  // ------------------------------------------------------------ statements

  /** The final SELECT over `pgrst_source` that renders the body and reads the response GUCs. */
  private wrap(ctes: string, out: OutputOptions, total: string, extra = ''): string {
    let body: string;
    let aggs = `count(*) as page_total, json_agg(_t) as j`;
    switch (out.format) {
      case 'none':
        body = `''`;
        break;
      case 'object':
        body = out.stripNulls
          ? `coalesce(json_strip_nulls(pgrst_agg.j->0)::text, '')`
          : `coalesce((pgrst_agg.j->0)::text, '')`;
        break;
      case 'geojson':
        // PostGIS turns each row into a Feature (geometry column → geometry, the rest → properties).
        aggs += `, json_agg(st_asgeojson(_t)::json) as g`;
        body = `json_build_object('type', 'FeatureCollection', 'features', coalesce(pgrst_agg.g, '[]'::json))::text`;
        break;
      case 'csv':
        aggs += `, string_agg(substr(_t::text, 2, length(_t::text) - 2), E'\\n') as csv`;
        body = `coalesce((select string_agg(k, ',') from json_object_keys(pgrst_agg.j->0) as k), '') || E'\\n' || coalesce(pgrst_agg.csv, '')`;
        break;
      default:
        body = out.stripNulls
          ? `coalesce(json_strip_nulls(pgrst_agg.j)::text, '[]')`
          : `coalesce(pgrst_agg.j::text, '[]')`;
    }
    return (
      `with ${ctes} select ${total} as total, pgrst_agg.page_total, ${body} as body${extra}, ` +
      `nullif(current_setting('response.headers', true), '') as response_headers, ` +
      `nullif(current_setting('response.status', true), '') as response_status ` +
      `from (select ${aggs} from pgrst_source as _t) as pgrst_agg`
    );
  }

  /** GET/HEAD on a table or view. */
  read(table: Table, out: OutputOptions): Statement {
    const root = this.plan(table, table.name);
    const { limit, offset } = this.rootPaging(root);
    const order = this.orderExpr(root, root.params.order);
    const conds = this.conditions(root);
    const where = conds.length ? ` where ${conds.join(' and ')}` : '';
    const cols = this.selectList(root);
    const source = `select ${cols} from ${qi(table)} as ${root.alias}${this.laterals(root)}${where}${this.groupBy(root)}${order}${this.paging(limit, offset)}`;
    let total = 'null::bigint';
    if (out.count) {
      const needed = (e: Embed) => e.inner || root.params.where.some((t) => mentions(t, e.outName));
      total = `(select count(*) from ${qi(table)} as ${root.alias}${this.laterals(root, needed)}${where})`;
    }
    return { sql: this.wrap(`pgrst_source as (${source})`, out, total), values: this.values };
  }

  /**
   * The rows a read would count, for `count=planned`: the caller EXPLAINs it and takes the planner's
   * row estimate instead of counting. Embeds take part only where a filter or `!inner` needs them.
   */
  countSource(table: Table): Statement {
    const root = this.plan(table, table.name);
    const conds = this.conditions(root);
    const where = conds.length ? ` where ${conds.join(' and ')}` : '';
    const needed = (e: Embed) => e.inner || root.params.where.some((t) => mentions(t, e.outName));
    return {
      sql: `select 1 from ${qi(table)} as ${root.alias}${this.laterals(root, needed)}${where}`,
      values: this.values,
    };
  }

  private rootPaging(root: Node): { limit?: number; offset?: number } {
    const max = this.input.maxRows;
    let limit = root.params.limit;
    if (max !== null && max !== undefined) limit = limit === undefined ? max : Math.min(limit, max);
    return { limit, offset: root.params.offset };
  }

  /** The representation of rows a mutation returned (`pgrst_mut` holds whole rows of `table`). */
  private representation(table: Table): string {
    const root = this.plan(table, table.name);
    const cols = this.selectList(root);
    return `select ${cols} from pgrst_mut as ${root.alias}${this.laterals(root)}`;
  }

  /** Root filters of a mutation, against the target aliased as t0. */
  mutationWhere(table: Table): string {
    const root: Node = {
      table,
      display: table.name,
      errName: table.name,
      depth: 0,
      alias: 't0',
      select: [],
      embeds: [],
      params: this.input.nodes.get('') ?? { where: [] },
      path: '',
    };
    const conds = root.params.where.map((t) => this.logicExpr(root, t));
    return conds.length ? ` where ${conds.join(' and ')}` : '';
  }

  insert(table: Table, opts: InsertOptions, out: OutputOptions): Statement {
    for (const c of opts.columns) if (!table.columns.has(c)) throw columnNotFound(table.name, c);
    const body = this.p.add(opts.body);
    const colList = opts.columns.map(ident).join(', ');
    let select: string;
    if (opts.defaultsFor.length) {
      // Each DEFAULT is evaluated for every row, given or not (a lateral per row), as PostgREST's
      // statement does: an identity's sequence advances once per row of the body.
      const defaults: string[] = [];
      const exprs = opts.columns.map((c) => {
        const col = table.columns.get(c)!;
        if (!opts.defaultsFor.includes(c) || col.default === null) return `pgrst_r.${ident(c)}`;
        defaults.push(`${col.default} as d${defaults.length}`);
        return `case when pgrst_j::jsonb ? ${literal(c)} then pgrst_r.${ident(c)} else pgrst_d.d${defaults.length - 1} end`;
      });
      // Correlated (`where pgrst_j is not null`) so the planner cannot evaluate it once for all rows.
      const lateral = defaults.length
        ? `, lateral (select ${defaults.join(', ')} where pgrst_j is not null) as pgrst_d`
        : '';
      select = `select ${exprs.join(', ')} from json_array_elements(${body}::json) as pgrst_j, json_populate_record(null::${qi(table)}, pgrst_j) as pgrst_r${lateral}`;
    } else {
      select = `select ${opts.columns.map((c) => `pgrst_r.${ident(c)}`).join(', ')} from json_populate_recordset(null::${qi(table)}, ${body}::json) as pgrst_r`;
    }
    let conflict = '';
    if (opts.resolution) {
      const keys = opts.onConflict ?? table.pk;
      for (const c of keys) if (!table.columns.has(c)) throw columnNotFound(table.name, c);
      if (!keys.length)
        throw new ApiError(400, 'PGRST100', 'on_conflict is required for an upsert on a table without a primary key');
      if (opts.resolution === 'ignore-duplicates') conflict = ` on conflict (${keys.map(ident).join(', ')}) do nothing`;
      else {
        const sets = opts.columns.filter((c) => !keys.includes(c));
        const upd = (sets.length ? sets : keys).map((c) => `${ident(c)} = excluded.${ident(c)}`).join(', ');
        conflict = ` on conflict (${keys.map(ident).join(', ')}) do update set ${upd}`;
      }
    }
    const target = opts.columns.length ? `${qi(table)} as t0 (${colList})` : `${qi(table)} as t0`;
    const dml = `insert into ${target} ${select}${conflict}`;
    if (out.format === 'none' && !opts.wantInserted) return { sql: dml, values: this.values };
    return this.mutationStatement(table, dml, out, opts.wantInserted);
  }

  update(table: Table, columns: string[], body: unknown, out: OutputOptions): Statement {
    for (const c of columns) if (!table.columns.has(c)) throw columnNotFound(table.name, c);
    const b = this.p.add(body);
    const sets = columns.map((c) => `${ident(c)} = pgrst_r.${ident(c)}`).join(', ');
    const dml = `update ${qi(table)} as t0 set ${sets} from json_populate_record(null::${qi(table)}, ${b}::json) as pgrst_r${this.mutationWhere(table)}`;
    if (out.format === 'none') return { sql: dml, values: this.values };
    return this.mutationStatement(table, dml, out, false);
  }

  delete(table: Table, out: OutputOptions): Statement {
    const dml = `delete from ${qi(table)} as t0${this.mutationWhere(table)}`;
    if (out.format === 'none') return { sql: dml, values: this.values };
    return this.mutationStatement(table, dml, out, false);
  }

  private mutationStatement(table: Table, dml: string, out: OutputOptions, wantInserted: boolean): Statement {
    const returning = wantInserted
      ? ` returning t0 as pgrst_row, (t0.xmax = 0) as pgrst_inserted`
      : ` returning t0 as pgrst_row`;
    const mut = `pgrst_raw as (${dml}${returning}), pgrst_mut as (select (pgrst_row).* from pgrst_raw)`;
    const format = out.format === 'none' ? { ...out, format: 'none' as const } : out;
    const source = out.format === 'none' ? 'select 1 from pgrst_mut' : this.representation(table);
    const extra = wantInserted ? `, (select count(*) from pgrst_raw where pgrst_inserted) as inserted` : '';
    return {
      sql: this.wrap(`${mut}, pgrst_source as (${source})`, format, 'null::bigint', extra),
      values: this.values,
    };
  }

  /** rpc: the function's result, filtered, ordered and paged like a table when it returns rows. */
  rpc(fn: Func, args: RpcArgs, out: OutputOptions): Statement {
    let call: string;
    let from = '';
    if (args.kind === 'single') call = `${qi(fn)}(${this.p.add(args.body)}::${fn.params[0].type})`;
    else if (args.names.length === 0) call = `${qi(fn)}()`;
    else {
      const defs = args.names.map((n) => `${ident(n)} ${fn.params.find((p) => p.name === n)!.type}`).join(', ');
      from = `json_to_record(${this.p.add(args.body)}::json) as pgrst_args(${defs}), `;
      call = `${qi(fn)}(${args.names
        .map((n) => {
          const p = fn.params.find((x) => x.name === n)!;
          return `${p.variadic ? 'variadic ' : ''}${ident(n)} => pgrst_args.${ident(n)}`;
        })
        .join(', ')})`;
    }
    if (fn.returnKind === 'void') {
      const src = `select ${call} ${from ? `from ${from.slice(0, -2)}` : ''}`;
      return { sql: this.wrap(`pgrst_source as (${src})`, { format: 'none' }, 'null::bigint'), values: this.values };
    }
    if (fn.returnKind === 'scalar') {
      const src = `select ${call} as pgrst_scalar ${from ? `from ${from.slice(0, -2)}` : ''}`;
      const root = this.input.nodes.get('') ?? { where: [] };
      if (root.where.length || root.order?.length) {
        throw notImplemented(
          'filters and order on a function that returns scalar values are not supported by this server',
        );
      }
      const body = fn.returnsSet
        ? `coalesce(json_agg(_t.pgrst_scalar)::text, '[]')`
        : `coalesce((json_agg(_t.pgrst_scalar)->0)::text, 'null')`;
      const total = out.count ? `(select count(*) from (${src}) as pgrst_all)` : 'null::bigint';
      const max = this.input.maxRows;
      const limit = max === null || max === undefined || !fn.returnsSet ? root.limit : Math.min(root.limit ?? max, max);
      const sql =
        `with pgrst_source as (${src}${this.paging(limit, root.offset)}) select ${total} as total, count(*) as page_total, ${body} as body, ` +
        `nullif(current_setting('response.headers', true), '') as response_headers, nullif(current_setting('response.status', true), '') as response_status from pgrst_source as _t`;
      return { sql, values: this.values };
    }
    const root = this.plan(fn.returnTable ?? fn.outTable, fn.name);
    const { limit, offset } = this.rootPaging(root);
    const order = this.orderExpr(root, root.params.order);
    const conds = this.conditions(root);
    const where = conds.length ? ` where ${conds.join(' and ')}` : '';
    const src = `select ${this.selectList(root)} from ${from}${call} as ${root.alias}${this.laterals(root)}${where}${this.groupBy(root)}${order}${this.paging(limit, offset)}`;
    const total = out.count
      ? `(select count(*) from ${from}${call} as ${root.alias}${this.laterals(root, (e) => e.inner)}${where})`
      : 'null::bigint';
    const format = !fn.returnsSet && out.format === 'array' ? { ...out, format: 'object' as const } : out;
    return { sql: this.wrap(`pgrst_source as (${src})`, format, total), values: this.values };
  }
}

/** The keys a node's JSON object has, in order (needed to inline a spread embed's keys). */
function outputKeys(node: Node): string[] {
  const keys: string[] = [];
  for (const item of node.select) {
    if (item.type === 'star') keys.push(...node.table!.columns.keys());
    else if (item.type === 'field')
      keys.push(
        item.alias ?? (item.field.path.length ? item.field.path[item.field.path.length - 1].key : item.field.name),
      );
    else if (item.type === 'aggregate') keys.push(item.alias ?? item.fn);
  }
  for (const em of node.embeds) {
    if (em.hidden) continue;
    if (em.spread) keys.push(...outputKeys(em.node));
    else keys.push(em.outName);
  }
  return keys;
}

function mentions(t: LogicTree, name: string): boolean {
  if (t.type === 'filter') return t.filter.field.name === name && t.filter.field.path.length === 0;
  return t.children.some((c) => mentions(c, name));
}

export interface InsertOptions {
  columns: string[];
  /** JSON text of an array of objects. */
  body: string;
  /** Columns whose DEFAULT applies where a row lacks the key (Prefer: missing=default). */
  defaultsFor: string[];
  resolution?: 'merge-duplicates' | 'ignore-duplicates';
  onConflict?: string[];
  wantInserted: boolean;
}

export type RpcArgs = { kind: 'single'; body: string | Buffer } | { kind: 'named'; names: string[]; body: string };
