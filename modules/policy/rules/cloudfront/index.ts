/** CloudFront and WAF-for-CloudFront rules, one per file. */
import type { PolicyRule } from '../../engine';
import { cloudfrontAccessLogging } from './access-logging';
import { cloudfrontGlobalRegion } from './global-region';
import { cloudfrontMinimumTls } from './minimum-tls';
import { cloudfrontNoLegacyOai } from './no-legacy-oai';
import { cloudfrontOriginAccessControl } from './origin-access-control';
import { cloudfrontViewerHttps } from './viewer-https';
import { cloudfrontWafAttached } from './waf-attached';

export {
  cloudfrontAccessLogging,
  cloudfrontGlobalRegion,
  cloudfrontMinimumTls,
  cloudfrontNoLegacyOai,
  cloudfrontOriginAccessControl,
  cloudfrontViewerHttps,
  cloudfrontWafAttached,
};

export const CLOUDFRONT_RULES: readonly PolicyRule[] = [
  cloudfrontViewerHttps,
  cloudfrontMinimumTls,
  cloudfrontOriginAccessControl,
  cloudfrontNoLegacyOai,
  cloudfrontWafAttached,
  cloudfrontAccessLogging,
  cloudfrontGlobalRegion,
];
