/**
 * IAM policy documents built from objects, so that statements can be composed, inspected by the policy check and
 * tested, instead of hand-written JSON strings.
 */

export interface PolicyCondition {
  /** Condition operator, for example `StringEquals` or `ArnLike`. */
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

export interface PolicyPrincipal {
  readonly type: 'AWS' | 'Service' | 'Federated' | '*';
  readonly identifiers: readonly string[];
}

export interface PolicyStatement {
  readonly sid?: string;
  /** @default 'Allow' */
  readonly effect?: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  /** Absent only in trust policies, which have none. */
  readonly resources?: readonly string[];
  readonly principals?: readonly PolicyPrincipal[];
  readonly conditions?: readonly PolicyCondition[];
}

/** Renders statements as a policy document (a JSON string; tokens inside it resolve at synth). */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements.map(renderStatement) });
}

function renderStatement(s: PolicyStatement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.sid) out.Sid = s.sid;
  out.Effect = s.effect ?? 'Allow';
  if (s.principals) out.Principal = renderPrincipals(s.principals);
  out.Action = s.actions.length === 1 ? s.actions[0] : [...s.actions];
  if (s.resources) out.Resource = s.resources.length === 1 ? s.resources[0] : [...s.resources];
  if (s.conditions && s.conditions.length > 0) {
    const condition: Record<string, Record<string, string | string[]>> = {};
    for (const c of s.conditions) {
      condition[c.test] = { ...condition[c.test], [c.variable]: c.values.length === 1 ? c.values[0] : [...c.values] };
    }
    out.Condition = condition;
  }
  return out;
}

function renderPrincipals(principals: readonly PolicyPrincipal[]): unknown {
  if (principals.length === 1 && principals[0].type === '*') return '*';
  const out: Record<string, string | string[]> = {};
  for (const p of principals) {
    out[p.type] = p.identifiers.length === 1 ? p.identifiers[0] : [...p.identifiers];
  }
  return out;
}

/** Trust policy letting one AWS service (or each of several) assume a role. */
export function serviceTrustPolicy(
  service: string | readonly string[],
  conditions?: readonly PolicyCondition[],
): string {
  return policyDocument([
    {
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'Service', identifiers: typeof service === 'string' ? [service] : service }],
      conditions,
    },
  ]);
}

/**
 * The resource-policy statement that refuses every request not made over TLS (S3 buckets, SQS queues): the resource
 * ARNs given, any principal, the service's every action.
 */
export function denyInsecureTransport(service: string, resources: readonly string[]): PolicyStatement {
  return {
    sid: 'DenyInsecureTransport',
    effect: 'Deny',
    principals: [{ type: '*', identifiers: ['*'] }],
    actions: [`${service}:*`],
    resources,
    conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
  };
}
