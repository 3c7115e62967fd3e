export * from './headers.js';
export * from './article-slug.js';
export * from './reports.js';
export * from './error-codes.js';
export * from './content-changes.js';
export * from './webhooks.js';
