import { Badge, Box, Button, Card, Heading, Text } from '@wix/design-system';
import type { MemberOverview } from '../lib/types';

const date = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleDateString() : '—');

function Fact(props: { label: string; children: React.ReactNode; hook?: string }) {
  return (
    <Box direction="vertical" gap="SP1" minWidth="120px">
      <Text size="small" secondary>
        {props.label}
      </Text>
      <Text weight="bold" dataHook={props.hook}>
        {props.children}
      </Text>
    </Box>
  );
}

const STATUS_SKIN = { ACTIVE: 'success', PAUSED: 'warning', ENDED: 'neutralLight' } as const;

/** Who the member is, where their program stands, and their balances. */
export function MemberSummary(props: { member: MemberOverview; busy: boolean; onEnroll: () => void }) {
  const { member } = props;
  const status = member.programStatus ?? (member.enrollment ? member.enrollment.status : null);
  return (
    <Card>
      <Card.Header
        title={
          <Heading size="small" dataHook="member-id">
            {member.memberId}
          </Heading>
        }
        subtitle={member.email ?? 'no email on file'}
        suffix={
          member.enrollment ? (
            <Badge
              size="small"
              skin={STATUS_SKIN[status as keyof typeof STATUS_SKIN] ?? 'neutral'}
              dataHook="member-status"
            >
              {status ?? 'unknown'}
            </Badge>
          ) : (
            <Button size="small" dataHook="member-enroll" disabled={props.busy} onClick={props.onEnroll}>
              Enroll
            </Button>
          )
        }
      />
      <Card.Content>
        <Box gap="SP4" flexWrap="wrap">
          <Fact label="Tokens" hook="member-tokens">
            {member.tokenBalance}
          </Fact>
          <Fact label="Points" hook="member-points">
            {member.pointsBalance}
          </Fact>
          <Fact label="Enrolled">{date(member.enrollment?.enrolledAt)}</Fact>
          <Fact label="Program">
            {member.enrollment ? `${member.enrollment.cyclesRenewed} renewals` : 'not enrolled'}
          </Fact>
        </Box>
      </Card.Content>
    </Card>
  );
}
