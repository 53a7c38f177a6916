// The parts of Apache ECharts the consumption pages draw with, and nothing else: bars, lines
// and pies on a canvas, with axes, tooltips and legends. Imported only through import() by
// src/ui/Chart.jsx, so esbuild puts the library in a chunk of its own that the first page
// load never fetches (docs/web-ui.md, "Adding a page").
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { init };
