import { atLine } from './document-error.js';

/** A position in the text and the line it is on, for errors. */
export class Cursor {
  pos = 0;
  line = 1;

  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(offset = 0): string | undefined {
    return this.text[this.pos + offset];
  }

  /** Consumes what `pattern` (sticky) matches here; undefined when it does not match. */
  take(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text);
    if (!match) return undefined;
    this.skip(match[0].length);
    return match[0];
  }

  skip(length: number): void {
    for (let i = this.pos; i < this.pos + length; i++) if (this.text[i] === '\n') this.line++;
    this.pos += length;
  }

  /** The line of a position at or after the cursor. */
  lineOf(pos: number): number {
    let line = this.line;
    for (let i = this.pos; i < pos; i++) if (this.text[i] === '\n') line++;
    return line;
  }

  fail(expected: string, line = this.line): never {
    throw atLine(line, expected);
  }
}
