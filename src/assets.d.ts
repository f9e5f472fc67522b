/**
 * The course manifest and the lesson notebooks are data bundled by webpack
 * (JSON modules). Their shape is checked at run time by `validateCourse`.
 */
declare module '*.json' {
  const value: unknown;
  export default value;
}

declare module '*.ipynb' {
  const value: unknown;
  export default value;
}
