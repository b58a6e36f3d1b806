// AuthZEN's request entities, read field by field from the parsed JSON body: every field has its
// type checked, its size bounded and, on failure, a 400 whose message names the field
// (`evaluations[3].subject.id`). Nothing here trusts the body's prototype: objects are read only
// through own properties.
import { ErrorCode, ValidationError, identifierTextProblem, utf8Length } from '../../../model/index.js';

export interface Subject {
  type: string;
  id: string;
  properties?: Record<string, unknown>;
}

export interface Resource {
  type: string;
  id: string;
  properties?: Record<string, unknown>;
}

export interface Action {
  name: string;
  properties?: Record<string, unknown>;
}

/** A JSON object as sent (an own-property bag); never an array or null. */
export type JsonObject = Record<string, unknown>;

// OpenFGA's bounds on what the entities become: a type, a relation, an object (`type:id`, at most
// 256 characters) and a user (`type:id`, at most 512 UTF-8 bytes).
const typePattern = /^[^:#@\s]{1,254}$/;
const relationPattern = /^[^:#@\s]{1,50}$/;
// `#` would turn the user into a userset and `*` means every user of the type: neither is an id.
const idPattern = /^[^#\s]+$/;
const maxObjectChars = 256;
/** Store and model ids: ULIDs in Crockford base32, as OpenFGA's API pattern has them. */
export const ulidPattern = /^[ABCDEFGHJKMNPQRSTVWXYZ0-9]{26}$/;
const maxUserBytes = 512;

export function badRequest(field: string, problem: string): ValidationError {
  return new ValidationError(ErrorCode.ValidationError, `invalid ${field}: ${problem}`);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `body[key]` when it is an own property (`__proto__`, `constructor` read nothing inherited). */
export function field(body: JsonObject, key: string): unknown {
  return Object.hasOwn(body, key) ? body[key] : undefined;
}

export function requireObject(value: unknown, name: string): JsonObject {
  if (value === undefined || value === null) throw badRequest(name, 'value is required');
  if (!isObject(value)) throw badRequest(name, 'value must be an object');
  return value;
}

export function optionalObject(value: unknown, name: string): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw badRequest(name, 'value must be an object');
  return value;
}

// The service's bounds on a request context (depth is fixed there; entries default to 10,000),
// applied here too because the service reads a context only when a condition needs it, and the
// plugin hashes contexts for page tokens.
const maxContextDepth = 32;
const maxContextEntries = 10_000;

/** A `context` or `properties` object, its depth and entries bounded (walked without recursion). */
export function optionalContext(value: unknown, name: string): JsonObject | undefined {
  const object = optionalObject(value, name);
  if (!object) return undefined;
  let entries = 0;
  const pending: [unknown, number][] = [[object, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > maxContextDepth) throw badRequest(name, `value is nested deeper than ${maxContextDepth} levels`);
    const children: unknown[] = Array.isArray(node) ? node : Object.values(node);
    entries += children.length;
    if (entries > maxContextEntries) throw badRequest(name, `value holds more than ${maxContextEntries} entries`);
    for (const child of children) pending.push([child, depth + 1]);
  }
  return object;
}

function requireString(value: unknown, name: string, pattern: RegExp, shape: string): string {
  if (value === undefined || value === null || value === '') throw badRequest(name, 'value is required');
  if (typeof value !== 'string') throw badRequest(name, 'value must be a string');
  const problem = identifierTextProblem(value);
  if (problem) throw badRequest(name, problem);
  if (!pattern.test(value)) throw badRequest(name, `value must be ${shape}`);
  return value;
}

export function requireType(value: unknown, name: string): string {
  return requireString(value, name, typePattern, "1 to 254 characters without ':', '#', '@' or whitespace");
}

function requireId(value: unknown, name: string): string {
  const id = requireString(value, name, idPattern, "an identifier without '#' or whitespace");
  if (id === '*') throw badRequest(name, "value must be an identifier, not '*'");
  return id;
}

export function requireActionName(value: unknown, name: string): string {
  return requireString(value, name, relationPattern, "1 to 50 characters without ':', '#', '@' or whitespace");
}

/** A subject with `type` and `id` (`withId` false: search requests, where the id is ignored). */
export function readSubject(value: unknown, name: string, withId = true): Subject {
  const body = requireObject(value, name);
  const type = requireType(field(body, 'type'), `${name}.type`);
  const id = withId ? requireId(field(body, 'id'), `${name}.id`) : '';
  if (withId && utf8Length(`${type}:${id}`) > maxUserBytes) throw badRequest(`${name}.id`, `type and id together must be at most ${maxUserBytes - 1} bytes`);
  return { type, id, properties: optionalContext(field(body, 'properties'), `${name}.properties`) };
}

export function readResource(value: unknown, name: string, withId = true): Resource {
  const body = requireObject(value, name);
  const type = requireType(field(body, 'type'), `${name}.type`);
  const id = withId ? requireId(field(body, 'id'), `${name}.id`) : '';
  if (withId && `${type}:${id}`.length > maxObjectChars) throw badRequest(`${name}.id`, `type and id together must be at most ${maxObjectChars - 1} characters`);
  return { type, id, properties: optionalContext(field(body, 'properties'), `${name}.properties`) };
}

export function readAction(value: unknown, name: string): Action {
  const body = requireObject(value, name);
  return { name: requireActionName(field(body, 'name'), `${name}.name`), properties: optionalContext(field(body, 'properties'), `${name}.properties`) };
}

/** The request body itself: AuthZEN's top-level element is always a JSON object. */
export function readBody(value: unknown): JsonObject {
  if (!isObject(value)) throw badRequest('request body', 'value must be a JSON object');
  return value;
}
