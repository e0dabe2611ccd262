/** Source ARN checks shared by the Lambda permission rules. */

/**
 * A source ARN with a wildcard region or account, or a wildcard resource (`*`, `rule/*`), matches sources in other
 * accounts or every resource of a service. References (`${...}`) are concrete by construction.
 */
export function wildcardSource(arn: string): boolean {
  const parts = arn.split(':');
  if (parts.length < 6) return arn.includes('*');
  const [, , , region, account] = parts;
  const resource = parts.slice(5).join(':');
  return region === '*' || account === '*' || resource === '*' || /^[A-Za-z-]+\/\*$/.test(resource);
}
