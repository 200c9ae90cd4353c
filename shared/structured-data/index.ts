export * from './schema.ts';
export { extractMicrodata } from './extract-microdata.ts';
export { extractRdfa } from './extract-rdfa.ts';
export { parseJsonLdScript, stripScriptWrappers } from './parse-jsonld.ts';
export { normalizeStructuredData, schemaOrgName, type StructuredDataNode, type StructuredDataValue } from './normalize.ts';
export { validateStructuredData, type ValidateOptions } from './validate.ts';
export { isSchemaOrgType } from './vocabulary.ts';
