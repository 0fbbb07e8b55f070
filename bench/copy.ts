// Streaming rows into PostgreSQL with COPY … FROM STDIN (text format), with backpressure: rows are
// generated as the server takes them, never held all at once.
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export const NULL = '\\N';
const SPECIAL = /[\\\n\r\t]/;

/** A value in COPY's text format. */
export function copyText(value: string): string {
  if (!SPECIAL.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

export function copyNullable(value: string | null | undefined): string {
  return value === null || value === undefined ? NULL : copyText(value);
}

export function copyTime(ms: number | null): string {
  return ms === null ? NULL : new Date(ms).toISOString();
}

const ARRAY_QUOTE = /[\s,"\\{}]/;

/** A text[] literal ({a,"b c"}) in COPY's text format. */
export function copyTextArray(items: readonly string[]): string {
  const literal = `{${items
    .map((item) =>
      item === '' || ARRAY_QUOTE.test(item) || item.toUpperCase() === 'NULL'
        ? `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
        : item,
    )
    .join(',')}}`;
  return copyText(literal);
}

export function copyJson(value: unknown): string {
  return copyText(JSON.stringify(value));
}

const FLUSH_CHARS = 256 * 1024;

/** One COPY stream: add() lines, `await sink.ready()` now and then, end() at the end. */
export class CopySink {
  private buffer = '';
  private blocked: Promise<void> | null = null;
  private unblock: (() => void) | null = null;
  private error: Error | null = null;
  private readonly stream: ReturnType<typeof copyFrom>;
  rows = 0;

  constructor(
    client: pg.ClientBase,
    table: string,
    columns: readonly string[],
    options: { freeze?: boolean } = {},
  ) {
    const opts = options.freeze ? ' WITH (FREEZE)' : '';
    this.stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN${opts}`));
    this.stream.on('error', (err: Error) => {
      this.error = err;
      this.unblock?.();
    });
    this.stream.on('drain', () => this.unblock?.());
  }

  /** Adds one row: the values already in COPY text format. */
  add(values: string[]): void {
    this.buffer += `${values.join('\t')}\n`;
    this.rows++;
    if (this.buffer.length >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (!this.buffer) return;
    const ok = this.stream.write(this.buffer);
    this.buffer = '';
    if (!ok && !this.blocked) {
      this.blocked = new Promise<void>((resolve) => {
        this.unblock = () => {
          this.blocked = null;
          this.unblock = null;
          resolve();
        };
      });
    }
  }

  /** Resolves once the server has caught up (returns at once when it has). */
  async ready(): Promise<void> {
    if (this.error) throw this.error;
    if (this.blocked) await this.blocked;
    if (this.error) throw this.error;
  }

  async end(): Promise<number> {
    if (this.error) throw this.error;
    this.stream.end(this.buffer);
    this.buffer = '';
    await finished(this.stream);
    return this.rows;
  }
}
