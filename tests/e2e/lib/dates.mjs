// Dates as the municipality counts them: its own day (Europe/Athens),
// never UTC's. Between 21:00/22:00 UTC and midnight the two differ, and
// the product (today's ledger, the booking days, the dashboard's day)
// always uses the municipality's.

// The municipality's date n days from today, YYYY-MM-DD.
export function localDay(n = 0) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Athens' })
    .format(new Date(Date.now() + n * 86400000));
}

// The municipality's month n months from this one, YYYY-MM.
export function localMonth(n = 0) {
  const [y, m] = localDay().split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

// The UTC time ("YYYY-MM-DD HH:MM:SS", as the database stores times) at
// which the municipality's day ymd begins.
export function localMidnightUtc(ymd) {
  const guess = Date.parse(`${ymd}T00:00:00Z`);
  const offsetAt = (t) => {
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Athens', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    }).formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    return Date.parse(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}Z`) - t;
  };
  let t = guess - offsetAt(guess);
  t = guess - offsetAt(t);	// the offset at midnight itself (a DST change)
  return new Date(t).toISOString().slice(0, 19).replace('T', ' ');
}

// The stored (UTC) bounds [from, to) of the municipality's month m
// (YYYY-MM), for SQL over UTC timestamps.
export function localMonthUtc(m) {
  const [y, mo] = m.split('-').map(Number);
  const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  return [localMidnightUtc(`${m}-01`), localMidnightUtc(`${next}-01`)];
}

// A stored UTC time ("YYYY-MM-DD HH:MM:SS[.ffffff]") as the municipality's
// "YYYY-MM-DD HH:MM", as dimosctl prints times for people.
export function localTime(utc) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Athens', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit',
  }).formatToParts(new Date(`${utc.slice(0, 19).replace(' ', 'T')}Z`)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
