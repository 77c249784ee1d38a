import type { BarChartModel } from "../presenters/ingest-health-chart.js";

/**
 * A server-rendered SVG bar chart, no script: role="img" with a <title> and a <desc> summary for
 * screen readers; each bar's own <title> shows on hover. The scale and the first and last slot's
 * labels are HTML around the drawing: inside it they would shrink with a narrow screen to an
 * unreadable size and be cut at its edges.
 */
export function BarChart({ chart, id }: { chart: BarChartModel; id: string }) {
  return (
    <figure class="bar-chart-frame">
      <p class="chart-label chart-scale" aria-hidden="true">
        {chart.scaleLabel}
      </p>
      <svg
        class="bar-chart"
        viewBox={`0 0 ${chart.width} ${chart.height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>{chart.title}</title>
        <desc id={`${id}-desc`}>{chart.summary}</desc>
        <line class="chart-axis" x1={0} x2={chart.width} y1={chart.baseline} y2={chart.baseline} />
        {chart.bars.map((bar) => (
          <rect class={`chart-${bar.kind}`} x={bar.x} y={bar.y} width={bar.width} height={bar.height}>
            <title>{bar.label}</title>
          </rect>
        ))}
      </svg>
      <p class="chart-label chart-ticks" aria-hidden="true">
        {chart.ticks.map((tick) => (
          <span>{tick}</span>
        ))}
      </p>
    </figure>
  );
}
