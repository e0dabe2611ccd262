/**
 * Configuration of the per-environment `network` layer: the VPC, its subnets, NAT, endpoints and flow logs.
 *
 * Subnet CIDRs default to the seed guides' layout (10.0.1.0/24, 10.0.2.0/24 public; 10.0.10.0/24, 10.0.11.0/24
 * private) inside whatever VPC CIDR is configured, one more of each per extra availability zone. Defaults that
 * differ in production (NAT per AZ, flow logs on) follow `isProduction` (core/environment.ts) and
 * are applied by `withNetworkDefaults` once the whole environment is known.
 */
import { z } from 'zod';
import { isProduction, type ProductionMarker } from '../../core/environment';
import { ipv4Cidr, logRetentionDays, oneOf, oneOfNumbers, parseCidr, type ParsedCidr } from '../rules';

export const NAT_GATEWAY_MODES = ['none', 'single', 'per-az'] as const;
export type NatGatewayMode = (typeof NAT_GATEWAY_MODES)[number];

export const AVAILABILITY_ZONE_COUNTS = [2, 3] as const;

/** Services that may get an interface endpoint: `com.amazonaws.<region>.<service>`. */
export const INTERFACE_ENDPOINT_SERVICES = [
  'secretsmanager',
  'ssm',
  'sqs',
  'sns',
  'kms',
  'logs',
  'monitoring',
  'sts',
  'lambda',
  'events',
  'xray',
  'kinesis-streams',
  'ecr.api',
  'ecr.dkr',
  'elasticache',
  'redshift-data',
  'bedrock-runtime',
] as const;
export type InterfaceEndpointService = (typeof INTERFACE_ENDPOINT_SERVICES)[number];

export const FLOW_LOG_TRAFFIC_TYPES = ['ALL', 'ACCEPT', 'REJECT'] as const;
export type FlowLogTrafficType = (typeof FLOW_LOG_TRAFFIC_TYPES)[number];

/** Third octet (in a /16) of the default public and private subnets of the first availability zone. */
const DEFAULT_PUBLIC_BLOCK = 1;
const DEFAULT_PRIVATE_BLOCK = 10;
const DEFAULT_SUBNET_PREFIX = 24;

// AWS accepts VPC and subnet blocks between /16 and /28.
const blockCidr = ipv4Cidr.refine(inPrefixRange, { message: 'must have a prefix between /16 and /28' });

function inPrefixRange(value: string): boolean {
  const prefix = parseCidr(value)?.prefix;
  return prefix === undefined || (prefix >= 16 && prefix <= 28);
}

/**
 * Zone IDs the platform does not place subnets in by default: zones of older capacity that newer services refuse
 * (Redshift Serverless workgroups among them), known from AWS's per-service zone lists and common deployment failures.
 * IDs, not names: `us-east-1a` is a different physical zone in every account, `use1-az3` the same everywhere.
 */
export const DEFAULT_EXCLUDED_ZONE_IDS = ['use1-az3', 'usw1-az2', 'apne1-az3'] as const;

const ZONE_ID = z.string().regex(/^[a-z]{2,}[0-9]+-az[0-9]+$/, 'must be an availability zone ID such as use1-az1');

/** Retention of flow logs in the cheap mode of environments without protectStatefulResources. */
export const CHEAP_FLOW_LOG_RETENTION_DAYS = 3;

const flowLogsSchema = z
  .object({
    /**
     * Flow logs are on in every environment, so that none is blind; outside prod in a cheap mode (rejected traffic
     * only, short retention). Turning them off needs `reason`.
     * @default true
     */
    enabled: z.boolean().default(true),
    /** Why flow logs are off: required, and non-empty, when `enabled` is false; it becomes the policy suppression. */
    reason: z.string().optional(),
    /** @default the environment's logRetentionDays in prod, 3 days elsewhere */
    retentionDays: logRetentionDays.optional(),
    /** Which traffic is recorded. @default 'ALL' in prod, 'REJECT' elsewhere */
    trafficType: oneOf(FLOW_LOG_TRAFFIC_TYPES).optional(),
    /** Seconds over which a flow is aggregated into one record: 60 or 600. */
    maxAggregationIntervalSeconds: oneOfNumbers([60, 600] as const).default(600),
  })
  .strict()
  .superRefine((flowLogs, ctx) => {
    if (!flowLogs.enabled && (flowLogs.reason === undefined || flowLogs.reason.trim() === '')) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['reason'],
        message: 'must say why flow logs are off (a non-empty reason beside enabled: false)',
      });
    }
  });

