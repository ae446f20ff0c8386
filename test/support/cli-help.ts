import { runCli } from './cli';

/** What one `vm-system … --help` page says, as a reader of it would list it. */
export interface HelpPage {
  path: string[];
  text: string;
  usage: string;
  /** Names under "Commands:". */
  commands: string[];
  /** Flags (short and long) under "Options:". */
  options: string[];
  /** Flags under "Global Options:". */
  globalOptions: string[];
}

/** The entries of one section: lines indented by exactly two spaces (wrapped text is indented more). */
function section(text: string, title: string): string[] {
  const body = new RegExp(`^${title}:\\n((?:  .*\\n?)*)`, 'm').exec(text)?.[1] ?? '';
  return body
    .split('\n')
    .filter((line) => /^ {2}\S/.test(line))
    .map((line) => line.trim());
}

const flagsOf = (entries: string[]) => entries.flatMap((entry) => /^((?:-[\w-]+(?:, )?)+)/.exec(entry)![1].split(', '));

export function parseHelp(path: string[], text: string): HelpPage {
  return {
    path,
    text,
    usage: text.split('\n')[0],
    commands: section(text, 'Commands').map((entry) => entry.split(' ')[0]),
    options: flagsOf(section(text, 'Options')),
    globalOptions: flagsOf(section(text, 'Global Options')),
  };
}

/** The help page of every command, walked from `vm-system --help` down through each "Commands:" list. */
export async function allHelpPages(): Promise<HelpPage[]> {
  const pages: HelpPage[] = [];
  let level: string[][] = [[]];
  while (level.length > 0) {
    const results = await Promise.all(level.map((path) => runCli([...path, '--help'])));
    const found = results.map((result, i) => {
      if (result.code !== 0) throw new Error(`vm-system ${level[i].join(' ')} --help exited ${result.code}: ${result.stderr}`);
      return parseHelp(level[i], result.stdout);
    });
    pages.push(...found);
    level = found.flatMap((page) => page.commands.filter((name) => name !== 'help').map((name) => [...page.path, name]));
  }
  return pages;
}
