/**
 * The course site's entry module: loads the extension packages listed in
 * `extensions.ts`, registers their plugins (minus the disabled ones) and
 * starts JupyterLab on JupyterLite's in-browser services.
 */

// First: make the page config's URLs absolute before anything reads them.
import './pageconfig';

import type { JupyterFrontEndPlugin } from '@jupyterlab/application';
import { JupyterLab } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { IServiceManager } from '@jupyterlab/services';
import { PluginRegistry } from '@lumino/coreutils';

import { DISABLED_PLUGINS, EXTENSIONS } from './extensions';

type Plugin = JupyterFrontEndPlugin<unknown>;

/**
 * The plugins a loaded module exports: its default export, one or a list.
 */
function pluginsOf(module: unknown): (Plugin | IRenderMime.IExtension)[] {
  const exported = (module as { default?: unknown }).default ?? module;
  return (Array.isArray(exported) ? exported : [exported]) as Plugin[];
}

function isEnabled(id: string): boolean {
  return !DISABLED_PLUGINS.includes(id) && !PageConfig.Extension.isDisabled(id);
}

export async function main(): Promise<void> {
  const loaded = await Promise.all(
    EXTENSIONS.map(async extension => {
      const [module] = await Promise.all([
        extension.load(),
        extension.style?.()
      ]);
      return { extension, module };
    })
  );

  const plugins: Plugin[] = [];
  const mimeExtensions: IRenderMime.IExtensionModule[] = [];
  for (const { extension, module } of loaded) {
    const enabled = pluginsOf(module).filter(plugin => isEnabled(plugin.id));
    if (extension.mime) {
      mimeExtensions.push({
        __esModule: true,
        default: enabled as IRenderMime.IExtension[]
      } as IRenderMime.IExtensionModule);
    } else {
      plugins.push(...(enabled as Plugin[]));
    }
  }

  const pluginRegistry = new PluginRegistry();
  pluginRegistry.registerPlugins(plugins);
  const serviceManager =
    await pluginRegistry.resolveRequiredService(IServiceManager);

  const app = new JupyterLab({
    pluginRegistry,
    mimeExtensions,
    serviceManager
  });
  if (PageConfig.getOption('exposeAppInBrowser').toLowerCase() === 'true') {
    (window as unknown as { jupyterapp: JupyterLab }).jupyterapp = app;
  }
  await app.start({ bubblingKeydown: true });
  // The page's own loading note (see lite/build/pages.mjs): JupyterLab shows its
  // splash screen from here on.
  document.getElementById('asyncio-lab-loading')?.remove();
  await app.restored;
}

main().catch(reason => {
  console.error('The course site could not start:', reason);
  const message = document.createElement('pre');
  message.textContent = `The course site could not start.\n\n${reason?.stack ?? reason}`;
  document.body.replaceChildren(message);
});
