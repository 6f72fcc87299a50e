import pg from 'pg';

/** A statement for the extended protocol: text with $n parameters, its values, maybe a name and row mode. */
export type Statement = pg.QueryConfig & { rowMode?: 'array' };

/**
 * Several statements in one round trip: Parse/Bind/Describe/Execute for each, then one Sync, as
 * the extended protocol allows (node-postgres sends one statement per round trip). The server runs
 * them in order; after an error it skips the rest up to the Sync, so a pipeline inside a
 * transaction block fails as a whole. Each statement keeps its own row mode and type parsers.
 *
 * It is a node-postgres "submittable": the client routes the backend's messages to it.
 */
export class Pipeline {
  private readonly parts: pg.Query[];
  private at = 0;
  /** Named statements this pipeline submitted for parsing, to forget if it fails before them. */
  private readonly submitted: string[] = [];
  private readonly promise: Promise<pg.QueryResult[]>;
  private settle!: { resolve: (r: pg.QueryResult[]) => void; reject: (e: unknown) => void };

  constructor(private readonly statements: Statement[]) {
    this.parts = statements.map((s) => new pg.Query(s));
    this.promise = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  /** The results, one per statement. */
  get results(): Promise<pg.QueryResult[]> {
    return this.promise;
  }

  // The client reads these when a ParseComplete or an error arrives: the statement in progress.
  get name(): string | undefined {
    return this.statements[this.at]?.name;
  }

  get text(): string | undefined {
    return this.statements[this.at]?.text;
  }

  submit(connection: Connection): Error | null {
    connection.stream.cork?.();
    try {
      for (const q of this.statements) {
        const name = q.name;
        if (!name || (connection.parsedStatements[name] === undefined && connection.submittedNamedStatements[name] === undefined)) {
          connection.parse({ text: q.text, name, types: q.types });
          if (name) {
            connection.submittedNamedStatements[name] = q.text;
            this.submitted.push(name);
          }
        }
        connection.bind({ portal: '', statement: name, values: q.values, binary: false, valueMapper: prepareValue });
        connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '', rows: undefined });
      }
      connection.sync();
    } catch (err) {
      // A value that cannot be sent (prepareValue threw): nothing reached the server yet but the
      // messages before it; Sync ends them, and the error is the pipeline's.
      connection.sync();
      this.fail(err, connection);
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(msg: unknown) {
    part(this.parts[this.at]).handleRowDescription(msg);
  }

  handleDataRow(msg: unknown) {
    part(this.parts[this.at]).handleDataRow(msg);
  }

  handleCommandComplete(msg: unknown, connection: Connection) {
    part(this.parts[this.at]).handleCommandComplete(msg, connection);
    this.at++;
  }

  handleEmptyQuery() {
    this.at++;
  }

  handleError(err: unknown, connection: Connection) {
    this.fail(err, connection);
  }

  handleReadyForQuery() {
    const broken = this.parts.map((q) => part(q)._canceledDueToError).find(Boolean);
    if (broken) this.settle.reject(broken);
    else this.settle.resolve(this.parts.map((q) => part(q)._results));
  }

  handlePortalSuspended() {}

  handleCopyInResponse(connection: Connection) {
    connection.sendCopyFail('COPY is not pipelined');
  }

  handleCopyData() {}

  private fail(err: unknown, connection: Connection) {
    // The server skipped the statements after the failing one: their Parse never happened.
    for (const name of this.submitted) {
      if (connection.parsedStatements[name] === undefined) delete connection.submittedNamedStatements[name];
    }
    this.settle.reject(err);
  }
}

/** How node-postgres writes a parameter (dates, arrays, JSON), exported but not typed. */
const { prepareValue } = (pg as unknown as { utils: { prepareValue: (v: unknown) => unknown } }).utils;

/** What of pg's Connection a pipeline uses (not in @types/pg). */
interface Connection {
  stream: { cork?: () => void; uncork?: () => void };
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
  parse(msg: { text?: string; name?: string; types?: unknown }): void;
  bind(msg: Record<string, unknown>): void;
  describe(msg: { type: 'P'; name: string }): void;
  execute(msg: { portal: string; rows: undefined }): void;
  sync(): void;
  sendCopyFail(msg: string): void;
}

/** pg.Query's message handlers and state, which @types/pg leaves out. */
function part(q: pg.Query) {
  return q as unknown as {
    handleRowDescription(msg: unknown): void;
    handleDataRow(msg: unknown): void;
    handleCommandComplete(msg: unknown, connection: Connection): void;
    _canceledDueToError: unknown;
    _results: pg.QueryResult;
  };
}
