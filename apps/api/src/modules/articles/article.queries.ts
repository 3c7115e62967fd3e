/**
 * SQL for articles a reader may open by slug: published (or scheduled, once its time has
 * come), whatever moderation decided; the reader shows a notice or a 410 from moderationState.
 */
export function publishedCondition(alias: string): string {
  return `${alias}.status IN ('published', 'scheduled') AND ${alias}.published_at <= now()`;
}

/** SQL for articles that appear in lists, tags and search: published and not under moderation. */
export function listedCondition(alias: string): string {
  return `${publishedCondition(alias)} AND ${alias}.moderation_state = 'visible'`;
}
