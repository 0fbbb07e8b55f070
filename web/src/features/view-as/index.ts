// "View as": an administrator's read-only preview of the console as another agent.
export { AccessExplanation } from './access-explanation.tsx';
export { ViewAsBanner } from './view-as-banner.tsx';
export { ViewAsPicker } from './view-as-picker.tsx';