export const networkLayerSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** The VPC's IPv4 block. */
    cidr: blockCidr.default('10.0.0.0/16'),
    /**
     * How many availability zones the subnets span: the region's first available zones by ID, without
     * `excludeZoneIds`, or exactly `zoneIds`. The data layer needs 3, because Redshift Serverless workgroups need
     * subnets in three supported zones.
     */
    availabilityZones: oneOfNumbers(AVAILABILITY_ZONE_COUNTS).default(2),
    /**
     * Exactly these zone IDs, in subnet order (one per zone): pins an existing environment's zones, or chooses them.
     * @default the first available zone IDs of the region that excludeZoneIds leaves
     */
    zoneIds: z.array(ZONE_ID).optional(),
    /** Zone IDs never chosen automatically. @default DEFAULT_EXCLUDED_ZONE_IDS (use1-az3, usw1-az2, apne1-az3) */
    excludeZoneIds: z.array(ZONE_ID).default([...DEFAULT_EXCLUDED_ZONE_IDS]),
    /** One public subnet per zone. @default blocks 1, 2, 3 of the VPC as /24s (10.0.1.0/24, ... in 10.0.0.0/16) */
    publicSubnets: z.array(blockCidr).optional(),
    /** One private subnet per zone. @default blocks 10, 11, 12 of the VPC as /24s (10.0.10.0/24, ...) */
    privateSubnets: z.array(blockCidr).optional(),
    /**
     * Outbound internet access of the private subnets: none (they reach S3 and DynamoDB through gateway endpoints
     * and other services through interface endpoints only), one NAT gateway, or one per zone.
     * @default 'per-az' where protectStatefulResources is on (prod), 'single' elsewhere
     */
    natGateways: oneOf(NAT_GATEWAY_MODES).optional(),
    flowLogs: flowLogsSchema.default({}),
    /** Interface endpoints in the private subnets, admitting HTTPS from the VPC. */
    interfaceEndpoints: z
      .array(oneOf(INTERFACE_ENDPOINT_SERVICES))
      .default([])
      .refine((list) => new Set(list).size === list.length, { message: 'must not list a service twice' }),
  })
  .strict()
  .superRefine((network, ctx) => {
    for (const problem of subnetLayoutProblems(network)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: problem.path, message: problem.message });
    }
    const ids = network.zoneIds;
    if (ids !== undefined && ids.length !== network.availabilityZones) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['zoneIds'],
        message: `must list one zone ID per availability zone (availabilityZones is ${network.availabilityZones})`,
      });
    }
    if (ids !== undefined && new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['zoneIds'], message: 'must not list a zone twice' });
    }
    for (const [i, id] of (ids ?? []).entries()) {
      if (network.excludeZoneIds.includes(id)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['zoneIds', i],
          message: 'is in excludeZoneIds; remove it from one of the lists',
        });
      }
    }
  })
  .transform((network) => {
    const zones = network.availabilityZones;
    return {
      ...network,
      publicSubnets: network.publicSubnets ?? defaultSubnets(network.cidr, DEFAULT_PUBLIC_BLOCK, zones),
      privateSubnets: network.privateSubnets ?? defaultSubnets(network.cidr, DEFAULT_PRIVATE_BLOCK, zones),
    };
  });

type ParsedNetworkLayer = z.infer<typeof networkLayerSchema>;

/** The network layer with every default applied, as stacks receive it. */
export interface NetworkLayerConfig extends Omit<ParsedNetworkLayer, 'natGateways' | 'flowLogs'> {
  readonly natGateways: NatGatewayMode;
  readonly flowLogs: {
    readonly enabled: boolean;
    /** Why they are off, when they are. */
    readonly reason?: string;
    readonly retentionDays: number;
    readonly trafficType: FlowLogTrafficType;
    readonly maxAggregationIntervalSeconds: number;
  };
}

interface EnvironmentWithNetwork extends ProductionMarker {
  readonly network: ParsedNetworkLayer;
  readonly logRetentionDays: number;
}

/** Applies the defaults that depend on the rest of the environment (prod marker, log retention). */
export function withNetworkDefaults<T extends EnvironmentWithNetwork>(
  environment: T,
): Omit<T, 'network'> & { network: NetworkLayerConfig } {
  const { network } = environment;
  const production = isProduction(environment);
  return {
    ...environment,
    network: {
      ...network,
      natGateways: network.natGateways ?? (production ? 'per-az' : 'single'),
      flowLogs: {
        ...network.flowLogs,
        retentionDays:
          network.flowLogs.retentionDays ?? (production ? environment.logRetentionDays : CHEAP_FLOW_LOG_RETENTION_DAYS),
        trafficType: network.flowLogs.trafficType ?? (production ? 'ALL' : 'REJECT'),
      },
    },
  };
}

