import { ManualClock } from '../../src/core/clock';
import { createEmulator, type Emulator } from '../../src/emulator/app';
import { createWixClients, type WixClients } from '../../src/wix/clients';

export interface LocalWix {
  emulator: Emulator;
  /** Real SDK clients whose requests the local Wix answers in-process. */
  wix: WixClients;
  /** The elevated client, for tests that drive SDK modules directly. */
  sdk: WixClients['elevated'];
  clock: ManualClock;
  close(): void;
}

/** A fresh in-memory local Wix with real SDK clients pointed at it. */
export function startLocalWix(options: { file?: string; clock?: ManualClock } = {}): LocalWix {
  const clock = options.clock ?? new ManualClock();
  const emulator = createEmulator({ clock, ...(options.file ? { file: options.file } : {}) });
  const wix = createWixClients({ kind: 'emulator', fetch: emulator.fetch });
  return { emulator, wix, sdk: wix.elevated, clock, close: () => emulator.close() };
}

/** The `applicationError.code` (or status) of an SDK error, for assertions. */
export function wixErrorCode(err: unknown): unknown {
  const e = err as { details?: { applicationError?: { code?: unknown } } };
  return e?.details?.applicationError?.code;
}

/** The application error an SDK call failed with; fails the test if the call succeeded. */
export async function rejection(call: Promise<unknown>) {
  const err = await call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) =>
      e as { status?: number; details?: { applicationError?: { data?: Record<string, unknown> } } },
  );
  return { code: wixErrorCode(err), status: err.status, data: err.details?.applicationError?.data };
}
