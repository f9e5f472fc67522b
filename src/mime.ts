/**
 * The MIME types the kernel package (`asyncio_lab`) emits, and the shapes of
 * their payloads. Each literal is defined once here and once in
 * `python/asyncio_lab/mime.py`; tests on both sides assert they agree.
 */

export const CHECK_MIME = 'application/vnd.asyncio-lab.check+json';

export interface ICheckItem {
  name: string;
  passed: boolean;
  message: string;
}

export interface ICheckResult {
  version: number;
  exercise: string;
  title: string;
  passed: boolean;
  checks: ICheckItem[];
  /** Set when the learner's cell raised, or the check could not run. */
  error: string | null;
}

/**
 * Read a check payload defensively: the data comes from a kernel (or from a
 * saved notebook someone edited), so every field is checked and anything
 * malformed yields null instead of a broken view.
 */
export function readCheckResult(data: unknown): ICheckResult | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return null;
  }
  const d = data as Record<string, unknown>;
  if (
    typeof d.exercise !== 'string' ||
    typeof d.passed !== 'boolean' ||
    !Array.isArray(d.checks)
  ) {
    return null;
  }
  const checks: ICheckItem[] = [];
  for (const item of d.checks) {
    if (typeof item !== 'object' || item === null) {
      return null;
    }
    const c = item as Record<string, unknown>;
    if (typeof c.passed !== 'boolean') {
      return null;
    }
    checks.push({
      name: typeof c.name === 'string' ? c.name : '',
      passed: c.passed,
      message: typeof c.message === 'string' ? c.message : ''
    });
  }
  return {
    version: typeof d.version === 'number' ? d.version : 1,
    exercise: d.exercise,
    title: typeof d.title === 'string' ? d.title : d.exercise,
    passed: d.passed,
    checks,
    error: typeof d.error === 'string' ? d.error : null
  };
}
