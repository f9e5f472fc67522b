/**
 * The course UI's language. By default it follows JupyterLab's language
 * (Settings › Language), whose catalogues come from the server; the `language`
 * setting can also pin it to one the course ships, with the catalogue bundled
 * here, so the course speaks Chinese even in a JupyterLab that has no Chinese
 * language pack (or English in a Chinese JupyterLab).
 */
import {
  Gettext,
  IJsonData,
  ITranslator,
  nullTranslator
} from '@jupyterlab/translation';
import zhCN from '../../python/asyncio_lab/locale/zh_CN/LC_MESSAGES/asyncio_lab.json';
import { DOMAIN } from './domain';

export { DOMAIN };

/** The course's strings: what `translator.load(DOMAIN)` gives. */
export type Trans = ReturnType<ITranslator['load']>;

/** Catalogues shipped with the course, by locale; English is the source. */
const CATALOGUES: Record<string, IJsonData> = {
  zh_CN: zhCN as unknown as IJsonData
};

/** Values of the `language` setting: follow JupyterLab, or one of these. */
export const COURSE_LANGUAGES = ['default', 'en', ...Object.keys(CATALOGUES)];

/**
 * A translator for the course: `base` (JupyterLab's) when `language` is
 * "default" or unknown; otherwise one that answers the course's domain from
 * the bundled catalogue and leaves every other domain to `base`.
 */
export function courseTranslator(
  base: ITranslator,
  language: string
): ITranslator {
  if (language === 'en') {
    return Private.pinned(base, 'en', nullTranslator.load(DOMAIN));
  }
  const catalogue = CATALOGUES[language];
  if (!catalogue) {
    return base;
  }
  const gettext = new Gettext({ domain: DOMAIN, locale: language });
  // The catalogue's header is the server's (`plural_forms`); Gettext reads
  // `pluralForms`, as JupyterLab's translation manager passes it.
  const header = catalogue[''] as unknown as Record<string, string>;
  gettext.loadJSON(
    {
      ...catalogue,
      '': { ...catalogue[''], pluralForms: header.plural_forms }
    },
    DOMAIN
  );
  return Private.pinned(
    base,
    catalogue[''].language,
    gettext as unknown as Trans
  );
}

namespace Private {
  export function pinned(
    base: ITranslator,
    languageCode: string,
    bundle: Trans
  ): ITranslator {
    return {
      languageCode,
      load: (domain: string) => (domain === DOMAIN ? bundle : base.load(domain))
    };
  }
}
