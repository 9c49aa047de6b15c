import { describe, expect, it } from 'vitest';
import { swarmRole } from '../../src-core/docker/swarm-role';

// The Swarm part of `/info` as dockerd answers it in each state (no daemon needed).
describe("a probe's Swarm role, from /info's Swarm", () => {
  it('a manager, with its node count', () => {
    const info = { LocalNodeState: 'active', ControlAvailable: true, Nodes: 2, Managers: 1 };
    expect(swarmRole(info)).toEqual({ role: 'manager', nodes: 2 });
  });

  it('a worker: active, without control', () => {
    expect(swarmRole({ LocalNodeState: 'active', ControlAvailable: false })).toEqual({
      role: 'worker',
      nodes: null,
    });
  });

  it('not in a Swarm: inactive, locked, or an old daemon that has no Swarm part', () => {
    for (const info of [
      { LocalNodeState: 'inactive', ControlAvailable: false },
      { LocalNodeState: 'locked' },
      undefined,
    ])
      expect(swarmRole(info)).toEqual({ role: 'none', nodes: null });
  });
});
