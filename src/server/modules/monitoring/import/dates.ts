// Dates as files write them, to an ISO 8601 UTC string. A date with a zone (`Z`, `+05:00`)
// is exact. A date without one is read as local time in Kazakhstan, zone Asia/Almaty
// (UTC+5 since 1 March 2024, UTC+6 before): the people who export these files are there,
// and so are the clocks of the platforms' Kazakh-language pages. The zone's history comes
// from Node's ICU time-zone data, so an old comment gets the offset of its own day.

export const LOCAL_TIME_ZONE = 'Asia/Almaty';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const UNIX = /^\d{9,14}(?:\.\d+)?$/;

/** `null` when the value is empty; `undefined` when it is there but cannot be read. */
export function parseDate(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return fromUnix(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return null;
  if (UNIX.test(text)) return fromUnix(Number(text));
  let match = ISO.exec(text);
  if (match) {
    const [, y, mo, d, h, mi, s, fraction, zone] = match;
    const millis = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
    return fromParts(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(s ?? 0), millis, zone);
  }
  match = DOTTED.exec(text);
  if (match) {
    const [, d, mo, y, h, mi, s] = match;
    return fromParts(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(s ?? 0), 0, undefined);
  }
  return undefined;
}

/** Seconds up to 11 digits (until the year 5138), milliseconds from 12 digits on. */
function fromUnix(value: number): string | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  const millis = value >= 1e11 ? value : value * 1000;
  const date = new Date(Math.floor(millis));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function fromParts(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  zone: string | undefined,
): string | undefined {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 31 February over into March; a date that rolled over was not a date.
  if (new Date(asUtc).getUTCDate() !== day) return undefined;
  const offsetMinutes = zone === undefined ? almatyOffsetMinutes(asUtc) : zoneOffsetMinutes(zone);
  if (offsetMinutes === undefined) return undefined;
  return new Date(asUtc - offsetMinutes * 60_000).toISOString();
}

function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 14 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

const offsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: LOCAL_TIME_ZONE,
  timeZoneName: 'longOffset',
});
// The offset only changes on a few days in the zone's history; one entry per hour read
// keeps a million-row import from formatting a million dates.
const offsetCache = new Map<number, number>();

/**
 * The zone's offset at a local wall-clock time (given as if it were UTC). Taken at the
 * instant `local - offset(local)`, which is right except within the hour of a change.
 */
function almatyOffsetMinutes(localAsUtc: number): number {
  const hourKey = Math.floor(localAsUtc / 3_600_000);
  const cached = offsetCache.get(hourKey);
  if (cached !== undefined) return cached;
  const guess = offsetAt(localAsUtc);
  const offset = offsetAt(localAsUtc - guess * 60_000);
  if (offsetCache.size > 100_000) offsetCache.clear();
  offsetCache.set(hourKey, offset);
  return offset;
}

function offsetAt(instant: number): number {
  const name = offsetFormat.formatToParts(instant).find((part) => part.type === 'timeZoneName');
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name?.value ?? '');
  if (!match) return 0; // "GMT" alone: the offset is zero
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}
