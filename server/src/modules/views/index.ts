// Views: saved ticket lists (a condition, columns and sort), personal or shared, and the
// many-counts query behind the side bar's live counts. Reads tickets through the tickets module.

export { ViewSchema, viewRoutes } from './routes.ts';
export { views } from './schema.ts';
export { countMany } from './view-counts.ts';
export {
  createView,
  deleteView,
  getView,
  listViews,
  updateView,
  type ViewDto,
  type ViewInput,
} from './views.ts';
