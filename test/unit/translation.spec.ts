import * as fs from 'fs';
import * as path from 'path';
import { nullTranslator } from '@jupyterlab/translation';
import {
  COURSE_LANGUAGES,
  DOMAIN,
  courseTranslator
} from '../../src/ui/translation';

const root = path.resolve(__dirname, '..', '..');

describe('course language', () => {
  it('pins the course to Simplified Chinese from the bundled catalogue', () => {
    const t = courseTranslator(nullTranslator, 'zh_CN');
    expect(t.languageCode).toBe('zh-CN');
    const trans = t.load(DOMAIN);
    expect(trans.__('Filter lessons')).toBe('筛选课程');
    expect(trans.__('Open lesson %1: %2', 2, 'await')).toContain('await');
    expect(trans.__('Open lesson %1: %2', 2, 'await')).not.toContain('%');
    expect(trans.__('not a message of the course')).toBe(
      'not a message of the course'
    );
  });

  it('leaves every other domain to JupyterLab', () => {
    const base = courseTranslator(nullTranslator, 'zh_CN');
    const english = courseTranslator(base, 'en');
    expect(english.languageCode).toBe('en');
    expect(english.load(DOMAIN).__('Filter lessons')).toBe('Filter lessons');
    // another domain still goes to the base translator
    expect(english.load('jupyterlab')).toBe(base.load('jupyterlab'));
    expect(courseTranslator(nullTranslator, 'zh_CN').load('jupyterlab')).toBe(
      nullTranslator.load('jupyterlab')
    );
  });

  it('follows JupyterLab by default and for unknown values', () => {
    expect(courseTranslator(nullTranslator, 'default')).toBe(nullTranslator);
    expect(courseTranslator(nullTranslator, 'tlh')).toBe(nullTranslator);
  });

  it('offers in the settings exactly the languages it ships', () => {
    const schema = JSON.parse(
      fs.readFileSync(path.join(root, 'schema', 'plugin.json'), 'utf8')
    );
    expect(schema.properties.language.enum).toEqual(COURSE_LANGUAGES);
    const shipped = fs.readdirSync(
      path.join(root, 'python', 'asyncio_lab', 'locale')
    );
    expect(COURSE_LANGUAGES.filter(l => l !== 'default' && l !== 'en')).toEqual(
      shipped
    );
  });
});
