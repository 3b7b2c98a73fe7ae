// The approvals module's public face: approval chains per division, the steps a request passes, decisions and
// the sweep that reminds and expires. Requests open a chain and hear its end as `approval.concluded`.

export { messages } from './approvals.messages.ts';
export { approverSees, decidableBy, mayDecide } from './approvals.policy.ts';
export { approvalChainRoutes } from './approvals.routes.ts';
export { type DecisionInput, decisionBody } from './approvals.schemas.ts';
export {
  APPROVALS_SWEEP,
  type Approval,
  approversOf,
  chainFor,
  DEFAULT_CHAIN,
  decideApproval,
  openApprovals,
  registerApprovals,
  stepsOf,
  stepsToPass,
  sweepApprovals,
  withdrawApprovals,
} from './approvals.service.ts';
export { approvals } from './approvals.tables.ts';
