/**
 * Reads a duration as people type it: "90" (minutes), "45m", "1h30", "1h 30m", "1.5h", "1,5 h", "1:30".
 * Returns whole minutes, or null when the text is not a duration.
 */
export function parseDuration(text: string): number | null {
  const value = text.trim().toLowerCase();
  if (!value) return null;
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(value);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const match =
    /^(?:(\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hour|hours))?\s*(?:(\d+)\s*(?:m|min|mins|minute|minutes)?)?$/.exec(
      value,
    );
  if (!match || (match[1] === undefined && match[2] === undefined)) return null;
  const hours = match[1] === undefined ? 0 : Number(match[1].replace(',', '.'));
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  // "1.5h30" is odd but unambiguous; a bare decimal without a unit ("1.5") is not accepted above.
  return Math.round(hours * 60 + minutes);
}
