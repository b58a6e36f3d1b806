// Every model of OpenFGA's transformer corpus survives JSON -> proto -> wire -> proto -> JSON
// unchanged, with the server's own (de)serializers.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MethodDefinition } from '@grpc/proto-loader';
import { describe, expect, it } from 'vitest';
import { conformanceDir } from '../../../test/helpers/conformance.js';
import type { AuthorizationModel } from '../../model/index.js';
import { encodeModel } from './codec-model.js';
import { decodeWriteModelRequest } from './model-request.js';
import { relataPackageDefinition } from './proto.js';

const corpusDir = conformanceDir();
const corpus = corpusDir ? join(corpusDir, 'openfga-language/transformer') : '';

function normalize(model: unknown): unknown {
  return JSON.parse(JSON.stringify(model, (_key, value: unknown) => (value === null ? undefined : value)));
}

describe('model codec', () => {
  const dirs = corpus && existsSync(corpus) ? readdirSync(corpus).filter((d) => existsSync(join(corpus, d, 'authorization-model.json'))) : [];
  const service = relataPackageDefinition()['openfga.v1.OpenFGAService'] as Record<string, MethodDefinition<object, object>>;
  const method = service.WriteAuthorizationModel;

  it.skipIf(dirs.length === 0)('round-trips the transformer corpus through the wire format', () => {
    for (const dir of dirs) {
      const json = JSON.parse(readFileSync(join(corpus, dir, 'authorization-model.json'), 'utf8')) as AuthorizationModel;
      const encoded = encodeModel({ ...json, id: '' });
      const wire = method.requestSerialize({ store_id: 'x', ...encoded });
      // What the model worker runs on the request's bytes (the server's deserializer keeps them).
      const { model } = decodeWriteModelRequest(wire);
      const expected = {
        schema_version: json.schema_version,
        type_definitions: json.type_definitions ?? [],
        ...(json.conditions && Object.keys(json.conditions).length ? { conditions: json.conditions } : {}),
      };
      expect(normalize(model), dir).toEqual(normalize(expected));
    }
    expect(dirs.length).toBeGreaterThan(10);
  });
});
