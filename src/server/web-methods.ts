import * as benefits from '../../backend/benefits.web';
import * as dashboard from '../../backend/dashboard.web';
import * as loyalty from '../../backend/loyalty.web';
import type { WebMethodModules } from './web-method-host';

/** The backend/*.web.ts files the local host serves, by file name. */
export const webMethodModules: WebMethodModules = { benefits, dashboard, loyalty };
