import type { Clock } from '../core/clock';
import type { DocumentStore } from './document-store';

/** What every emulated Wix module is built from. */
export interface EmulatorContext {
  store: DocumentStore;
  clock: Clock;
}
