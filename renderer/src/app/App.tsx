/**
 * The studio window: title bar, activity bar, side bar with the workspace files, the editor
 * area, the compiled-JSON and problems panels, and the status bar; the quick pick, dialogs and
 * notifications float above. The editor and preview come in as elements so the shell renders
 * (and is tested) without Monaco.
 */
import { useEffect, type ReactNode } from 'react';
import { ActivityBar } from '../components/ActivityBar.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { EditorArea } from '../components/EditorArea.js';
import { Notifications } from '../components/Notifications.js';
import { ProblemsPanel } from '../components/ProblemsPanel.js';
import { QuickPick } from '../components/QuickPick.js';
import { Sidebar } from '../components/Sidebar.js';
import { Splitter } from '../components/Splitter.js';
import { StatusBar } from '../components/StatusBar.js';
import { TitleBar } from '../components/TitleBar.js';
import { workspaceName } from '../stores/workspace-store.js';
import type { ViewId } from '../stores/layout-store.js';
import { StudioContext, useSlice, type Studio } from './studio.js';

export interface AppProps {
  studio: Studio;
  editor: ReactNode;
  preview: ReactNode;
  /** The side bar and main area of each view beside the editor's. */
  views?: Partial<Record<Exclude<ViewId, 'editor'>, { sidebar: ReactNode; main: ReactNode }>>;
}

export function App(props: AppProps) {
  return (
    <StudioContext.Provider value={props.studio}>
      <Shell {...props} />
    </StudioContext.Provider>
  );
}

function Shell({ studio, editor, preview, views = {} }: AppProps) {
  const view = useSlice(studio.layout, (s) => s.view);
  const other = view === 'editor' ? undefined : views[view];
  const theme = useSlice(studio.theme, (s) => s.theme);
  const visible = useSlice(studio.layout, (s) => s.visible);
  const sizes = useSlice(studio.layout, (s) => s.sizes);
  const name = useSlice(studio.workspace, workspaceName);
  const resize = studio.layout.getState().resize;

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  useEffect(() => {
    document.title = name ? `${name} · SPL Studio` : 'SPL Studio';
  }, [name]);

  return (
    <div className="studio">
      <TitleBar />
      <div className="studio-main">
        <ActivityBar />
        {visible.sidebar && (
          <>
            <div className="pane" style={{ width: sizes.sidebar }}>
              {other ? other.sidebar : <Sidebar />}
            </div>
            <Splitter panel="sidebar" label="Resize the side bar" size={sizes.sidebar} direction={1} orientation="vertical" onResize={(s) => resize('sidebar', s)} />
          </>
        )}
        {other && <main className="studio-center">{other.main}</main>}
        {/* The editor stays mounted behind other views, so Monaco keeps its models, undo and scroll. */}
        <main className="studio-center" hidden={!!other}>
          <EditorArea editor={editor} />
          {visible.problems && (
            <>
              <Splitter panel="problems" label="Resize the problems panel" size={sizes.problems} direction={-1} orientation="horizontal" onResize={(s) => resize('problems', s)} />
              <div className="pane" style={{ height: sizes.problems }}>
                <ProblemsPanel />
              </div>
            </>
          )}
        </main>
        {visible.preview && !other && (
          <>
            <Splitter panel="preview" label="Resize the compiled JSON panel" size={sizes.preview} direction={-1} orientation="vertical" onResize={(s) => resize('preview', s)} />
            <div className="pane" style={{ width: sizes.preview }}>
              {preview}
            </div>
          </>
        )}
      </div>
      <StatusBar />
      <QuickPick />
      <ConfirmDialog />
      <Notifications />
    </div>
  );
}
