/** The last non-blank line of a printed page: the footer, which starts with the sheet's name (`&A`). */
export function readFooter(page: string): string {
  return page.split('\n').filter((l) => l.trim() !== '').at(-1)!.trim();
}

/** Pages of each sheet, in the order of `sheets`, from the footer at the foot of every page; pages whose footer names no sheet count under `? <footer>`. */
export function countPagesBySheet(pages: readonly string[], sheets: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>(sheets.map((s) => [s, 0]));
  for (const page of pages) {
    const foot = readFooter(page);
    // The longest matching name, so that a sheet named like the start of another is not taken for it.
    const sheet = [...sheets].sort((a, b) => b.length - a.length).find((name) => foot.startsWith(name)) ?? `? ${foot}`;
    counts.set(sheet, (counts.get(sheet) ?? 0) + 1);
  }
  return counts;
}
