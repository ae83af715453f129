/**
 * Text a deal may hold: well-formed Unicode (no lone UTF-16 surrogate, which no encoder can write)
 * and only the characters XML 1.0 allows (§2.2 Char: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD,
 * U+10000–U+10FFFF), because every stored string may end up in a workbook's XML or a header.
 *
 * The pattern reads UTF-16 code units (no `u` flag), so a surrogate not part of a pair is matchable:
 * a high one not followed by a low one, or a low one not preceded by a high one.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'g');

/** The first character a stored text may not hold, as "U+XXXX at position i", or undefined when it is clean. */
export function findForbiddenCharacter(text: string): string | undefined {
  const match = FORBIDDEN.exec(text);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return `U+${code} at position ${match.index}`;
}

/** The text with every forbidden character replaced by U+FFFD: for writing out what was stored before the check existed. */
export function replaceForbiddenCharacters(text: string): string {
  return text.replace(FORBIDDEN_ALL, '\uFFFD');
}

/**
 * A stored JSON value with every string (keys included) cleaned by replaceForbiddenCharacters: a deal
 * saved before text was checked stays readable, evaluable and exportable rather than failing the
 * check it never met. Returns the value itself when nothing needed cleaning.
 */
export function repairStoredText<T>(value: T): T {
  if (typeof value === 'string') return replaceForbiddenCharacters(value) as T;
  if (Array.isArray(value)) {
    const items = value.map(repairStoredText);
    return (items.some((item, i) => item !== value[i]) ? items : value) as T;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const entries = Object.entries(value).map(([key, item]) => {
      const cleanKey = replaceForbiddenCharacters(key);
      const cleanItem = repairStoredText(item);
      if (cleanKey !== key || cleanItem !== item) changed = true;
      return [cleanKey, cleanItem] as const;
    });
    return (changed ? Object.fromEntries(entries) : value) as T;
  }
  return value;
}
