// A chart drawn by ECharts from an option object (lib/chart-options.js). The library is loaded
// on first use; the numbers themselves are also in the page's tables, so nothing waits for it.
import { useEffect, useRef } from 'preact/hooks';

/** Starts loading the chart library (a page calls it when it opens, so the library arrives
 * while the page's data is being asked, not after). */
export function preloadChartLibrary() {
  import('../lib/chart-library.js');
}

export function Chart({ option, test }) {
  const holder = useRef(null);
  const chart = useRef(null);

  useEffect(() => {
    let live = true;
    const resize = () => chart.current && chart.current.resize();
    import('../lib/chart-library.js').then(({ init }) => {
      if (!live || !holder.current) return;
      if (!chart.current) chart.current = init(holder.current, null, { renderer: 'canvas' });
      chart.current.setOption(option, true);
      holder.current.dataset.drawn = 'true';
      // The first paint after the drawing, for bench/consumption_first_paint.py.
      requestAnimationFrame(() => performance.mark('ews-chart-drawn'));
    });
    window.addEventListener('resize', resize);
    return () => {
      live = false;
      window.removeEventListener('resize', resize);
    };
  }, [option]);

  useEffect(() => () => {
    if (chart.current) chart.current.dispose();
    chart.current = null;
  }, []);

  return <div class="chart" ref={holder} data-test={test} />;
}
