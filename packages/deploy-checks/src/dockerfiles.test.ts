import { DockerfileParser } from 'dockerfile-ast';
import { validate, ValidationSeverity } from 'dockerfile-utils';
import { readRepoFile } from './repo-files';

const IMAGES = [
  { dockerfile: 'apps/api/Dockerfile', workspace: 'apps/api' },
  { dockerfile: 'apps/web/Dockerfile', workspace: 'apps/web' },
];

const ciScript = readRepoFile('.ci/run');

describe.each(IMAGES)('$dockerfile', ({ dockerfile, workspace }) => {
  const source = readRepoFile(dockerfile);
  const parsed = DockerfileParser.parse(source);
  const instructions = parsed.getInstructions();
  const finalStage = instructions.slice(
    instructions.map((i) => i.getKeyword()).lastIndexOf('FROM'),
  );

  it('passes the Dockerfile linter with no error or warning', () => {
    const problems = validate(source).filter(
      (diagnostic) =>
        diagnostic.severity === ValidationSeverity.ERROR ||
        diagnostic.severity === ValidationSeverity.WARNING,
    );
    expect(problems.map((p) => `${p.range.start.line + 1}: ${p.message}`)).toEqual([]);
  });

  it('builds in stages and runs as a non-root user with a health check', () => {
    expect(parsed.getFROMs().length).toBeGreaterThanOrEqual(2);
    expect(finalStage.find((i) => i.getKeyword() === 'USER')?.getArgumentsContent()).toBe('node');
    expect(finalStage.some((i) => i.getKeyword() === 'HEALTHCHECK')).toBe(true);
  });

  it('starts node in exec form with the same command as the package start script', () => {
    const cmd = finalStage.find((i) => i.getKeyword() === 'CMD')!;
    const args = JSON.parse(cmd.getArgumentsContent()!);
    expect(Array.isArray(args)).toBe(true);
    const pkg = JSON.parse(readRepoFile(`${workspace}/package.json`));
    expect(args.join(' ')).toBe(pkg.scripts.start);
  });

  it('installs and builds with the commands CI runs', () => {
    const runs = instructions
      .filter((i) => i.getKeyword() === 'RUN')
      .map((i) => i.getArgumentsContent()!.trim());
    const installAndBuild = runs.filter((run) => !run.startsWith('npm prune'));
    expect(installAndBuild.length).toBeGreaterThan(0);
    for (const run of installAndBuild)
      expect({ run, inCi: ciScript.includes(run) }).toEqual({ run, inCi: true });
  });
});
