const jestJupyterLab = require('@jupyterlab/testing/lib/jest-config');

const esModules = [
  '@codemirror',
  '@jupyter/ydoc',
  '@jupyter/react-components',
  '@jupyter/web-components',
  '@microsoft',
  '@jupyterlab/',
  'exenv-es6',
  'lib0',
  'marked',
  'nanoid',
  'vscode-ws-jsonrpc',
  'y-protocols',
  'y-websocket',
  'yjs'
].join('|');

const baseConfig = jestJupyterLab(__dirname);

module.exports = {
  ...baseConfig,
  // Unit tests only: the browser suites under test/ui run with Playwright.
  testRegex: '/test/unit/.*\\.spec\\.ts$',
  reporters: ['default'],
  modulePathIgnorePatterns: ['<rootDir>/.venv/', '<rootDir>/build/', '<rootDir>/lite/lib/', '<rootDir>/dist/'],
  transform: {
    ...baseConfig.transform,
    '\\.ipynb$': '<rootDir>/test/unit/json-transform.js'
  },
  moduleFileExtensions: [...baseConfig.moduleFileExtensions, 'ipynb'],
  transformIgnorePatterns: [`/node_modules/(?!${esModules}).+`]
};
