// Tuples, changes, assertions, expand trees and listed users between proto messages and the
// service's plain values.
import type { TupleKey } from '../../model/index.js';
import type { Assertion, ExpandNode, ListedUser, StoreInfo, StoredTuple, TupleChange } from '../../service/index.js';
import { dateToTimestamp, jsonToStruct, structToJson } from './codec-values.js';
import type { Assertion as AssertionMessage, Assertion__Output } from './generated/openfga/v1/Assertion.js';
import type { ContextualTupleKeys__Output } from './generated/openfga/v1/ContextualTupleKeys.js';
import type { Store as StoreMessage } from './generated/openfga/v1/Store.js';
import type { Tuple as TupleMessage } from './generated/openfga/v1/Tuple.js';
import type { TupleChange as TupleChangeMessage } from './generated/openfga/v1/TupleChange.js';
import type { TupleKey as TupleKeyMessage, TupleKey__Output } from './generated/openfga/v1/TupleKey.js';
import type { TupleKeyWithoutCondition__Output } from './generated/openfga/v1/TupleKeyWithoutCondition.js';
import type { User as UserMessage } from './generated/openfga/v1/User.js';
import type { _openfga_v1_UsersetTree_Node as UsersetTreeNodeMessage } from './generated/openfga/v1/UsersetTree.js';

/** A TupleKey, or a TupleKeyWithoutCondition (Write's deletes). */
type TupleKeyFields = TupleKeyWithoutCondition__Output & Partial<Pick<TupleKey__Output, 'condition'>>;

export function decodeTupleKey(message: TupleKeyFields): TupleKey {
  const key: TupleKey = { object: message.object ?? '', relation: message.relation ?? '', user: message.user ?? '' };
  if (message.condition?.name) {
    const context = structToJson(message.condition.context);
    key.condition = context ? { name: message.condition.name, context } : { name: message.condition.name };
  }
  return key;
}

export function decodeTupleKeys(messages: TupleKeyFields[] | null | undefined): TupleKey[] {
  return (messages ?? []).map(decodeTupleKey);
}

export function decodeContextualTuples(message: ContextualTupleKeys__Output | null | undefined): TupleKey[] | undefined {
  const keys = message?.tuple_keys;
  return keys?.length ? keys.map(decodeTupleKey) : undefined;
}

export function encodeTupleKey(key: TupleKey): TupleKeyMessage {
  return {
    object: key.object,
    relation: key.relation,
    user: key.user,
    condition: key.condition ? { name: key.condition.name, context: jsonToStruct(key.condition.context ?? {}) } : null,
  };
}

export function encodeTuple(tuple: StoredTuple): TupleMessage {
  return { key: encodeTupleKey(tuple.key), timestamp: dateToTimestamp(tuple.timestamp) };
}

export function encodeChange(change: TupleChange): TupleChangeMessage {
  return {
    tuple_key: encodeTupleKey(change.key),
    operation: change.operation === 'delete' ? 'TUPLE_OPERATION_DELETE' : 'TUPLE_OPERATION_WRITE',
    timestamp: dateToTimestamp(change.timestamp),
  };
}

export function encodeStore(store: StoreInfo): StoreMessage {
  return {
    id: store.id,
    name: store.name,
    created_at: dateToTimestamp(store.createdAt),
    updated_at: dateToTimestamp(store.updatedAt),
    deleted_at: store.deletedAt ? dateToTimestamp(store.deletedAt) : null,
  };
}

export function decodeAssertion(message: Assertion__Output): Assertion {
  const assertion: Assertion = {
    tupleKey: {
      object: message.tuple_key?.object ?? '',
      relation: message.tuple_key?.relation ?? '',
      user: message.tuple_key?.user ?? '',
    },
    expectation: message.expectation,
  };
  if (message.contextual_tuples?.length) assertion.contextualTuples = decodeTupleKeys(message.contextual_tuples);
  const context = structToJson(message.context);
  if (context) assertion.context = context;
  return assertion;
}

export function encodeAssertion(assertion: Assertion): AssertionMessage {
  return {
    tuple_key: { object: assertion.tupleKey.object, relation: assertion.tupleKey.relation, user: assertion.tupleKey.user },
    expectation: assertion.expectation,
    contextual_tuples: (assertion.contextualTuples ?? []).map(encodeTupleKey),
    context: jsonToStruct(assertion.context),
  };
}

export function encodeTreeNode(node: ExpandNode): UsersetTreeNodeMessage {
  const out: UsersetTreeNodeMessage = { name: node.name };
  if (node.leaf) {
    const leaf = node.leaf;
    if ('users' in leaf) out.leaf = { users: { users: leaf.users.users } };
    else if ('computed' in leaf) out.leaf = { computed: { userset: leaf.computed.userset } };
    else out.leaf = { tuple_to_userset: { tupleset: leaf.tupleToUserset.tupleset, computed: leaf.tupleToUserset.computed } };
  } else if (node.union) out.union = { nodes: node.union.nodes.map(encodeTreeNode) };
  else if (node.intersection) out.intersection = { nodes: node.intersection.nodes.map(encodeTreeNode) };
  else if (node.difference) out.difference = { base: encodeTreeNode(node.difference.base), subtract: encodeTreeNode(node.difference.subtract) };
  return out;
}

export function encodeUser(user: ListedUser): UserMessage {
  if ('object' in user) return { object: { type: user.object.type, id: user.object.id } };
  if ('userset' in user) return { userset: { type: user.userset.type, id: user.userset.id, relation: user.userset.relation } };
  return { wildcard: { type: user.wildcard.type } };
}
