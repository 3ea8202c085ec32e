// `news-lens export FILE --format spacy|conll|brat`: the article's corrected analysis as training data
// (trainingFormats.ts writes the formats; src/learning/examples.ts gives the corrected analysis).
import { isSidecarPath, articlePathFor } from '../store';
import type { CommandIO } from './args';
import { correctedExample } from '../learning/examples';
import { toTrainingFormat, type TrainingFormat } from './trainingFormats';
import { forTerminal } from './terminal';

export async function runTrainingExport(format: TrainingFormat, file: string, io: CommandIO): Promise<number> {
  const article = isSidecarPath(file) ? articlePathFor(file) : file;
  let example;
  try {
    example = await correctedExample(article);
  } catch (e) {
    io.stderr(`news-lens export: ${forTerminal((e as Error).message)}\n`);
    return 1;
  }
  io.stdout(toTrainingFormat(format, example));
  return 0;
}
