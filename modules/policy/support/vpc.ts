/** Look-ups shared by the VPC and security group rules. */
import { Finding, StackView, SynthResource } from '../engine';
import { asList } from './policy-json';

export const ANYWHERE_IPV4 = '0.0.0.0/0';
export const ANYWHERE_IPV6 = '::/0';

/** Takes a list attribute (`cidr_blocks`) or a single one (`cidr_ipv4`). */
export function opensToInternet(
  cidrs: string | string[] | undefined,
  ipv6Cidrs: string | string[] | undefined,
): boolean {
  return asList(cidrs).includes(ANYWHERE_IPV4) || asList(ipv6Cidrs).includes(ANYWHERE_IPV6);
}

export function eachVpc(stack: StackView, check: (vpc: SynthResource) => string | undefined): Finding[] {
  return stack.resources('aws_vpc').flatMap((vpc) => {
    const message = check(vpc);
    return message === undefined ? [] : [{ resource: vpc, message }];
  });
}
