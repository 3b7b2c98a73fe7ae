// The calendars module's public face: business calendars (working hours, time zone, holidays) and business time.
// SLA clocks and ticket automation count working time through it.
export {
  addBusinessMinutes,
  aroundTheClock,
  businessMinutesBetween,
  type Calendar,
  type DayHours,
  officeHours,
} from './business-time.ts';
export { messages } from './calendars.messages.ts';
export { calendarRoutes } from './calendars.routes.ts';
export { defaultOfficeCalendar, holidaysBetween, loadCalendar } from './calendars.service.ts';
export { businessCalendars, holidays } from './calendars.tables.ts';
