// compromise as a JSON Lines command, for the whole-process comparison (jobsBench.ts): reads
// {"id","text"} lines on standard input, writes {"id","entities"} lines (people, organisations,
// places, as compromise.ts scores them) — the same work shape as `news-lens analyze --jsonl`.
import { createInterface } from 'node:readline';
import { compromiseEntities } from './compromise';

async function main(): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    const { id, text } = JSON.parse(line) as { id: unknown; text: string };
    process.stdout.write(`${JSON.stringify({ id, entities: compromiseEntities(text) })}\n`);
  }
}

void main();
