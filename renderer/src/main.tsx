/**
 * The renderer's entry: connects to the host (Electron's preload or the web host's WebSocket),
 * sets up Monaco with the Avro languages, builds the studio's state and renders the window.
 */
import { createRoot } from 'react-dom/client';
import { connect } from './api/connect.js';
import { App } from './app/App.js';
import { ClusterMain, ClusterSidebar } from './cluster/ClusterView.js';
import { composerCommands } from './composer/commands.js';
import { ComposerMain, ComposerSidebar } from './composer/ComposerView.js';
import { RequestJsonEditor } from './composer/RequestJsonEditor.js';
import { ExplorerMain, ExplorerSidebar } from './explorer/ExplorerView.js';
import { pipelineCommands } from './pipelines/commands.js';
import { pipelineRunCommands } from './pipelines/run/run-commands.js';
import { PipelinesMain, PipelinesSidebar } from './pipelines/PipelinesView.js';
import { studioCommands } from './app/commands.js';
import { installKeyboard } from './app/keyboard.js';
import { createStudio, type Studio } from './app/studio.js';
import { installUnloadGuard } from './app/unload-guard.js';
import { loadWorkspace, persistSession, watchWorkspace } from './app/workspace-sync.js';
import { isMacPlatform } from './commands/keybinding.js';
import { EditorController } from './editor/editor-controller.js';
import { setupLanguages } from './editor/languages.js';
import { ModelRegistry } from './editor/models.js';
import { monaco } from './editor/monaco.js';
import { MonacoEditor } from './editor/MonacoEditor.js';
import { PreviewPanel } from './editor/PreviewPanel.js';
import { defineThemes } from './editor/themes.js';
import './styles/theme.css';
import './styles/shell.css';

const connection = connect();
// The models report dirty state to the documents store, which needs the models: tie the knot late.
let studio: Studio | null = null;
const models = new ModelRegistry(monaco, (path, dirty) => studio?.documents.getState().setDirty(path, dirty));
studio = createStudio({ connection, buffers: models, mac: isMacPlatform() });
const theStudio = studio;

// Before the first paint, so a light-theme user never sees a dark flash.
document.documentElement.dataset.theme = theStudio.theme.getState().theme;

defineThemes(monaco);
setupLanguages(monaco, models, theStudio);
const controller = new EditorController(monaco, models, theStudio);
theStudio.attachEditor(controller);
theStudio.commands.getState().register(...studioCommands(theStudio), ...composerCommands(theStudio), ...pipelineCommands(theStudio), ...pipelineRunCommands(theStudio));
installKeyboard(theStudio);
installUnloadGuard(theStudio);
connection.onCommand((command) => void theStudio.commands.getState().run(command));
watchWorkspace(theStudio);
persistSession(theStudio);
void loadWorkspace(theStudio);
// The status bar counts every connection's nodes from the start, not only once a view opened.
void theStudio.connections.getState().load();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <App
    studio={theStudio}
    editor={<MonacoEditor controller={controller} />}
    preview={<PreviewPanel monaco={monaco} />}
    views={{
      explorer: { sidebar: <ExplorerSidebar />, main: <ExplorerMain /> },
      composer: { sidebar: <ComposerSidebar />, main: <ComposerMain jsonEditor={<RequestJsonEditor monaco={monaco} />} /> },
      cluster: { sidebar: <ClusterSidebar />, main: <ClusterMain /> },
      pipelines: { sidebar: <PipelinesSidebar />, main: <PipelinesMain /> },
    }}
  />,
);
