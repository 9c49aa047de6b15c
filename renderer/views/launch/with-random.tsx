import { Fragment } from 'react';
import { PREVIEW_RANDOM } from '../../../src-core/api/containers';

const RANDOM_MEANING: Record<string, string> = {
  [PREVIEW_RANDOM.nameSuffix]: '10 random letters a-z, drawn at launch',
  [PREVIEW_RANDOM.urlId]: 'a random url id, drawn at launch, unique in the realm',
};
const RANDOM_PART = new RegExp(
  `(${Object.keys(RANDOM_MEANING)
    .map((p) => p.replace(/[{}]/g, '\\$&'))
    .join('|')})`,
);

/** Text from the core with its random parts marked as such. */
export function WithRandom({ text }: { text: string }) {
  return (
    <>
      {text.split(RANDOM_PART).map((part, i) =>
        RANDOM_MEANING[part] ? (
          <span key={i} className="random-part" title={RANDOM_MEANING[part]}>
            {part}
          </span>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
