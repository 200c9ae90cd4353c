import { browser } from '#imports';
import { useEffect, useState } from 'preact/hooks';
import { SummaryResponseSchema, type PageSummary, type Settings } from '../../../shared/schemas/extension.ts';
import { SummaryView } from '../../components/SummaryView.tsx';
import { parseReply } from '../../utils/messaging.ts';
import { readSettings, updateSettings } from '../../utils/settings.ts';
import { readQuestions, readReportIndex, watchQuestions } from '../../utils/storage.ts';

// Popup words.
const TEXT = {
  title: 'ZMOT Lens',
  loading: 'Reading the current tab…',
  notSerp: 'Open a Google results page to see its ZMOT summary here.',
  toggles: 'On results pages',
  showBadges: 'Badges on results',
  showPanel: 'Summary panel',
  liveScoring: 'Live scoring of allowed domains',
  collect: 'Collect the query and its questions',
  collected: (n: number) => `${n} question${n === 1 ? '' : 's'} collected`,
  report: (name: string, pages: number) => `Report: ${name} (${pages} pages)`,
  noReport: 'No crawl report imported',
  options: 'Options…',
} as const;

type Tab = { status: 'loading' } | { status: 'none' } | { status: 'ready'; tabId: number; summary: PageSummary };

async function askTab(tabId: number, type: 'summary:get' | 'questions:collect'): Promise<PageSummary | null> {
  const raw = await browser.tabs.sendMessage(tabId, { type });
  return parseReply(raw, SummaryResponseSchema).summary;
}

/** The toolbar popup: the current results page's summary and quick toggles. */
export function Popup() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [tab, setTab] = useState<Tab>({ status: 'loading' });
  const [questionCount, setQuestionCount] = useState(0);
  const [report, setReport] = useState<{ name: string; pages: number } | null>(null);

  useEffect(() => {
    void readSettings().then(setSettings);
    void readQuestions().then((q) => setQuestionCount(q.length));
    void readReportIndex().then((r) => setReport(r ? { name: r.site.name ?? r.site.origin, pages: new Set(Object.values(r.pages).map((p) => p.url)).size } : null));
    void (async () => {
      try {
        const [active] = await browser.tabs.query({ active: true, currentWindow: true });
        const summary = active?.id !== undefined ? await askTab(active.id, 'summary:get') : null;
        setTab(summary && active?.id !== undefined ? { status: 'ready', tabId: active.id, summary } : { status: 'none' });
      } catch {
        // No content script in this tab: it is not a Google results page.
        setTab({ status: 'none' });
      }
    })();
    return watchQuestions((q) => setQuestionCount(q.length));
  }, []);

  const toggle = (key: 'showBadges' | 'showPanel' | 'liveScoring') => async (event: Event) => {
    setSettings(await updateSettings({ [key]: (event.currentTarget as HTMLInputElement).checked }));
  };

  const collect = async () => {
    if (tab.status !== 'ready') return;
    const summary = await askTab(tab.tabId, 'questions:collect').catch(() => null);
    if (summary) setTab({ ...tab, summary });
  };

  return (
    <main class="zl-popup">
      <h1>
        <span class="zl-logo" aria-hidden="true">
          Z
        </span>
        {TEXT.title}
      </h1>
      {tab.status === 'loading' && <p class="zl-muted">{TEXT.loading}</p>}
      {tab.status === 'none' && <p class="zl-muted">{TEXT.notSerp}</p>}
      {tab.status === 'ready' && (
        <>
          {tab.summary.query !== null && <p class="zl-query">{tab.summary.query}</p>}
          <SummaryView summary={tab.summary} hasBrand={(settings?.brandDomains.length ?? 0) > 0} />
          <div class="zl-row">
            <button type="button" class="zl-button" onClick={() => void collect()}>
              {TEXT.collect}
            </button>
          </div>
        </>
      )}
      {settings && (
        <fieldset>
          <legend>{TEXT.toggles}</legend>
          {(['showBadges', 'showPanel', 'liveScoring'] as const).map((key) => (
            <label class="zl-toggle" key={key}>
              <input type="checkbox" name={key} checked={settings[key]} onChange={toggle(key)} />
              {TEXT[key]}
            </label>
          ))}
        </fieldset>
      )}
      <p class="zl-muted">{TEXT.collected(questionCount)}</p>
      <p class="zl-muted">{report ? TEXT.report(report.name, report.pages) : TEXT.noReport}</p>
      <button type="button" class="zl-link" onClick={() => void browser.runtime.openOptionsPage()}>
        {TEXT.options}
      </button>
    </main>
  );
}
