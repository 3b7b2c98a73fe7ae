// The attendance module's public face: other modules import only this.
export { registerAutoAssignment } from './attendance.assignment.ts';
export { messages } from './attendance.messages.ts';
export { attendanceRoutes } from './attendance.routes.ts';
export { OFFICE_WEEK } from './attendance.schedule.ts';
export { presentDaysOf, presentNow } from './attendance.service.ts';
export { leaveRequests, workSchedules } from './attendance.tables.ts';
