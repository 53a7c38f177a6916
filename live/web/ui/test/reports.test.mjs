// The Reports & data download page's requests (src/lib/reports.js).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attachmentName, devicesOfFilter, downloadQuery, monthStart, pdfQuery, progressPercent } from '../src/lib/reports.js';

describe('reports', () => {
  it('asks for the chosen ids in order, none for all', () => {
    assert.equal(downloadQuery({ list: 'devices', ids: [4, 1], first: '2026-01-01', last: '2026-01-31', step: '1h', costs: true }),
      'list=devices&first=2026-01-01&last=2026-01-31&step=1h&costs=1&ids=1%2C4');
    assert.equal(downloadQuery({ list: 'loads', ids: [], first: 'a', last: 'b', step: '15min', costs: false, progress: 'p1' }),
      'list=loads&first=a&last=b&step=15min&costs=0&progress=p1');
  });
  it('gives a detailed report its filter and devices, a summary neither', () => {
    assert.equal(pdfQuery({ type: 'summary', period: '2026-03', filter: 'group-2', devices: [3] }), 'type=summary&period=2026-03');
    assert.equal(pdfQuery({ type: 'detailed', period: '2026', filter: 'load-7', devices: [9, 3] }),
      'type=detailed&period=2026&filter=load-7&devices=3%2C9');
  });
  it('filters devices by group or load', () => {
    const devices = [{ id: 1, load: 7, groups: [2] }, { id: 2, load: 8, groups: [] }];
    assert.deepEqual(devicesOfFilter(devices, 'all').map((d) => d.id), [1, 2]);
    assert.deepEqual(devicesOfFilter(devices, 'group-2').map((d) => d.id), [1]);
    assert.deepEqual(devicesOfFilter(devices, 'load-8').map((d) => d.id), [2]);
  });
  it('reads the progress, the month start and the file name', () => {
    assert.equal(progressPercent(null), null);
    assert.equal(progressPercent({ rowsDone: 50, rowsTotal: 200 }), 25);
    assert.equal(monthStart('2026-03-17'), '2026-03-01');
    assert.equal(attachmentName('attachment; filename="monthly_report_2026-03.pdf"', 'x'), 'monthly_report_2026-03.pdf');
    assert.equal(attachmentName(null, 'reportdata.zip'), 'reportdata.zip');
  });
});
