import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { readRepoFile } from './repo-files';

/** The instructions of a Dockerfile's last stage: what the image is made of and runs with. */
export function finalStage(dockerfile: string): Instruction[] {
  const instructions = DockerfileParser.parse(readRepoFile(dockerfile)).getInstructions();
  return instructions.slice(instructions.map((i) => i.getKeyword()).lastIndexOf('FROM'));
}

/** The variables the final stage's ENV instructions set, as Docker reads them. */
export function finalStageEnv(dockerfile: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const instruction of finalStage(dockerfile))
    if (instruction.getKeyword() === 'ENV')
      for (const property of (
        instruction as unknown as {
          getProperties(): { getName(): string; getValue(): string | null }[];
        }
      ).getProperties())
        env[property.getName()] = property.getValue() ?? '';
  return env;
}
