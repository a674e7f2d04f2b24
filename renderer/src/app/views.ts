/** The studio's views as the activity bar and the View commands list them. */
import type { ViewId } from '../stores/layout-store.js';

export interface ViewInfo {
  id: ViewId;
  label: string;
  /** A codicon name. */
  icon: string;
}

export const VIEWS: readonly ViewInfo[] = [
  { id: 'editor', label: 'Editor', icon: 'files' },
  { id: 'explorer', label: 'Service Explorer', icon: 'remote-explorer' },
  { id: 'composer', label: 'Request Composer', icon: 'send' },
  { id: 'cluster', label: 'Cluster', icon: 'server-environment' },
  { id: 'pipelines', label: 'Pipelines', icon: 'type-hierarchy-sub' },
];
