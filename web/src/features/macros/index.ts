// Macros in the console: the "My macros" page, applying from the ticket page, the list and the
// composer. (The action builder is shared with rules: features/automation/action-builder.tsx.)
export { ApplyMacroButton, BulkApplyMacroModal, type SelectedTicket } from './apply-macro.tsx';
export { ComposerMacroButton } from './composer-macro-button.tsx';
export { MACRO_ACTION_TYPES, type MacroAction, type MacroActionType } from './macro-data.ts';
export { requestMacroPicker } from './macro-picker-request.ts';
