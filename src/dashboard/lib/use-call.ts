import { useCallback, useEffect, useState } from 'react';
import { plainError } from './plain-errors';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; value: T };

/** Loads `load()` now and whenever `reload()` is called or `deps` change; errors in plain words. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the load depends on
  useEffect(() => {
    let current = true;
    setLoaded((previous) => (previous.state === 'ready' ? previous : { state: 'loading' }));
    load().then(
      (value) => current && setLoaded({ state: 'ready', value }),
      (error: unknown) => current && setLoaded({ state: 'error', message: plainError(error) }),
    );
    return () => {
      current = false;
    };
  }, [...deps, version]);
  return [loaded, useCallback(() => setVersion((v) => v + 1), [])];
}
