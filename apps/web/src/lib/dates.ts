/** Today's date (`YYYY-MM-DD`) in a time zone: the reader's day, not the browser's (a Jakarta morning is still yesterday in UTC). */
export const todayIn = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
