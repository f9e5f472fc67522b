import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DOMAIN } from '../../src/ui/translation';

const root = path.resolve(__dirname, '..', '..');

describe('translations', () => {
  it('cover every UI string in every shipped locale, placeholders kept', () => {
    const out = execFileSync(
      process.execPath,
      [path.join(root, 'scripts', 'i18n.mjs'), '--check'],
      {
        encoding: 'utf8'
      }
    );
    expect(out).toMatch(/zh_CN cover all \d+ strings/);
  });

  it('ships Simplified Chinese in the layout JupyterLab reads', () => {
    const file = path.join(
      root,
      'python',
      'asyncio_lab',
      'locale',
      'zh_CN',
      'LC_MESSAGES',
      'asyncio_lab.json'
    );
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(data[''].domain).toBe(DOMAIN);
    expect(data['asyncio lessons']).toEqual(['asyncio 课程']);
  });
});
