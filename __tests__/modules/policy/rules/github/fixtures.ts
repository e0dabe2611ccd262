/** Runs a GitHub rule over hand-written resources of the github stack. */
import { StackView } from '../../../../../modules/policy';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const view = (resource: Json) => new StackView('svc-github', { resource });
export const messages = (rule: { check: (v: StackView) => { message: string }[] }, resource: Json) =>
  rule.check(view(resource)).map((f) => f.message);
