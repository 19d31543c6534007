/**
 * How the local runner's handlers log. By default one JSON object per line, as deployed functions write (a request
 * logs one `handled` line); with `--pretty-logs` or LOG_PRETTY=1, Powertools' indented dev format (one record
 * over a dozen lines), easier to read and impossible to grep. Runs before any module builds the logger, which reads
 * POWERTOOLS_DEV when it is created. A POWERTOOLS_DEV set in the shell wins.
 */
export function applyLogFormat(prettyFlag: boolean, env: NodeJS.ProcessEnv = process.env): 'json-lines' | 'pretty' {
  if (env.POWERTOOLS_DEV === undefined && (prettyFlag || env.LOG_PRETTY === '1')) env.POWERTOOLS_DEV = 'true';
  return env.POWERTOOLS_DEV === 'true' ? 'pretty' : 'json-lines';
}
