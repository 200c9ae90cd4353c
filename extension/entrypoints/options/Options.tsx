import { browser } from '#imports';
import { useEffect, useState } from 'preact/hooks';
import { AckResponseSchema, ExtensionLanguageSchema, OverlayLanguageSchema, type Settings } from '../../../shared/schemas/extension.ts';
import { PACK_LANGUAGES } from '../../../shared/lang/index.ts';
import { askBackground } from '../../utils/messaging.ts';
import { originPatternsFor } from '../../utils/domains.ts';
import { parseDomainList } from '../../utils/domain-input.ts';
import { downloadText, questionsCsv, questionsExport } from '../../utils/questions-export.ts';
import { MAX_REPORT_BYTES } from '../../utils/report-index.ts';
import { importAnyReport } from '../../utils/compare-index.ts';
import { readSettings, writeSettings } from '../../utils/settings.ts';
import { clearScoreCache, readCompareIndex, readQuestions, readReportIndex, watchQuestions, writeCompareIndex, writeQuestions, writeReportIndex } from '../../utils/storage.ts';

// Options page words; every message says what happened and, for a problem, what to do.
const TEXT = {
  title: 'ZMOT Lens options',
  brandLegend: 'Your brand and competitors',
  brandNames: 'Brand and product names',
  brandNamesHint: 'One per line. A query made of one of them is navigational.',
  brandDomains: 'Your domains',
  competitorDomains: 'Competitor domains',
  domainsHint: 'One per line, e.g. example.com (subdomains included).',
  liveLegend: 'Live scoring',
  liveDomains: 'Domains whose result pages may be fetched and scored live',
  liveHint:
    'Only result pages on these domains are ever fetched, without cookies, when they appear on a results page you open. The browser asks for permission for each domain when you save.',
  liveScoring: 'Score results live',
  liveLimit: 'Live fetches per browser session',
  cacheTtl: 'Keep live scores for (hours)',
  language: 'Language of your queries',
  languageAuto: 'Automatic (from the results page)',
  display: 'On results pages',
  showBadges: 'Badges on results',
  showPanel: 'Summary panel',
  showUnscored: 'Full "not scored" pills on results without a score (otherwise a quiet grey marker)',
  overlayLanguage: 'Language of the overlay',
  overlayLanguageAuto: "Automatic (the results page's language)",
  save: 'Save',
  saved: 'Saved.',
  rejected: (items: string[]) => `Ignored, not domain names: ${items.join(', ')}`,
  denied: (domains: string[]) => `Permission not granted for ${domains.join(', ')}: their results will not be scored live.`,
  reportLegend: 'Crawl report',
  reportHint:
    'Import the report.json that zmot crawl (or zmot demo) wrote: badges use it for the pages it contains. Import the compare.json of zmot compare too: competitor results then show their score beside yours, and the panel who answers the query best.',
  reportNone: 'No report imported.',
  reportLoaded: (site: string, pages: number, date: string) => `${site}: ${pages} pages, crawled ${date}.`,
  reportImported: (file: string, pages: number) => `Imported ${file}: ${pages} pages.`,
  reportTooLarge: (file: string) => `${file}: the file is larger than ${MAX_REPORT_BYTES / 1024 / 1024} MB.`,
  reportRemove: 'Remove the report',
  compareLoaded: (brand: string, competitors: string[], questions: number, date: string) => `Compare report: ${brand} against ${competitors.join(', ')} on ${questions} questions, ${date}.`,
  compareImported: (file: string, sites: number, questions: number) => `Imported ${file}: compare report of ${sites} sites on ${questions} questions.`,
  compareRemove: 'Remove the compare report',
  compareRemoved: 'Compare report removed.',
  reportRemoved: 'Report removed.',
  questionsLegend: 'Collected questions',
  questionsCount: (n: number) => `${n} question${n === 1 ? '' : 's'} collected from results pages.`,
  exportJson: 'Export JSON',
  exportCsv: 'Export CSV',
  clear: 'Clear…',
  clearConfirm: (n: number) => `Click again to delete ${n} questions`,
  cleared: 'Collected questions deleted.',
  cacheCleared: 'Live-score cache cleared.',
  clearCache: 'Clear live-score cache',
} as const;

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', fr: 'Français', de: 'Deutsch', es: 'Español', ro: 'Română' };

