// Line icons drawn in SVG (no image files, no inline styles: CSP style-src 'self').
// Each takes the text colour (stroke="currentColor") and is hidden from screen readers:
// the tile or button carries the label.

function Svg({ children, className = 'icon' }) {
  return (
    <svg class={className} viewBox="0 0 24 24" width="24" height="24" fill="none"
      stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"
      aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

const PATHS = {
  web_server_configuration: (
    <>
      <rect x="3" y="4" width="18" height="6" rx="1" />
      <rect x="3" y="14" width="18" height="6" rx="1" />
      <path d="M7 7h.01M7 17h.01M11 7h6M11 17h6" />
    </>
  ),
  system_configuration: (
    <>
      <path d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0" />
      <circle cx="16" cy="6" r="2" />
      <circle cx="10" cy="12" r="2" />
      <circle cx="18" cy="18" r="2" />
    </>
  ),
  my_panel_board: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="2" />
      <path d="M7 7v4M11 7v4M15 7v4M7 15h10" />
    </>
  ),
  consumptions: (
    <>
      <path d="M4 20h16" />
      <rect x="5" y="12" width="3" height="6" />
      <rect x="10.5" y="7" width="3" height="11" />
      <rect x="16" y="10" width="3" height="8" />
    </>
  ),
  green_up: (
    <>
      <path d="M5 21V5a2 2 0 0 1 2-2h6a2 2 0 0 1 2 2v16M3 21h14M8 7h4" />
      <path d="M15 10h2a2 2 0 0 1 2 2v4a1 1 0 0 0 2 0V8l-2-2" />
      <path d="M10.5 10l-1.5 3h3l-1.5 3" />
    </>
  ),
  reports_data_download: (
    <>
      <path d="M6 3h8l4 4v14H6z" />
      <path d="M14 3v4h4M12 10v7M9 14l3 3 3-3" />
    </>
  ),
  reports_alarms: (
    <>
      <path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4z" />
      <path d="M10 21h4" />
    </>
  ),
  users: (
    <>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20a6.5 6.5 0 0 1 13 0" />
      <path d="M16 4.5a3.5 3.5 0 0 1 0 7M18 14.5a6.5 6.5 0 0 1 3.5 5.5" />
    </>
  ),
  home: (
    <>
      <path d="M3 11l9-8 9 8" />
      <path d="M5 10v10h5v-6h4v6h5V10" />
    </>
  ),
  logout: (
    <>
      <path d="M12 3v9" />
      <path d="M6.3 6.3a8 8 0 1 0 11.4 0" />
    </>
  ),
  warning: (
    <>
      <path d="M12 3l10 18H2z" />
      <path d="M12 10v5M12 18h.01" />
    </>
  ),
};

/** The icon of a page id, or of 'users', 'home', 'logout', 'warning'. */
export function Icon({ name, className }) {
  return <Svg className={className}>{PATHS[name] || PATHS.my_panel_board}</Svg>;
}
