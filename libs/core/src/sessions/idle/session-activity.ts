import { Injectable } from '@nestjs/common';

/** When each live session was last used: what idle suspension goes by. */
@Injectable()
export class SessionActivity {
  private readonly lastUse = new Map<string, number>();

  touch(sessionId: string): void {
    this.lastUse.set(sessionId, Date.now());
  }

  forget(sessionId: string): void {
    this.lastUse.delete(sessionId);
  }

  /** Sessions last used before `before` (epoch ms). */
  idleSince(before: number): string[] {
    return [...this.lastUse].filter(([, at]) => at < before).map(([id]) => id);
  }
}
