// ECharts options of the consumption pages from the API's answers: histograms (the period shown
// as bars, the previous period as a line) and pies. A null value stays null, so ECharts leaves
// the bar out: a gap is shown as a gap, never as a zero.

/** Stored values scaled to the display unit; null stays null. */
function scaled(values, divisor) {
  return values.map((v) => (v === null ? null : v / divisor));
}

/**
 * @param {object} answer a histogram answer (docs/api.md)
 * @param {(series: object) => string} label
 * @param {{stackFrom?: number, previousLabel: string}} options stackFrom: series from this index
 *   on are stacked (Grand total: the loads), the ones before are not drawn as bars.
 */
export function histogramOption(answer, label, { stackFrom = 0, previousLabel }) {
  const { divisor, unit } = answer.display;
  const bars = answer.series.slice(stackFrom).map((series) => ({
    type: 'bar', name: label(series), stack: stackFrom > 0 ? 'loads' : undefined,
    data: scaled(series.values, divisor),
  }));
  const first = answer.series[0];
  const previous = first ? [{
    type: 'line', name: `${label(first)} (${previousLabel})`, symbol: 'none', lineStyle: { type: 'dashed' },
    data: scaled(first.previousValues.slice(0, answer.labels.length), divisor),
  }] : [];
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 56, right: 16, top: 28, bottom: 56 },
    xAxis: { type: 'category', data: answer.labels },
    yAxis: { type: 'value', name: unit },
    series: [...bars, ...previous],
  };
}

/** A pie of named values (null and zero slices left out). */
export function pieOption(slices, unit) {
  return {
    animation: false,
    tooltip: { trigger: 'item', valueFormatter: (v) => `${v.toFixed(2)} ${unit}` },
    legend: { type: 'scroll', bottom: 0 },
    series: [{
      type: 'pie', radius: ['30%', '65%'],
      data: slices.filter((s) => s.value).map((s) => ({ name: s.name, value: s.value, itemStyle: s.colour ? { color: s.colour } : undefined })),
    }],
  };
}
