import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ErrorCode, InternalError, UnavailableError, ValidationError } from '../../model/index.js';
import { batchItemError, internalItemMessage, itemFailureLog } from './batch-item-error.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

describe('BatchCheck item errors', () => {
  it('keeps typed input errors and hides everything internal behind one message', () => {
    expect(batchItemError(new ValidationError(ErrorCode.RelationNotFound, "relation 'document#nope' not found"))).toEqual({
      code: ErrorCode.RelationNotFound,
      message: "relation 'document#nope' not found",
    });
    for (const error of [new Error('relation "tuple" does not exist'), new InternalError('db said boom'), 'weird', undefined]) {
      expect(batchItemError(error)).toEqual({ code: ErrorCode.InternalError, message: internalItemMessage });
    }
    expect(batchItemError(new UnavailableError())).toEqual({ code: ErrorCode.Unavailable, message: 'service unavailable' });
  });

  it('hides an internal error that wraps a driver failure, whatever its own message', () => {
    const wrapped = new InternalError(undefined, { cause: new Error('connection reset by 10.0.0.7') });
    expect(batchItemError(wrapped)).toEqual({ code: ErrorCode.InternalError, message: internalItemMessage });
  });

  it('logs internal causes once per request, with the request id, and never input errors', () => {
    const { logger, lines } = capture();
    const log = itemFailureLog(logger, 'req-42');
    const cause = new Error('relation "tuple" does not exist');
    log.report('a', batchItemError(cause), cause);
    log.report('b', batchItemError(cause), cause);
    const input = new ValidationError(ErrorCode.ValidationError, 'bad');
    log.report('c', batchItemError(input), input);
    log.flush();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ requestId: 'req-42', failed: 2, correlationIds: ['a', 'b'], msg: 'batch check items failed' });
    expect(JSON.stringify(lines[0].err)).toContain('relation \\"tuple\\" does not exist');
    const quiet = itemFailureLog(logger, 'req-43');
    quiet.report('c', batchItemError(input), input);
    quiet.flush();
    expect(lines).toHaveLength(1);
  });
});
