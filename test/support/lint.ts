import { join } from 'node:path';
import { ESLint } from 'eslint';

export const ROOT = join(import.meta.dirname, '../..');
export const eslint = new ESLint({ cwd: ROOT });

/** The no-restricted-imports messages the project's config gives `code` as the file at `path`. */
export async function restricted(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}
