import { Box, Button, Card, Dropdown, EmptyState, FormField, Input } from '@wix/design-system';
import { useEffect, useState } from 'react';
import { listRedemptions } from '../../backend/dashboard.web';
import { plainError } from '../lib/plain-errors';
import type { Redemption } from '../lib/types';
import { LoadState } from './LoadState';
import { RedemptionTable, STATUSES, statusWords } from './RedemptionTable';

interface Filters {
  status: (typeof STATUSES)[number] | '';
  channel: string;
  memberId: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { status: '', channel: '', memberId: '', from: '', to: '' };
type Listing = { items: Redemption[]; nextCursor: string | null };

const argsOf = (f: Filters, cursor: string | null) => ({
  limit: 20,
  ...(cursor ? { cursor } : {}),
  ...(f.status ? { status: f.status } : {}),
  ...(f.channel.trim() ? { channel: f.channel.trim() } : {}),
  ...(f.memberId.trim() ? { memberId: f.memberId.trim() } : {}),
  ...(f.from ? { from: f.from } : {}),
  ...(f.to ? { to: f.to } : {}),
});

/** One free-text filter of the draft (status has its own dropdown). */
function TextFilter(props: {
  width: string;
  label: string;
  hook: string;
  field: Exclude<keyof Filters, 'status'>;
  type?: 'date';
  placeholder?: string;
  draft: Filters;
  set: (patch: Partial<Filters>) => void;
}) {
  const { field } = props;
  return (
    <Box width={props.width}>
      <FormField label={props.label}>
        <Input
          dataHook={props.hook}
          {...(props.type ? { type: props.type } : {})}
          {...(props.placeholder ? { placeholder: props.placeholder } : {})}
          value={props.draft[field]}
          onChange={(e) => props.set({ [field]: e.target.value })}
        />
      </FormField>
    </Box>
  );
}

/** Every redemption, newest first: filters, cursor paging, and the same actions as on a member. */
export function RedemptionsPanel(props: { version: number; onChanged: () => void }) {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [listing, setListing] = useState<
    { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; value: Listing }
  >({ state: 'loading' });
  const [more, setMore] = useState(false);
  const [reload, setReload] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads on staff changes elsewhere too
  useEffect(() => {
    let current = true;
    listRedemptions(argsOf(filters, null)).then(
      (value) => current && setListing({ state: 'ready', value }),
      (e: unknown) => current && setListing({ state: 'error', message: plainError(e) }),
    );
    return () => {
      current = false;
    };
  }, [filters, props.version, reload]);

  const loadMore = async (page: Listing) => {
    setMore(true);
    try {
      const next = await listRedemptions(argsOf(filters, page.nextCursor));
      setListing({
        state: 'ready',
        value: { items: [...page.items, ...next.items], nextCursor: next.nextCursor },
      });
    } catch (e) {
      setListing({ state: 'error', message: plainError(e) });
    } finally {
      setMore(false);
    }
  };
  const set = (patch: Partial<Filters>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <Box direction="vertical" gap="SP4">
      <Card>
        <Card.Content>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setListing({ state: 'loading' });
              setFilters(draft);
            }}
          >
            <Box gap="SP2" verticalAlign="bottom" flexWrap="wrap">
              <Box width="170px">
                <FormField label="Status">
                  <Dropdown
                    dataHook="filter-status"
                    selectedId={draft.status || 'ALL'}
                    options={[
                      { id: 'ALL', value: 'Any status' },
                      ...STATUSES.map((s) => ({ id: s, value: statusWords(s) })),
                    ]}
                    onSelect={(o) => set({ status: o.id === 'ALL' ? '' : (o.id as Filters['status']) })}
                  />
                </FormField>
              </Box>
              <TextFilter
                width="140px"
                label="Channel"
                hook="filter-channel"
                placeholder="site, dashboard…"
                field="channel"
                draft={draft}
                set={set}
              />
              <TextFilter
                width="170px"
                label="Member id"
                hook="filter-member"
                field="memberId"
                draft={draft}
                set={set}
              />
              <TextFilter
                width="160px"
                label="From (UTC day)"
                hook="filter-from"
                type="date"
                field="from"
                draft={draft}
                set={set}
              />
              <TextFilter
                width="160px"
                label="To (UTC day)"
                hook="filter-to"
                type="date"
                field="to"
                draft={draft}
                set={set}
              />
              <Button type="submit" dataHook="filter-apply">
                Show
              </Button>
              <Button
                priority="secondary"
                onClick={() => {
                  setDraft(NO_FILTERS);
                  setFilters(NO_FILTERS);
                }}
              >
                Clear
              </Button>
            </Box>
          </form>
        </Card.Content>
      </Card>
      <Card>
        <Card.Content>
          <LoadState loaded={listing} retry={() => setReload((n) => n + 1)}>
            {(page) =>
              page.items.length === 0 ? (
                <EmptyState
                  theme="section"
                  title="No redemptions"
                  subtitle="None match these filters."
                  dataHook="redemptions-empty"
                />
              ) : (
                <Box direction="vertical" gap="SP3">
                  <RedemptionTable items={page.items} onChanged={props.onChanged} hook="redemptions-table" />
                  {page.nextCursor ? (
                    <Box align="center">
                      <Button
                        priority="secondary"
                        dataHook="redemptions-more"
                        disabled={more}
                        onClick={() => loadMore(page)}
                      >
                        {more ? 'Loading…' : 'Show more'}
                      </Button>
                    </Box>
                  ) : null}
                </Box>
              )
            }
          </LoadState>
        </Card.Content>
      </Card>
    </Box>
  );
}
