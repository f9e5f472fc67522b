import { LabIcon } from '@jupyterlab/ui-components';

// Two interleaved task lanes: the course's mark. Colours follow the theme
// through JupyterLab's icon classes.
const svgstr = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <rect x="3" y="5" width="8" height="4" rx="1"/>
    <rect x="13" y="5" width="4" height="4" rx="1"/>
    <rect x="7" y="11" width="6" height="4" rx="1"/>
    <rect x="15" y="11" width="6" height="4" rx="1"/>
    <rect x="3" y="17" width="10" height="4" rx="1"/>
  </g>
</svg>`;

export const asyncioLabIcon = new LabIcon({
  name: 'asyncio-lab:lessons',
  svgstr
});
