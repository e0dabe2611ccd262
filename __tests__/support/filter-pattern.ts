/**
 * An evaluator for the CloudWatch Logs filter pattern forms the platform's metric and subscription filters use:
 * optional terms (`?ERROR ?"Task timed out"`: any term anywhere in the line, case-sensitive), a JSON field test
 * (`{ $.field = * }`: the field exists), and space-delimited fields (`[a="x", b, ...]`, whitespace-separated, `...`
 * for any number of fields). It returns the matched named fields, so a metric value like `$duration` can be read.
 */
export type Match = Record<string, string> | undefined;

export function matchPattern(pattern: string, line: string): Match {
  const p = pattern.trim();
  if (p.startsWith('{')) {
    const m = /^\{\s*\$\.([\w.]+)\s*=\s*\*\s*\}$/.exec(p);
    if (!m) throw new Error(`unsupported JSON pattern: ${p}`);
    let value: unknown;
    try {
      value = m[1]
        .split('.')
        .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], JSON.parse(line));
    } catch {
      return undefined;
    }
    return value === undefined ? undefined : { [m[1]]: String(value) };
  }
  if (p.startsWith('[')) {
    const fields = p
      .slice(1, -1)
      .split(',')
      .map((f) => f.trim());
    const tokens = line.trim().split(/\s+/);
    const out: Record<string, string> = {};
    let t = 0;
    for (const field of fields) {
      if (field === '...') return out; // The platform's patterns end with it.
      const m = /^(\w+)(?:="([^"]*)")?$/.exec(field);
      if (!m) throw new Error(`unsupported field: ${field}`);
      const token = tokens[t++];
      if (token === undefined || (m[2] !== undefined && token !== m[2])) return undefined;
      out[m[1]] = token;
    }
    return t === tokens.length ? out : undefined;
  }
  const terms = [...p.matchAll(/\?("([^"]*)"|\S+)/g)].map((m) => m[2] ?? m[1]);
  if (terms.length === 0) throw new Error(`unsupported pattern: ${p}`);
  return terms.some((term) => line.includes(term)) ? {} : undefined;
}
