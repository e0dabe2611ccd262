import { Testing } from 'cdktf';
// Brings the matcher type declarations (toHaveResourceWithProperties, ...) into the type check.
import 'cdktf/lib/testing/adapters/jest';

// Registers cdktf's matchers (toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, ...).
Testing.setupJest();
