/**
 * What the course site is made of: the extension packages whose plugins the
 * app registers, and the plugins it leaves out.
 *
 * The site build reads this list too (for settings schemas, themes and
 * styles), so it stays plain data plus loaders: importing this module loads
 * nothing.
 */

export interface IExtensionPackage {
  /**
   * The npm package name (`asyncio-lab` is this repository's own extension),
   * or a module of this folder (starting with `./`).
   */
  name: string;
  /**
   * Loads the package's plugins (its default export).
   */
  load: () => Promise<unknown>;
  /**
   * Loads the package's style module, if it has one.
   */
  style?: () => Promise<unknown>;
  /**
   * Whether the package is a MIME renderer extension.
   */
  mime?: boolean;
}

export const EXTENSIONS: IExtensionPackage[] = [
  {
    name: '@jupyterlab/application-extension',
    load: () => import('@jupyterlab/application-extension'),
    style: () => import('@jupyterlab/application-extension/style/index.js')
  },
  {
    name: '@jupyterlab/apputils-extension',
    load: () => import('@jupyterlab/apputils-extension'),
    style: () => import('@jupyterlab/apputils-extension/style/index.js')
  },
  {
    name: '@jupyterlab/cell-toolbar-extension',
    load: () => import('@jupyterlab/cell-toolbar-extension'),
    style: () => import('@jupyterlab/cell-toolbar-extension/style/index.js')
  },
  {
    name: '@jupyterlab/celltags-extension',
    load: () => import('@jupyterlab/celltags-extension'),
    style: () => import('@jupyterlab/celltags-extension/style/index.js')
  },
  {
    name: '@jupyterlab/codemirror-extension',
    load: () => import('@jupyterlab/codemirror-extension'),
    style: () => import('@jupyterlab/codemirror-extension/style/index.js')
  },
  {
    name: '@jupyterlab/completer-extension',
    load: () => import('@jupyterlab/completer-extension'),
    style: () => import('@jupyterlab/completer-extension/style/index.js')
  },
  {
    name: '@jupyterlab/console-extension',
    load: () => import('@jupyterlab/console-extension'),
    style: () => import('@jupyterlab/console-extension/style/index.js')
  },
  {
    name: '@jupyterlab/docmanager-extension',
    load: () => import('@jupyterlab/docmanager-extension'),
    style: () => import('@jupyterlab/docmanager-extension/style/index.js')
  },
  {
    name: '@jupyterlab/documentsearch-extension',
    load: () => import('@jupyterlab/documentsearch-extension'),
    style: () => import('@jupyterlab/documentsearch-extension/style/index.js')
  },
  {
    name: '@jupyterlab/filebrowser-extension',
    load: () => import('@jupyterlab/filebrowser-extension'),
    style: () => import('@jupyterlab/filebrowser-extension/style/index.js')
  },
  {
    name: '@jupyterlab/fileeditor-extension',
    load: () => import('@jupyterlab/fileeditor-extension'),
    style: () => import('@jupyterlab/fileeditor-extension/style/index.js')
  },
  {
    name: '@jupyterlab/help-extension',
    load: () => import('@jupyterlab/help-extension'),
    style: () => import('@jupyterlab/help-extension/style/index.js')
  },
  {
    name: '@jupyterlab/javascript-extension',
    load: () => import('@jupyterlab/javascript-extension'),
    style: () => import('@jupyterlab/javascript-extension/style/index.js'),
    mime: true
  },
  {
    name: '@jupyterlab/json-extension',
    load: () => import('@jupyterlab/json-extension'),
    style: () => import('@jupyterlab/json-extension/style/index.js'),
    mime: true
  },
  {
    name: '@jupyterlab/launcher-extension',
    load: () => import('@jupyterlab/launcher-extension'),
    style: () => import('@jupyterlab/launcher-extension/style/index.js')
  },
  {
    name: '@jupyterlab/logconsole-extension',
    load: () => import('@jupyterlab/logconsole-extension'),
    style: () => import('@jupyterlab/logconsole-extension/style/index.js')
  },
  {
    name: '@jupyterlab/mainmenu-extension',
    load: () => import('@jupyterlab/mainmenu-extension'),
    style: () => import('@jupyterlab/mainmenu-extension/style/index.js')
  },
  {
    name: '@jupyterlab/markedparser-extension',
    load: () => import('@jupyterlab/markedparser-extension'),
    style: () => import('@jupyterlab/markedparser-extension/style/index.js')
  },
  {
    name: '@jupyterlab/metadataform-extension',
    load: () => import('@jupyterlab/metadataform-extension'),
    style: () => import('@jupyterlab/metadataform-extension/style/index.js')
  },
  {
    name: '@jupyterlab/notebook-extension',
    load: () => import('@jupyterlab/notebook-extension'),
    style: () => import('@jupyterlab/notebook-extension/style/index.js')
  },
  {
    name: '@jupyterlab/rendermime-extension',
    load: () => import('@jupyterlab/rendermime-extension'),
    style: () => import('@jupyterlab/rendermime-extension/style/index.js')
  },
  {
    name: '@jupyterlab/running-extension',
    load: () => import('@jupyterlab/running-extension'),
    style: () => import('@jupyterlab/running-extension/style/index.js')
  },
  {
    name: '@jupyterlab/services-extension',
    load: () => import('@jupyterlab/services-extension')
  },
  {
    name: '@jupyterlab/settingeditor-extension',
    load: () => import('@jupyterlab/settingeditor-extension'),
    style: () => import('@jupyterlab/settingeditor-extension/style/index.js')
  },
  {
    name: '@jupyterlab/shortcuts-extension',
    load: () => import('@jupyterlab/shortcuts-extension'),
    style: () => import('@jupyterlab/shortcuts-extension/style/index.js')
  },
  {
    name: '@jupyterlab/statusbar-extension',
    load: () => import('@jupyterlab/statusbar-extension'),
    style: () => import('@jupyterlab/statusbar-extension/style/index.js')
  },
  {
    name: '@jupyterlab/theme-dark-extension',
    load: () => import('@jupyterlab/theme-dark-extension')
  },
  {
    name: '@jupyterlab/theme-light-extension',
    load: () => import('@jupyterlab/theme-light-extension')
  },
  {
    name: '@jupyterlab/toc-extension',
    load: () => import('@jupyterlab/toc-extension'),
    style: () => import('@jupyterlab/toc-extension/style/index.js')
  },
  {
    name: '@jupyterlab/tooltip-extension',
    load: () => import('@jupyterlab/tooltip-extension'),
    style: () => import('@jupyterlab/tooltip-extension/style/index.js')
  },
  {
    name: '@jupyterlab/translation-extension',
    load: () => import('@jupyterlab/translation-extension'),
    style: () => import('@jupyterlab/translation-extension/style/index.js')
  },
  {
    name: '@jupyterlab/ui-components-extension',
    load: () => import('@jupyterlab/ui-components-extension'),
    style: () => import('@jupyterlab/ui-components-extension/style/index.js')
  },
  {
    name: '@jupyterlite/application-extension',
    load: () => import('@jupyterlite/application-extension'),
    style: () => import('@jupyterlite/application-extension/style/index.js')
  },
  {
    name: '@jupyterlite/apputils-extension',
    load: () => import('@jupyterlite/apputils-extension'),
    style: () => import('@jupyterlite/apputils-extension/style/index.js')
  },
  {
    name: '@jupyterlite/services-extension',
    load: () => import('@jupyterlite/services-extension')
  },
  {
    name: 'asyncio-lab',
    load: () => import('asyncio-lab'),
    style: () => import('asyncio-lab/style/index.js')
  },
  {
    name: './kernel/plugin',
    load: () => import('./kernel/plugin')
  }
];

