import type { JsonLdBlock, MicrodataItem } from '../schemas/index.ts';
import { normalizeStructuredData, type NormalizeOptions, type StructuredDataNode, type StructuredDataValue } from './normalize.ts';
import {
  CONTAINER_PROPERTIES,
  ITEM_TYPES,
  RICH_RESULT_FEATURES,
  TYPE_RULES,
  type FeatureSpec,
  type Finding,
  type RuleContext,
  type Severity,
  type TypeRules,
} from './rules.ts';
import type { RichResult, StructuredDataIssue, StructuredDataReport } from './schema.ts';
import { describeValue, isNode, valueProblem } from './value-checks.ts';
import { isSchemaOrgType, isSubtypeOf, schemaOrgTypeIgnoringCase, typeAndAncestors } from './vocabulary.ts';

// User-facing messages.
const MESSAGES = {
  missingRequired: (property: string, type: string) => `Missing required property "${property}" on ${type}.`,
  missingOneOf: (properties: string[], type: string) => `${type} needs one of: ${properties.map((p) => `"${p}"`).join(', ')}.`,
  missingRecommended: (property: string, type: string) => `Missing recommended property "${property}" on ${type}.`,
  invalidValue: (property: string, expectation: string, found: string) => `"${property}" should be ${expectation}; found ${found}.`,
  unknownType: (type: string, suggestion: string | null) =>
    `"${type}" is not a schema.org type${suggestion ? ` (types are case-sensitive: did you mean "${suggestion}"?)` : ''}: search engines ignore this entity.`,
  unknownProperty: (property: string, suggestion: string | null) =>
    `"${property}" is not a schema.org property${suggestion ? ` (did you mean "${suggestion}"?)` : ''}: search engines ignore it.`,
  checkFailed: (detail: string) => `Structured data could not be checked: ${detail}`,
};

/** Google's own action annotations ("query-input") are the only property names with a dash it reads. */
const ACTION_ANNOTATION = /^[a-zA-Z]+-(input|output)$/;
const SCHEMA_PROPERTY_NAME = /^[a-z][A-Za-z0-9]*$/;
const MAX_ANCESTOR_HOPS = 64;

export interface ValidateOptions extends NormalizeOptions {
  /** RDFa items (same shape as microdata), when the page has any. */
  rdfa?: MicrodataItem[];
}

// ---------------------------------------------------------------- rule selection

const rulesCache = new Map<string, TypeRules[]>();

/** Rules of the nearest ruled supertypes of a type (several when it descends from two ruled types). */
function rulesForType(type: string): TypeRules[] {
  const cached = rulesCache.get(type);
  if (cached) return cached;
  const lineage = typeAndAncestors(type);
  const candidates = TYPE_RULES.filter(
    (rule) =>
      lineage.includes(rule.type) &&
      (!rule.exact || rule.type === type) &&
      !(rule.exceptSubtypes ?? []).some((excluded) => isSubtypeOf(type, excluded)),
  );
  const ruledTypes = [...new Set(candidates.map((r) => r.type))];
  const nearest = ruledTypes.filter((t) => !ruledTypes.some((other) => other !== t && isSubtypeOf(other, t)));
  const rules = candidates.filter((r) => nearest.includes(r.type));
  if (rulesCache.size < 2_000) rulesCache.set(type, rules);
  return rules;
}

function matchesFeature(type: string, spec: FeatureSpec): boolean {
  if ((spec.exceptSubtypes ?? []).some((excluded) => isSubtypeOf(type, excluded))) return false;
  return spec.types.some((wanted) => (spec.exact ? type === wanted : isSubtypeOf(type, wanted)));
}

// ---------------------------------------------------------------- graph helpers

class EntityGraph {
  readonly byPath = new Map<string, StructuredDataNode>();
  readonly byId = new Map<string, StructuredDataNode>();
  private readonly ancestorCache = new Map<StructuredDataNode, StructuredDataNode[]>();

  constructor(readonly entities: StructuredDataNode[]) {
    for (const e of entities) {
      if (!this.byPath.has(e.path)) this.byPath.set(e.path, e);
      if (e.id && !this.byId.has(e.id)) this.byId.set(e.id, e);
    }
  }

