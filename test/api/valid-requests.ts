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
  'catalog.info': {},
  'catalog.open': { kind: 'sqlite', path: '/tmp/remoteapp-valid-request.db' },
  'catalog.users': { search: 'al' },
  'catalog.addUser': { name: 'alice' },
  'catalog.removeUser': { name: 'alice' },
  'catalog.applications': { search: 'webapp' },
  'catalog.addApplication': { image: 'remoteapp-test/webapp:1' },
  'catalog.removeApplication': { image: 'remoteapp-test/webapp:1' },
  'catalog.policies': {},
  'catalog.removePolicy': { id: 1 },
  'catalog.grants': { search: 'al', user: 'alice', image: 'remoteapp-test/webapp:1' },
  'catalog.addGrant': {
    user: 'alice',
    image: 'remoteapp-test/webapp:1',
    policy: {
      appLicense: 'KEY',
      allowHome: true,
      allowView: false,
      allowCommon: true,
      volume: { source: '/srv/data', target: '/data', mode: 'ro' },
      allowStartupData: false,
    },
  },
  'catalog.removeGrant': { id: 'cc8c1d2e0d804d8186b299288b4aa6c9' },
  'catalog.importCsv': { text: 'user.name,application.image\n', name: 'grants.csv' },
  'catalog.exportCsv': {},
  'catalog.launch': {
    engine: 'local',
    grantIds: ['cc8c1d2e0d804d8186b299288b4aa6c9'],
    configurables: { resolution: '1024x768' },
    operationId: 'op-3',
  },
  'catalog.stopUser': { engine: 'local', user: 'alice' },
  'catalog.stopApplication': { engine: 'local', image: 'remoteapp-test/webapp:1' },
  'catalog.audit': { search: 'launch', beforeId: 100, limit: 50 },
  'catalog.exportAudit': {},
  'catalog.settings': {},
  'catalog.setSettings': { homeTemplate: '/home/{user}', homeTarget: '/workspace' },
};
