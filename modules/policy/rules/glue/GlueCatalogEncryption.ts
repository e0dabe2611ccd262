import { blocks, PolicyRule } from '../../engine';

export const GlueCatalogEncryption: PolicyRule = {
  id: 'glue-catalog-encryption',
  service: 'glue',
  level: 'error',
  description:
    'Glue Data Catalog encryption settings encrypt metadata at rest with KMS and return connection passwords encrypted.',
  explanation:
    'Table metadata describes where and what the data is, and connection passwords grant access to it; in plain text they are readable by anyone who can read the catalog.',
  references: { fsbp: 'Glue.4', checkov: 'CKV_AWS_94' },
  check: (stack) =>
    stack
      .resources('aws_glue_data_catalog_encryption_settings')
      .filter((s) => {
        const settings = blocks(s.config.data_catalog_encryption_settings);
        const atRest = settings.some((x) =>
          blocks(x.encryption_at_rest).some((e) => e.catalog_encryption_mode === 'SSE-KMS'),
        );
        const passwords = settings.some((x) =>
          blocks(x.connection_password_encryption).some((c) => c.return_connection_password_encrypted === true),
        );
        return !(atRest && passwords);
      })
      .map((s) => ({
        resource: s,
        message: 'settings lack catalog_encryption_mode = "SSE-KMS" or return_connection_password_encrypted = true',
      })),
};
