// One Apache ECharts chart in a box that follows its container's width. The
// chart is a picture for sighted readers (role="img" with a short summary);
// the page shows the same numbers in a table next to it. Tooltips are drawn
// on the canvas (richText), so no HTML is built from data and no inline
// style attribute meets the Content-Security-Policy.
import { useEffect, useRef, useState } from 'react';

// The option object as ECharts takes it (kept loose: the pages build it).
export type ChartOption = Record<string, unknown>;

/** The chart's element, holding its ECharts instance once drawn. */
export type ChartHost = HTMLDivElement & { hearkenChart?: unknown };

export function Chart({ option, summary, height = 280 }: { option: ChartOption; summary: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    let dispose: (() => void) | null = null;
    import('./echartsSetup')
      .then(({ echarts }) => {
        if (!live || !ref.current) return;
        const chart = echarts.init(ref.current, undefined, { renderer: 'canvas', height });
        // For the browser tests, which count what was drawn (ChartHost).
        (ref.current as ChartHost).hearkenChart = chart;
        chart.setOption({
          animation: false,
          tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
          grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
          ...option,
        });
        const resize = () => chart.resize({ height });
        const observer = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(resize) : null;
        observer?.observe(ref.current);
        dispose = () => {
          observer?.disconnect();
          chart.dispose();
        };
      })
      .catch(() => {
        if (live) setFailed(true);
      });
    return () => {
      live = false;
      dispose?.();
    };
  }, [option, height]);

  if (failed) return <p className="muted">The chart could not be drawn; the table below has the numbers.</p>;
  return <div className="chart" ref={ref} role="img" aria-label={summary} />;
}
