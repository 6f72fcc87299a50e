import type pg from 'pg';
import { Pipeline, type Statement } from './pipeline';
import { statementName } from './prepared';

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * What a transaction sends, in as few round trips as the protocol allows: BEGIN and the tenant
 * settings go with the transaction's first statement, and the writes held for the commit
 * (Tx.atCommit) go with COMMIT. A transaction that sent nothing has nothing to commit.
 */
export class TransactionWire {
  /** The client as the transaction's code sees it: its queries open the transaction first. */
  readonly client: pg.PoolClient;
  private opened = false;
  private collecting = 0;
  private over = false;
  private readonly waiting: { statement: Statement; resolve: (r: pg.QueryResult) => void; reject: (e: unknown) => void }[] = [];

  constructor(
    private readonly real: pg.PoolClient,
    private readonly opening: Statement[],
  ) {
    let query: Query = (config, values, callback) => this.query(config, values, callback);
    this.client = new Proxy(real, {
      get: (target, key) => {
        if (key === 'query') return query;
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
      // Wrapping the transaction's query (a test counting statements) wraps this one, not the pooled client's.
      set: (target, key, value) => {
        if (key === 'query') query = value;
        else Reflect.set(target, key, value, target);
        return true;
      },
    });
  }

  /**
   * Runs fns side by side: the statements they send meanwhile go out together, one round trip for
   * each step they take in step (their first statements, then their second ones…).
   */
  async together<T>(fns: (() => Promise<T>)[]): Promise<T[]> {
    this.collecting++;
    try {
      // Every fn settles before the transaction goes on: none sends a statement after a rollback.
      const settled = await Promise.allSettled(fns.map((fn) => fn()));
      const failed = settled.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
    } finally {
      this.collecting--;
    }
  }

  private query(config: unknown, values?: unknown, callback?: unknown): unknown {
    if (this.over) return Promise.reject(new Error('the transaction is over'));
    const direct = this.real.query.bind(this.real) as Query;
    const statement = pipelinable(config, values, callback);
    if (statement && this.collecting > 0) {
      return new Promise((resolve, reject) => {
        // The others' statements are on their way within this turn of the event loop.
        if (this.waiting.length === 0) setImmediate(() => this.flush());
        this.waiting.push({ statement, resolve, reject });
      });
    }
    this.flush();
    if (statement && !this.opened) return this.send([statement]).then(([result]) => result);
    // Not one parameterised statement (a savepoint, a multi-statement text): open first if need be.
    return this.opened ? direct(config, values, callback) : this.send([]).then(() => direct(config, values, callback));
  }

  /** Sends the statements waiting, behind BEGIN if the transaction is not open yet. */
  private flush(): void {
    const list = this.waiting.splice(0);
    if (list.length === 0) return;
    this.send(list.map((w) => w.statement)).then(
      (results) => {
        for (const [i, w] of list.entries()) w.resolve(results[i]);
      },
      (err) => {
        for (const w of list) w.reject(err);
      },
    );
  }

  /** Sends the held writes and COMMIT in one round trip (with BEGIN too if nothing else was sent). */
  async commit(held: Statement[]): Promise<void> {
    this.over = true;
    if (this.opened || held.length > 0) await this.send([...held, { text: 'commit' }]);
  }

  async rollback(): Promise<void> {
    this.over = true;
    for (const w of this.waiting.splice(0)) w.reject(new Error('the transaction rolled back'));
    if (this.opened) await this.real.query('rollback');
  }

  /** These statements, behind BEGIN and the settings if the transaction is not open yet; their results. */
  private async send(statements: Statement[]): Promise<pg.QueryResult[]> {
    const opening = this.opened ? [] : this.opening;
    this.opened = true;
    return (await this.pipeline([...opening, ...statements])).slice(opening.length);
  }

  private pipeline(statements: Statement[]): Promise<pg.QueryResult[]> {
    const named = statements.map((s) => (s.values?.length && !s.name ? { ...s, name: statementName(this.real, s.text) } : s));
    const pipeline = new Pipeline(named);
    this.real.query(pipeline as unknown as pg.QueryConfig);
    return pipeline.results;
  }
}

/** The statement of a promise-style query with parameters, which the extended protocol can pipeline. */
function pipelinable(config: unknown, values: unknown, callback: unknown): Statement | null {
  if (callback !== undefined || config === null || typeof config !== 'object') return null;
  const c = config as Statement & { submit?: unknown };
  if (typeof c.submit === 'function' || typeof c.text !== 'string') return null;
  const params = Array.isArray(values) ? values : c.values;
  if (!params?.length) return null;
  return { ...c, values: params };
}
