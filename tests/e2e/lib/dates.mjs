// Dates as the municipality counts them: its own day (Europe/Athens),
// never UTC's. Between 21:00/22:00 UTC and midnight the two differ, and
// the product (today's ledger, the booking days, the dashboard's day)
// always uses the municipality's.

// The municipality's date n days from today, YYYY-MM-DD.
export function localDay(n = 0) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Athens' })
    .format(new Date(Date.now() + n * 86400000));
}