export interface LayoutProblem {
  /** Path below the network layer, for example `['privateSubnets', 1]`. */
  readonly path: (string | number)[];
  readonly message: string;
}

interface SubnetLayout {
  readonly cidr: string;
  readonly availabilityZones: number;
  readonly publicSubnets?: readonly string[];
  readonly privateSubnets?: readonly string[];
}

/**
 * Why a subnet layout cannot work: a list whose length is not the zone count, a subnet outside the VPC, two subnets
 * that overlap, or defaults that do not fit the VPC. Empty when the layout is sound (or a CIDR is itself malformed,
 * which its own rule reports).
 */
export function subnetLayoutProblems(layout: SubnetLayout): LayoutProblem[] {
  const vpc = alignedCidr(layout.cidr);
  if (vpc === undefined) return [];
  const problems: LayoutProblem[] = [];
  const zones = layout.availabilityZones;
  const subnets: { path: (string | number)[]; cidr: string; derived: boolean; parsed?: ParsedCidr }[] = [];
  for (const [field, firstBlock] of [
    ['publicSubnets', DEFAULT_PUBLIC_BLOCK],
    ['privateSubnets', DEFAULT_PRIVATE_BLOCK],
  ] as const) {
    const given = layout[field];
    if (given === undefined) {
      const lastBlock = firstBlock + zones - 1;
      if (vpc.prefix > DEFAULT_SUBNET_PREFIX || lastBlock >= 2 ** (DEFAULT_SUBNET_PREFIX - vpc.prefix)) {
        problems.push({
          path: [field],
          message: `is required when the VPC (${layout.cidr}) cannot hold the default /24 subnets ${firstBlock} to ${lastBlock}; list one CIDR per availability zone`,
        });
      } else {
        defaultSubnets(layout.cidr, firstBlock, zones).forEach((cidr, i) =>
          subnets.push({ path: [field, i], cidr, derived: true, parsed: alignedCidr(cidr) }),
        );
      }
      continue;
    }
    if (given.length !== zones) {
      problems.push({
        path: [field],
        message: `must list one CIDR per availability zone (${zones})`,
      });
    }
    given.forEach((cidr, i) => subnets.push({ path: [field, i], cidr, derived: false, parsed: alignedCidr(cidr) }));
  }
  for (const [i, subnet] of subnets.entries()) {
    const parsed = subnet.parsed;
    if (parsed === undefined) continue;
    if (!cidrContains(vpc, parsed)) {
      problems.push({ path: subnet.path, message: `must lie inside the VPC ${layout.cidr}` });
      continue;
    }
    const clash = subnets.slice(0, i).find((other) => other.parsed !== undefined && cidrsOverlap(other.parsed, parsed));
    if (clash !== undefined) {
      const what = subnet.derived ? `its default ${subnet.cidr} overlaps` : 'must not overlap';
      problems.push({ path: subnet.path, message: `${what} ${clash.path.join('.')} (${clash.cidr})` });
    }
  }
  return problems;
}

/** The block, when it is well-formed and starts at its network address (otherwise its own rule reports it). */
function alignedCidr(cidr: string): ParsedCidr | undefined {
  const parsed = parseCidr(cidr);
  return parsed?.aligned ? parsed : undefined;
}

function blockSize(block: ParsedCidr): number {
  return 2 ** (32 - block.prefix);
}

function cidrContains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  return (
    inner.prefix >= outer.prefix &&
    inner.network >= outer.network &&
    inner.network + blockSize(inner) <= outer.network + blockSize(outer)
  );
}

function cidrsOverlap(a: ParsedCidr, b: ParsedCidr): boolean {
  return a.network < b.network + blockSize(b) && b.network < a.network + blockSize(a);
}

/** Terraform's cidrsubnet(): the `index`-th block of `prefix` bits inside `cidr`. */
export function cidrSubnet(cidr: string, prefix: number, index: number): string {
  const parent = parseCidr(cidr);
  if (parent === undefined || prefix < parent.prefix || index >= 2 ** (prefix - parent.prefix)) {
    throw new Error(`cannot take /${prefix} block ${index} of ${cidr}`);
  }
  return formatCidr(parent.network + index * 2 ** (32 - prefix), prefix);
}

function formatCidr(network: number, prefix: number): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${octets.join('.')}/${prefix}`;
}

function defaultSubnets(vpcCidr: string, firstBlock: number, zones: number): string[] {
  return Array.from({ length: zones }, (_, i) => cidrSubnet(vpcCidr, DEFAULT_SUBNET_PREFIX, firstBlock + i));
}