/**
 * Plugins of the packages above that the site does not activate: JupyterLab
 * services replaced by JupyterLite's in-browser ones, anything that would
 * reach a server or another origin, and what a course site does not need.
 */
export const DISABLED_PLUGINS: string[] = [
  // Replaced by @jupyterlite/application-extension and apputils-extension.
  '@jupyterlab/application-extension:logo',
  '@jupyterlab/application-extension:main',
  '@jupyterlab/application-extension:router',
  '@jupyterlab/application-extension:tree-resolver',
  '@jupyterlab/apputils-extension:licenses-client',
  '@jupyterlab/apputils-extension:resolver',
  '@jupyterlab/docmanager-extension:download',
  '@jupyterlab/filebrowser-extension:download',
  '@jupyterlab/filebrowser-extension:share-file',
  '@jupyterlab/translation-extension:translator-connector',
  // Replaced by @jupyterlite/services-extension.
  '@jupyterlab/services-extension:config-section-manager',
  '@jupyterlab/services-extension:connection-status',
  '@jupyterlab/services-extension:default-drive',
  '@jupyterlab/services-extension:event-manager',
  '@jupyterlab/services-extension:kernel-manager',
  '@jupyterlab/services-extension:kernel-spec-manager',
  '@jupyterlab/services-extension:nbconvert-manager',
  '@jupyterlab/services-extension:session-manager',
  '@jupyterlab/services-extension:setting-manager',
  '@jupyterlab/services-extension:user-manager',
  '@jupyterlab/services-extension:workspace-manager',
  // Replaced by ./kernel/plugin's client, whose interrupt reaches the running cell.
  '@jupyterlite/services-extension:kernel-client',
  // News from jupyter.org, and licenses the site does not ship.
  '@jupyterlab/apputils-extension:announcements',
  '@jupyterlab/apputils-extension:licenses-plugin',
  '@jupyterlab/help-extension:licenses-commands',
  '@jupyterlab/help-extension:about',
  '@jupyterlite/application-extension:licenses-client',
  // Not used here: no language servers, no plugin manager UI.
  '@jupyterlab/fileeditor-extension:language-server',
  '@jupyterlab/notebook-extension:language-server',
  '@jupyterlite/application-extension:lsp-connection-manager',
  '@jupyterlite/application-extension:plugin-manager'
];
