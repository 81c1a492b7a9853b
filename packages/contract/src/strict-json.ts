/**
 * JSON that means one thing. `JSON.parse` keeps the last of two members with one name
 * (`{"slug":"a","slug":"b"}`), so two readers of one document can disagree about what it says;
 * this parser refuses that, and a document nested deeper than any request needs. It accepts exactly
 * the JSON grammar of RFC 8259 and builds what `JSON.parse` builds (a member named `__proto__` is
 * an own property, never the prototype). Strings and numbers are decoded by `JSON.parse` itself.
 */

export type JsonPath = readonly (string | number)[];

export type JsonProblem = 'syntax' | 'duplicate' | 'depth';

/** Why a document was refused, where (line, and the path of the member), never what it holds. */
export class JsonParseError extends Error {
  override readonly name = 'JsonParseError';
  constructor(
    readonly problem: JsonProblem,
    readonly line: number,
    /** The member or element the problem is in (for a duplicate: the repeated member). */
    readonly path: JsonPath,
  ) {
    super(problem === 'duplicate' ? 'a member name is given twice' : problem === 'depth' ? 'nested too deeply' : 'not valid JSON');
  }
}

export interface StrictJsonOptions {
  /** Objects and arrays inside each other at most this deep (default 64). */
  maxDepth?: number;
  /** Hears of every member and element as it is read, with the line its value starts on. */
  onValue?(path: JsonPath, line: number): void;
}

interface ReaderHooks extends StrictJsonOptions {
  /** Every string token: a value at `path`, or the name of the member at `path`. */
  onString?(path: JsonPath, start: number, end: number): void;
}

const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
const LITERALS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['true', true],
  ['false', false],
  ['null', null],
]);

class Reader {
  pos = 0;
  private lineStart = 0;
  private lineNumber = 1;

  constructor(
    readonly text: string,
    private readonly options: ReaderHooks,
  ) {}

  /** The 1-based line of `pos`, counted lazily and only forward. */
  line(at = this.pos): number {
    if (at < this.lineStart) {
      this.lineStart = 0;
      this.lineNumber = 1;
    }
    for (let i = this.lineStart; i < at; i++) if (this.text.charCodeAt(i) === 10) this.lineNumber++;
    this.lineStart = at;
    return this.lineNumber;
  }

  fail(problem: JsonProblem, path: JsonPath, at = this.pos): never {
    throw new JsonParseError(problem, this.line(at), path);
  }

  skipWhitespace(): void {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.exec(this.text);
    this.pos = WHITESPACE.lastIndex;
  }

  /** A string token; hooks hear of it as the value at `path`, or, for a member name, as that member's path. */
  string(path: JsonPath, isName = false): string {
    STRING.lastIndex = this.pos;
    const match = STRING.exec(this.text);
    if (!match) this.fail('syntax', path);
    const token = match[0];
    const start = this.pos;
    this.pos += token.length;
    const text = token.includes('\\') ? (JSON.parse(token) as string) : token.slice(1, -1);
    this.options.onString?.(isName ? [...path, text] : path, start, this.pos);
    return text;
  }

  value(path: JsonPath, depth: number): unknown {
    this.skipWhitespace();
    this.options.onValue?.(path, this.line());
    const next = this.text[this.pos];
    if (next === '{') return this.object(path, depth + 1);
    if (next === '[') return this.array(path, depth + 1);
    if (next === '"') return this.string(path);
    NUMBER.lastIndex = this.pos;
    const number = NUMBER.exec(this.text);
    if (number) {
      this.pos += number[0].length;
      return Number(number[0]);
    }
    for (const [word, literal] of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return literal;
      }
    }
    return this.fail('syntax', path);
  }

  private enter(path: JsonPath, depth: number): void {
    if (depth > (this.options.maxDepth ?? 64)) this.fail('depth', path);
    this.pos++;
    this.skipWhitespace();
  }

  private object(path: JsonPath, depth: number): Record<string, unknown> {
    this.enter(path, depth);
    const object: Record<string, unknown> = {};
    const seen = new Set<string>();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return object;
    }
    for (;;) {
      if (this.text[this.pos] !== '"') this.fail('syntax', path);
      const nameAt = this.pos;
      const name = this.string(path, true);
      const memberPath = [...path, name];
      if (seen.has(name)) this.fail('duplicate', memberPath, nameAt);
      seen.add(name);
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail('syntax', memberPath);
      this.pos++;
      const value = this.value(memberPath, depth);
      // As JSON.parse: `__proto__` becomes an own property, not the object's prototype.
      Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
      this.skipWhitespace();
      const separator = this.text[this.pos++];
      if (separator === '}') return object;
      if (separator !== ',') this.fail('syntax', path, this.pos - 1);
      this.skipWhitespace();
    }
  }

  private array(path: JsonPath, depth: number): unknown[] {
    this.enter(path, depth);
    const array: unknown[] = [];
    if (this.text[this.pos] === ']') {
      this.pos++;
      return array;
    }
    for (;;) {
      array.push(this.value([...path, array.length], depth));
      this.skipWhitespace();
      const separator = this.text[this.pos++];
      if (separator === ']') return array;
      if (separator !== ',') this.fail('syntax', path, this.pos - 1);
    }
  }
}

/**
 * Parses `text` as `JSON.parse` would, refusing a member name given twice in one object and
 * nesting deeper than `maxDepth`.
 * @throws JsonParseError naming the line and path, never quoting the text
 */
export function parseStrictJson(text: string, options: StrictJsonOptions = {}): unknown {
  const reader = new Reader(text, options);
  const value = reader.value([], 0);
  reader.skipWhitespace();
  if (reader.pos !== text.length) reader.fail('syntax', []);
  return value;
}

/**
 * The path of the string token (a member's value, or a member's name) that covers character
 * `offset` of a document, or undefined when no string read before a mistake does. For naming the
 * field that held bytes which were not UTF-8.
 */
export function pathAtOffset(text: string, offset: number): JsonPath | undefined {
  let found: JsonPath | undefined;
  const reader = new Reader(text, {
    maxDepth: Number.POSITIVE_INFINITY,
    onString: (path, start, end) => {
      if (start <= offset && offset < end) found ??= path;
    },
  });
  try {
    reader.value([], 0);
  } catch {
    // What was read before the mistake still tells where the offset lies.
  }
  return found;
}

/** A member name fit to appear in a message: an identifier of at most 64 characters, never arbitrary text. */
const SHOWABLE_NAME = /^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/;

/**
 * A path as messages show it (`entries.2.value`). A member name that is not a plain identifier is
 * shown as `?`: it is input, and may be anything (a value pasted in the wrong place, terminal
 * escape sequences), so it is never echoed.
 */
export function showPath(path: JsonPath): string {
  return path.map((part) => (typeof part === 'number' || SHOWABLE_NAME.test(part) ? String(part) : '?')).join('.');
}

export function isShowableName(name: string): boolean {
  return SHOWABLE_NAME.test(name);
}

/** A JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
