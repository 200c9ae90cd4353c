import type { JsonLdBlock, MicrodataItem } from '../schemas/index.ts';
import { blockValue } from './parse-jsonld.ts';
import type { StructuredDataIssue, StructuredDataSource } from './schema.ts';

// User-facing messages: they end up in audit details and reports.
const MESSAGES = {
  syntaxError: (detail: string) => `JSON-LD syntax error: ${detail}`,
  missingContext: 'This JSON-LD block has no "@context": search engines cannot tell it uses schema.org. Add "@context": "https://schema.org".',
  untypedNode: 'This JSON-LD node has no "@type": search engines ignore it.',
  dataVocabulary: (type: string) =>
    `"${type}" uses data-vocabulary.org, which Google no longer reads: use the schema.org type instead.`,
  cappedNodes: (max: number) =>
    `The structured data is very large: only its first ${max} nodes were checked.`,
  cappedDepth: (max: number) =>
    `The structured data is nested more than ${max} levels deep: deeper nodes were not checked.`,
};

/** A value of a property: text as written, a JSON number or boolean, or a nested node. */
export type StructuredDataValue = string | number | boolean | StructuredDataNode;

/** One node of the page's structured data, from JSON-LD, microdata or RDFa, in a single shape. */
export interface StructuredDataNode {
  /** Primary type (the first schema.org one, else the first one); '' for an untyped node. */
  type: string;
  /** All types; schema.org ones without their "https://schema.org/" prefix. */
  types: string[];
  /** The types that belong to schema.org: the only ones rules apply to. */
  schemaOrgTypes: string[];
  id: string | null;
  /** Property → values, always a list; property names without a schema.org prefix. */
  properties: Record<string, StructuredDataValue[]>;
  source: StructuredDataSource;
  /** Where it is, e.g. "jsonld[0] > Product > offers[1]". */
  path: string;
  /**
   * Nearest typed node this one is a value of, or that points at it by @id (viaReference); null for
   * a top-level node nobody points at.
   */
  parent: { path: string; type: string; property: string; viaReference?: boolean } | null;
  /** True for a bare {"@id": …} pointing at a node defined elsewhere. */
  isReference: boolean;
}

export interface NormalizeOptions {
  /** Nodes walked at most, over all blocks: keeps a huge blob fast and bounded. */
  maxNodes?: number;
  /** Nesting depth followed at most. */
  maxDepth?: number;
}

export interface NormalizedStructuredData {
  /** Typed nodes, in document order. */
  entities: StructuredDataNode[];
  /** Problems found while reading: syntax errors, missing @context, caps reached. */
  issues: StructuredDataIssue[];
}

export const DEFAULT_MAX_NODES = 5_000;
export const DEFAULT_MAX_DEPTH = 32;

const SCHEMA_ORG_IRI = /^(?:https?:)?\/\/(?:www\.)?schema\.org\/+/i;
/** A @context or @vocab naming schema.org, with or without trailing slash. */
const SCHEMA_ORG_CONTEXT = /^(?:(?:https?:)?\/\/)?(?:www\.)?schema\.org(?:\/.*)?$/i;
const DATA_VOCABULARY_IRI = /^(?:https?:)?\/\/(?:www\.)?data-vocabulary\.org\//i;

type Vocabulary = 'schema.org' | 'other';

