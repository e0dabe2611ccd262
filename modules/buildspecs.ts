/**
 * Buildspecs of the delivery pipeline's CodeBuild projects, as objects (CodeBuild reads JSON as YAML), so that tests
 * read the commands instead of matching strings. The commands are the same scripts the GitHub workflows run: one
 * project script orders the stacks from the synthesized manifest, one smoke-tests the deployed endpoints.
 */

/** Terraform from HashiCorp's signed package repository (the CodeBuild Amazon Linux images have none). */
function installTerraform(version: string): string[] {
  return [
    'dnf install -y -q dnf-plugins-core',
    'dnf config-manager --add-repo https://rpm.releases.hashicorp.com/AmazonLinux/hashicorp.repo',
    `dnf install -y -q terraform-${version}`,
  ];
}

const INSTALL_NODE = { 'runtime-versions': { nodejs: 20 } };

export interface SynthBuildspecProps {
  /** PLATFORM_PRESET of the synthesized app. */
  readonly preset: string;
}

/** Type check, tests and synth with the policy check; the artifact is the source with `cdktf.out`. */
export function synthBuildspec(props: SynthBuildspecProps): Record<string, unknown> {
  return {
    version: 0.2,
    env: { variables: { PLATFORM_PRESET: props.preset, CHECKPOINT_DISABLE: '1', CI: 'true' } },
    phases: {
      install: { ...INSTALL_NODE, commands: ['npm ci --no-audit --no-fund'] },
      build: { commands: ['npm run typecheck', 'npm test -- --ci', 'npm run synth'] },
    },
    artifacts: { files: ['**/*'], 'exclude-paths': ['node_modules/**/*', '.build/**/*'] },
  };
}

export interface UiBuildspecProps {
  readonly command: string;
  readonly outputDirectory: string;
}

export function uiBuildspec(props: UiBuildspecProps): Record<string, unknown> {
  return {
    version: 0.2,
    phases: {
      install: { ...INSTALL_NODE, commands: ['npm ci --no-audit --no-fund'] },
      build: { commands: [props.command] },
    },
    artifacts: { 'base-directory': props.outputDirectory, files: ['**/*'] },
  };
}

export interface DeployBuildspecProps {
  readonly environment: string;
  readonly preset: string;
  /** The environment's deploy role (bootstrap stack), which the project's own role may only assume. */
  readonly deployRoleArn: string;
  readonly terraformVersion: string;
}

/**
 * Applies the environment's stacks one at a time in dependency order from the synthesized manifest. Terraform runs
 * as the environment's deploy role through a profile that CodeBuild's container credentials source. An app stack with
 * a canary waits inside its apply for the CodeDeploy deployment (scripts/shift-lambda-traffic.sh), which fails the
 * build when the deployment's alarms roll it back. The stacks' outputs are the artifact for the integration tests.
 */
export function deployBuildspec(props: DeployBuildspecProps): Record<string, unknown> {
  return {
    version: 0.2,
    env: {
      variables: {
        PLATFORM_PRESET: props.preset,
        TARGET_ENVIRONMENT: props.environment,
        AWS_PROFILE: 'deploy',
        AWS_SDK_LOAD_CONFIG: '1',
        CHECKPOINT_DISABLE: '1',
        CI: 'true',
      },
    },
    phases: {
      install: {
        ...INSTALL_NODE,
        commands: [...installTerraform(props.terraformVersion), 'npm ci --no-audit --no-fund'],
      },
      pre_build: {
        commands: [
          'mkdir -p ~/.aws outputs',
          `printf '[profile deploy]\\nrole_arn = %s\\ncredential_source = EcsContainer\\nrole_session_name = codebuild-%s\\n' "${props.deployRoleArn}" "$TARGET_ENVIRONMENT" > ~/.aws/config`,
          'aws sts get-caller-identity',
        ],
      },
      build: {
        commands: [
          'for stack in $(node scripts/stack-matrix.mjs order --manifest cdktf.out/manifest.json --environment "$TARGET_ENVIRONMENT"); do npx cdktf deploy "$stack" --skip-synth --auto-approve --ignore-missing-stack-dependencies --outputs-file "outputs/$stack.json"; done',
        ],
      },
    },
    artifacts: { 'base-directory': 'outputs', files: ['**/*'] },
  };
}

export interface IntegrationTestBuildspecProps {
  readonly command: string;
}

/**
 * Runs after a deployment, on the source with that deployment's stack outputs as a secondary input. CodeBuild puts a
 * secondary input in `CODEBUILD_SRC_DIR_<artifact>`, and each environment's artifact has its own name, so the action
 * passes that variable's name in OUTPUTS_VARIABLE and the test command reads it (`--outputs-env`).
 */
export function integrationTestBuildspec(props: IntegrationTestBuildspecProps): Record<string, unknown> {
  return {
    version: 0.2,
    phases: {
      install: { ...INSTALL_NODE },
      build: { commands: [`${props.command} --outputs-env "$OUTPUTS_VARIABLE"`] },
    },
  };
}
