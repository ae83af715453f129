import { useEffect, useRef } from 'preact/hooks';

type EchartsModule = typeof import('./echarts-setup.js');
let loading: Promise<EchartsModule> | null = null;
/** ECharts is loaded with the first chart, not with the first screen. */
const loadEcharts = () => (loading ??= import('./echarts-setup.js'));

/** A short fingerprint of what a chart shows: tests read it to see a chart change. */
function fingerprint(option: unknown): string {
  const text = JSON.stringify((option as { series?: unknown }).series ?? option);
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(16);
}

/** One ECharts chart, redrawn when its option changes, resized with its box. */
export function Chart({ option, height = 320, label, testId }: { option: Record<string, unknown>; height?: number; label: string; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<any>(null);
  useEffect(() => {
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    void loadEcharts().then(({ echarts }) => {
      if (cancelled || !box.current) return;
      chart.current = echarts.init(box.current, undefined, { renderer: 'svg' });
      chart.current.setOption(option, true);
      box.current.dataset.rendered = 'true';
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(box.current);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={box} class="chart" role="img" aria-label={label} data-testid={testId} data-fingerprint={fingerprint(option)} style={{ height: `${height}px` }} />;
}
