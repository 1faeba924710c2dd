// `starter`: Baleia's own command on the student's host (not a Linux program) that lays a
// starter project (data/templates) into a folder of the current directory.
import type { Command } from 'just-bash';
import goMultistage from '../../../../data/templates/go-multistage.json' with { type: 'json' };
import mistakes from '../../../../data/templates/mistakes.json' with { type: 'json' };
import nodeApi from '../../../../data/templates/node-api.json' with { type: 'json' };
import pythonApp from '../../../../data/templates/python-app.json' with { type: 'json' };
import staticSite from '../../../../data/templates/static-site.json' with { type: 'json' };
import { dirname, resolvePath } from '../../fs/paths';
import { fail, ok, tool, type ToolContext } from './tool-context';

export interface StarterProject {
  id: string;
  title: { en: string; 'pt-BR': string };
  description: { en: string; 'pt-BR': string };
  files: Record<string, string>;
}

/** The starter projects, in the order `starter` lists them. */
export const STARTER_PROJECTS: StarterProject[] = [nodeApi, pythonApp, staticSite, goMultistage, mistakes];

const USAGE = 'Usage: starter [PROJECT [FOLDER]]\n';

function listing(): string {
  const width = Math.max(...STARTER_PROJECTS.map((p) => p.id.length)) + 2;
  let out = 'Starter projects. `starter NAME` copies one into ./NAME/ (or `starter NAME FOLDER`):\n\n';
  for (const p of STARTER_PROJECTS) out += `  ${p.id.padEnd(width)}${p.title.en}\n`;
  return `${out}\nThen: cd NAME && docker build -t NAME .\n`;
}

export function starterTool(tc: ToolContext): Command {
  return tool('starter', (args, _env, cwd) => {
    if (args.includes('-h') || args.includes('--help')) return ok(`${USAGE}\n${listing()}`);
    if (args.length === 0) return ok(listing());
    if (args.length > 2) return fail(`starter: too many arguments\n${USAGE}`, 2);
    const [id = '', folderArg] = args;
    const project = STARTER_PROJECTS.find((p) => p.id === id);
    if (!project) return fail(`starter: there is no starter project called "${id}". Run starter to see the list.\n`, 1);
    const folder = folderArg ?? project.id;
    const root = resolvePath(cwd, folder);
    const fs = tc.fs;
    const existing = fs.getNode(root);
    if (existing && existing.type !== 'dir') return fail(`starter: ${folder} already exists and is not a folder.\n`, 1);
    const paths = Object.keys(project.files).sort();
    const clashes = paths.filter((path) => fs.getNode(`${root}/${path}`) !== undefined);
    if (clashes.length > 0) {
      return fail(`starter: ${folder}/${clashes[0]} already exists. Nothing was written: starter never overwrites your files. Pick another folder: starter ${id} OTHER-FOLDER\n`, 1);
    }
    try {
      for (const path of paths) {
        const full = `${root}/${path}`;
        fs.makeDir(dirname(full), true);
        fs.writeText(full, project.files[path] as string);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return fail(`starter: could not write the files (${message}).\n`, 1);
    }
    let out = `Created ${folder}/ with ${paths.length} files: ${project.title.en}.\n`;
    for (const path of paths) out += `  ${folder}/${path}\n`;
    out += `\n${project.description.en}\n\nNext: cd ${folder} && docker build -t ${project.id} .\n`;
    return ok(out);
  });
}
