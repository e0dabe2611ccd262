/**
 * The regions the pinned AWS provider knows: terraform-provider-aws 5.100.0, the binary Terraform validates against
 * (/opt/tf-plugins/registry.terraform.io/hashicorp/aws/5.100.0). Its embedded endpoint metadata names them; the list
 * was read with
 *
 *   grep -aoE '(af|ap|ca|cn|eu|il|me|mx|sa|us)-(gov-|iso[a-z]?-)?(north|south|east|west|central|northeast|northwest|southeast|southwest)-[0-9]+' \
 *     terraform-provider-aws_v5.100.0_x5 | sort | uniq -c
 *
 * keeping the names that occur at least ten times (a real region appears in the endpoints of many services). Update
 * it together with the provider.
 */
export const AWS_PROVIDER_VERSION = '5.100.0';

export const AWS_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'cn-north-1',
  'cn-northwest-1',
  'eu-central-1',
  'eu-central-2',
  'eu-isoe-west-1',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-gov-east-1',
  'us-gov-west-1',
  'us-iso-east-1',
  'us-iso-west-1',
  'us-isob-east-1',
  'us-isof-east-1',
  'us-isof-south-1',
  'us-west-1',
  'us-west-2',
] as const;