/** "https://schema.org/Product", "schema:Product", "Product" → "Product"; other vocabularies stay whole. */
export function schemaOrgName(term: string, vocabulary: Vocabulary = 'schema.org'): { name: string; schemaOrg: boolean } {
  const trimmed = term.trim();
  if (SCHEMA_ORG_IRI.test(trimmed)) return { name: trimmed.replace(SCHEMA_ORG_IRI, '').replace(/\/+$/, ''), schemaOrg: true };
  if (/^schema:/i.test(trimmed)) return { name: trimmed.slice('schema:'.length), schemaOrg: true };
  if (/[:/#]/.test(trimmed)) return { name: trimmed, schemaOrg: false };
  return { name: trimmed, schemaOrg: vocabulary === 'schema.org' };
}

function contextVocabulary(context: unknown, inherited: Vocabulary): Vocabulary {
  if (context === undefined || context === null) return inherited;
  if (typeof context === 'string') return SCHEMA_ORG_CONTEXT.test(context.trim()) ? 'schema.org' : 'other';
  if (Array.isArray(context)) {
    let result: Vocabulary | null = null;
    for (const part of context) {
      const v = contextVocabulary(part, inherited);
      if (v === 'schema.org') return 'schema.org';
      result = v;
    }
    return result ?? inherited;
  }
  if (typeof context === 'object') {
    const vocab = (context as Record<string, unknown>)['@vocab'];
    if (typeof vocab === 'string') return SCHEMA_ORG_CONTEXT.test(vocab.trim()) ? 'schema.org' : 'other';
    return inherited;
  }
  return inherited;
}

/** Mutable state of one normalization run: the caps are shared by every block. */
class Walker {
  readonly entities: StructuredDataNode[] = [];
  readonly issues: StructuredDataIssue[] = [];
  private nodeCount = 0;
  private cappedNodes = false;
  private cappedDepth = false;
  /** Bare @id references seen: resolved once every block is read. */
  readonly references: Array<{ id: string; from: StructuredDataNode; property: string }> = [];

  constructor(
    readonly maxNodes: number,
    readonly maxDepth: number,
  ) {}

  /** Reserves room for one more node; false (and one warning) once the cap is reached. */
  admit(path: string, depth: number): boolean {
    if (depth > this.maxDepth) {
      if (!this.cappedDepth) {
        this.cappedDepth = true;
        this.issues.push(notice('capped', path, MESSAGES.cappedDepth(this.maxDepth)));
      }
      return false;
    }
    if (this.nodeCount >= this.maxNodes) {
      if (!this.cappedNodes) {
        this.cappedNodes = true;
        this.issues.push(notice('capped', path, MESSAGES.cappedNodes(this.maxNodes)));
      }
      return false;
    }
    this.nodeCount++;
    return true;
  }

  /** True once the node cap is reached (and then warns, once): callers stop reading more input. */
  exhausted(path: string): boolean {
    if (this.nodeCount < this.maxNodes) return false;
    if (!this.cappedNodes) {
      this.cappedNodes = true;
      this.issues.push(notice('capped', path, MESSAGES.cappedNodes(this.maxNodes)));
    }
    return true;
  }
}

function notice(code: StructuredDataIssue['code'], path: string, message: string, type: string | null = null): StructuredDataIssue {
  return { severity: 'warning', type, path, property: null, message, code, alternatives: [] };
}

interface NodeContext {
  path: string;
  depth: number;
  vocabulary: Vocabulary;
  parent: StructuredDataNode | null;
  parentProperty: string;
  source: StructuredDataSource;
}

function makeNode(rawTypes: string[], id: string | null, ctx: NodeContext, walker: Walker): StructuredDataNode {
  const types: string[] = [];
  const schemaOrgTypes: string[] = [];
  for (const raw of rawTypes) {
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const { name, schemaOrg } = schemaOrgName(raw, ctx.vocabulary);
    if (DATA_VOCABULARY_IRI.test(name)) walker.issues.push({ ...notice('unsupported-vocabulary', ctx.path, MESSAGES.dataVocabulary(name), name), property: '@type' });
    if (!types.includes(name)) types.push(name);
    if (schemaOrg && !schemaOrgTypes.includes(name)) schemaOrgTypes.push(name);
  }
  const node: StructuredDataNode = {
    type: schemaOrgTypes[0] ?? types[0] ?? '',
    types,
    schemaOrgTypes,
    id,
    properties: {},
    source: ctx.source,
    path: ctx.path,
    parent: ctx.parent ? { path: ctx.parent.path, type: ctx.parent.type, property: ctx.parentProperty } : null,
    isReference: false,
  };
  if (types.length > 0) walker.entities.push(node);
  return node;
}

/**
 * Context for a node's children: their parent is the nearest typed node, so a value nested in an
 * untyped object (a contactPoint without @type) still knows which entity and property it serves.
 */
function childContext(node: StructuredDataNode, ctx: NodeContext, property: string, path: string, vocabulary: Vocabulary): NodeContext {
  const typed = node.types.length > 0;
  return {
    path,
    depth: ctx.depth + 1,
    vocabulary,
    parent: typed ? node : ctx.parent,
    parentProperty: typed ? property : ctx.parentProperty || property,
    source: ctx.source,
  };
}

function childPath(base: string, property: string, index: number, many: boolean): string {
  return `${base} > ${property}${many ? `[${index}]` : ''}`;
}

// ---------------------------------------------------------------- JSON-LD

function jsonLdTypes(obj: Record<string, unknown>): string[] {
  const t = obj['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Reads one JSON-LD object into a node (and its nested nodes). Null when a cap stops it. */
function readJsonLdObject(obj: Record<string, unknown>, ctx: NodeContext, walker: Walker, rootLabel: string | null): StructuredDataNode | null {
  if (!walker.admit(ctx.path, ctx.depth)) return null;
  const vocabulary = contextVocabulary(obj['@context'], ctx.vocabulary);
  const rawTypes = jsonLdTypes(obj);
  const id = typeof obj['@id'] === 'string' ? obj['@id'] : null;
  const keys = Object.keys(obj);
  const firstType = rawTypes.length > 0 ? schemaOrgName(rawTypes[0], vocabulary).name : null;
  const path = rootLabel !== null ? (firstType ? `${rootLabel} > ${firstType}` : rootLabel) : ctx.path;
  const node = makeNode(rawTypes, id, { ...ctx, path, vocabulary }, walker);
  node.isReference = id !== null && rawTypes.length === 0 && keys.every((k) => k === '@id' || k === '@context');
  if (node.isReference && id) walker.references.push({ id, from: nearestTyped(node, ctx), property: ctx.parentProperty });

  for (const key of keys) {
    if (key.startsWith('@')) continue;
    const { name: property } = schemaOrgName(key, vocabulary);
    const raw = obj[key];
    const many = Array.isArray(raw);
    // "name" and "schema:name" are the same property: their values add up.
    const values: StructuredDataValue[] = node.properties[property] ?? [];
    flattenJsonLdValues(raw).forEach((value, index) => {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        values.push(value);
        return;
      }
      if (value && typeof value === 'object') {
        const childCtx = childContext(node, ctx, property, childPath(path, property, index, many), vocabulary);
        const child = readJsonLdObject(value as Record<string, unknown>, childCtx, walker, null);
        if (child) values.push(child);
      }
    });
    if (values.length > 0) node.properties[property] = values;
  }
  // A nested "@graph" lists more top-level-like nodes: read them as children of this one.
  const graph = obj['@graph'];
  if (graph !== undefined && rootLabel === null) {
    flattenJsonLdValues(graph).forEach((item, index) => {
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        readJsonLdObject(item as Record<string, unknown>, { ...ctx, path: `${path} > @graph[${index}]`, depth: ctx.depth + 1, vocabulary }, walker, null);
      }
    });
  }
  return node;
}

function nearestTyped(node: StructuredDataNode, ctx: NodeContext): StructuredDataNode {
  return node.types.length > 0 ? node : (ctx.parent ?? node);
}

/** A JSON-LD value → flat list: arrays flattened, {"@value"} unwrapped, {"@list"}/{"@set"} opened. */
function flattenJsonLdValues(raw: unknown, out: unknown[] = [], depth = 0): unknown[] {
  if (raw === null || raw === undefined || depth > 8) return out;
  if (Array.isArray(raw)) {
    for (const item of raw) flattenJsonLdValues(item, out, depth + 1);
    return out;
  }
  if (typeof raw === 'object') {
    const obj = raw as Record<string, unknown>;
    if ('@value' in obj) {
      const v = obj['@value'];
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out.push(v);
      return out;
    }
    if ('@list' in obj) return flattenJsonLdValues(obj['@list'], out, depth + 1);
    if ('@set' in obj) return flattenJsonLdValues(obj['@set'], out, depth + 1);
  }
  out.push(raw);
  return out;
}

function hasOwnProperties(obj: Record<string, unknown>): boolean {
  return Object.keys(obj).some((k) => !k.startsWith('@'));
}

function readJsonLdBlock(block: JsonLdBlock, blockIndex: number, walker: Walker): void {
  const label = `jsonld[${blockIndex}]`;
  const { value, error } = blockValue(block);
  if (error !== null) {
    walker.issues.push({
      severity: 'error',
      type: null,
      path: label,
      property: null,
      message: MESSAGES.syntaxError(error),
      code: 'syntax-error',
      alternatives: [],
    });
    return;
  }
  const rootContext: NodeContext = { path: label, depth: 0, vocabulary: 'schema.org', parent: null, parentProperty: '', source: 'jsonld' };
  const roots = Array.isArray(value) ? value : [value];
  let warnedContext = false;
  roots.forEach((root, rootIndex) => {
    const rootLabel = Array.isArray(value) ? `${label}[${rootIndex}]` : label;
    if (walker.exhausted(rootLabel)) return;
    if (!root || typeof root !== 'object' || Array.isArray(root)) {
      walker.issues.push(notice('untyped-node', rootLabel, MESSAGES.untypedNode));
      return;
    }
    const obj = root as Record<string, unknown>;
    if (obj['@context'] === undefined && !warnedContext) {
      warnedContext = true;
      walker.issues.push(notice('missing-context', rootLabel, MESSAGES.missingContext));
    }
    const vocabulary = contextVocabulary(obj['@context'], 'schema.org');
    const graph = obj['@graph'];
    if (graph !== undefined) {
      flattenJsonLdValues(graph).forEach((item, graphIndex) => {
        const itemLabel = `${rootLabel} > @graph[${graphIndex}]`;
        if (walker.exhausted(itemLabel)) return;
        if (!item || typeof item !== 'object' || Array.isArray(item)) return;
        const graphObj = item as Record<string, unknown>;
        if (jsonLdTypes(graphObj).length === 0 && hasOwnProperties(graphObj)) walker.issues.push(notice('untyped-node', itemLabel, MESSAGES.untypedNode));
        readJsonLdObject(graphObj, { ...rootContext, path: itemLabel, vocabulary }, walker, itemLabel);
      });
      // Properties next to @graph (rare) still describe a node.
      if (!hasOwnProperties(obj) && jsonLdTypes(obj).length === 0) return;
    }
    if (jsonLdTypes(obj).length === 0 && hasOwnProperties(obj)) walker.issues.push(notice('untyped-node', rootLabel, MESSAGES.untypedNode));
    const withoutGraph = graph === undefined ? obj : Object.fromEntries(Object.entries(obj).filter(([k]) => k !== '@graph'));
    readJsonLdObject(withoutGraph, { ...rootContext, path: rootLabel, vocabulary }, walker, rootLabel);
  });
}

// ---------------------------------------------------------------- microdata / RDFa

function readItem(item: MicrodataItem, ctx: NodeContext, walker: Walker, rootLabel: string | null, seen: Set<MicrodataItem>): StructuredDataNode | null {
  if (seen.has(item) || !walker.admit(ctx.path, ctx.depth)) return null;
  seen.add(item);
  const types = Array.isArray(item.type) ? item.type : [];
  const vocabulary: Vocabulary = types.length === 0 || types.some((t) => schemaOrgName(t, 'other').schemaOrg) ? 'schema.org' : 'other';
  const firstType = types.length > 0 ? schemaOrgName(types[0], vocabulary).name : null;
  const path = rootLabel !== null ? (firstType ? `${rootLabel} > ${firstType}` : rootLabel) : ctx.path;
  const node = makeNode(types, typeof item.id === 'string' ? item.id : null, { ...ctx, path, vocabulary }, walker);
  for (const [key, rawValues] of Object.entries(item.properties ?? {})) {
    const { name: property } = schemaOrgName(key, vocabulary);
    const list = Array.isArray(rawValues) ? rawValues : [];
    const many = list.length > 1;
    const values: StructuredDataValue[] = node.properties[property] ?? [];
    list.forEach((value, index) => {
      if (typeof value === 'string') {
        values.push(value);
        return;
      }
      if (value && typeof value === 'object') {
        const child = readItem(value, childContext(node, ctx, property, childPath(path, property, index, many), vocabulary), walker, null, seen);
        if (child) values.push(child);
      }
    });
    if (values.length > 0) node.properties[property] = values;
  }
  seen.delete(item);
  return node;
}

function readItems(items: MicrodataItem[], source: 'microdata' | 'rdfa', walker: Walker): void {
  items.forEach((item, index) => {
    const label = `${source}[${index}]`;
    if (walker.exhausted(label) || !item || typeof item !== 'object') return;
    readItem(item, { path: label, depth: 0, vocabulary: 'schema.org', parent: null, parentProperty: '', source }, walker, label, new Set());
  });
}

// ---------------------------------------------------------------- references

/** A top-level node pointed at by another node's {"@id"} is that node's value, not a standalone item. */
function attachReferences(walker: Walker): void {
  const topLevelById = new Map<string, StructuredDataNode>();
  for (const entity of walker.entities) {
    if (entity.parent === null && entity.id && !topLevelById.has(entity.id)) topLevelById.set(entity.id, entity);
  }
  const byPath = new Map(walker.entities.map((e) => [e.path, e]));
  for (const ref of walker.references) {
    const target = topLevelById.get(ref.id);
    if (!target || target.parent !== null || ref.from === target || ref.from.types.length === 0) continue;
    if (chainReaches(ref.from, target, byPath)) continue; // A → B → A: keep both top-level.
    target.parent = { path: ref.from.path, type: ref.from.type, property: ref.property, viaReference: true };
  }
}

function chainReaches(start: StructuredDataNode, target: StructuredDataNode, byPath: Map<string, StructuredDataNode>): boolean {
  let current: StructuredDataNode | undefined = start;
  for (let hops = 0; current && hops < 64; hops++) {
    if (current === target) return true;
    current = current.parent ? byPath.get(current.parent.path) : undefined;
  }
  return false;
}

/**
 * JSON-LD blocks, microdata items and RDFa items → one list of typed nodes with paths.
 * Never throws: unparseable blocks and oversized input become issues.
 */
export function normalizeStructuredData(
  jsonLd: JsonLdBlock[],
  microdata: MicrodataItem[] = [],
  rdfa: MicrodataItem[] = [],
  options: NormalizeOptions = {},
): NormalizedStructuredData {
  const walker = new Walker(options.maxNodes ?? DEFAULT_MAX_NODES, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  (jsonLd ?? []).forEach((block, index) => readJsonLdBlock(block, index, walker));
  readItems(microdata ?? [], 'microdata', walker);
  readItems(rdfa ?? [], 'rdfa', walker);
  attachReferences(walker);
  return { entities: walker.entities, issues: walker.issues };
}
