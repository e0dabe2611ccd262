import { GlueCatalogEncryption } from '../../../../../modules/policy/rules/glue/GlueCatalogEncryption';
import { findingsOf } from '../../../../support/policy-rules';

const settings = (mode: string, passwords: boolean) => ({
  resource: {
    aws_glue_data_catalog_encryption_settings: {
      s: {
        data_catalog_encryption_settings: {
          encryption_at_rest: { catalog_encryption_mode: mode },
          connection_password_encryption: { return_connection_password_encrypted: passwords },
        },
      },
    },
  },
});

describe('glue-catalog-encryption: ' + GlueCatalogEncryption.description, () => {
  test('compliant: SSE-KMS and encrypted connection passwords', () => {
    expect(findingsOf(GlueCatalogEncryption, settings('SSE-KMS', true))).toEqual([]);
  });

  test('non-compliant: catalog encryption disabled', () => {
    expect(findingsOf(GlueCatalogEncryption, settings('DISABLED', true))).toEqual([
      'aws_glue_data_catalog_encryption_settings.s: settings lack catalog_encryption_mode = "SSE-KMS" or return_connection_password_encrypted = true',
    ]);
  });
});
