/** The demo agency's logo (an SVG wave mark and its name), so demo reports carry a logo on their cover. */
export const DEMO_AGENCY_LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="64" viewBox="0 0 240 64">
  <rect x="2" y="6" width="52" height="52" rx="12" fill="#0b6e99"/>
  <path d="M10 38c6-8 12-8 18 0s12 8 18 0" fill="none" stroke="#ffffff" stroke-width="5" stroke-linecap="round"/>
  <path d="M10 26c6-8 12-8 18 0s12 8 18 0" fill="none" stroke="#9fd8ef" stroke-width="4" stroke-linecap="round"/>
  <text x="66" y="30" font-family="Liberation Sans, Arial, sans-serif" font-size="20" font-weight="700" fill="#0b3954">Tidewater</text>
  <text x="66" y="52" font-family="Liberation Sans, Arial, sans-serif" font-size="16" fill="#0b6e99">Digital</text>
</svg>
`;
