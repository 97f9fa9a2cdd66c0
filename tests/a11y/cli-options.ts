// Command-line options of the accessibility scripts (sweep.ts, reflow-check.ts): `--name=value`.

/** The value of `--name=value` on the command line, or undefined when it is not given. */
export function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

/** `--name=N` as a positive whole number, `fallback` when not given; throws naming the option otherwise. */
export function wholeNumber(name: string, fallback: number): number {
  const value = Number(option(name) ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
}
