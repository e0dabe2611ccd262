import { checkName, NameError, Naming } from '../../modules/naming';

describe('Naming', () => {
  const dev = new Naming('concert', 'dev');

  test('per-environment names are <service>-<env>-<component>', () => {
    expect(dev.name('raw-data', 's3Bucket')).toBe('concert-dev-raw-data');
    expect(dev.stackName('network')).toBe('concert-dev-network');
    expect(dev.parameterPath).toBe('/concert/dev/');
  });

  test('global names are <service>-<component>', () => {
    const global = dev.withEnvironment(undefined);
    expect(global.name('tfstate', 's3Bucket')).toBe('concert-tfstate');
    expect(global.stackName('bootstrap')).toBe('concert-bootstrap');
  });

  test('function log groups follow Lambda', () => {
    expect(Naming.lambdaLogGroup('concert-dev-health')).toBe('/aws/lambda/concert-dev-health');
  });

  test('fails when a component is not lower-case words joined by -', () => {
    expect(() => dev.name('Raw_Data')).toThrow(
      new NameError('name component "Raw_Data" must be lower-case words of a-z and 0-9 joined by single -'),
    );
    expect(() => dev.name('raw--data')).toThrow(NameError);
  });

  test('fails when a bucket name is over 63 characters', () => {
    const long = new Naming('a-twenty-char-servic', 'staging');
    expect(() => long.name('model-artifacts-and-other-long-things-here', 's3Bucket')).toThrow(
      's3Bucket name "a-twenty-char-servic-staging-model-artifacts-and-other-long-things-here" is 71 characters; AWS allows 3 to 63',
    );
  });

  test('fails when a function or role name is over 64 characters', () => {
    const component = 'x'.repeat(60);
    expect(() => dev.name(component, 'lambdaFunction')).toThrow(
      /lambdaFunction name ".*" is 72 characters; AWS allows 1 to 64/,
    );
    expect(() => dev.name(component, 'iamRole')).toThrow(/iamRole name ".*" is 72 characters; AWS allows 1 to 64/);
  });

  test('fails when a queue name is over 80 characters', () => {
    expect(() => dev.name('q'.repeat(70), 'sqsQueue')).toThrow(
      /sqsQueue name ".*" is 82 characters; AWS allows 1 to 80/,
    );
    expect(dev.name('q'.repeat(68), 'sqsQueue')).toHaveLength(80);
  });

  test('fails when a bucket name uses a reserved suffix', () => {
    expect(() => checkName('concert-dev-x-s3alias', 's3Bucket')).toThrow('must not end with -s3alias (reserved)');
  });

  test('fails when a name has characters the kind forbids', () => {
    expect(() => checkName('has space', 'sqsQueue')).toThrow(
      'sqsQueue name "has space" may contain only a-z, 0-9, - and _',
    );
  });
});
