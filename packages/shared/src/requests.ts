/** A service request's lifecycle states (DESIGN §4), in the order they are usually reached. */
export const REQUEST_STATUSES = [
  'submitted',
  'pending_approval',
  'approved',
  'rejected',
  'expired',
  'in_fulfilment',
  'done',
  'closed',
  'cancelled',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
