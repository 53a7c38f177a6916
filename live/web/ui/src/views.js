// The component of each route's `view` (src/lib/routes.js). A later page adds its view here
// and points its route at it (docs/web-ui.md, "Adding a page").
import { Alarms } from './pages/Alarms.jsx';
import { Connector } from './pages/Connector.jsx';
import { Consumptions } from './pages/Consumptions.jsx';
import { GreenUp } from './pages/GreenUp.jsx';
import { Home } from './pages/Home.jsx';
import { Logout } from './pages/Logout.jsx';
import { NotFound, Placeholder } from './pages/Messages.jsx';
import { PanelBoard } from './pages/PanelBoard.jsx';
import { UserEdit } from './pages/UserEdit.jsx';
import { Users } from './pages/Users.jsx';
import { WebServer } from './pages/WebServer.jsx';

/** view -> (route params) => element props: {component, props}. Login is rendered by App. */
export const VIEWS = {
  'home': { component: Home },
  'logout': { component: Logout },
  'web-server': { component: WebServer },
  'users': { component: Users },
  'user-new': { component: UserEdit, props: () => ({ mode: 'new' }) },
  'user-edit': { component: UserEdit, props: (params) => ({ mode: 'edit', name: params.name }) },
  'consumptions': { component: Consumptions, props: (params) => ({ tab: params.tab || 'grand-total' }) },
  'panel-board': { component: PanelBoard },
  'green-up': { component: GreenUp },
  'alarms': { component: Alarms },
  'connector': { component: Connector },
  'placeholder': { component: Placeholder },
  'not-found': { component: NotFound },
};
