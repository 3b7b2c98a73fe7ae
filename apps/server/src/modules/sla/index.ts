// The SLA module's public face: policies, per-ticket clocks driven by ticket events, the checker and escalation rules.

export { escalationRuleRoutes } from './escalation-rules.routes.ts';
export { checkIdleTickets, registerEscalationRules, SLA_IDLE_CHECK } from './escalation-rules.ts';
export { messages } from './sla.messages.ts';
export { slaRoutes } from './sla.routes.ts';
export { checkSlas, registerSla, SLA_CHECK, startSla } from './sla.service.ts';
