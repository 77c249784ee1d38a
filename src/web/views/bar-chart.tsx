import type { BarChartModel } from "../presenters/ingest-health-chart.js";

/**
 * A server-rendered SVG bar chart, no script: role="img" with a <title> and a <desc> summary for
 * screen readers; each bar's own <title> shows on hover.
 */
export function BarChart({ chart, id }: { chart: BarChartModel; id: string }) {
  return (
    <svg
      class="bar-chart"
      viewBox={`0 0 ${chart.width} ${chart.height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{chart.title}</title>
      <desc id={`${id}-desc`}>{chart.summary}</desc>
      <text class="chart-label" x={0} y={12}>
        {`max ${chart.maxLabel}`}
      </text>
      <line class="chart-axis" x1={0} x2={chart.width} y1={chart.baseline} y2={chart.baseline} />
      {chart.bars.map((bar) => (
        <rect class={`chart-${bar.kind}`} x={bar.x} y={bar.y} width={bar.width} height={bar.height}>
          <title>{bar.label}</title>
        </rect>
      ))}
      {chart.ticks.map((tick, index) => (
        <text class="chart-label" x={tick.x} y={chart.height - 4} text-anchor={index === 0 ? "start" : "end"}>
          {tick.label}
        </text>
      ))}
    </svg>
  );
}
