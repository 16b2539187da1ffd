/**
 * What a settings change means for the running server: a new `slopguard.path` needs a new
 * process; any other `slopguard.*` change is pushed to the running server.
 */

export type ConfigChangeAction = 'restart' | 'push' | 'none';

/** `affects` is `ConfigurationChangeEvent.affectsConfiguration`. */
export function actionForConfigChange(affects: (section: string) => boolean): ConfigChangeAction {
  if (affects('slopguard.path')) {
    return 'restart';
  }
  if (affects('slopguard')) {
    return 'push';
  }
  return 'none';
}
