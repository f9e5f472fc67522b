/**
 * What a learner changed in a lesson notebook, compared with the shipped
 * copy: cell by cell, line by line. Used before a reset so the learner sees
 * what a reset would replace.
 */

export interface ICellChange {
  /** 1-based cell number in the learner's copy (or in the original if removed). */
  cell: number;
  kind: 'changed' | 'added' | 'removed';
  cellType: string;
  /** Lines prefixed with "- " (original), "+ " (learner's) or "  " (same). */
  lines: string[];
}

interface ICellLike {
  cell_type?: unknown;
  source?: unknown;
}

function sourceOf(cell: ICellLike): string {
  const src = cell.source;
  return Array.isArray(src) ? src.join('') : typeof src === 'string' ? src : '';
}

function cellsOf(nb: unknown): ICellLike[] {
  const cells = (nb as { cells?: unknown })?.cells;
  return Array.isArray(cells) ? (cells as ICellLike[]) : [];
}

/** Line diff by longest common subsequence (cells are short). */
export function diffLines(a: string, b: string): string[] {
  const x = a.split('\n');
  const y = b.split('\n');
  if (x.length * y.length > 250_000) {
    return [...x.map(l => `- ${l}`), ...y.map(l => `+ ${l}`)];
  }
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () =>
    new Array(y.length + 1).fill(0)
  );
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i][j] =
        x[i] === y[j]
          ? lcs[i + 1][j + 1] + 1
          : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      out.push(`  ${x[i]}`);
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      out.push(`- ${x[i++]}`);
    } else {
      out.push(`+ ${y[j++]}`);
    }
  }
  while (i < x.length) {
    out.push(`- ${x[i++]}`);
  }
  while (j < y.length) {
    out.push(`+ ${y[j++]}`);
  }
  return out;
}

/**
 * The cells that differ between the shipped notebook and the learner's copy.
 * Cells are matched by position; outputs are ignored (they are not lost
 * work, and the shipped copy has none).
 */
export function diffNotebooks(original: unknown, copy: unknown): ICellChange[] {
  const a = cellsOf(original);
  const b = cellsOf(copy);
  const changes: ICellChange[] = [];
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const before = a[i];
    const after = b[i];
    if (before && !after) {
      changes.push({
        cell: i + 1,
        kind: 'removed',
        cellType: String(before.cell_type),
        lines: sourceOf(before)
          .split('\n')
          .map(l => `- ${l}`)
      });
    } else if (!before && after) {
      changes.push({
        cell: i + 1,
        kind: 'added',
        cellType: String(after.cell_type),
        lines: sourceOf(after)
          .split('\n')
          .map(l => `+ ${l}`)
      });
    } else if (before && after) {
      const s1 = sourceOf(before);
      const s2 = sourceOf(after);
      if (s1 !== s2 || before.cell_type !== after.cell_type) {
        changes.push({
          cell: i + 1,
          kind: 'changed',
          cellType: String(after.cell_type),
          lines: diffLines(s1, s2)
        });
      }
    }
  }
  return changes;
}
