import { PolicyRule } from '../../engine';

export const SnsHttpsOnly: PolicyRule = {
  id: 'sns-https-only',
  service: 'sns',
  level: 'error',
  description: 'No subscription delivers over plain HTTP.',
  explanation: 'Plain HTTP deliveries send alert contents unencrypted over the internet.',
  references: {},
  check: (stack) =>
    stack
      .resources('aws_sns_topic_subscription')
      .filter((s) => String(s.config.protocol ?? '').toLowerCase() === 'http')
      .map((s) => ({ resource: s, message: 'subscription delivers over http; use https' })),
};
