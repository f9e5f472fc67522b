import * as fs from 'fs';
import * as path from 'path';
import { MimeModel } from '@jupyterlab/rendermime';
import {
  RenderedCheck,
  createCheckRendererFactory
} from '../../src/renderers/check';
import { CHECK_MIME, readCheckResult } from '../../src/mime';

const root = path.resolve(__dirname, '..', '..');

async function render(data: unknown): Promise<RenderedCheck> {
  const factory = createCheckRendererFactory();
  const widget = factory.createRenderer({
    mimeType: CHECK_MIME,
    sanitizer: { sanitize: (s: string) => s },
    resolver: null,
    linkHandler: null,
    latexTypesetter: null
  } as any) as RenderedCheck;
  const model = new MimeModel({ data: { [CHECK_MIME]: data as any } });
  await widget.renderModel(model);
  return widget;
}

const payload = {
  version: 1,
  exercise: 'await-vs-create-task.start-early',
  title: 'Start both downloads early',
  passed: false,
  checks: [
    { name: 'returns both pages', passed: true, message: '' },
    {
      name: 'downloads overlap',
      passed: false,
      message: 'Expected 2 downloads in flight at once; saw at most 1.'
    }
  ],
  error: null
};

describe('check renderer', () => {
  it('uses the MIME type the Python package emits', () => {
    expect(CHECK_MIME).toBe('application/vnd.asyncio-lab.check+json');
    const py = fs.readFileSync(
      path.join(root, 'python', 'asyncio_lab', 'mime.py'),
      'utf8'
    );
    expect(py).toContain(`"${CHECK_MIME}"`);
  });

  it('shows a failed check with each message', async () => {
    const widget = await render(payload);
    const node = widget.node;
    expect(node.classList.contains('jp-mod-failed')).toBe(true);
    expect(node.getAttribute('role')).toBe('status');
    expect(
      node.querySelector('.jp-AsyncioLab-Check-headline')!.textContent
    ).toBe('Not yet: Start both downloads early (1 of 2 checks)');
    const items = node.querySelectorAll('.jp-AsyncioLab-Check-item');
    expect(items).toHaveLength(2);
    expect(items[1].classList.contains('jp-mod-failed')).toBe(true);
    expect(items[1].textContent).toContain('saw at most 1');
  });

  it('shows a pass', async () => {
    const widget = await render({
      ...payload,
      passed: true,
      checks: payload.checks.map(c => ({ ...c, passed: true }))
    });
    expect(widget.node.classList.contains('jp-mod-passed')).toBe(true);
    expect(widget.node.textContent).toContain(
      'Passed: Start both downloads early (2 of 2 checks)'
    );
  });

  it('never turns kernel text into markup', async () => {
    const hostile =
      '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const widget = await render({
      ...payload,
      title: hostile,
      error: hostile,
      checks: [{ name: hostile, passed: false, message: hostile }]
    });
    expect(widget.node.querySelector('img')).toBeNull();
    expect(widget.node.querySelector('script')).toBeNull();
    expect(widget.node.textContent).toContain('<script>');
    expect((window as any).__pwned).toBeUndefined();
  });

  it('says so when the payload is malformed', async () => {
    for (const bad of [
      null,
      'text',
      [],
      { exercise: 1 },
      { ...payload, checks: [1] }
    ]) {
      const widget = await render(bad);
      expect(widget.node.classList.contains('jp-mod-invalid')).toBe(true);
      expect(widget.node.textContent).toBe(
        'This check result could not be read.'
      );
    }
  });

  it('reads payloads defensively', () => {
    expect(
      readCheckResult({ exercise: 'a.b', passed: true, checks: [] })
    ).toEqual({
      version: 1,
      exercise: 'a.b',
      title: 'a.b',
      passed: true,
      checks: [],
      error: null
    });
  });
});
