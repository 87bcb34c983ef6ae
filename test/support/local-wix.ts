import { ManualClock } from '../../src/core/clock';
import { createEmulator, type Emulator } from '../../src/emulator/app';
import { createWixClients, type WixClients } from '../../src/wix/clients';
import { loginAtLocalWix } from '../../src/wix/local-login';

export interface LocalWix {
  emulator: Emulator;
  /** Real SDK clients (the local Wix's app, `AppStrategy`) whose requests the local Wix answers in-process. */
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
  const wix = createWixClients({ kind: 'app', ...emulator.credentials, fetch: emulator.fetch });
  return {
    emulator,
    wix,
    sdk: wix.elevated,
    clock,
    close: () => {
      wix.close();
      emulator.close();
    },
  };
}

/**
 * What `createClient` needs to call the local Wix as a signed-in site member: the member's access token,
 * issued by the local Wix at login, sent as Wix sends it (`Authorization: <token>`).
 */
export async function memberSession(local: LocalWix, memberId: string) {
  const token = await loginAtLocalWix(local.wix, { memberId });
  return {
    auth: { getAuthHeaders: async () => ({ headers: { Authorization: token } }) },
    fetch: local.emulator.fetch,
  };
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
