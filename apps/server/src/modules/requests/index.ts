// The requests module's public face: ordering catalog items, their fulfilment and the approvals queue.

export { uploadAnswerFile } from './requests.files.ts';
export { REQUEST_FILES_SWEEP, registerRequests } from './requests.fulfilment.ts';
export { findRequestByNumber, findRequestFacts, findVisibleRequest, REQUEST_PATHS } from './requests.lookup.ts';
export { messages } from './requests.messages.ts';
export { searchRequests } from './requests.queries.ts';
export { requestRoutes } from './requests.routes.ts';
export { completeRequest, createRequest } from './requests.service.ts';
export { serviceRequests } from './requests.tables.ts';
