import { WebMethodError } from '../lib/web-method-error';
import { staffToken } from './session';

/**
 * One web-method call as the local host serves it: `POST /web-methods/<file>/<method>` with `{"args": […]}`
 * and the staff token; `{"error": {code, message}}` becomes a thrown WebMethodError carrying the code.
 */
export async function callWebMethod(file: string, method: string, args: unknown[]): Promise<unknown> {
  const token = staffToken();
  let response: Response;
  try {
    response = await fetch(`/web-methods/${file}/${method}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ args }),
    });
  } catch {
    throw new WebMethodError('NETWORK', 'The server could not be reached');
  }
  const body = (await response.json().catch(() => null)) as {
    result?: unknown;
    error?: { code?: string; message?: string; details?: Record<string, unknown> };
  } | null;
  if (response.ok && body && 'result' in body) return body.result;
  throw new WebMethodError(
    body?.error?.code ?? 'INTERNAL',
    body?.error?.message ?? `HTTP ${response.status}`,
    body?.error?.details,
  );
}
