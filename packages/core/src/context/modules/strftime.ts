/** The fields strftime/strptime work on (a wall-clock time and an optional UTC offset). */
export interface TimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  /** Minutes east of UTC; null for a naive value. */
  offset: number | null;
  /** The zone's name for %Z ('' for naive). */
  zoneName: string;
}

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Monday = 0, as Python's weekday(). */
export function weekday(year: number, month: number, day: number): number {
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

function dayOfYear(f: TimeFields): number {
  return Math.round((Date.UTC(f.year, f.month - 1, f.day) - Date.UTC(f.year, 0, 1)) / 86400000) + 1;
}

/** `+HHMM` (with seconds when not whole minutes): Python's %z. */
export function offsetText(offset: number | null, sep = ""): string {
  if (offset === null) return "";
  const sign = offset < 0 ? "-" : "+";
  const m = Math.abs(offset);
  return `${sign}${pad(Math.floor(m / 60))}${sep}${pad(m % 60)}`;
}

/** Python's `strftime` over the C locale. */
export function strftime(f: TimeFields, format: string): string {
  return String(format).replace(/%([a-zA-Z%])/g, (whole, c: string) => {
    const wd = weekday(f.year, f.month, f.day);
    switch (c) {
      case "a": return DAYS[wd].slice(0, 3);
      case "A": return DAYS[wd];
      case "w": return String((wd + 1) % 7);
      case "u": return String(wd + 1);
      case "d": return pad(f.day);
      case "e": return String(f.day).padStart(2, " ");
      case "b": case "h": return MONTHS[f.month - 1].slice(0, 3);
      case "B": return MONTHS[f.month - 1];
      case "m": return pad(f.month);
      case "y": return pad(f.year % 100);
      case "Y": return String(f.year).padStart(4, "0");
      case "H": return pad(f.hour);
      case "I": return pad(f.hour % 12 === 0 ? 12 : f.hour % 12);
      case "p": return f.hour < 12 ? "AM" : "PM";
      case "M": return pad(f.minute);
      case "S": return pad(f.second);
      case "f": return pad(f.microsecond, 6);
      case "z": return offsetText(f.offset);
      case "Z": return f.zoneName;
      case "j": return pad(dayOfYear(f), 3);
      case "U": return pad(Math.floor((dayOfYear(f) + 6 - ((wd + 1) % 7)) / 7));
      case "W": return pad(Math.floor((dayOfYear(f) + 6 - wd) / 7));
      case "c": return `${DAYS[wd].slice(0, 3)} ${MONTHS[f.month - 1].slice(0, 3)} ${String(f.day).padStart(2, " ")} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)} ${f.year}`;
      case "x": return `${pad(f.month)}/${pad(f.day)}/${pad(f.year % 100)}`;
      case "X": return `${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
      case "%": return "%";
      default: return whole;
    }
  });
}

/** Raised when text does not match a strptime format (Python's ValueError). */
export class StrptimeError extends Error {}

const FIELD_PATTERNS: Record<string, string> = {
  Y: "(\\d{4})", y: "(\\d{2})", m: "(\\d{1,2})", d: "(\\d{1,2})", H: "(\\d{1,2})", I: "(\\d{1,2})", M: "(\\d{1,2})", S: "(\\d{1,2})",
  f: "(\\d{1,6})", j: "(\\d{1,3})", p: "(AM|PM|am|pm)", b: "([A-Za-z]{3})", B: "([A-Za-z]+)", a: "([A-Za-z]{3})", A: "([A-Za-z]+)",
  z: "(Z|[+-]\\d{2}:?\\d{2})", Z: "(UTC|GMT|)", "%": "%",
};

/** Python's `datetime.strptime(text, format)`: the fields, or StrptimeError. */
export function strptime(text: string, format: string): TimeFields {
  const order: string[] = [];
  let pattern = "";
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === "%" && i + 1 < format.length) {
      const c = format[++i];
      const p = FIELD_PATTERNS[c];
      if (p === undefined) throw new StrptimeError(`'${c}' is a bad directive in format '%${c}'`);
      pattern += p;
      if (c !== "%") order.push(c);
    } else if (/\s/.test(ch)) pattern += "\\s+";
    else pattern += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  const m = new RegExp(`^${pattern}$`, "i").exec(text);
  if (!m) throw new StrptimeError(`time data ${JSON.stringify(text).replace(/^"|"$/g, "'")} does not match format '${format}'`);
  const f: TimeFields = { year: 1900, month: 1, day: 1, hour: 0, minute: 0, second: 0, microsecond: 0, offset: null, zoneName: "" };
  let pm: boolean | undefined;
  order.forEach((c, i) => {
    const v = m[i + 1];
    const n = Number(v);
    switch (c) {
      case "Y": f.year = n; break;
      case "y": f.year = n < 69 ? 2000 + n : 1900 + n; break;
      case "m": f.month = n; break;
      case "d": f.day = n; break;
      case "H": case "I": f.hour = n; break;
      case "M": f.minute = n; break;
      case "S": f.second = n; break;
      case "f": f.microsecond = Number(v.padEnd(6, "0")); break;
      case "p": pm = v.toUpperCase() === "PM"; break;
      case "b": case "B": {
        const idx = MONTHS.findIndex((name) => name.toLowerCase().startsWith(v.toLowerCase().slice(0, 3)));
        if (idx < 0) throw new StrptimeError(`time data '${text}' does not match format '${format}'`);
        f.month = idx + 1;
        break;
      }
      case "j": {
        const d = new Date(Date.UTC(f.year, 0, n));
        f.month = d.getUTCMonth() + 1;
        f.day = d.getUTCDate();
        break;
      }
      case "z": {
        if (v.toUpperCase() === "Z") f.offset = 0;
        else {
          const digits = v.replace(":", "");
          f.offset = (digits[0] === "-" ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
        }
        break;
      }
      case "Z": if (v) f.zoneName = v.toUpperCase(); break;
    }
  });
  if (pm !== undefined && order.includes("I")) f.hour = (f.hour % 12) + (pm ? 12 : 0);
  return f;
}
