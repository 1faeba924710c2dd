// Docker prints sizes with go-units: decimal units (base 1000), lower-case "kB", no space,
// and Go's %.Ng formatting (N significant digits, trailing zeros dropped).

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** Go's `%.<digits>g` for a non-negative number: the formatting go-units relies on. */
export function formatGoG(value: number, digits: number): string {
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(digits));
  const roundedExponent = rounded === 0 ? 0 : Math.floor(Math.log10(Math.abs(rounded)));
  const useExponent = roundedExponent < -4 || roundedExponent >= digits;
  if (useExponent) {
    // Go writes e+03, never e+3 (at least two exponent digits).
    const [mantissa = '', exp = '0'] = rounded.toExponential(digits - 1).split('e');
    const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    const sign = exp.startsWith('-') ? '-' : '+';
    const digitsOnly = exp.replace(/^[-+]/, '');
    return `${trimmed}e${sign}${digitsOnly.padStart(2, '0')}`;
  }
  const fixed = rounded.toFixed(Math.max(0, digits - 1 - roundedExponent));
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

function humanSizeWithPrecision(bytes: number, digits: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < UNITS.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${formatGoG(size, digits)}${UNITS[unit]}`;
}

/** `docker images`, `history`, `ps -s`: three significant digits (192MB, 8.31MB, 10.1kB). */
export function humanSize(bytes: number): string {
  return humanSizeWithPrecision(bytes, 3);
}

/** `system df`, volume sizes, "Total reclaimed space": four significant digits (200.7MB). */
export function humanSize4(bytes: number): string {
  return humanSizeWithPrecision(bytes, 4);
}

const BINARY_SUFFIXES: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** Parses `-m 512m`-style sizes the way go-units RAMInBytes does (binary units). */
export function parseRamInBytes(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgtpKMGTP]?)(?:[iI]?[bB])?$/.exec(text.trim());
  if (!match) return undefined;
  const [, amount = '0', suffix = ''] = match;
  const multiplier = BINARY_SUFFIXES[(suffix || 'b').toLowerCase()] ?? 1;
  return Math.floor(Number(amount) * multiplier);
}
