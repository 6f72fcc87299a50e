// Serialises wire-protocol messages from many connections onto PGlite's single session.
// pglite-socket's own queue only keeps a connection's messages together inside an explicit
// transaction, so two pooled connections' Parse/Bind/Execute/Sync batches interleave and clobber
// the unnamed statement (electric-sql/pglite#1046). This queue pins the session to a connection
// from its first message until the session is idle again: after a Sync or simple Query that
// leaves no transaction open, or a Terminate.
const RELEASING = new Set(['S', 'Q']);
const TERMINATE = 'X';
const STARTUP = '\0'; // the startup packet has no type byte; its length starts with a zero

export class WireQueue {
  constructor(db) {
    this.db = db;
    this.queue = [];
    this.owner = null;
    this.running = false;
  }

  enqueue(handlerId, message, onData) {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      this.pump();
    });
  }

  /** Runs fn while no connection owns the session (for dumps and maintenance). */
  exclusive(fn) {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId: -1, run: fn, resolve, reject });
      this.pump();
    });
  }

  next() {
    const i = this.owner === null ? 0 : this.queue.findIndex((q) => q.handlerId === this.owner);
    return i === -1 ? undefined : this.queue.splice(i, 1)[0];
  }

  async pump() {
    if (this.running) return;
    this.running = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        try {
          if (item.run) {
            item.resolve(await item.run());
            continue;
          }
          let bytes = 0;
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
          this.settleOwner(item);
          item.resolve(bytes);
        } catch (err) {
          this.settleOwner(item);
          item.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }

  settleOwner(item) {
    const type = String.fromCharCode(item.message[0]);
    const idle = (RELEASING.has(type) && !this.db.isInTransaction()) || type === TERMINATE || type === STARTUP;
    this.owner = idle ? null : item.handlerId;
  }

  clearQueueForHandler(handlerId) {
    this.queue = this.queue.filter((q) => {
      if (q.handlerId !== handlerId) return true;
      q.reject(new Error('connection closed'));
      return false;
    });
  }

  async clearTransactionIfNeeded(handlerId) {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    this.pump();
  }
}
