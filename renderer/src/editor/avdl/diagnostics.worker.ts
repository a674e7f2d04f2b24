/**
 * A web worker that runs the language service off the main thread: diagnostics on every pause
 * in typing, and the editor's other requests (completion, hover, navigation...) against the
 * compilation those diagnostics just made. Typing never waits for a compilation.
 */
import { createLanguageService } from '../../../../shared/idl/service/index.js';
import { answerDiagnosticsRequest, type DiagnosticsRequest, type DiagnosticsResponse } from './diagnostics-protocol.js';
import { answerServiceRequest, isServiceRequest, type ServiceRequest, type ServiceResponse } from './service-protocol.js';

// The renderer's TypeScript has the DOM library, not the WebWorker one: name what we use.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<DiagnosticsRequest | ServiceRequest>) => void) | null;
  postMessage(message: DiagnosticsResponse | ServiceResponse): void;
};

const service = createLanguageService();

scope.onmessage = (event) => {
  const message = event.data;
  if (isServiceRequest(message)) void answerServiceRequest(service, message).then((response) => scope.postMessage(response));
  else void answerDiagnosticsRequest(service, message, (response) => scope.postMessage(response));
};
