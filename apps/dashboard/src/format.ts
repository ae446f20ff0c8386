export const shortId = (id: string) => id.slice(0, 8);

export function time(iso?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function dateTime(iso?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })} ${time(iso)}`;
}

/** A length of time, coarsely: "8s", "3m", "2h", "1d". */
function span(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

export function ago(iso?: string): string {
  if (!iso) return '';
  return `${span(Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000)))} ago`;
}

/** A moment in the past or the future: "in 8s", "3m ago". */
export function fromNow(iso?: string): string {
  if (!iso) return '';
  const seconds = Math.round((new Date(iso).getTime() - Date.now()) / 1000);
  return seconds > 0 ? `in ${span(seconds)}` : ago(iso);
}

export const json = (value: unknown) => JSON.stringify(value, null, 2);