type Message = { kind: 'ok' | 'warn'; text: string } | null;

const lines = (items: readonly string[]) => items.join('\n');

function toDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso.slice(0, 30) : d.toLocaleString();
}

/** The options page: brand, competitors, live-scoring domains, language, report import, questions. */
export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [form, setForm] = useState({ brandNames: '', brandDomains: '', competitorDomains: '', liveDomains: '' });
  const [saveMessage, setSaveMessage] = useState<Message>(null);
  const [reportMessage, setReportMessage] = useState<Message>(null);
  const [reportInfo, setReportInfo] = useState<string | null>(null);
  const [compareInfo, setCompareInfo] = useState<string | null>(null);
  const [questionCount, setQuestionCount] = useState(0);
  const [questionsMessage, setQuestionsMessage] = useState<Message>(null);
  const [confirmClear, setConfirmClear] = useState(false);

  const refreshReport = async () => {
    const index = await readReportIndex();
    setReportInfo(index ? TEXT.reportLoaded(index.site.name ?? index.site.origin, new Set(Object.values(index.pages).map((p) => p.url)).size, toDate(index.generatedAt)) : null);
    const compare = await readCompareIndex();
    setCompareInfo(compare ? TEXT.compareLoaded(compare.brand, compare.sites.filter((s) => s.role === 'competitor').map((s) => s.name), compare.questions.length, toDate(compare.generatedAt)) : null);
  };

  useEffect(() => {
    void readSettings().then((s) => {
      setSettings(s);
      setForm({ brandNames: lines(s.brandNames), brandDomains: lines(s.brandDomains), competitorDomains: lines(s.competitorDomains), liveDomains: lines(s.liveDomains) });
    });
    void refreshReport();
    void readQuestions().then((q) => setQuestionCount(q.length));
    return watchQuestions((q) => setQuestionCount(q.length));
  }, []);

  if (!settings) return <main class="zl-options" />;

  const onSave = (event: Event) => {
    event.preventDefault();
    const brand = parseDomainList(form.brandDomains);
    const competitors = parseDomainList(form.competitorDomains);
    const live = parseDomainList(form.liveDomains);
    const names = form.brandNames.split('\n').map((n) => n.trim()).filter(Boolean).slice(0, 20).map((n) => n.slice(0, 100));
    const rejected = [...brand.rejected, ...competitors.rejected, ...live.rejected];
    const origins = live.domains.flatMap(originPatternsFor);
    // Requested first, inside the click: browsers only show the permission prompt for a user gesture.
    const granted = origins.length ? browser.permissions.request({ origins }).catch(() => false) : Promise.resolve(true);
    void (async () => {
      const ok = await granted;
      const removed = settings.liveDomains.filter((d) => !live.domains.includes(d));
      if (removed.length) await browser.permissions.remove({ origins: removed.flatMap(originPatternsFor) }).catch(() => false);
      const next = await writeSettings({ ...settings, brandNames: names, brandDomains: brand.domains, competitorDomains: competitors.domains, liveDomains: live.domains });
      setSettings(next);
      setForm({ brandNames: lines(next.brandNames), brandDomains: lines(next.brandDomains), competitorDomains: lines(next.competitorDomains), liveDomains: lines(next.liveDomains) });
      const problems = [rejected.length ? TEXT.rejected(rejected) : null, ok ? null : TEXT.denied(live.domains)].filter((p): p is string => p !== null);
      setSaveMessage(problems.length ? { kind: 'warn', text: `${TEXT.saved} ${problems.join(' ')}` } : { kind: 'ok', text: TEXT.saved });
    })();
  };

  const setField = (key: keyof typeof form) => (event: Event) => {
    const value = (event.currentTarget as HTMLTextAreaElement).value;
    setForm((current) => ({ ...current, [key]: value }));
  };
  const setOption = <K extends keyof Settings>(key: K, value: Settings[K]) => setSettings((current) => (current ? { ...current, [key]: value } : current));

  const onReportFile = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_REPORT_BYTES) {
      setReportMessage({ kind: 'warn', text: TEXT.reportTooLarge(file.name) });
      return;
    }
    const result = importAnyReport(file.name, await file.text());
    if (!result.ok) {
      setReportMessage({ kind: 'warn', text: result.message });
      return;
    }
    if (result.kind === 'compare') await writeCompareIndex(result.index);
    else await writeReportIndex(result.index);
    await askBackground({ type: 'report:changed' }, AckResponseSchema).catch(() => null);
    await refreshReport();
    setReportMessage({
      kind: 'ok',
      text: result.kind === 'compare' ? TEXT.compareImported(file.name, result.index.sites.length, result.index.questions.length) : TEXT.reportImported(file.name, new Set(Object.values(result.index.pages).map((p) => p.url)).size),
    });
  };

  const removeReport = async (kind: 'crawl' | 'compare') => {
    if (kind === 'compare') await writeCompareIndex(null);
    else await writeReportIndex(null);
    await askBackground({ type: 'report:changed' }, AckResponseSchema).catch(() => null);
    await refreshReport();
    setReportMessage({ kind: 'ok', text: kind === 'compare' ? TEXT.compareRemoved : TEXT.reportRemoved });
  };

  const exportQuestions = async (format: 'json' | 'csv') => {
    const questions = await readQuestions();
    const stamp = new Date().toISOString().slice(0, 10);
    if (format === 'json') downloadText(`zmot-questions-${stamp}.json`, 'application/json', `${JSON.stringify(questionsExport(questions), null, 2)}\n`);
    else downloadText(`zmot-questions-${stamp}.csv`, 'text/csv', questionsCsv(questions));
  };

  const clearQuestions = async () => {
    if (!confirmClear) {
      setConfirmClear(true);
      return;
    }
    setConfirmClear(false);
    await writeQuestions([]);
    setQuestionsMessage({ kind: 'ok', text: TEXT.cleared });
  };

  const domainField = (key: 'brandDomains' | 'competitorDomains' | 'liveDomains', label: string, hint: string) => (
    <>
      <label for={key}>{label}</label>
      <p class="zl-hint">{hint}</p>
      <textarea id={key} name={key} value={form[key]} onInput={setField(key)} spellcheck={false} />
    </>
  );

  return (
    <main class="zl-options">
      <h1>
        <span class="zl-logo" aria-hidden="true">
          Z
        </span>
        {TEXT.title}
      </h1>
      <form onSubmit={onSave}>
        <fieldset>
          <legend>{TEXT.brandLegend}</legend>
          <label for="brandNames">{TEXT.brandNames}</label>
          <p class="zl-hint">{TEXT.brandNamesHint}</p>
          <textarea id="brandNames" name="brandNames" value={form.brandNames} onInput={setField('brandNames')} />
          {domainField('brandDomains', TEXT.brandDomains, TEXT.domainsHint)}
          {domainField('competitorDomains', TEXT.competitorDomains, TEXT.domainsHint)}
        </fieldset>
        <fieldset>
          <legend>{TEXT.liveLegend}</legend>
          <label class="zl-toggle">
            <input type="checkbox" name="liveScoring" checked={settings.liveScoring} onChange={(e) => setOption('liveScoring', e.currentTarget.checked)} />
            {TEXT.liveScoring}
          </label>
          {domainField('liveDomains', TEXT.liveDomains, TEXT.liveHint)}
          <label for="liveLimit">{TEXT.liveLimit}</label>
          <input id="liveLimit" name="liveLimitPerSession" type="number" min={0} max={1000} value={settings.liveLimitPerSession} onInput={(e) => setOption('liveLimitPerSession', Math.max(0, Math.min(1000, Math.round(Number(e.currentTarget.value) || 0))))} />
          <label for="cacheTtl">{TEXT.cacheTtl}</label>
          <input id="cacheTtl" name="cacheTtlHours" type="number" min={0.1} max={720} step="any" value={settings.cacheTtlHours} onInput={(e) => setOption('cacheTtlHours', Math.max(0.1, Math.min(720, Number(e.currentTarget.value) || 24)))} />
        </fieldset>
        <fieldset>
          <legend>{TEXT.display}</legend>
          <label for="language">{TEXT.language}</label>
          <select id="language" name="language" value={settings.language} onChange={(e) => setOption('language', ExtensionLanguageSchema.parse(e.currentTarget.value))}>
            {['auto', ...PACK_LANGUAGES].map((lang) => (
              <option value={lang} key={lang}>
                {lang === 'auto' ? TEXT.languageAuto : lang}
              </option>
            ))}
          </select>
          <label class="zl-toggle">
            <input type="checkbox" name="showBadges" checked={settings.showBadges} onChange={(e) => setOption('showBadges', e.currentTarget.checked)} />
            {TEXT.showBadges}
          </label>
          <label class="zl-toggle">
            <input type="checkbox" name="showPanel" checked={settings.showPanel} onChange={(e) => setOption('showPanel', e.currentTarget.checked)} />
            {TEXT.showPanel}
          </label>
          <label class="zl-toggle">
            <input type="checkbox" name="showUnscored" id="showUnscored" checked={settings.showUnscored} onChange={(e) => setOption('showUnscored', e.currentTarget.checked)} />
            {TEXT.showUnscored}
          </label>
          <label for="overlayLanguage">{TEXT.overlayLanguage}</label>
          <select id="overlayLanguage" name="overlayLanguage" value={settings.overlayLanguage} onChange={(e) => setOption('overlayLanguage', OverlayLanguageSchema.parse(e.currentTarget.value))}>
            {OverlayLanguageSchema.options.map((lang) => (
              <option value={lang} key={lang}>
                {lang === 'auto' ? TEXT.overlayLanguageAuto : LANGUAGE_NAMES[lang]}
              </option>
            ))}
          </select>
        </fieldset>
        <div class="zl-row">
          <button type="submit" class="zl-button" id="save">
            {TEXT.save}
          </button>
          {saveMessage && (
            <span class={`zl-message zl-${saveMessage.kind}`} role="status" id="save-message">
              {saveMessage.text}
            </span>
          )}
        </div>
      </form>

      <h2>{TEXT.reportLegend}</h2>
      <p class="zl-hint">{TEXT.reportHint}</p>
      <p id="report-info">{reportInfo ?? TEXT.reportNone}</p>
      {compareInfo && <p id="compare-info">{compareInfo}</p>}
      <div class="zl-row">
        <input type="file" id="report-file" accept=".json,application/json" onChange={(e) => void onReportFile(e)} />
        {reportInfo && (
          <button type="button" class="zl-secondary" onClick={() => void removeReport('crawl')}>
            {TEXT.reportRemove}
          </button>
        )}
        {compareInfo && (
          <button type="button" class="zl-secondary" id="remove-compare" onClick={() => void removeReport('compare')}>
            {TEXT.compareRemove}
          </button>
        )}
      </div>
      {reportMessage && (
        <p class={`zl-message zl-${reportMessage.kind}`} role={reportMessage.kind === 'warn' ? 'alert' : 'status'} id="report-message">
          {reportMessage.text}
        </p>
      )}

      <h2>{TEXT.questionsLegend}</h2>
      <p id="questions-count">{TEXT.questionsCount(questionCount)}</p>
      <div class="zl-row">
        <button type="button" class="zl-secondary" id="export-json" disabled={!questionCount} onClick={() => void exportQuestions('json')}>
          {TEXT.exportJson}
        </button>
        <button type="button" class="zl-secondary" id="export-csv" disabled={!questionCount} onClick={() => void exportQuestions('csv')}>
          {TEXT.exportCsv}
        </button>
        <button type="button" class="zl-secondary" id="clear-questions" disabled={!questionCount} onClick={() => void clearQuestions()}>
          {confirmClear ? TEXT.clearConfirm(questionCount) : TEXT.clear}
        </button>
        <button
          type="button"
          class="zl-secondary"
          onClick={() =>
            void clearScoreCache().then(() => setQuestionsMessage({ kind: 'ok', text: TEXT.cacheCleared }))
          }
        >
          {TEXT.clearCache}
        </button>
      </div>
      {questionsMessage && (
        <p class={`zl-message zl-${questionsMessage.kind}`} role="status">
          {questionsMessage.text}
        </p>
      )}
    </main>
  );
}
