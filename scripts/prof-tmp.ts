import { bundleHandler } from '../modules/lambda-asset';
import { bundleFolder } from '../modules/lambda-layer';
const t0 = performance.now();
for (const h of ['health', 'alert-processor', 'session-maintenance', 'conversation-analytics']) bundleHandler(h);
const t1 = performance.now();
bundleFolder('lambdas/layers/shared');
process.stderr.write(`handlers ${(t1 - t0).toFixed(0)} ms, layer ${(performance.now() - t1).toFixed(0)} ms\n`);
