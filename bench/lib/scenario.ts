import type { BenchContext } from './context';
import type { ScenarioResult } from './report';

export interface Scenario {
  /** Short name for the command-line filter (`npm run bench -- repl`). */
  name: string;
  run(ctx: BenchContext): Promise<ScenarioResult>;
}
