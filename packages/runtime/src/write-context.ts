import type { StoreTransaction } from '@allot/store';
import type { EngineHost } from './engine-host.js';
import type { LogWriter, TestHooks } from './log-writer.js';
import type { ProjectedClient } from './projection-batch.js';

/** Everything one write transaction works with: it holds the writer lock and the host is at the head. */
export interface WriteContext {
  trx: StoreTransaction;
  host: EngineHost;
  writer: LogWriter;
  /** The runtime's clock at the start of the write (received/recorded times). */
  now: Date;
  hooks: TestHooks | undefined;
  /** Client projection rows as stored at the head (empty when another writer may have changed them). */
  clientCache: Map<string, ProjectedClient>;
}
