import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Statements a connection names at most; past it, new ones run unnamed, so server memory stays bounded. */
export const MAX_NAMED_STATEMENTS = 500;

interface Naming {
  on: boolean;
  names: Set<string>;
}

const naming = new WeakMap<pg.PoolClient, Naming>();

/**
 * While on, a pooled client's parameterised statements are named by a hash of their text: PostgreSQL
 * parses each once per connection and, after five runs, keeps a generic plan instead of planning it
 * on every call (planning was a quarter of a POS commit's database time). For the hot OLTP routes
 * only (route config `prepared`): a generic plan suits point reads and writes, not counts over a
 * population whose best plan depends on the values (segments, analytics).
 */
export function nameStatements(client: pg.PoolClient, on: boolean): void {
  let state = naming.get(client);
  if (!state) {
    if (!on) return;
    state = install(client);
  }
  state.on = on;
}

/** The name a hot statement goes by on this client, or undefined (naming off, or the client's names used up). */
export function statementName(client: pg.PoolClient, text: string): string | undefined {
  const state = naming.get(client);
  if (!state?.on) return undefined;
  const name = `m_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  if (!state.names.has(name)) {
    if (state.names.size >= MAX_NAMED_STATEMENTS) return undefined;
    state.names.add(name);
  }
  return name;
}

function install(client: pg.PoolClient): Naming {
  const state: Naming = { on: false, names: new Set() };
  naming.set(client, state);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const named = (config: unknown, values: unknown) => {
    if (!state.on || config === null || (typeof config !== 'object' && typeof config !== 'string')) return config;
    const c: pg.QueryConfig = typeof config === 'string' ? { text: config } : (config as pg.QueryConfig);
    const params = Array.isArray(values) ? values : c.values;
    if (c.name || typeof c.text !== 'string' || !params?.length) return config;
    const name = statementName(client, c.text);
    return name ? { ...c, name } : config;
  };
  (client as unknown as { query: unknown }).query = (config: unknown, values?: unknown, callback?: unknown) =>
    query(named(config, values), values, callback);
  return state;
}
