// Style modules of extension packages: plain JavaScript that imports CSS.
declare module '*/style/index.js';
