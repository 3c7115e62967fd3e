import type { DataSource } from 'typeorm';
import type { Env } from '../../env.js';
import type { Clock } from '../auth/clock.js';
import { previewKey } from './preview-token.js';
import { PreviewResolver } from './preview.resolver.js';
import { PreviewService } from './preview.service.js';

export type PreviewEnv = Pick<Env, 'PREVIEW_SECRET' | 'REPORTER_KEY_SECRET'>;

export function createPreviewService(
  dataSource: DataSource,
  env: PreviewEnv,
  clock: Clock,
): PreviewService {
  return new PreviewService(
    dataSource,
    previewKey(env.PREVIEW_SECRET, env.REPORTER_KEY_SECRET),
    clock,
  );
}

export function createPreviewResolver(
  dataSource: DataSource,
  env: PreviewEnv,
  clock: Clock,
): [unknown, unknown] {
  return [PreviewResolver, new PreviewResolver(createPreviewService(dataSource, env, clock))];
}
