import { dashboard } from '@wix/dashboard';

export type Notice = { message: string; type: 'success' | 'error' };
type Listener = (notice: Notice) => void;

let local: Listener | null = null;

/** The page's own toast area registers here; it shows notices when the Wix dashboard host is not there. */
export function onLocalNotice(listener: Listener | null): void {
  local = listener;
}

/**
 * A toast: the Wix dashboard's own inside the dashboard, the page's own elsewhere (served locally the host
 * SDK has no dashboard to talk to, and throws or does nothing).
 */
export function notify(notice: Notice): void {
  const insideWix = window.top !== window.self;
  if (insideWix) {
    try {
      dashboard.showToast({ message: notice.message, type: notice.type });
      return;
    } catch {
      // fall back to the page's own
    }
  }
  local?.(notice);
}
