import { replaceForbiddenCharacters } from '../../deal/xml-safe-text.js';

/**
 * `Content-Disposition: attachment` with an ASCII `filename` and the real name as RFC 5987 / RFC 6266
 * `filename*=UTF-8''…`: percent-encoded UTF-8, where encodeURIComponent's leftovers that are not
 * attr-chars (' ( ) *) are encoded too.
 */
export function formatAttachment(fileName: string, asciiFallback: string): string {
  // encodeURIComponent throws on a lone surrogate: a name stored before names were checked still downloads.
  const encoded = encodeURIComponent(replaceForbiddenCharacters(fileName)).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}
