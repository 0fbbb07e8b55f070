// Your account: profile, API tokens, sessions, and the header menu that leads there.
export { AccountMenu } from './account-menu.tsx';
