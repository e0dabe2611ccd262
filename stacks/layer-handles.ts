/**
 * What one layer hands to the layers that depend on it: typed objects, never hand-built ARNs or string maps.
 * cdktf turns references to these objects across stacks into outputs and remote state.
 */
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import type { Subnet } from '@cdktf/provider-aws/lib/subnet';
import type { Vpc } from '@cdktf/provider-aws/lib/vpc';
import type { SecureBucket } from '../modules/secure-bucket';
import type { AlertTopics } from '../modules/severity';

/** Exposed by the network layer. */
export interface NetworkHandles {
  readonly vpc: Vpc;
  readonly publicSubnets: readonly Subnet[];
  readonly privateSubnets: readonly Subnet[];
  /** Security group of functions placed in the VPC; databases and caches admit only this group. */
  readonly functionSecurityGroup: SecurityGroup;
}

/** Exposed by the data layer. */
export interface DataHandles {
  readonly rawBucket: SecureBucket;
  readonly processedBucket: SecureBucket;
  readonly modelArtifactsBucket: SecureBucket;
  /** Where product builds publish Lambda deployment packages (artifact-based functions read from it). */
  readonly deploymentBucket: SecureBucket;
}

/** Exposed by the alerting layer. */
export interface AlertingHandles {
  readonly topics: AlertTopics;
}
