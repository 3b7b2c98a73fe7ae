import { ROLES, type Role } from '@ish/shared';
import { useTranslation } from 'react-i18next';
import { useOrgAll } from '../org/org.queries.ts';
import { useAllUsers } from '../users/users.queries.ts';
import { useMatchLabels } from './policy-match.ts';
import type { EscalationRule } from './sla.queries.ts';

const isRole = (role: string | null): role is Role => ROLES.includes(role as Role);

/** Rules read as sentences in the list: when (trigger and filters) → then (action). */
export function useRuleText() {
  const { t } = useTranslation(['sla', 'common']);
  const labels = useMatchLabels();
  const teams = useOrgAll('teams');
  const users = useAllUsers();
  const teamName = (id: number) => teams.data?.find((team) => team.id === id)?.name ?? `#${id}`;
  const userName = (id: number) => users.data?.find((u) => u.id === id)?.name ?? `#${id}`;

  const trigger = (r: EscalationRule) => {
    if (r.trigger === 'percent') return t('rules.when.percent', { percent: r.percent });
    if (r.trigger === 'idle') return t('rules.when.idle', { hours: r.idleHours });
    return t(`rules.when.breach.${r.target}`);
  };
  /** Which tickets the rule looks at; empty means every ticket. */
  const filters = (r: EscalationRule) => [
    ...r.priorities.map(labels.priority),
    ...r.categoryIds.map(labels.category),
    ...r.teamIds.map(teamName),
  ];
  const action = (r: EscalationRule) => {
    switch (r.action) {
      case 'notify_role':
        return t('rules.then.notify_role', { role: isRole(r.role) ? t(`common:roles.${r.role}`) : '—' });
      case 'notify_user':
        return t('rules.then.notify_user', { name: r.userId ? userName(r.userId) : '—' });
      case 'reassign':
        return t('rules.then.reassign', {
          target: [r.teamId && teamName(r.teamId), r.userId && userName(r.userId)].filter(Boolean).join(' · '),
        });
      case 'escalate_level':
        return r.teamId ? t('rules.then.escalate_level_to', { team: teamName(r.teamId) }) : t('rules.then.escalate_level');
      default:
        return t(`rules.then.${r.action}`);
    }
  };
  return { trigger, filters, action, labels, teams, users };
}
