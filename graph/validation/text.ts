/**
 * Text as the store keeps it: normalised to NFC (so "é" typed two ways is one name), trimmed,
 * within a length limit, and free of what makes text lie about itself: control characters (NUL,
 * terminal escapes), bidirectional overrides and isolates (the right-to-left override turns
 * "gpj.exe" into "exe.jpg" on screen), and, for names, text that shows nothing at all
 * ("\u200b" once became an organisation without a visible name). Multi-line texts
 * (descriptions) may hold line breaks and tabs; one-line texts (names) may not.
 */
import { z } from 'zod';

/** C0 controls other than tab and line breaks, DEL, C1 controls. */
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/** The same, and tab and line breaks (U+2028/2029 included) too. */
const CONTROL_ONE_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/u;
/** Bidirectional embeddings, overrides and isolates (LRE…RLO, LRI…PDI). */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/u;
/**
 * Characters that show nothing: white space, format characters (zero-width space and joiners,
 * soft hyphen, word joiner, BOM…) and the fillers that render blank (Hangul fillers, braille blank…).
 */
const INVISIBLE = /[\s\p{Cf}\p{Zs}\u034F\u115F\u1160\u17B4\u17B5\u180E\u2800\u3164\uFFA0]/gu;

export type TextProblem = 'control' | 'bidi' | 'invisible';

export const TEXT_MESSAGES: Record<TextProblem, string> = {
  control: 'may not contain control characters',
  bidi: 'may not contain bidirectional override or isolate characters',
  invisible: 'must contain visible characters',
};

/** What is wrong with a text, or null. `visible`: it must show something (names). */
export function textProblem(text: string, options: { multiline?: boolean; visible?: boolean } = {}): TextProblem | null {
  if ((options.multiline ? CONTROL_MULTILINE : CONTROL_ONE_LINE).test(text)) return 'control';
  if (BIDI.test(text)) return 'bidi';
  if (options.visible && text !== '' && text.replace(INVISIBLE, '') === '') return 'invisible';
  return null;
}

/** Does the text show anything? */
export const isVisible = (text: string) => text.replace(INVISIBLE, '') !== '';

/**
 * A zod string of at most `max` characters, NFC-normalised and trimmed, refused (with the
 * problem named) when it holds control or bidi characters, or when `visible` and it shows nothing.
 */
export function cleanText(max: number, options: { multiline?: boolean; visible?: boolean } = {}) {
  return z
    .string()
    .normalize('NFC')
    .trim()
    .max(max, `must be at most ${max} characters`)
    .superRefine((s, ctx) => {
      const problem = textProblem(s, options);
      if (problem) ctx.addIssue({ code: 'custom', message: TEXT_MESSAGES[problem] });
    });
}
