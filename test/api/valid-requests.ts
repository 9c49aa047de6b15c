import type { CallName, Request } from '../../src-core/api/contract';

/**
 * One valid request per call of the contract: the base that the validation
 * tests break one field at a time. A call added to the contract needs its
 * line here (the validation test says which are missing).
 */
export const VALID_REQUESTS: { [N in CallName]?: Request<N> } = {
  'engines.list': {},
  'containers.list': { engine: 'local' },
  'containers.launch': {
    engine: 'local',
    user: 'alice',
    image: 'remoteapp-test/webapp:1',
    mappingId: 'm1',
    baseUrlpath: '/user/alice',
    volumes: [{ source: '/tmp', target: '/data', mode: 'ro' }],
    environment: { GREETING: 'hello' },
    operationId: 'op-1',
  },
  'containers.stop': { targets: [{ engine: 'local', id: 'abc123' }], operationId: 'op-2' },
  'containers.inspect': { engine: 'local', id: 'abc123' },
  'containers.logs': { engine: 'local', id: 'abc123', tail: 10, followId: 'f-1' },
  'containers.unfollow': { followId: 'f-1' },
  'containers.url': { engine: 'local', id: 'abc123' },
  'images.list': { engine: 'local' },
};
