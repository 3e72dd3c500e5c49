/** Columns aligned by two spaces; the last column is left unpadded. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

/**
 * `label:  value` lines with the values aligned, the further lines of a value under its first;
 * entries without a value are left out.
 */
export function fields(
  entries: readonly (readonly [string, string | null | undefined])[],
): string[] {
  const shown = entries.filter((entry): entry is [string, string] => Boolean(entry[1]));
  const width = Math.max(...shown.map(([label]) => label.length)) + 2;
  const indent = `\n${' '.repeat(width)}`;
  return shown.map(
    ([label, value]) => `${`${label}:`.padEnd(width)}${value.replaceAll('\n', indent)}`,
  );
}

/** An ISO time to the second, in UTC. */
export function time(iso: string | null | undefined): string {
  return iso ? iso.replace(/\.\d+Z$/, 'Z') : '';
}

/** One line of at most `max` characters. */
export function clip(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

export function names(agents: readonly { name: string }[]): string {
  return agents.map((agent) => agent.name).join(', ');
}

/** `1 task`, `2 tasks`. */
export function count(amount: number, noun: string): string {
  return `${amount} ${noun}${amount === 1 ? '' : 's'}`;
}

/** Pretty JSON of any value, as every `--json` prints it. */
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
