// The consumption pages' logic (src/lib/consumptions.js, src/lib/chart-options.js): periods and
// their neighbours across month and year ends, API and CSV paths, shown values (a gap is a
// dash, never 0), and charts that keep gaps as gaps.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { histogramOption } from '../src/lib/chart-options.js';
import { answerPath, csvPath, dateForPeriod, dayOf, formatValue, shiftDate } from '../src/lib/consumptions.js';

describe('periods', () => {
  it('names a period from a day and back', () => {
    assert.equal(dateForPeriod('day', '2026-03-29'), '2026-03-29');
    assert.equal(dateForPeriod('month', '2026-03-29'), '2026-03');
    assert.equal(dateForPeriod('year', '2026-03-29'), '2026');
    assert.equal(dateForPeriod('decade', '2026-03-29'), '2020');
    assert.equal(dayOf('month', '2026-03'), '2026-03-01');
    assert.equal(dayOf('year', '2026'), '2026-01-01');
  });

  it('steps to the previous and next period across month, year and decade ends', () => {
    assert.equal(shiftDate('day', '2026-03-01', -1), '2026-02-28');
    assert.equal(shiftDate('day', '2028-02-28', 1), '2028-02-29');
    assert.equal(shiftDate('month', '2026-01', -1), '2025-12');
    assert.equal(shiftDate('month', '2026-12', 1), '2027-01');
    assert.equal(shiftDate('year', '2026', -1), '2025');
    assert.equal(shiftDate('decade', '2020', 1), '2030');
  });
});

describe('paths', () => {
  it('asks the API for the tab, its choices and the period', () => {
    const q = { period: 'day', date: '2026-03-29', subject: 'device-3', first: 'device-1', second: 'device-7', energy: 'gas' };
    assert.equal(answerPath('grand-total', q), '/consumptions/grand-total/day/2026-03-29');
    assert.equal(answerPath('details', q), '/consumptions/details/device-3/day/2026-03-29');
    assert.equal(answerPath('compare', q), '/consumptions/compare/device-1/device-7/day/2026-03-29');
    assert.equal(answerPath('tariffs-total', q), '/consumptions/tariffs/total/gas/day/2026-03-29');
    assert.equal(answerPath('details', { ...q, subject: null }), null);
    assert.equal(csvPath('tariffs-total', q), '/api/v1/consumptions/datalogger/gas/day/2026-03-29');
    assert.equal(csvPath('partials', { ...q, subject: 'groups' }), '/api/v1/consumptions/datalogger/total/day/2026-03-29');
  });
});

describe('values', () => {
  it('scales to the display unit and shows a gap as a dash', () => {
    assert.equal(formatValue(12600, 1000), '12.600');
    assert.equal(formatValue(0, 1000), '0.000');
    assert.equal(formatValue(null, 1000), '–');
    assert.equal(formatValue(0.125, 1, 2), '0.13');
  });

  it('keeps null bars null in the chart', () => {
    const answer = {
      labels: ['00:00', '01:00'], display: { unit: 'kWh', divisor: 1000 },
      series: [{ key: 'device-3', name: 'HVAC', values: [600, null], previousValues: [null, 1200] }],
    };
    const option = histogramOption(answer, (s) => s.name, { previousLabel: 'previous' });
    assert.deepEqual(option.series[0].data, [0.6, null]);
    assert.deepEqual(option.series[1].data, [null, 1.2]);
  });
});
