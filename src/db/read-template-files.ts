import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { TemplateFile } from './templates.js';

/** The deal templates of a folder (models/): one JSON file each, named by its file name. */
export function readTemplateFiles(directory: string): TemplateFile[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const content = JSON.parse(readFileSync(join(directory, file), 'utf8')) as unknown;
      const name = typeof content === 'object' && content !== null && 'name' in content && typeof content.name === 'string' ? content.name : file;
      return { id: basename(file, '.json'), name, content };
    });
}
