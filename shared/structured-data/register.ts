// Importing this module plugs microdata extraction into shared/extract (artifacts.microdata).
import { setMicrodataExtractor } from '../extract/index.ts';
import { extractMicrodata } from './extract-microdata.ts';

setMicrodataExtractor(extractMicrodata);
