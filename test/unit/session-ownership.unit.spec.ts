import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LocalClaim, SessionOwner, decideSessionWrite, forwardTargetOf, mayTakeOverOthers } from '@vm-system/domain';

const notMine: LocalClaim = { fenced: false };
const given = (claim: LocalClaim) => ({
  whenOwnerIs: (owner: SessionOwner) => ({ then: (expected: string) => assert.equal(decideSessionWrite('node-a', claim, owner).type, expected) }),
});

describe('session ownership across daemons', () => {
  test('given a session hosted here at epoch 3, when it is still ours at 3, then the write is allowed', () => {
    given({ heldAt: 3, fenced: false }).whenOwnerIs({ nodeId: 'node-a', epoch: 3 }).then('allowed');
  });

  test('given a session hosted here at epoch 3, when another daemon took it (epoch 4), then the write is refused and the host is stale', () => {
    given({ heldAt: 3, fenced: false }).whenOwnerIs({ nodeId: 'node-b', epoch: 4 }).then('moved');
  });

  test('given a session hosted here at epoch 3, when it moved away and back (epoch 5, ours again), then the old host may not write: its epoch is gone', () => {
    given({ heldAt: 3, fenced: false }).whenOwnerIs({ nodeId: 'node-a', epoch: 5 }).then('moved');
  });

  test('given a session disowned by a takeover (nobody, epoch 4), when its stale host here writes, then it is refused', () => {
    given({ heldAt: 3, fenced: false }).whenOwnerIs({ nodeId: '', epoch: 4 }).then('moved');
  });

  test('given a host this daemon was fenced out of, when it still reports, then it is refused whoever owns the session', () => {
    given({ fenced: true }).whenOwnerIs({ nodeId: 'node-a', epoch: 9 }).then('moved');
  });

  test('given a session not hosted here, when a command of this daemon writes to it, then this rule does not stand in the way', () => {
    given(notMine).whenOwnerIs({ nodeId: 'node-b', epoch: 2 }).then('allowed');
  });

  test('given a recovery this daemon disowned at epoch 4, when nobody took it since, then the recovery is written', () => {
    given({ recoveringAt: 4, fenced: false }).whenOwnerIs({ nodeId: '', epoch: 4 }).then('allowed');
  });

  test('given a recovery this daemon disowned at epoch 4, when a daemon resumed the session meanwhile, then the recovery is not written', () => {
    given({ recoveringAt: 4, fenced: false }).whenOwnerIs({ nodeId: 'node-c', epoch: 5 }).then('resumed_meanwhile');
    given({ recoveringAt: 4, heldAt: 5, fenced: false }).whenOwnerIs({ nodeId: 'node-a', epoch: 5 }).then('resumed_meanwhile');
  });

  test('a daemon that went longer than a lease without renewing its own takes nobody over', () => {
    assert.equal(mayTakeOverOthers(2_000, 10_000), true);
    assert.equal(mayTakeOverOthers(10_000, 10_000), true);
    assert.equal(mayTakeOverOthers(10_001, 10_000), false);
  });

  test('a request is forwarded only to another live daemon that says where it listens', () => {
    const owner = { nodeId: 'node-b', epoch: 1, live: true, advertiseUrl: 'http://10.0.0.2:3210' };
    assert.deepEqual(forwardTargetOf('node-a', owner), { nodeId: 'node-b', url: 'http://10.0.0.2:3210' });
    assert.equal(forwardTargetOf('node-b', owner), undefined, 'the owner itself serves it');
    assert.equal(forwardTargetOf('node-a', { ...owner, live: false }), undefined, 'a lost owner: served here, which takes it over');
    assert.equal(forwardTargetOf('node-a', { ...owner, advertiseUrl: '' }), undefined);
    assert.equal(forwardTargetOf('node-a', undefined), undefined, 'nobody owns it');
  });
});
