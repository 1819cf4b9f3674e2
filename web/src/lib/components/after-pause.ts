/**
 * Asks the API once typing pauses, and keeps only the answer to the latest question: for an
 * `$effect`, whose cleanup (the returned function) cancels a question not yet asked and drops the
 * answer to one already under way. Failures are left unshown (the form works without the answer).
 */
export function askAfterPause<T>(ask: () => Promise<T>, answer: (value: T) => void, pauseMs: number): () => void {
  let stale = false;
  const timer = setTimeout(() => {
    ask().then(
      (value) => {
        if (!stale) answer(value);
      },
      () => undefined,
    );
  }, pauseMs);
  return () => {
    stale = true;
    clearTimeout(timer);
  };
}
