import { Box, Button, SectionHelper, Text } from '@wix/design-system';
import { useState } from 'react';

/** A secret shown this once, with a copy button; it cannot be fetched again. */
export function SecretOnce(props: { label: string; value: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <SectionHelper
      appearance="warning"
      title={`${props.label}: copy it now, it is not shown again`}
      dataHook="secret-once"
    >
      <Box direction="vertical" gap="SP2" marginTop="SP1">
        <code className="rb-secret" data-testid="secret-value">
          {props.value}
        </code>
        <Box gap="SP2" verticalAlign="middle">
          <Button size="small" dataHook="secret-copy" onClick={copy}>
            {copied ? 'Copied' : 'Copy'}
          </Button>
          <Button size="small" priority="secondary" dataHook="secret-done" onClick={props.onDone}>
            Done
          </Button>
          {copied ? <Text size="small">In the clipboard.</Text> : null}
        </Box>
      </Box>
    </SectionHelper>
  );
}
