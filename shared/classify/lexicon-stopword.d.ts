// Types for the `stopword` package (it ships none): each export is a language's stop-word list.
declare module 'stopword' {
  export function removeStopwords(tokens: string[], stopwords?: string[]): string[];
  export const eng: string[];
  export const fra: string[];
  export const deu: string[];
  export const spa: string[];
  export const ita: string[];
  export const por: string[];
  export const nld: string[];
  export const rus: string[];
  export const ukr: string[];
  export const bul: string[];
  export const ron: string[];
  export const swe: string[];
  export const dan: string[];
  export const fin: string[];
  export const nob: string[];
  export const hun: string[];
  export const tur: string[];
  export const cat: string[];
  export const ces: string[];
  export const gle: string[];
  export const eus: string[];
  export const slv: string[];
  export const ara: string[];
}