  parentOf(entity: StructuredDataNode): StructuredDataNode | null {
    return entity.parent ? (this.byPath.get(entity.parent.path) ?? null) : null;
  }

  /** Parent, grandparent… (bounded, and safe against reference loops). */
  ancestors(entity: StructuredDataNode): StructuredDataNode[] {
    const cached = this.ancestorCache.get(entity);
    if (cached) return cached;
    const chain: StructuredDataNode[] = [];
    const seen = new Set<StructuredDataNode>([entity]);
    for (let current = this.parentOf(entity); current && !seen.has(current) && chain.length < MAX_ANCESTOR_HOPS; current = this.parentOf(current)) {
      chain.push(current);
      seen.add(current);
    }
    this.ancestorCache.set(entity, chain);
    return chain;
  }

  /** A bare {"@id"} reference stands for the node defined elsewhere with that @id. */
  deref(value: StructuredDataValue): StructuredDataValue {
    if (isNode(value) && value.isReference && value.id) return this.byId.get(value.id) ?? value;
    return value;
  }

  private readonly contextCache = new Map<StructuredDataNode, RuleContext>();
  private readonly mainItemCache = new Map<StructuredDataNode, boolean>();

  isMainItem(entity: StructuredDataNode): boolean {
    let main = this.mainItemCache.get(entity);
    if (main === undefined) {
      // Only nesting counts: a @graph node that others point at by @id (an Organization as
      // WebSite.publisher) is still an item of its own, as search engines read it. Nested, an
      // entity is an item only when listed by a container (WebPage.mainEntity, ItemList) that is
      // not itself an item.
      main = true;
      let current: StructuredDataNode = entity;
      for (let hops = 0; main && current.parent && !current.parent.viaReference && hops < MAX_ANCESTOR_HOPS; hops++) {
        const parent = this.parentOf(current);
        if (!parent) break;
        if (!CONTAINER_PROPERTIES.has(current.parent.property)) main = false;
        else if (parent.schemaOrgTypes.some((t) => ITEM_TYPES.some((item) => isSubtypeOf(t, item)))) main = false;
        current = parent;
      }
      this.mainItemCache.set(entity, main);
    }
    return main;
  }

  /** Values at a property path ("offers.price"), following @id references, flattened. */
  values(entity: StructuredDataNode, path: string): StructuredDataValue[] {
    if (!path.includes('.')) {
      const direct = entity.properties[path];
      if (!direct) return [];
      return direct.some((v) => isNode(v) && v.isReference) ? direct.map((v) => this.deref(v)) : direct;
    }
    let current: StructuredDataValue[] = [entity];
    for (const segment of path.split('.')) {
      const next: StructuredDataValue[] = [];
      for (const value of current) {
        const node = this.deref(value);
        if (isNode(node)) for (const v of node.properties[segment] ?? []) next.push(this.deref(v));
      }
      current = next;
      if (current.length === 0) break;
    }
    return current;
  }

  context(entity: StructuredDataNode): RuleContext {
    const cached = this.contextCache.get(entity);
    if (cached) return cached;
    const values = (path: string) => this.values(entity, path);
    const ctx: RuleContext = {
      entity,
      parent: this.parentOf(entity),
      parentProperty: entity.parent?.property ?? null,
      isMainItem: this.isMainItem(entity),
      values,
      has: (path) => values(path).some((v) => isNode(v) || (typeof v === 'string' ? v.trim() !== '' : true)),
    };
    this.contextCache.set(entity, ctx);
    return ctx;
  }

  /** Property path from an ancestor down to a descendant: "offers.priceSpecification". */
  relativePath(root: StructuredDataNode, entity: StructuredDataNode): string {
    const segments: string[] = [];
    let current: StructuredDataNode | null = entity;
    for (let hops = 0; current && current !== root && hops < MAX_ANCESTOR_HOPS; hops++) {
      if (current.parent) segments.unshift(current.parent.property);
      current = this.parentOf(current);
    }
    return segments.filter(Boolean).join('.');
  }
}

// ---------------------------------------------------------------- issue collection

