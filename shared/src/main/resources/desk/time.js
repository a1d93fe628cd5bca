// Times in the press office's zone (Europe/London) without a library: a wall-clock time in that
// zone and the UTC instant it names, both ways, with the offset shown and DST changes noticed.

function parts(date, timeZone) {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const out = {};
  for (const p of f.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** Minutes the zone is ahead of UTC at this instant. */
export function offsetMinutes(date, timeZone) {
  const p = parts(date, timeZone);
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

/** "2026-11-30T09:15" in the zone, for a datetime-local input. */
export function toWallTime(iso, timeZone) {
  if (!iso) return '';
  const p = parts(new Date(iso), timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * The instant a wall-clock time in the zone names, as ISO-8601 with its offset, and what is odd
 * about it: "gap" (the clocks skip it), "overlap" (it happens twice; the first is taken).
 */
export function fromWallTime(value, timeZone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value || '');
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  const candidates = [];
  for (const guess of [wall - 14 * 3600000, wall, wall + 14 * 3600000]) {
    const offset = offsetMinutes(new Date(guess), timeZone);
    const instant = wall - offset * 60000;
    if (toWallTime(new Date(instant).toISOString(), timeZone) === value && !candidates.includes(instant)) candidates.push(instant);
  }
  candidates.sort((a, b) => a - b);
  if (candidates.length === 0) {
    const offset = offsetMinutes(new Date(wall), timeZone);
    return { iso: isoWithOffset(new Date(wall - offset * 60000), timeZone), problem: 'gap' };
  }
  return { iso: isoWithOffset(new Date(candidates[0]), timeZone), problem: candidates.length > 1 ? 'overlap' : null };
}

export function isoWithOffset(date, timeZone) {
  const offset = offsetMinutes(date, timeZone);
  const local = new Date(date.getTime() + offset * 60000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** "GMT" or "BST" (with the offset: "BST, UTC+01:00"). */
export function zoneLabel(date, timeZone) {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' }).formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value || timeZone;
  const offset = offsetMinutes(date, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${name}, UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Whether the zone's offset changes within a day either side (a DST change is near). */
export function nearDstChange(date, timeZone) {
  const before = offsetMinutes(new Date(date.getTime() - 24 * 3600000), timeZone);
  const after = offsetMinutes(new Date(date.getTime() + 24 * 3600000), timeZone);
  return before !== after;
}

/** "Mon 30 Nov 2026, 09:15 GMT" */
export function display(iso, timeZone) {
  if (!iso) return '';
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short',
    year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(new Date(iso));
}
