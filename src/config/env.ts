// What every config module shares: the error naming a bad variable and how a variable is read.

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

/** A variable's trimmed value; undefined when unset or blank. */
export function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** A comma list's trimmed, non-empty items; undefined when the variable is unset. */
export function list(env: Env, name: string): string[] | undefined {
  const value = read(env, name);
  return value === undefined ? undefined : value.split(',').map((item) => item.trim()).filter((item) => item !== '');
}
