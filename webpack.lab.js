// Extra webpack configuration for the JupyterLab extension build
// (`jupyter-builder build`): lesson notebooks are JSON modules.
module.exports = {
  module: {
    rules: [{ test: /\.ipynb$/, type: 'json' }]
  }
};
