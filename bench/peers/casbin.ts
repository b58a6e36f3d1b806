// casbin in-process, RBAC with domains (tenant = domain), as the reference for a plain in-process
// RBAC check. It holds the part of the multi-tenant dataset that RBAC can express: group
// membership (nested groups as role inheritance) and tenant-level roles, so it answers the
// deep checks (a tenant role through nested groups). Per-resource grants are left out: casbin
// scans every policy per request, so a policy per resource would measure that scan, not RBAC.
import { newEnforcer, newModelFromString, type Enforcer } from 'casbin';
import type { TupleKey } from '../../src/model/index.js';

const rbacWithDomains = `
[request_definition]
r = sub, dom, obj, act
[policy_definition]
p = sub, dom, obj, act
[role_definition]
g = _, _, _
[policy_effect]
e = some(where (p.eft == allow))
[matchers]
m = g(r.sub, p.sub, r.dom) && r.dom == p.dom && (p.obj == "*" || r.obj == p.obj) && r.act == p.act
`;

/** Tenant id of `type:t3...` objects and `user:t3u7` users of the generated dataset. */
const tenantOf = (value: string) => /:(t\d+)/.exec(value)?.[1] ?? '';

export class CasbinPeer {
  private constructor(private readonly enforcer: Enforcer) {}

  static async start(tuples: readonly TupleKey[]): Promise<CasbinPeer> {
    const enforcer = await newEnforcer(newModelFromString(rbacWithDomains));
    const grouping: string[][] = [];
    const policies: string[][] = [];
    const roleInheritance: Record<string, string[]> = { admin: ['admin', 'editor', 'viewer'], editor: ['editor', 'viewer'], viewer: ['viewer'] };
    for (const tuple of tuples) {
      const subject = tuple.user.replace(/#member$/, '');
      if (tuple.object.startsWith('group:') && tuple.relation === 'member') {
        grouping.push([subject, tuple.object, tenantOf(tuple.object)]);
      } else if (tuple.object.startsWith('tenant:') && roleInheritance[tuple.relation]) {
        for (const act of roleInheritance[tuple.relation]!) policies.push([subject, tenantOf(tuple.object), '*', act]);
      }
    }
    await enforcer.addGroupingPolicies(grouping);
    await enforcer.addPolicies(policies);
    return new CasbinPeer(enforcer);
  }

  check(request: { object: string; relation: string; user: string }): Promise<boolean> {
    return this.enforcer.enforce(request.user, tenantOf(request.object), request.object, request.relation);
  }
}
