/**
 * Work in progress (issue 13): nothing is registered yet, so importing this package changes
 * nothing for an app; `webgl` joins `listBackends()` when every required kernel passes the
 * conformance suite.
 */
export const WEBGL_BACKEND_STATUS = 'in progress: not registered yet';
