import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Palette } from '../../components/palette';

const HEIGHT = 110;

/** "21:57:40": the session is at most hours long, so the date would only crowd the axis. */
const clockTime = (seconds: number) =>
  new Date(seconds * 1000).toLocaleTimeString([], { hour12: false });

export interface ChartLine {
  label: string;
  color: string;
}

/** `color` (any CSS colour) at `alpha`, through a canvas, which writes opaque colours as #rrggbb. */
function translucent(color: string, alpha: number): string {
  const context = document.createElement('canvas').getContext('2d')!;
  context.fillStyle = color;
  const hex = context.fillStyle;
  return /^#[0-9a-f]{6}$/.test(hex)
    ? `${hex}${Math.round(alpha * 255)
        .toString(16)
        .padStart(2, '0')}`
    : 'transparent';
}

function options(
  width: number,
  palette: Palette,
  lines: ChartLine[],
  format: (value: number) => string,
  least: number,
  steps: number[],
): uPlot.Options {
  // Two steps high, with a little room above the peak: always three labels, 0, a step and two.
  const top = (max: number) => {
    const high = Math.max(max, least) * 1.05;
    return 2 * (steps.find((step) => 2 * step >= high) ?? high / 2);
  };
  const axis: uPlot.Axis = {
    stroke: palette.axis,
    font: '11px system-ui, sans-serif',
    grid: { stroke: palette.grid, width: 1 },
    ticks: { stroke: palette.grid, width: 1, size: 4 },
  };
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: { time: true },
      // From 0, and never so tight that an idle container's noise fills the chart.
      y: { range: (_u, _min, max) => [0, top(max)] },
    },
    axes: [
      { ...axis, space: 80, values: (_u, splits) => splits.map(clockTime) },
      {
        ...axis,
        size: 64,
        splits: (u) => [0, u.scales.y!.max! / 2, u.scales.y!.max!],
        values: (_u, splits) => splits.map(format),
      },
    ],
    series: [
      {},
      ...lines.map((line, i) => ({
        label: line.label,
        stroke: line.color,
        width: 1.5,
        points: { show: false },
        // One line filled beneath; two stay lines, so that neither hides the other.
        ...(lines.length === 1 && i === 0 && { fill: translucent(line.color, 0.15) }),
      })),
    ],
  };
}

/**
 * One uPlot chart over time: `data` is [seconds since the epoch, ...one
 * array per line]. Made again when the theme's colours change, its data set
 * in place as samples arrive; as wide as its box.
 */
export function UsageChart({
  data,
  lines,
  palette,
  format,
  least,
  steps,
}: {
  data: uPlot.AlignedData;
  lines: ChartLine[];
  palette: Palette;
  format: (value: number) => string;
  /** The y axis reaches at least this high. */
  least: number;
  /** The y axis's steps, ascending: its top is twice the first that leaves the peak below. */
  steps: number[];
}) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const element = host.current!;
    const chart = new uPlot(
      options(element.clientWidth, palette, lines, format, least, steps),
      data,
      element,
    );
    plot.current = chart;
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: element.clientWidth, height: HEIGHT }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // Data arrives through setData below: a new chart only for new looks.
  }, [palette, lines, format, least, steps]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return <div ref={host} className="usage-plot" />;
}
