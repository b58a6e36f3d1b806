import { Metadata } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { anonymousPrincipal } from '../../auth/index.js';
import { GrpcCallIdentity, maxCallerTextLength, peerIp } from './call-identity.js';

describe('peerIp', () => {
  it.each([
    ['127.0.0.1:5000', '127.0.0.1'],
    ['::1:5000', '::1'],
    ['::ffff:10.0.0.1:443', '::ffff:10.0.0.1'],
    ['[2001:db8::1]:80', '2001:db8::1'],
    ['unknown', 'unknown'],
    ['10.0.0.1', '10.0.0.1'],
  ])('%s → %s', (peer, ip) => expect(peerIp(peer)).toBe(ip));
});

describe('GrpcCallIdentity', () => {
  it('reads credentials and caller details from the call, bounding the informational ones', () => {
    const metadata = new Metadata();
    metadata.set('authorization', 'Bearer x');
    metadata.set('user-agent', 'grpc-node-js/1.0');
    metadata.set('x-relata-reason', 'r'.repeat(1000));
    let peers = 0;
    const identity = new GrpcCallIdentity({ metadata, getPeer: () => (peers++, '192.0.2.1:1234') }, 'req-1', anonymousPrincipal);
    expect(identity.authorization).toBe('Bearer x');
    expect(identity.peerAddress).toBe('192.0.2.1');
    expect(peers).toBe(1);
    expect(identity.userAgent).toBe('grpc-node-js/1.0');
    expect(identity.reason).toHaveLength(maxCallerTextLength);
    expect(identity.toJSON()).toMatchObject({ principal: anonymousPrincipal, requestId: 'req-1', peerAddress: '192.0.2.1' });
  });

  it('has no reason or user agent when none was sent', () => {
    const identity = new GrpcCallIdentity({ metadata: new Metadata(), getPeer: () => 'unknown' }, 'req-2', anonymousPrincipal);
    expect(identity.reason).toBeUndefined();
    expect(identity.authorization).toBeUndefined();
  });
});
