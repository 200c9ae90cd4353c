/**
 * Site names typed run together with a word: "myhbo", "cdczika", "usbankfargo". Pure and small; used at build
 * time (bench/build-gazetteer.ts lists the dictionary words this would misread, "appleton") and at run time.
 */

/** The shortest name, and the shortest word beside it, a joined token is split into. */
export const JOINED_MIN_NAME = 3;
export const JOINED_MIN_WORD = 3;
/** "myhbo", "mychart": the possessive prefix of account sites. */
const MY_PREFIX = 'my';

/** What a part of a token is: a big site's name (the hand list), another known name, or neither. */
export type NameKind = 'big' | 'name' | null;

export interface JoinedSplit {
  name: string;
  /** The rest of the token: "my", a common word, another name, or (after a big site's name) any word. */
  rest: string;
}

/**
 * The name inside a joined token, or null: "my" + name, name + common word or name (a big site's name + any
 * word of 4+ letters), common word + name. The longest leading name is tried first ("usbank" + "fargo").
 */
export function splitJoined(word: string, nameKind: (part: string) => NameKind, isCommon: (part: string) => boolean): JoinedSplit | null {
  if (word.length < JOINED_MIN_NAME + 2 || !/^[a-z0-9]+$/.test(word)) return null;
  const isWord = (part: string): boolean => part.length >= JOINED_MIN_WORD && isCommon(part);
  const tail = word.slice(MY_PREFIX.length);
  if (word.startsWith(MY_PREFIX) && nameKind(tail)) return { name: tail, rest: MY_PREFIX };
  for (let cut = word.length - JOINED_MIN_WORD; cut >= JOINED_MIN_NAME; cut--) {
    const head = word.slice(0, cut);
    const rest = word.slice(cut);
    const kind = nameKind(head);
    if (!kind) continue;
    if ((kind === 'big' && rest.length > JOINED_MIN_WORD) || isWord(rest) || nameKind(rest)) return { name: head, rest };
  }
  for (let cut = JOINED_MIN_WORD; cut <= word.length - JOINED_MIN_NAME; cut++) {
    const head = word.slice(0, cut);
    const rest = word.slice(cut);
    if (isWord(head) && nameKind(rest)) return { name: rest, rest: head };
  }
  return null;
}
