// The charges module's public face: other modules import only this.
export { messages } from './charges.messages.ts';
export { chargeRoutes } from './charges.routes.ts';
export {
  type ChargeInput,
  type ChargeRow,
  findChargeOfRequest,
  insertReversal,
  recordCharge,
  reverseCharge,
} from './charges.service.ts';
export { charges } from './charges.tables.ts';
