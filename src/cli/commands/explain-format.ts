// Explanations and permission lists as terminal text: one line per step, indented as a tree.
import type { ExplainNode, ExplainOutput } from '../../service/index.js';

function describe(node: ExplainNode): string {
  const parts: string[] = [node.step];
  if (node.role) parts.unshift(`${node.role}:`);
  if (node.object) parts.push(node.object);
  if (node.step === 'computed-userset' && node.relation) parts.push(`→ ${node.relation}`);
  if (node.step === 'tuple-to-userset') parts.push(`${node.relation ?? ''} from ${node.tupleset ?? ''}`);
  if (node.tuple) {
    const flags = [node.tuple.contextual ? 'contextual' : '', node.tuple.wildcard ? 'wildcard' : ''].filter(Boolean);
    parts.push(`${node.tuple.object}#${node.tuple.relation}@${node.tuple.user}${flags.length ? ` (${flags.join(', ')})` : ''}`);
  }
  if (node.condition) {
    const missing = node.condition.missingParameters?.length ? `, missing ${node.condition.missingParameters.join(', ')}` : '';
    parts.push(`with ${node.condition.name}(${JSON.stringify(node.condition.parameters)}) = ${node.condition.met}${missing}`);
  }
  const verdict = node.result === 'allowed' ? '✓' : node.result === 'error' ? '!' : '✗';
  const why = node.reason ? ` — ${node.reason}` : '';
  const message = node.message ? `: ${node.message}` : '';
  return `${verdict} ${parts.join(' ')}${why}${message}`;
}

/** The explanation as indented lines, with the verdict first. */
export function formatExplanation(query: string, out: ExplainOutput): string[] {
  const verdict = out.error ? `ERROR ${out.error.code} (${out.error.message})` : out.allowed ? 'ALLOWED' : 'DENIED';
  const lines = [`${verdict} ${query}`];
  const walk = (node: ExplainNode, prefix: string, last: boolean, root: boolean): void => {
    lines.push(root ? describe(node) : `${prefix}${last ? '└─ ' : '├─ '}${describe(node)}`);
    const children = node.children ?? [];
    const inner = root ? '' : `${prefix}${last ? '   ' : '│  '}`;
    children.forEach((child, i) => walk(child, inner, i === children.length - 1 && !node.omittedChildren, false));
    if (node.omittedChildren) lines.push(`${inner}└─ … ${node.omittedChildren} more (node cap reached)`);
  };
  walk(out.root, '', true, true);
  if (out.truncated) lines.push(`(truncated at ${out.nodeCount} nodes; raise --max-nodes to see more)`);
  return lines;
}
