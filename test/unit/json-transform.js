// Jest transform: lesson notebooks are JSON modules (webpack treats them so).
module.exports = {
  process(source) {
    return { code: `module.exports = ${source};` };
  }
};
