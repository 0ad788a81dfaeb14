// The parts of Apache ECharts the analysis charts use, registered once.
// Loaded on demand (dynamic import from Chart.tsx) so other pages stay small.
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomSliderComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  MarkAreaComponent,
  DataZoomSliderComponent,
  CanvasRenderer,
]);

export { echarts };
