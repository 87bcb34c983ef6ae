/** A failed web-method call: the stable code decides what the page says. */
export class WebMethodError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'WebMethodError';
  }
}

/** The code, message and details of whatever a call threw (on Wix hosting errors carry `code` too). */
export function errorParts(error: unknown): {
  code: string;
  message: string;
  details: Record<string, unknown>;
} {
  if (error instanceof WebMethodError)
    return { code: error.code, message: error.message, details: error.details ?? {} };
  const code =
    error && typeof error === 'object' && 'code' in error && typeof error.code === 'string'
      ? error.code
      : 'INTERNAL';
  return { code, message: error instanceof Error ? error.message : String(error), details: {} };
}
