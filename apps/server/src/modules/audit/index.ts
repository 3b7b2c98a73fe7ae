// The audit module's public face: the audit log's reading routes (entries are written through platform/audit).
export { auditRoutes } from './audit.routes.ts';