class IssueList {
  private readonly byKey = new Map<string, StructuredDataIssue>();

  add(issue: StructuredDataIssue): void {
    const key = `${issue.path}\u0000${issue.property ?? ''}\u0000${issue.code}\u0000${issue.type ?? ''}`;
    const existing = this.byKey.get(key);
    // The same problem found by two rules (multi-typed entity, overlapping contexts) is reported once, at its worst.
    if (!existing || (existing.severity === 'warning' && issue.severity === 'error')) this.byKey.set(key, issue);
  }

  get all(): StructuredDataIssue[] {
    return [...this.byKey.values()];
  }
}

/** The type an issue is reported under: the entity's own type that the rule applies to. */
function reportedType(entity: StructuredDataNode, ruleType: string): string {
  if (entity.schemaOrgTypes.includes(ruleType)) return ruleType;
  return entity.schemaOrgTypes.find((t) => isSubtypeOf(t, ruleType)) ?? entity.type;
}

function checkEntity(entity: StructuredDataNode, graph: EntityGraph, issues: IssueList): void {
  const base = { path: entity.path, alternatives: [] as string[] };

  for (const type of entity.schemaOrgTypes) {
    if (!isSchemaOrgType(type)) {
      const suggestion = schemaOrgTypeIgnoringCase(type);
      issues.add({ ...base, severity: 'error', type, property: '@type', message: MESSAGES.unknownType(type, suggestion), code: 'unknown-type' });
    }
  }
  if (entity.schemaOrgTypes.length === 0) return;

  for (const property of Object.keys(entity.properties)) {
    if (/[:/#]/.test(property) || SCHEMA_PROPERTY_NAME.test(property) || ACTION_ANNOTATION.test(property)) continue;
    const suggestion = /^[A-Z][A-Za-z0-9]*$/.test(property) ? property[0].toLowerCase() + property.slice(1) : null;
    issues.add({ ...base, severity: 'warning', type: entity.type, property, message: MESSAGES.unknownProperty(property, suggestion), code: 'unknown-property' });
  }

  const ctx = graph.context(entity);
  const applicable: Array<{ rule: TypeRules; type: string }> = [];
  const seen = new Set<TypeRules>();
  for (const type of entity.schemaOrgTypes) {
    for (const rule of rulesForType(type)) {
      if (seen.has(rule)) continue;
      seen.add(rule);
      if (!rule.when || rule.when(ctx)) applicable.push({ rule, type: reportedType(entity, rule.type) });
    }
  }
  // A value is critical when its property is required in this context, by any applicable rule.
  const requiredHere = new Set<string>();
  for (const { rule } of applicable) {
    for (const p of rule.required ?? []) requiredHere.add(p);
    for (const group of rule.oneOf ?? []) if ((group.severity ?? 'error') === 'error') for (const p of group.properties) requiredHere.add(p);
  }

  for (const { rule, type } of applicable) {
    const issue = (severity: Severity, property: string | null, message: string, code: StructuredDataIssue['code'], alternatives: string[] = []) =>
      issues.add({ severity, type, path: entity.path, property, message, code, alternatives });
    for (const property of rule.required ?? []) {
      if (!ctx.has(property)) issue('error', property, MESSAGES.missingRequired(property, type), 'missing-required');
    }
    for (const group of rule.oneOf ?? []) {
      if (!group.properties.some((p) => ctx.has(p))) {
        issue(group.severity ?? 'error', group.properties[0], MESSAGES.missingOneOf(group.properties, type), 'missing-one-of', group.properties);
      }
    }
    for (const property of rule.recommended ?? []) {
      if (!ctx.has(property)) issue('warning', property, MESSAGES.missingRecommended(property, type), 'missing-recommended');
    }
    for (const [property, valueRule] of Object.entries(rule.values ?? {})) {
      const severity = valueRule.severity ?? (requiredHere.has(property) ? 'error' : 'warning');
      for (const value of ctx.values(property)) {
        const problem = valueProblem(value, valueRule);
        if (problem) {
          issue(severity, property, MESSAGES.invalidValue(property, problem, describeValue(value)), 'invalid-value');
          break; // One report per property is enough to fix it everywhere.
        }
      }
    }
    for (const check of rule.checks ?? []) {
      for (const finding of check(ctx) as Finding[]) issue(finding.severity, finding.property, finding.message, finding.code, finding.alternatives ?? []);
    }
  }
}

// ---------------------------------------------------------------- rich results

function richResultsFor(graph: EntityGraph, issues: StructuredDataIssue[]): RichResult[] {
  const roots: Array<{ entity: StructuredDataNode; spec: FeatureSpec; ctx: RuleContext }> = [];
  const rootEntities = new Set<StructuredDataNode>();
  for (const entity of graph.entities) {
    if (entity.schemaOrgTypes.length === 0) continue;
    let ctx: RuleContext | null = null;
    for (const spec of RICH_RESULT_FEATURES) {
      if (!entity.schemaOrgTypes.some((t) => matchesFeature(t, spec))) continue;
      ctx ??= graph.context(entity);
      if (!ctx.isMainItem || (spec.appliesTo && !spec.appliesTo(ctx))) continue;
      roots.push({ entity, spec, ctx });
      rootEntities.add(entity);
    }
  }
  if (roots.length === 0) return [];

  // Each error counts against every item it sits inside.
  const errorsByRoot = new Map<StructuredDataNode, Array<{ issue: StructuredDataIssue; entity: StructuredDataNode }>>();
  for (const issue of issues) {
    if (issue.severity !== 'error') continue;
    const entity = graph.byPath.get(issue.path);
    if (!entity) continue;
    for (const holder of [entity, ...graph.ancestors(entity)]) {
      if (!rootEntities.has(holder)) continue;
      const list = errorsByRoot.get(holder) ?? [];
      list.push({ issue, entity });
      errorsByRoot.set(holder, list);
    }
  }

  return roots.map(({ entity, spec, ctx }) => {
    const missing: string[] = [];
    const invalid: string[] = [];
    for (const { issue, entity: where } of errorsByRoot.get(entity) ?? []) {
      const prefix = graph.relativePath(entity, where);
      const property = [prefix, issue.property ?? ''].filter(Boolean).join('.') || '@type';
      const list = issue.code === 'missing-required' || issue.code === 'missing-one-of' ? missing : invalid;
      if (!list.includes(property)) list.push(property);
    }
    let requirementsMet = true;
    for (const group of spec.requires ?? []) {
      if (group.some((path) => ctx.has(path))) continue;
      requirementsMet = false;
      if (!missing.includes(group[0])) missing.push(group[0]);
    }
    const type = entity.schemaOrgTypes.find((t) => matchesFeature(t, spec)) ?? entity.type;
    return {
      feature: spec.feature,
      eligible: requirementsMet && (errorsByRoot.get(entity) ?? []).length === 0,
      type,
      path: entity.path,
      missing,
      invalid,
      notice: spec.notice ?? null,
    };
  });
}

// ---------------------------------------------------------------- entry point

/**
 * A page's JSON-LD blocks and microdata (and RDFa) → entities found, issues (errors lose a rich
 * result, warnings cost enrichment), and the rich results each main item is eligible for.
 * Never throws: unparseable JSON-LD is an error issue, anything unexpected a `check-failed` issue.
 */
export function validateStructuredData(jsonLd: JsonLdBlock[], microdata: MicrodataItem[] = [], options: ValidateOptions = {}): StructuredDataReport {
  try {
    const normalized = normalizeStructuredData(jsonLd ?? [], microdata ?? [], options.rdfa ?? [], options);
    const graph = new EntityGraph(normalized.entities);
    const issues = new IssueList();
    for (const issue of normalized.issues) issues.add(issue);
    for (const entity of normalized.entities) checkEntity(entity, graph, issues);
    const all = issues.all;
    return {
      entities: normalized.entities.map((e) => ({ type: e.type, types: e.types, path: e.path, source: e.source })),
      issues: all,
      richResults: richResultsFor(graph, all),
    };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      entities: [],
      issues: [{ severity: 'error', type: null, path: '', property: null, message: MESSAGES.checkFailed(detail), code: 'check-failed', alternatives: [] }],
      richResults: [],
    };
  }
}
