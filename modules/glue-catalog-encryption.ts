/**
 * The Glue Data Catalog's encryption settings: metadata encrypted at rest with KMS, and connection passwords returned
 * encrypted. The setting is one per account and region (the catalog is the account's), so, like the API Gateway
 * account setting, exactly one stack owns it (the bootstrap stack, for every region with a data layer); several data
 * stacks setting it would overwrite each other on every apply.
 *
 * Both use the AWS managed key `aws/glue` (no key argument): a customer key of one environment would make the
 * catalog of every environment in the account depend on that environment's key.
 */
import { GlueDataCatalogEncryptionSettings } from '@cdktf/provider-aws/lib/glue-data-catalog-encryption-settings';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';

export interface GlueCatalogEncryptionProps {
  /** One setting per provider, in its region. @default the stack's default provider only */
  readonly providers?: readonly AwsProvider[];
}

export class GlueCatalogEncryption extends Construct {
  readonly settings: readonly GlueDataCatalogEncryptionSettings[];

  constructor(scope: Construct, id: string, props: GlueCatalogEncryptionProps = {}) {
    super(scope, id);
    const providers = props.providers ?? [undefined];
    this.settings = providers.map(
      (provider, i) =>
        new GlueDataCatalogEncryptionSettings(this, providers.length === 1 ? 'settings' : `settings-${i + 1}`, {
          provider,
          dataCatalogEncryptionSettings: {
            encryptionAtRest: { catalogEncryptionMode: 'SSE-KMS' },
            connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true },
          },
        }),
    );
  }
}
