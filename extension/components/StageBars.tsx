import type { StageProfile } from '../../shared/schemas/page-result.ts';
import { w } from '../i18n/words.ts';
import { STAGES, to100 } from './format.ts';

/** How much a page serves each stage, as three labelled bars. */
export function StageBars({ profile }: { profile: StageProfile }) {
  return (
    <div class="zl-stagebars">
      {STAGES.map((stage) => (
        <div class="zl-stagebar" key={stage}>
          <span class="zl-stagebar-label">{w().stage[stage]}</span>
          <span class="zl-stagebar-track">
            <span class={`zl-stagebar-fill zl-stage-${stage}`} style={{ width: `${to100(profile[stage])}%` }} />
          </span>
          <span class="zl-stagebar-value">{to100(profile[stage])}%</span>
        </div>
      ))}
    </div>
  );
}
