import { useMemo } from 'react';
import type uPlot from 'uplot';
import { paletteOf } from '../../components/palette';
import { useApp } from '../../context/app-context';
import { formatBytes, formatPercent, formatRate } from '../../format/resources';
import type { ContainerKey } from '../../store/container-key';
import type { Series } from '../../store/stats-slice';
import { UsageChart } from './usage-chart';
import './usage-charts.css';

const seconds = (at: number[]) => at.map((ms) => ms / 1000);
const axisPercent = (v: number) => `${+v.toFixed(1)}%`;
const PERCENT_STEPS = [-1, 0, 1, 2, 3, 4].flatMap((power) =>
  [1, 2, 2.5, 5].map((n) => n * 10 ** power),
);
/** 1, 2, 5, 10, 20… of each binary unit: 512 KiB, 1 MiB, 2 MiB rather than 977 KiB. */
const BYTE_STEPS = [0, 1, 2, 3, 4].flatMap((power) =>
  [1, 2, 5, 10, 20, 50, 100, 200, 500].map((n) => n * 1024 ** power),
);

/**
 * The open container's CPU, memory and network over `session` (see
 * useSessionSeries), with its newest reading beside each title.
 */
export function UsageCharts({
  rowKey,
  session,
  running,
}: {
  rowKey: ContainerKey;
  session: Series;
  running: boolean;
}) {
  const limit = useApp((s) => s.stats[rowKey]?.latest.memoryLimitBytes);
  const theme = useApp((s) => s.preferences.theme);
  const palette = paletteOf(theme);
  const lines = useMemo(
    () => ({
      cpu: [{ label: 'CPU', color: palette.cpu }],
      memory: [{ label: 'Memory', color: palette.memory }],
      network: [
        { label: 'In', color: palette.rx },
        { label: 'Out', color: palette.tx },
      ],
    }),
    [palette],
  );
  const data = useMemo(() => chartData(session), [session]);

  if (session.at.length === 0)
    return running ? (
      <p className="muted usage-waiting">Sampling: the first reading comes within seconds.</p>
    ) : null;
  const last = session.at.length - 1;
  const charts = [
    {
      title: 'CPU',
      now: formatPercent(session.cpu[last]!),
      data: data.cpu,
      lines: lines.cpu,
      format: axisPercent,
      least: 1,
      steps: PERCENT_STEPS,
    },
    {
      title: 'Memory',
      now: `${formatBytes(session.memory[last]!)}${limit ? ` of ${formatBytes(limit)}` : ''}`,
      data: data.memory,
      lines: lines.memory,
      format: formatBytes,
      least: 1024 * 1024,
      steps: BYTE_STEPS,
    },
    {
      title: 'Network',
      now: `in ${formatRate(session.rx[last]!)}, out ${formatRate(session.tx[last]!)}`,
      data: data.network,
      lines: lines.network,
      format: formatRate,
      least: 1024,
      steps: BYTE_STEPS,
    },
  ];
  return (
    <section className="usage" aria-label="Resource use over this session">
      {charts.map((chart) => (
        <figure
          key={chart.title}
          className="usage-chart"
          data-chart={chart.title.toLowerCase()}
          role="img"
          aria-label={`${chart.title} over this session, now ${chart.now}`}
        >
          <figcaption>
            <span className="usage-title">{chart.title}</span>
            <span className="usage-now">{chart.now}</span>
            {chart.lines.length > 1 &&
              chart.lines.map((line) => (
                <span key={line.label} className="usage-key" data-line={line.label}>
                  {line.label}
                </span>
              ))}
          </figcaption>
          <UsageChart
            data={chart.data}
            lines={chart.lines}
            palette={palette}
            format={chart.format}
            least={chart.least}
            steps={chart.steps}
          />
        </figure>
      ))}
    </section>
  );
}

function chartData(session: Series) {
  const x = seconds(session.at);
  return {
    cpu: [x, session.cpu] as uPlot.AlignedData,
    memory: [x, session.memory] as uPlot.AlignedData,
    network: [x, session.rx, session.tx] as uPlot.AlignedData,
  };
}
