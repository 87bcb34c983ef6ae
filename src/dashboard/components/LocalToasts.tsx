import { Box, SectionHelper } from '@wix/design-system';
import { useEffect, useState } from 'react';
import { type Notice, onLocalNotice } from '../lib/notify';

/** The page's own toasts, for when it runs outside the Wix dashboard. */
export function LocalToasts() {
  const [notices, setNotices] = useState<(Notice & { id: number })[]>([]);
  useEffect(() => {
    let next = 0;
    onLocalNotice((notice) => {
      const id = next++;
      setNotices((all) => [...all, { ...notice, id }]);
      setTimeout(() => setNotices((all) => all.filter((n) => n.id !== id)), 4000);
    });
    return () => onLocalNotice(null);
  }, []);
  return (
    <div className="rb-toasts" role="status" aria-live="polite">
      {notices.map((n) => (
        <Box key={n.id} marginTop="SP1">
          <SectionHelper appearance={n.type === 'error' ? 'danger' : 'success'} dataHook="toast">
            {n.message}
          </SectionHelper>
        </Box>
      ))}
    </div>
  );
}
