import { Box, Loader, SectionHelper } from '@wix/design-system';
import type { ReactNode } from 'react';
import type { Loaded } from '../lib/use-call';

/** Loading spinner, a plain error with a retry, or the content. */
export function LoadState<T>(props: {
  loaded: Loaded<T>;
  retry: () => void;
  children: (value: T) => ReactNode;
}) {
  const { loaded } = props;
  if (loaded.state === 'loading') {
    return (
      <Box align="center" padding="SP6" dataHook="loading">
        <Loader size="small" />
      </Box>
    );
  }
  if (loaded.state === 'error') {
    return (
      <SectionHelper appearance="danger" actionText="Try again" onAction={props.retry} dataHook="load-error">
        {loaded.message}
      </SectionHelper>
    );
  }
  return <>{props.children(loaded.value)}</>;
}
