// The attendance module's public face: other modules import only this.
export { registerAutoAssignment } from './attendance.assignment.ts';
export { messages } from './attendance.messages.ts';
export { attendanceRoutes } from './attendance.routes.ts';
export { presentDaysOf, presentNow } from './attendance.service.ts';
