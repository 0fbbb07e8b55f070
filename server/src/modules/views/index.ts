// Views: saved ticket lists (a condition, columns and sort), personal or shared, and the
// many-counts query behind the side bar's live counts. Reads tickets through the tickets module.

export { PRESET_VIEW_IDS, PRESET_VIEWS, type PresetView, presetFilters, presetView } from './preset-views.ts';
export { ViewSchema, viewRoutes } from './routes.ts';
export { views } from './schema.ts';
export { countMany, countViews } from './view-counts.ts';
export {
  createView,
  deleteView,
  getView,
  listViews,
  updateView,
  type ViewDto,
  type ViewInput,
} from './views.ts';
