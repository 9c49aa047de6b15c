import { useLayoutEffect, useRef } from 'react';
import type { ContainerStats, Series } from '../../store/stats-slice';

/** CSS pixels. Set here, not in the stylesheet, so that drawing reads no layout. */
const WIDTH = 32;
const HEIGHT = 18;

/**
 * A container's last minutes of one series (what the store keeps, up to
 * HISTORY_MS), drawn on a small canvas: a row's trend at a glance, cheap
 * enough to redraw every row in view at each batch. The x axis is time, the
 * oldest sample kept at the left edge and the newest at the right; the y
 * axis runs from 0 to `floor` or the highest value times `headroom`,
 * whichever is more.
 */
export function Sparkline({
  entry,
  series,
  color,
  floor,
  headroom,
}: {
  entry: ContainerStats;
  series: keyof Omit<Series, 'at'>;
  color: string;
  floor: number;
  headroom: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const ratio = window.devicePixelRatio || 1;
  useLayoutEffect(() => draw(canvas.current!, ratio, entry, series, color, floor, headroom));
  return (
    <canvas
      ref={canvas}
      className="sparkline"
      width={Math.round(WIDTH * ratio)}
      height={Math.round(HEIGHT * ratio)}
      style={{ width: WIDTH, height: HEIGHT }}
      aria-hidden="true"
      data-points={entry.end - entry.start}
    />
  );
}

function draw(
  canvas: HTMLCanvasElement,
  ratio: number,
  { series: columns, start, end }: ContainerStats,
  series: keyof Omit<Series, 'at'>,
  color: string,
  floor: number,
  headroom: number,
) {
  const { width, height } = canvas;
  const context = canvas.getContext('2d')!;
  context.clearRect(0, 0, width, height);
  if (end - start < 2) return;
  const { at } = columns;
  const values = columns[series];
  let peak = 0;
  for (let i = start; i < end; i++) peak = Math.max(peak, values[i]!);
  const max = Math.max(floor, peak * headroom);
  const from = at[start]!;
  const span = at[end - 1]! - from;
  const x = (i: number) => ((at[i]! - from) / span) * (width - ratio) + ratio / 2;
  const y = (i: number) => height - ratio / 2 - (values[i]! / max) * (height - ratio);
  context.beginPath();
  context.moveTo(x(start), y(start));
  for (let i = start + 1; i < end; i++) context.lineTo(x(i), y(i));
  context.strokeStyle = color;
  context.lineWidth = ratio;
  context.lineJoin = 'round';
  context.stroke();
  context.lineTo(x(end - 1), height);
  context.lineTo(x(start), height);
  context.closePath();
  context.globalAlpha = 0.15;
  context.fillStyle = color;
  context.fill();
  context.globalAlpha = 1;
}
